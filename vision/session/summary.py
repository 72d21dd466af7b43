"""The typed summary of one coaching session, as every consumer reads it.

:class:`SessionSummary` holds what ``summary.json`` holds (see docs/outputs.md): the core's
totals (:class:`vision.core.events.SessionSummary`, here as plain numbers, ``None`` where not
measured) plus the facts of the run (video, model, processing, live settings). All types are
frozen and built by keyword. JSON is written and read in :mod:`vision.session.summary_json`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from vision.core.events import SessionSummary as CoreSummary
from vision.core.events import StepRecord

STRIKE_CLASSES: tuple[str, ...] = ("forefoot", "flat", "heel")


def measured(value: float | None) -> float | None:
    """``value`` as a float, or None when it is missing, NaN or infinite."""
    if value is None:
        return None
    v = float(value)
    return v if math.isfinite(v) else None


@dataclass(frozen=True, slots=True, kw_only=True)
class StrikeShare:
    """Share of the measurable contacts per strike class (0..1; None when no contact was)."""

    forefoot: float | None = None
    flat: float | None = None
    heel: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GlanceRow:
    """One glance over the shoulder (stream seconds, degrees of head yaw against the trunk)."""

    start_s: float
    end_s: float
    peak_yaw_deg: float | None
    side: str
    over_rotation: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class FallRow:
    """A fall or stumble: ``kind`` ("fall" / "stumble"), when (s) and why."""

    kind: str
    time_s: float
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class VideoFacts:
    """The input video (pixels, frames per second, clockwise rotation in degrees)."""

    file: str
    width: int
    height: int
    fps: float | None
    frames: int
    rotation_deg: int = 0
    codec: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelFacts:
    """The pose engine: backend name and the SHA-256 of each model file it ran, by file name."""

    backend: str
    files: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class EncodingFacts:
    """The annotated video: codec, encoder and size in pixels."""

    codec: str
    encoder: str
    width: int
    height: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessingFacts:
    """How the run went: wall seconds, frames per second, stream seconds per wall second, peak RSS."""

    seconds: float
    fps: float
    realtime_factor: float
    peak_rss_mb: float
    threads: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RunFacts:
    """Everything about a run that the core does not know (each part optional)."""

    source: str = "analyze"
    """``analyze``, ``replay`` or ``live``."""
    language: str | None = None
    frames_processed: int | None = None
    halted: str | None = None
    """``fall`` / ``stumble`` when a live session was stopped for safety."""
    cues: int | None = None
    """Cues given (live and replay)."""
    video: VideoFacts | None = None
    model: ModelFacts | None = None
    annotated_video: EncodingFacts | None = None
    processing: ProcessingFacts | None = None
    app_version: str | None = None
    created_at: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionSummary:
    """One session's summary: the numbers of ``summary.json`` (None = not measured)."""

    direction: str
    duration_s: float
    walking_time_backward_s: float
    steps: int
    cadence_spm: float | None
    step_time_s: float | None
    stance_time_s: float | None
    step_time_symmetry_pct: float | None
    stance_time_symmetry_pct: float | None
    strike_share: StrikeShare
    knee_flexion_contact_deg: float | None
    knee_flexion_peak_deg: float | None
    glances: int
    glances_per_min: float | None
    over_rotations: int
    glance_list: tuple[GlanceRow, ...]
    upright_share: float | None
    looking_down_share: float | None
    mean_trunk_lean_deg: float | None
    sway_frac: float | None
    falls: tuple[FallRow, ...]
    leaving_frame_warnings: int
    view: str
    detection_rate: float | None
    not_measurable: Mapping[str, str]
    run: RunFacts = field(default_factory=RunFacts)
    step_records: tuple[StepRecord, ...] = ()
    """The core's steps (the rows of ``steps.csv``); empty when read back from ``summary.json``."""
    trunk_leaning_share: float | None = None
    """Part of upright: share of measured frames with the trunk leaning (docs/posture.md)."""
    rounded_back_share: float | None = None
    """Part of upright: share of measured frames with a rounded upper back (docs/posture.md)."""


MEASURED_FIELDS: tuple[str, ...] = (
    "cadence_spm",
    "step_time_s",
    "stance_time_s",
    "step_time_symmetry_pct",
    "stance_time_symmetry_pct",
    "knee_flexion_contact_deg",
    "knee_flexion_peak_deg",
    "glances_per_min",
    "upright_share",
    "looking_down_share",
    "mean_trunk_lean_deg",
    "sway_frac",
    "detection_rate",
    "trunk_leaning_share",
    "rounded_back_share",
)
"""The core's totals that :func:`from_core` copies under the same name as plain numbers (None
where not measured: missing, NaN or infinite)."""


def _share(core: CoreSummary) -> StrikeShare:
    if not core.strike_share:
        return StrikeShare()
    return StrikeShare(**{k: float(core.strike_share.get(k, 0.0)) for k in STRIKE_CLASSES})


def from_core(core: CoreSummary, *, backward_s: float, run: RunFacts) -> SessionSummary:
    """The typed summary of the core's totals, the backward-walking seconds and the run's facts."""
    return SessionSummary(
        direction=core.direction.value,
        duration_s=float(core.duration_s),
        walking_time_backward_s=float(backward_s),
        steps=len(core.steps),
        strike_share=_share(core),
        glances=len(core.glances),
        over_rotations=int(core.over_rotations),
        glance_list=tuple(
            GlanceRow(
                start_s=g.start_time_s,
                end_s=g.end_time_s,
                peak_yaw_deg=measured(g.peak_yaw_deg),
                side=g.side,
                over_rotation=bool(g.over_rotation),
            )
            for g in core.glances
        ),
        falls=tuple(FallRow(kind=f.kind, time_s=f.time_s, reason=f.reason) for f in core.falls),
        leaving_frame_warnings=int(core.leaving_frame_warnings),
        view=core.view.value,
        not_measurable=dict(core.not_measurable),
        run=run,
        step_records=tuple(core.steps),
        **{name: measured(getattr(core, name)) for name in MEASURED_FIELDS},
    )


def strike_counts(steps: tuple[StepRecord, ...]) -> dict[str, int]:
    """Contacts per strike class (including ``unknown``)."""
    counts: dict[str, int] = {}
    for s in steps:
        counts[s.strike.value] = counts.get(s.strike.value, 0) + 1
    return counts
