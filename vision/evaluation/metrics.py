"""Score one clip: what the coach reported (:class:`Prediction`) against what its label states.

:func:`score_clip` returns a :class:`ClipScore` of counts and error lists, never ratios, so that
scores of many clips add up (``totals``). Each part is scored only when the label states it:
exact contacts, a weak "every step X", glances (or "no glances"), passes with a direction,
posture, per-frame trunk lean, projected landmarks.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from vision.core.config import CoachConfig
from vision.evaluation.config import EvalConfig
from vision.evaluation.kinematics import extreme_leads_s, landing_speeds
from vision.evaluation.labels import PRED_STRIKES, STRIKES, ClipLabels, Span, contact_span
from vision.evaluation.matching import match_contacts, match_spans
from vision.evaluation.run import PredGlance, Prediction, PredStep

#: Landmark groups of the landmark error (BlazePose indices).
LANDMARK_GROUPS: dict[str, tuple[int, ...]] = {
    "ankles": (27, 28),
    "heels": (29, 30),
    "toes": (31, 32),
    "all": tuple(range(33)),
}
_WALK_DIRECTIONS = ("forward", "backward")


@dataclass
class ClipScore:
    """Counts of one clip (see the field comments); ``None``-free so that scores add up."""

    name: str
    kind: str
    reversed: bool
    direction: str | None
    strike: str | None
    posture: str | None
    seed: int | None
    frames: int
    minutes: float
    states: tuple[str, ...] = ()
    analysis_s: float = 0.0
    # contacts (exact labels)
    contacts_labelled: int = 0
    offsets: list[int] = field(default_factory=list)
    """Detected − labelled frame of each matched contact."""
    contact_tolerance_frames: int | None = None
    within_tolerance: int = 0
    """Labelled contacts matched within the label's own tolerance."""
    walk_contacts_labelled: int = 0
    """Labelled contacts while walking: in a walking span, outside turns (what the gait model is for)."""
    walk_offsets: list[int] = field(default_factory=list)
    """Detected − labelled frame of each matched contact while walking."""
    extreme_leads_s: list[float] = field(default_factory=list)
    """Foot extreme along the travel − labelled contact, s (a realism check of the gait)."""
    landing_speeds: list[float] = field(default_factory=list)
    """Landing foot's image speed into each contact frame, torso lengths/s (the other check)."""
    spurious: int = 0
    """Detected contacts in the labelled span matched to no label."""
    # strike: rows STRIKES (label), columns PRED_STRIKES (coach)
    confusion: np.ndarray = field(default_factory=lambda: np.zeros((len(STRIKES), len(PRED_STRIKES)), int))
    steps_detected: int = 0
    steps_walking: int = 0
    repeats: int = 0
    """Consecutive detected contacts of one foot within one walking span."""
    strike_measurable: bool = True
    classified_unmeasurable: int = 0
    """Steps given a class where the label says strike cannot be told (guesses)."""
    strides_scored: int = 0
    strides_right: int = 0
    passes_scored: int = 0
    passes_right: int = 0
    # glances
    glances_stated: int = 0
    """1 when the label states the glances (possibly none)."""
    glances_labelled: int = 0
    """Labelled glances that count for recall (EvalConfig.glance_min_*)."""
    glances_found: int = 0
    glances_detected: int = 0
    glances_false: int = 0
    yaw_errors: list[float] = field(default_factory=list)
    over_rotations: int = 0
    over_rot_flagged: int = 0
    """Over-rotations flagged where the label states the glances (precision's denominator)."""
    over_rot_true: int = 0
    # posture and lean
    lean_abs_err: list[float] = field(default_factory=list)
    upright_frames: int = 0
    upright_measured: int = 0
    upright_agree: int = 0
    """Frames where the coach's upright flag equals the per-frame label (of ``upright_compared``)."""
    upright_compared: int = 0
    # landmarks: errors in px and in body heights, per group
    landmark_px: dict[str, np.ndarray] = field(default_factory=dict)
    landmark_rel: dict[str, np.ndarray] = field(default_factory=dict)
    # detection
    present_frames: int = 0
    scored_frames: int = 0
    cadence_spm: float = float("nan")
    cadence_range_spm: tuple[float, float] | None = None
    view: str = ""


def _in_any(frame: int, spans: tuple[Span, ...]) -> bool:
    return any(s.contains(frame) for s in spans)


