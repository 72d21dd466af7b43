"""The tables of a session: ``frames.csv`` (streamed) and ``steps.csv``.

Column names live in :mod:`vision.session.formats` and are documented in ``docs/outputs.md``;
``summary.json`` is written by :mod:`vision.session.summary_json`.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO

import numpy as np

from vision.core.events import FrameMetrics, StepRecord
from vision.pose_frame import PoseFrame
from vision.session.formats import FRAME_COLUMNS, LANDMARK_COLUMNS, STEP_COLUMNS

__all__ = ["FRAME_COLUMNS", "STEP_COLUMNS", "FramesCsv", "step_rows", "write_steps_csv"]


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

    def write(self, pose: PoseFrame, m: FrameMetrics, *, scale: float, size: tuple[int, int]) -> None:
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
