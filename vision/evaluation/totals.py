"""Add up clip scores into the numbers of the table, each with the count it rests on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from vision.evaluation.labels import PRED_STRIKES, STRIKES
from vision.evaluation.metrics import LANDMARK_GROUPS, ClipScore


@dataclass(frozen=True, slots=True)
class Figure:
    """A number and what it rests on: ``n`` events, frames or clips (``value`` None when n = 0)."""

    value: float | None
    n: int


def _ratio(num: float, den: int) -> Figure:
    return Figure(num / den if den else None, den)


def _median(values: Sequence[float] | np.ndarray) -> Figure:
    arr = np.asarray(values, dtype=float)
    return Figure(float(np.median(arr)) if arr.size else None, int(arr.size))


def _p90(values: np.ndarray) -> Figure:
    return Figure(float(np.percentile(values, 90)) if values.size else None, int(values.size))


@dataclass(frozen=True, slots=True)
class LandmarkError:
    median_px: Figure
    p90_px: Figure
    median_pct_height: Figure


@dataclass(frozen=True)
class Totals:
    """The table's numbers for a group of clips."""

    clips: int
    frames: int
    minutes: float
    analysis_s: float
    contact_mae_frames: Figure
    within: tuple[tuple[int, Figure], ...]
    """(tolerance in frames, share of labelled contacts with a detection that close)."""
    within_walking: tuple[tuple[int, Figure], ...]
    """The same for the labelled contacts while walking (turns and stands left out)."""
    missed: Figure
    spurious: int
    extreme_lead_ms: Figure
    """Median foot extreme along the travel − labelled contact (ms; − = before the contact)."""
    landing_speed: Figure
    """Median image speed of the landing foot into its contact frame (torso lengths/s)."""
    confusion: np.ndarray
    strike_accuracy: Figure
    unknown_share: Figure
    repeat_share: Figure
    repeats: int
    classified_unmeasurable: Figure
    stride_direction: Figure
    pass_direction: Figure
    glance_recall: Figure
    glance_precision: Figure
    false_glances_per_min: Figure
    """``n`` = false glances; the minutes are those of clips whose label states the glances."""
    glance_minutes: float
    yaw_error_deg: Figure
    over_rotation_precision: Figure
    glances_detected: int
    over_rotations: int
    lean_mae_deg: Figure
    upright_share: dict[str, Figure]
    """Per labelled posture: share of measured frames called upright (n = clips)."""
    upright_agreement: Figure
    """Share of frames where the coach's upright flag equals the per-frame label."""
    landmarks: dict[str, LandmarkError]
    detection_rate: Figure
    steps_detected: int


def _upright(scores: Sequence[ClipScore]) -> dict[str, Figure]:
    out = {}
    for posture in sorted({s.posture for s in scores if s.posture}):
        group = [s for s in scores if s.posture == posture and s.upright_measured]
        frames = sum(s.upright_measured for s in group)
        out[posture] = Figure(sum(s.upright_frames for s in group) / frames if frames else None, len(group))
    return out


def _landmarks(scores: Sequence[ClipScore]) -> dict[str, LandmarkError]:
    out = {}
    for name in LANDMARK_GROUPS:
        px = np.concatenate([s.landmark_px[name] for s in scores if name in s.landmark_px] or [np.empty(0)])
        rel = np.concatenate(
            [s.landmark_rel[name] for s in scores if name in s.landmark_rel] or [np.empty(0)]
        )
        if px.size:
            med = _median(rel)
            pct = Figure(None if med.value is None else 100.0 * med.value, med.n)
            out[name] = LandmarkError(_median(px), _p90(px), pct)
    return out


def totals(scores: Sequence[ClipScore], tolerances: Sequence[int] = (1, 2)) -> Totals:
    """Sum ``scores`` into a :class:`Totals`."""
    offsets = np.array([o for s in scores for o in s.offsets], dtype=float)
    labelled = sum(s.contacts_labelled for s in scores)
    walk_offsets = np.abs(np.array([o for s in scores for o in s.walk_offsets], dtype=float))
    walk_labelled = sum(s.walk_contacts_labelled for s in scores)
    conf = sum((s.confusion for s in scores), np.zeros((len(STRIKES), len(PRED_STRIKES)), int))
    classified = conf[:, :3]
    stated = [s for s in scores if s.glances_stated]
    minutes = sum(s.minutes for s in stated)
    false = sum(s.glances_false for s in stated)
    return Totals(
        clips=len(scores),
        frames=sum(s.frames for s in scores),
        minutes=sum(s.minutes for s in scores),
        analysis_s=sum(s.analysis_s for s in scores),
        contact_mae_frames=Figure(float(np.abs(offsets).mean()) if offsets.size else None, int(offsets.size)),
        within=tuple((t, _ratio(int((np.abs(offsets) <= t).sum()), labelled)) for t in tolerances),
        within_walking=tuple((t, _ratio(int((walk_offsets <= t).sum()), walk_labelled)) for t in tolerances),
        missed=_ratio(labelled - offsets.size, labelled),
        spurious=sum(s.spurious for s in scores),
        extreme_lead_ms=_median([1000.0 * v for s in scores for v in s.extreme_leads_s]),
        landing_speed=_median([v for s in scores for v in s.landing_speeds]),
        confusion=conf,
        strike_accuracy=_ratio(int(np.trace(classified)), int(classified.sum())),
        unknown_share=_ratio(int(conf[:, 3].sum()), int(conf.sum())),
        repeat_share=_ratio(sum(s.repeats for s in scores), sum(s.steps_walking for s in scores)),
        repeats=sum(s.repeats for s in scores),
        classified_unmeasurable=_ratio(
            sum(s.classified_unmeasurable for s in scores),
            sum(s.steps_detected for s in scores if not s.strike_measurable),
        ),
        stride_direction=_ratio(sum(s.strides_right for s in scores), sum(s.strides_scored for s in scores)),
        pass_direction=_ratio(sum(s.passes_right for s in scores), sum(s.passes_scored for s in scores)),
        glance_recall=_ratio(sum(s.glances_found for s in scores), sum(s.glances_labelled for s in scores)),
        glance_precision=_ratio(
            sum(s.glances_detected - s.glances_false for s in stated), sum(s.glances_detected for s in stated)
        ),
        false_glances_per_min=Figure(false / minutes if minutes else None, false),
        glance_minutes=minutes,
        yaw_error_deg=_median([e for s in scores for e in s.yaw_errors]),
        over_rotation_precision=_ratio(
            sum(s.over_rot_true for s in stated), sum(s.over_rot_flagged for s in stated)
        ),
        glances_detected=sum(s.glances_detected for s in scores),
        over_rotations=sum(s.over_rotations for s in scores),
        lean_mae_deg=Figure(
            float(np.mean(np.concatenate([s.lean_abs_err for s in scores])))
            if any(s.lean_abs_err for s in scores)
            else None,
            sum(len(s.lean_abs_err) for s in scores),
        ),
        upright_share=_upright(scores),
        upright_agreement=_ratio(
            sum(s.upright_agree for s in scores), sum(s.upright_compared for s in scores)
        ),
        landmarks=_landmarks(scores),
        detection_rate=_ratio(sum(s.present_frames for s in scores), sum(s.scored_frames for s in scores)),
        steps_detected=sum(s.steps_detected for s in scores),
    )