def _walking_contact(labels: ClipLabels, frame: int) -> bool:
    """Whether a labelled contact at ``frame`` is one of walking (not a turn's, a stand's)."""
    return _in_any(frame, labels.walking) and not _in_any(frame, labels.turns)


def _walking_steps(labels: ClipLabels, steps: tuple[PredStep, ...]) -> list[list[PredStep]]:
    """Detected steps in each walking span (outside turns), in contact order."""
    return [
        [s for s in steps if span.contains(s.contact_frame) and not _in_any(s.contact_frame, labels.turns)]
        for span in labels.walking
    ]


def _score_contacts(sc: ClipScore, labels: ClipLabels, pred: Prediction, cfg: EvalConfig) -> None:
    if labels.steps is None:
        return
    window = cfg.window_frames(labels.fps)
    span = contact_span(labels, window)
    det = [s for s in pred.steps if span.contains(s.contact_frame)]
    pairs = match_contacts(
        [(s.foot, s.contact_frame) for s in labels.steps], [(s.foot, s.contact_frame) for s in det], window
    )
    sc.contacts_labelled = len(labels.steps)
    sc.offsets = [p.offset for p in pairs]
    sc.contact_tolerance_frames = labels.contact_tolerance_frames
    if labels.contact_tolerance_frames is not None:
        sc.within_tolerance = sum(abs(p.offset) <= labels.contact_tolerance_frames for p in pairs)
    sc.spurious = len(det) - len(pairs)
    walking = [_walking_contact(labels, s.contact_frame) for s in labels.steps]
    sc.walk_contacts_labelled = sum(walking)
    sc.walk_offsets = [p.offset for p in pairs if walking[p.label]]
    sc.extreme_leads_s = extreme_leads_s(labels, pred.landmarks_px, cfg, walking=walking)
    sc.landing_speeds = landing_speeds(labels, pred.landmarks_px, walking=walking)
    for p in pairs:
        lab, got = labels.steps[p.label], det[p.detected]
        if lab.strike in STRIKES:
            sc.confusion[STRIKES.index(lab.strike), PRED_STRIKES.index(got.strike)] += 1
        if lab.direction in _WALK_DIRECTIONS:
            sc.strides_scored += 1
            sc.strides_right += got.direction == lab.direction


def _score_steps(sc: ClipScore, labels: ClipLabels, pred: Prediction) -> None:
    sc.steps_detected = len(pred.steps)
    per_span = _walking_steps(labels, pred.steps)
    for steps in per_span:
        sc.steps_walking += len(steps)
        sc.repeats += sum(a.foot == b.foot for a, b in itertools.pairwise(steps))
    if labels.steps is None:
        for span, steps in zip(labels.walking, per_span, strict=True):
            strike = span.strike or labels.strike_all
            if strike not in STRIKES:
                continue
            for s in steps:
                sc.confusion[STRIKES.index(strike), PRED_STRIKES.index(s.strike)] += 1
    if not labels.strike_measurable:
        sc.classified_unmeasurable = sum(s.strike != "unknown" for s in pred.steps)


def _score_passes(sc: ClipScore, labels: ClipLabels, pred: Prediction) -> None:
    for span in labels.walking:
        if span.direction not in _WALK_DIRECTIONS:
            continue
        seen = pred.direction[span.start_frame : span.end_frame + 1]
        seen = seen[np.isin(seen, _WALK_DIRECTIONS)]
        sc.passes_scored += 1
        if seen.size:
            values, counts = np.unique(seen, return_counts=True)
            sc.passes_right += values[np.argmax(counts)] == span.direction


def _score_glances(sc: ClipScore, labels: ClipLabels, glances: Sequence[PredGlance], cfg: EvalConfig) -> None:
    sc.glances_detected = len(glances)
    sc.over_rotations = sum(g.over_rotation for g in glances)
    if labels.glances is None:
        return
    coach = CoachConfig()
    sc.glances_stated = 1
    sc.over_rot_flagged = sc.over_rotations
    fps = labels.fps
    pairs = match_spans(
        [(g.start_frame, g.end_frame) for g in labels.glances],
        [(g.start_frame, g.end_frame) for g in glances],
    )
    sc.glances_false = len(glances) - len(pairs)

    def counts(g) -> bool:
        return g.peak_yaw_deg >= cfg.glance_min_yaw_deg and (g.end_frame - g.start_frame) / fps >= (
            cfg.glance_min_hold_s - 1e-9
        )

    sc.glances_labelled = sum(counts(g) for g in labels.glances)
    for p in pairs:
        lab, got = labels.glances[p.label], glances[p.detected]
        sc.glances_found += counts(lab)
        sc.yaw_errors.append(abs(abs(got.peak_yaw_deg) - lab.peak_yaw_deg))
        if got.over_rotation:
            held_s = (lab.end_frame - lab.start_frame) / fps
            sc.over_rot_true += (
                lab.peak_yaw_deg > coach.over_rotation_yaw_deg or held_s > coach.over_rotation_hold_s
            )


