"""Synthetic data for the clinic tests: pose frames and ``retrowalk analyze`` folders."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from vision.landmarks import NAMES, NUM_LANDMARKS
from vision.pose_frame import PoseFrame

SIZE = (640, 480)
ADMIN_PW = "admin passphrase 1"
OTHER_PW = "other passphrase 2"


def landmarks_at(t: float) -> tuple[np.ndarray, np.ndarray]:
    """Deterministic (33, 2) pixel landmarks and (33,) visibility at time ``t`` seconds."""
    k = np.arange(NUM_LANDMARKS, dtype=np.float64)
    xy = np.stack([100 + 12 * k + 20 * math.sin(2 * t), 50 + 11 * k + 10 * math.cos(3 * t)], axis=1)
    vis = 0.5 + 0.5 * np.abs(np.sin(k + t))
    return xy.astype(np.float32), vis.astype(np.float32)


def pose_frame(i: int, fps: float = 30.0, present: bool = True) -> PoseFrame:
    """Frame ``i`` of a synthetic stream at ``fps``."""
    t = i / fps
    if not present:
        return PoseFrame.absent(i, t, SIZE)
    xy, vis = landmarks_at(t)
    return PoseFrame(i, t, SIZE, xy=xy, visibility=vis, subject_id=1, score=0.9)


def write_analysis_folder(
    folder: Path,
    *,
    n_frames: int = 150,
    fps: float = 30.0,
    summary: dict[str, Any] | None = None,
    landmarks: bool = True,
    frame_columns: tuple[str, ...] = (
        "frame",
        "time_s",
        "subject_present",
        "trunk_lean_deg",
        "head_yaw_deg",
        "glance",
    ),
) -> Path:
    """Write summary.json, steps.csv and frames.csv like ``retrowalk analyze`` does."""
    folder.mkdir(parents=True, exist_ok=True)
    base = {
        "direction": "backward",
        "steps": 8,
        "cadence_spm": 96.5,
        "strike_share": {"forefoot": 0.75, "flat": 0.125, "heel": 0.125},
        "glances": 2,
        "glances_per_min": 24.0,
        "over_rotations": 1,
        "upright_share": 0.83,
        "view": "side",
        "detection_rate": 0.97,
        "duration_s": n_frames / fps,
        "started_at": "2026-03-02T10:00:00+00:00",
        "width": SIZE[0],
        "height": SIZE[1],
    }
    (folder / "summary.json").write_text(json.dumps({**base, **(summary or {})}))
    strikes = ["forefoot"] * 6 + ["flat", "heel"]
    with (folder / "steps.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["foot", "contact_frame", "contact_time_s", "liftoff_frame", "strike", "direction", "confidence"]
        )
        for k, strike in enumerate(strikes):
            frame = 10 + 15 * k
            w.writerow(["left" if k % 2 else "right", frame, frame / fps, frame + 8, strike, "backward", 0.9])
    with (folder / "frames.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        lm_cols = [f"{n}_{c}" for n in NAMES for c in ("x", "y", "vis")] if landmarks else []
        w.writerow([*frame_columns, *lm_cols])
        for i in range(n_frames):
            t = i / fps
            glance = 30 <= i < 40 or 100 <= i < 106
            values = {
                "frame": i,
                "time_s": f"{t:.6f}",
                "subject_present": "True" if i != 5 else "False",
                "trunk_lean_deg": f"{4 + math.sin(t):.3f}",
                "head_yaw_deg": f"{50.0 if glance else 5.0:.1f}",
                "glance": "True" if glance else "False",
            }
            xy, vis = landmarks_at(t)
            lms = (
                [f"{v:.3f}" for j in range(NUM_LANDMARKS) for v in (xy[j, 0], xy[j, 1], vis[j])]
                if landmarks
                else []
            )
            w.writerow([*(values[c] for c in frame_columns), *lms])
    return folder


def write_analyze_output(folder: Path, *, n_frames: int = 90, fps: float = 30.0) -> Path:
    """A folder in the exact layout ``vision/session/tables.py`` writes: 1/0 flags, empty
    cells for unknown values and absent frames, extra columns, nested ``video``/``model``."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = {
        "direction": "backward",
        "duration_s": n_frames / fps,
        "walking_time_backward_s": 2.5,
        "steps": 3,
        "cadence_spm": 88.0,
        "strike_share": {"forefoot": 0.5, "flat": 0.5, "heel": 0.0},
        "glances": 1,
        "glances_per_min": 20.0,
        "over_rotations": 0,
        "glance_list": [
            {"start_s": 1.0, "end_s": 1.5, "peak_yaw_deg": 48.2, "side": "right", "over_rotation": False}
        ],
        "upright_share": None,
        "falls": [],
        "view": "side",
        "detection_rate": 0.9,
        "not_measurable": {"upright_share": "trunk not visible"},
        "video": {"file": "walk.mp4", "width": 1280, "height": 720, "fps": fps, "frames": n_frames},
        "model": {"backend": "onnx", "files": {"landmark": "pose_landmark_full.onnx"}},
        "app_version": "0.1.0",
        "created_at": "2026-04-01T08:30:00+00:00",
    }
    (folder / "summary.json").write_text(json.dumps(summary, indent=2))
    with (folder / "steps.csv").open("w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["step", "foot", "contact_frame", "contact_time_s", "liftoff_frame", "liftoff_time_s",
                    "stance_time_s", "strike", "direction", "confidence", "foot_angle_deg",
                    "knee_flexion_contact_deg", "knee_flexion_peak_deg"])  # fmt: skip
        w.writerow([1, "left", 12, 0.4, 30, 1.0, 0.6, "forefoot", "backward", 0.91, "-12.5", "", ""])
        w.writerow([2, "right", 40, 1.3333, "", "", "", "flat", "backward", 0.7, "", "", ""])
        w.writerow([3, "left", 70, 2.3333, "", "", "", "unknown", "backward", 0.2, "", "", ""])
    metric_cols = ["frame", "time_s", "subject_present", "subject_id", "view", "direction", "trunk_lean_deg",
                   "lateral_lean_deg", "neck_flexion_deg", "head_flexion_deg", "head_yaw_deg", "glance",
                   "upright", "looking_down", "knee_flexion_left_deg", "knee_flexion_right_deg",
                   "pelvis_sway_frac"]  # fmt: skip
    lm_cols = [f"{n}_{a}" for n in NAMES for a in ("x", "y", "xn", "yn", "vis")]
    with (folder / "frames.csv").open("w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(metric_cols + lm_cols)
        for i in range(n_frames):
            t = i / fps
            present = i >= 3
            glance = 30 <= i < 45
            row = [i, f"{t:.4f}", int(present), 1 if present else "", "side", "backward",
                   f"{5 + math.sin(t):.2f}" if present else "", "", "", "",
                   f"{48.0 if glance else 3.0:.2f}" if present else "", int(glance),
                   "" if i < 10 else int(i % 3 != 0), "", "", "", ""]  # fmt: skip
            if present:
                xy, vis = landmarks_at(t)
                row += [f"{v:.4f}" for j in range(NUM_LANDMARKS)
                        for v in (xy[j, 0], xy[j, 1], xy[j, 0] / 1280, xy[j, 1] / 720, vis[j])]  # fmt: skip
            else:
                row += [""] * len(lm_cols)
            w.writerow(row)
    return folder
