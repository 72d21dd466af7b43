"""Every review of a shared label (``vision/evaluation/label_reviews.json``) holds on the frames:
in each reviewed pass the walker faces the way the pass's direction says, against the way she
travels, on the engine's landmarks: the nose ahead of both ears is where she faces, the hips'
image motion is where she goes."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.conftest import shared_video
from vision.engine.factory import create_backend
from vision.engine.lookahead import LookaheadTracker
from vision.evaluation.labels_shared import REVIEWS_FILE
from vision.landmarks import LM
from vision.video import iter_video

REVIEWS = json.loads(REVIEWS_FILE.read_text())["reviews"]
TRAVEL_FRAMES = 6
"""Hip motion is read over this many frames (0.2 s at 30 frames/s)."""
MIN_AGREEING = 0.9
"""Share of a pass's frames with the subject in view that must agree with the review."""


def _facing_and_travel(video_name: str) -> tuple[np.ndarray, np.ndarray]:
    """Per frame: sign of nose − mean ear x (where she faces) and of the hips' x motion."""
    tracker = LookaheadTracker(create_backend("onnx", threads=2), 15)
    poses = []
    for f in iter_video(shared_video(video_name)):
        poses += tracker.push(f.image, f.timestamp_s)
    poses += list(tracker.flush())
    xy = np.stack([p.xy for p in poses])  # (T, 33, 2), NaN where absent
    ears = 0.5 * (xy[:, LM.LEFT_EAR, 0] + xy[:, LM.RIGHT_EAR, 0])
    facing = np.sign(xy[:, LM.NOSE, 0] - ears)
    hips = 0.5 * (xy[:, LM.LEFT_HIP, 0] + xy[:, LM.RIGHT_HIP, 0])
    travel = np.full_like(hips, np.nan)
    travel[TRAVEL_FRAMES:] = np.sign(hips[TRAVEL_FRAMES:] - hips[:-TRAVEL_FRAMES])
    return facing, travel


@pytest.mark.parametrize("video_name", sorted(REVIEWS))
def test_each_reviewed_pass_faces_as_its_direction_says(video_name: str) -> None:
    facing, travel = _facing_and_travel(video_name)
    for p in REVIEWS[video_name]["passes"]:
        a, b = p["frames"]
        f, t = facing[a : b + 1], travel[a : b + 1]
        seen = np.isfinite(f) & np.isfinite(t) & (t != 0)
        same = f[seen] == t[seen]  # facing where she goes: forward
        agree = same if p["direction"] == "forward" else ~same
        assert seen.sum() >= 60, (video_name, p)
        assert agree.mean() >= MIN_AGREEING, (video_name, p, float(agree.mean()))