def _score_frames(sc: ClipScore, labels: ClipLabels, pred: Prediction, cfg: EvalConfig) -> None:
    n = min(labels.frame_count, pred.frame_count)
    span = labels.scored_frames or Span(0, n - 1)
    in_view = np.zeros(n, bool)
    in_view[span.start_frame : min(span.end_frame, n - 1) + 1] = True
    if labels.landmarks_px is not None:  # the body in the image, by its projected points
        in_view &= np.isfinite(labels.landmarks_px[:n, :, 0]).sum(axis=1) >= cfg.landmark_min_points
    sc.present_frames = int(pred.present[:n][in_view].sum())
    sc.scored_frames = int(in_view.sum())
    up = pred.upright[:n]
    sc.upright_measured = int(np.isfinite(up).sum())
    sc.upright_frames = int((up == 1).sum())
    if labels.upright is not None:
        both = np.isfinite(up) & np.isfinite(labels.upright[:n])
        sc.upright_compared = int(both.sum())
        sc.upright_agree = int((up[both] == labels.upright[:n][both]).sum())
    if labels.trunk_lean_deg is not None:
        err = np.abs(pred.trunk_lean_deg[:n] - labels.trunk_lean_deg[:n])
        sc.lean_abs_err = err[np.isfinite(err) & pred.present[:n]].tolist()
    if labels.landmarks_px is not None:
        truth, got = labels.landmarks_px[:n], pred.landmarks_px[:n]
        ok = np.isfinite(truth[..., 0]).sum(axis=1) >= cfg.landmark_min_points
        extent = np.nanmax(truth[ok, :, 1], axis=1) - np.nanmin(truth[ok, :, 1], axis=1)
        body_px = float(np.median(extent)) if extent.size else float("nan")
        err = np.linalg.norm(got - truth, axis=2)  # (frames, 33), NaN where either is missing
        for name, idx in LANDMARK_GROUPS.items():
            e = err[:, list(idx)].ravel()
            e = e[np.isfinite(e)]
            sc.landmark_px[name] = e
            sc.landmark_rel[name] = e / body_px if body_px > 0 else np.empty(0)


def _header(labels: ClipLabels, pred: Prediction | None = None) -> ClipScore:
    """A clip's score with what its labels (and the prediction's clip-level facts) say, nothing scored."""
    return ClipScore(
        name=labels.name,
        kind=labels.kind,
        reversed=labels.reversed,
        direction=labels.direction,
        strike=labels.strike or labels.strike_all,
        posture=labels.posture,
        seed=labels.seed,
        frames=labels.frame_count,
        minutes=labels.duration_min,
        states=labels.states,
        analysis_s=pred.analysis_s if pred else 0.0,
        cadence_spm=pred.cadence_spm if pred else float("nan"),
        cadence_range_spm=labels.cadence_range_spm,
        view=pred.view if pred else "",
        strike_measurable=labels.strike_measurable,
    )


def score_clip(labels: ClipLabels, pred: Prediction, cfg: EvalConfig | None = None) -> ClipScore:
    """Everything ``labels`` lets the eval check about ``pred``."""
    cfg = cfg or EvalConfig()
    sc = _header(labels, pred)
    _score_contacts(sc, labels, pred, cfg)
    _score_steps(sc, labels, pred)
    _score_passes(sc, labels, pred)
    _score_glances(sc, labels, pred.glances, cfg)
    _score_frames(sc, labels, pred, cfg)
    return sc


def score_glances(
    labels: ClipLabels, glances: Sequence[PredGlance], cfg: EvalConfig | None = None
) -> ClipScore:
    """Only the glance scores of ``glances`` against ``labels`` (what a glance fit needs)."""
    sc = _header(labels)
    _score_glances(sc, labels, glances, cfg or EvalConfig())
    return sc
