"""What a label file states about a clip, as one typed value: :class:`ClipLabels`.

Every reader (rendered clips in ``labels_rendered``, the shared real clips in ``labels_shared``)
and the time reversal (``reversal``) produce these; the scoring (``metrics``) reads only them. A
field is ``None`` when the label file does not state it, so each clip is scored only on what its
label says. Frames count from 0 in decode order.

Array shapes: ``head_yaw_deg``, ``trunk_lean_deg``, ``upright`` are ``(frame_count,)``;
``landmarks_px`` is ``(frame_count, 33, 2)`` float pixels (x, y), NaN where a landmark's place
is not in the image or not given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

FEET = ("left", "right")
#: Labelled strike classes (rows of the confusion matrix).
STRIKES = ("forefoot", "flat", "heel")
#: Predicted strike classes (columns of the confusion matrix).
PRED_STRIKES = (*STRIKES, "unknown")
DIRECTIONS = ("backward", "forward")
POSTURES = ("upright", "leaning", "slouching")


@dataclass(frozen=True, slots=True)
class LabelStep:
    """One labelled initial contact; ``liftoff_frame`` −1 when unknown or after the clip."""

    foot: str
    contact_frame: int
    liftoff_frame: int = -1
    strike: str | None = None
    direction: str | None = None


@dataclass(frozen=True, slots=True)
class LabelGlance:
    """A labelled head turn over the shoulder; ``peak_yaw_deg`` is a magnitude."""

    start_frame: int
    end_frame: int
    peak_frame: int
    peak_yaw_deg: float
    side: str


@dataclass(frozen=True, slots=True)
class Span:
    """Frames ``start_frame``..``end_frame`` (inclusive), with what happens in them."""

    start_frame: int
    end_frame: int
    direction: str | None = None
    strike: str | None = None
    """How every step of this pass lands, where the label says so per pass (else the clip's
    ``strike_all``)."""

    def contains(self, frame: int) -> bool:
        return self.start_frame <= frame <= self.end_frame


@dataclass(frozen=True)
class ClipLabels:
    """The stated truth of one clip (forward as filmed, or its time-reversed copy)."""

    name: str
    """Row name in the report (the video's stem, plus ``(reversed)``)."""
    video: Path
    """The source video as filmed (the reversed copy is made from it at run time)."""
    kind: str
    """``"rendered"`` (exact labels) or ``"shared"`` (real clips, weak or partial labels)."""
    fps: float
    frame_count: int
    reversed: bool = False
    seed: int | None = None
    direction: str | None = None
    """Clip level: backward / forward / standing / mixed."""
    strike: str | None = None
    """Clip level: forefoot / flat / heel / mixed."""
    posture: str | None = None
    steps: tuple[LabelStep, ...] | None = None
    """Exact contacts (None: not labelled)."""
    contact_tolerance_frames: int | None = None
    """The label's own tolerance for its contact frames (how sure the labeller was)."""
    strike_all: str | None = None
    """Weak label: every walking step lands this way (scores detected steps, not matched ones)."""
    glances: tuple[LabelGlance, ...] | None = None
    """None: not stated; an empty tuple: the label says there are none."""
    walking: tuple[Span, ...] = ()
    """Where the subject walks (feet alternate): spurious steps and same-foot repeats are
    counted here; a span's ``direction`` is the stated direction of that pass."""
    turns: tuple[Span, ...] = ()
    gait: bool = True
    """False: the label says there is no gait (any detected step is wrong)."""
    cadence_range_spm: tuple[float, float] | None = None
    strike_measurable: bool = True
    """False: the label says strike cannot be told here (classified steps are guesses)."""
    scored_frames: Span | None = None
    """Frames where the subject is in view (detection rate); None: the whole clip."""
    head_yaw_deg: np.ndarray | None = None
    trunk_lean_deg: np.ndarray | None = None
    upright: np.ndarray | None = None
    landmarks_px: np.ndarray | None = None
    label_file: Path | None = None
    states: tuple[str, ...] = field(default_factory=tuple)
    """Short words for what the label states (shown in the report)."""

    @property
    def duration_min(self) -> float:
        return self.frame_count / self.fps / 60.0 if self.fps > 0 else 0.0


def contact_span(labels: ClipLabels, window_frames: int) -> Span:
    """Frames in which detected contacts are scored against exact labels.

    Rendered clips: the whole clip. Partially labelled clips: the labelled contacts ± the
    matching window (contacts outside were not labelled, so they are neither right nor wrong).
    """
    if labels.kind == "rendered" or not labels.steps:
        return Span(0, labels.frame_count - 1)
    frames = [s.contact_frame for s in labels.steps]
    return Span(max(0, min(frames) - window_frames), min(labels.frame_count - 1, max(frames) + window_frames))


def per_frame(values: object, n: int) -> np.ndarray | None:
    """A label's per-frame list as floats, length ``n`` (None → NaN, booleans → 1/0), or None."""
    if values is None:
        return None
    arr = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
    if arr.shape != (n,):
        raise ValueError(f"per-frame label has {arr.shape[0]} values for {n} frames")
    return arr


def landmarks_array(values: object, in_image: object, n: int) -> np.ndarray | None:
    """``(n, 33, 2)`` pixels from ``landmarks_px`` (nulls → NaN), masked by ``landmarks_in_image``."""
    if values is None:
        return None
    out = np.full((n, 33, 2), np.nan)
    for i, frame in enumerate(values):
        if frame is None:
            continue
        for j, pt in enumerate(frame):
            if pt is not None and pt[0] is not None and pt[1] is not None:
                out[i, j] = pt
    if in_image is not None:
        mask = np.array(
            [[bool(v) for v in row] if row is not None else [False] * 33 for row in in_image], dtype=bool
        )
        out[~mask] = np.nan
    return out
