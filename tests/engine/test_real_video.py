"""The pose engine on real video (../shared/videos): the right subject, detection, parity.

Each backend runs once per module over the clip (about 10 s each on 2 cores).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tests.conftest import shared_labels, shared_video
from vision.bench.backends import landmark_agreement
from vision.engine.factory import create_backend
from vision.engine.lookahead import LookaheadTracker
from vision.engine.onnx_engine import EngineConfig, OnnxPoseEngine
from vision.pose_frame import PoseFrame
from vision.video import iter_video

CLIP = "sports2d_demo.mp4"


def _track(backend, path, delay: int) -> list[PoseFrame]:
    tracker = LookaheadTracker(backend, delay)
    out: list[PoseFrame] = []
    for frame in iter_video(path):
        out += tracker.push(frame.image, frame.timestamp_s)
    out += list(tracker.flush())
    backend.close()
    return out


@pytest.fixture(scope="module")
def onnx_poses() -> list[PoseFrame]:
    return _track(OnnxPoseEngine(), shared_video(CLIP), delay=15)


@pytest.fixture(scope="module")
def onnx_raw_poses() -> list[PoseFrame]:
    return _track(OnnxPoseEngine(EngineConfig(smoothing=None)), shared_video(CLIP), delay=15)


@pytest.fixture(scope="module")
def mp_poses() -> list[PoseFrame]:
    pytest.importorskip("mediapipe")
    return _track(create_backend("mediapipe"), shared_video(CLIP), delay=15)


def _walker_frames(poses: list[PoseFrame], height_px: int) -> list[int]:
    """Frames whose subject stands on the lawn (hips in the lower 45 %), not on the box."""
    return [p.frame_index for p in poses if p.present and float(p.xy[23:25, 1].mean()) > 0.55 * height_px]


def test_subject_is_the_walker_while_she_is_visible(onnx_poses):
    labels = shared_labels(CLIP)
    first, last = labels["subject"]["visible_frames"]
    visible = set(range(first, last + 1))
    walker = set(_walker_frames(onnx_poses, labels["format"]["height"])) & visible
    assert len(onnx_poses) == labels["format"]["frames"]
    assert len(walker) / len(visible) >= 0.95
    # One identity for her throughout: no switching to the man and back.
    ids = {onnx_poses[i].subject_id for i in walker}
    assert len(ids) == 1


def test_walker_is_found_live_too_within_a_quarter_second():
    """Without look-ahead (the live path) the walker is the subject from ≤ 8 frames after she appears."""
    labels = shared_labels(CLIP)
    poses = _track(OnnxPoseEngine(), shared_video(CLIP), delay=0)
    first, last = labels["subject"]["visible_frames"]
    walker = [f for f in _walker_frames(poses, labels["format"]["height"]) if first <= f <= last]
    assert walker[0] - first <= 8
    assert len(walker) >= (last - first + 1) - 10


def test_detection_rate_at_least_mediapipes(onnx_poses, mp_poses):
    ours = np.mean([p.present for p in onnx_poses])
    theirs = np.mean([p.present for p in mp_poses])
    assert ours >= theirs
    assert ours > 0.9


def test_landmarks_agree_with_mediapipe_on_the_walker(onnx_raw_poses, onnx_poses, mp_poses):
    labels = shared_labels(CLIP)
    first, last = labels["subject"]["visible_frames"]
    ref = np.array([p.xy for p in mp_poses])[first : last + 1]
    raw = np.array([p.xy for p in onnx_raw_poses])[first : last + 1]
    smooth = np.array([p.xy for p in onnx_poses])[first : last + 1]
    med, p90, n = landmark_agreement(raw, ref)
    assert n >= 120
    assert med <= 1.0  # the model pipeline reproduces MediaPipe's
    # The tail is set by frames where MediaPipe's skeleton leaves the person (see the issue note).
    assert p90 <= 6.0
    med_s, _, _ = landmark_agreement(smooth, ref)
    assert med_s <= 1.5  # smoothing adds at most half a percent


def test_subject_gets_a_new_id_only_when_a_new_person_appears(onnx_poses):
    ids = [p.subject_id for p in onnx_poses if p.present]
    changes = sum(a != b for a, b in itertools.pairwise(ids))
    assert changes <= 2  # man → woman → man (who walks toward the camera at the end)
