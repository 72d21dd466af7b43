"""The tables of an analysis: ``frames.csv`` (streamed), ``steps.csv`` and ``summary.json``.

Column names and meanings are documented in ``docs/outputs.md``; they are a public interface.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import IO

import numpy as np

from vision.core.events import FrameMetrics, SessionSummary, StepRecord
from vision.landmarks import NAMES
from vision.pose_frame import PoseFrame

METRIC_COLUMNS = (
    "frame",
    "time_s",
    "subject_present",
    "subject_id",
    "view",
    "direction",
    "trunk_lean_deg",
    "lateral_lean_deg",
    "neck_flexion_deg",
    "head_flexion_deg",
    "head_yaw_deg",
    "glance",
    "upright",
    "looking_down",
    "knee_flexion_left_deg",
    "knee_flexion_right_deg",
    "pelvis_sway_frac",
)
LANDMARK_COLUMNS = tuple(f"{n}_{a}" for n in NAMES for a in ("x", "y", "xn", "yn", "vis"))
FRAME_COLUMNS = METRIC_COLUMNS + LANDMARK_COLUMNS

STEP_COLUMNS = (
    "step",
    "foot",
    "contact_frame",
    "contact_time_s",
    "liftoff_frame",
    "liftoff_time_s",
    "stance_time_s",
    "strike",
    "direction",
    "confidence",
    "foot_angle_deg",
    "knee_flexion_contact_deg",
    "knee_flexion_peak_deg",
)


def _num(v: float, digits: int = 3) -> str:
    return "" if v is None or v != v else f"{v:.{digits}f}"


def _flag(v: bool | None) -> str:
    return "" if v is None else str(int(v))


class FramesCsv:
    """Streams one row per frame; landmark pixels are in the original video's coordinates."""

    def __init__(self, stream: IO[str]) -> None:
        self._w = csv.writer(stream, lineterminator="\n")
        self._w.writerow(FRAME_COLUMNS)
        self._empty = [""] * len(LANDMARK_COLUMNS)

    def write(self, pose: PoseFrame, m: FrameMetrics, scale: float, size: tuple[int, int]) -> None:
        """``scale`` maps the pose's pixels to the original video's; ``size`` is its (w, h)."""
        row = [
            str(m.frame_index),
            f"{m.time_s:.4f}",
            str(int(pose.present)),
            "" if pose.subject_id is None else str(pose.subject_id),
            m.view.value,
            m.direction.value,
            _num(m.trunk_lean_deg, 2),
            _num(m.lateral_lean_deg, 2),
            _num(m.neck_flexion_deg, 2),
            _num(m.head_flexion_deg, 2),
            _num(m.head_yaw_deg, 2),
            str(int(m.in_glance)),
            _flag(m.upright),
            _flag(m.looking_down),
            _num(m.knee_flexion_left_deg, 2),
            _num(m.knee_flexion_right_deg, 2),
            _num(m.pelvis_sway_frac, 4),
        ]
        if pose.present:
            xy = pose.xy.astype(np.float64) * scale
            xn = xy / np.array(size, dtype=np.float64)
            vals = np.column_stack([xy, xn, pose.visibility]).ravel()
            row += [_num(v, 4) for v in vals]
        else:
            row += self._empty
        self._w.writerow(row)


def step_rows(steps: tuple[StepRecord, ...]) -> list[dict]:
    """The per-step table as dicts keyed by :data:`STEP_COLUMNS`."""
    return [
        {
            "step": i + 1,
            "foot": s.foot.value,
            "contact_frame": s.contact_frame,
            "contact_time_s": round(s.contact_time_s, 4),
            "liftoff_frame": s.liftoff_frame if s.liftoff_frame >= 0 else "",
            "liftoff_time_s": "" if s.liftoff_time_s != s.liftoff_time_s else round(s.liftoff_time_s, 4),
            "stance_time_s": "" if s.stance_time_s != s.stance_time_s else round(s.stance_time_s, 4),
            "strike": s.strike.value,
            "direction": s.direction.value,
            "confidence": round(s.confidence, 3),
            "foot_angle_deg": _num(s.foot_angle_deg, 1),
            "knee_flexion_contact_deg": _num(s.knee_flexion_contact_deg, 1),
            "knee_flexion_peak_deg": _num(s.knee_flexion_peak_deg, 1),
        }
        for i, s in enumerate(steps)
    ]


def write_steps_csv(path: Path, steps: tuple[StepRecord, ...]) -> None:
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=STEP_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(step_rows(steps))


def _clean(v: object) -> object:
    """JSON-safe: NaN/inf → None, enums → values, mappings and sequences recursively."""
    if isinstance(v, float):
        return None if not math.isfinite(v) else round(v, 4)
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, Mapping):
        return {str(k.value if isinstance(k, Enum) else k): _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    return v


def summary_dict(s: SessionSummary, backward_time_s: float, extra: Mapping[str, object]) -> dict:
    """``summary.json``'s content: the core's summary numbers plus the run's facts (``extra``)."""
    share = {k: s.strike_share.get(k, 0.0) if s.strike_share else None for k in ("forefoot", "flat", "heel")}
    out = {
        "direction": s.direction,
        "duration_s": s.duration_s,
        "walking_time_backward_s": backward_time_s,
        "steps": len(s.steps),
        "cadence_spm": s.cadence_spm,
        "step_time_s": s.step_time_s,
        "stance_time_s": s.stance_time_s,
        "step_time_symmetry_pct": s.step_time_symmetry_pct,
        "stance_time_symmetry_pct": s.stance_time_symmetry_pct,
        "strike_share": share,
        "knee_flexion_contact_deg": s.knee_flexion_contact_deg,
        "knee_flexion_peak_deg": s.knee_flexion_peak_deg,
        "glances": len(s.glances),
        "glances_per_min": s.glances_per_min,
        "over_rotations": s.over_rotations,
        "glance_list": [
            {
                "start_s": g.start_time_s,
                "end_s": g.end_time_s,
                "peak_yaw_deg": g.peak_yaw_deg,
                "side": g.side,
                "over_rotation": g.over_rotation,
            }
            for g in s.glances
        ],
        "upright_share": s.upright_share,
        "looking_down_share": s.looking_down_share,
        "mean_trunk_lean_deg": s.mean_trunk_lean_deg,
        "sway_frac": s.sway_frac,
        "falls": [{"kind": f.kind, "time_s": f.time_s, "reason": f.reason} for f in s.falls],
        "leaving_frame_warnings": s.leaving_frame_warnings,
        "view": s.view,
        "detection_rate": s.detection_rate,
        "not_measurable": dict(s.not_measurable),
        **extra,
    }
    return _clean(out)


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
