"""The bundled digital-human demo clip: the pose engine finds the walker, near its labels."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from vision.engine.onnx_engine import OnnxPoseEngine
from vision.landmarks import LM
from vision.video import iter_video

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_videos" / "human_backward_living_room.mp4"
FEET = [LM.LEFT_ANKLE, LM.RIGHT_ANKLE, LM.LEFT_HEEL, LM.RIGHT_HEEL, LM.LEFT_FOOT_INDEX, LM.RIGHT_FOOT_INDEX]


@pytest.fixture(scope="module")
def poses():
    engine = OnnxPoseEngine()
    return [engine.process(f.image, f.timestamp_s) for f in iter_video(SAMPLE)]


def test_engine_finds_the_rendered_walker_in_98_percent_of_frames(poses):
    truth = json.loads(SAMPLE.with_suffix(".json").read_text())
    assert truth["schema"] == "retrowalk.labels/2" and truth["direction"] == "backward"
    assert len(truth["glances"]) == 2 and truth["room"]["kind"] == "living_room"
    assert len(poses) == truth["frame_count"]
    assert np.mean([p.present for p in poses]) >= 0.98


def test_engine_landmarks_lie_near_the_projected_body(poses):
    truth = json.loads(SAMPLE.with_suffix(".json").read_text())
    xy_true = np.array(
        [[p if p is not None else [np.nan, np.nan] for p in fr] for fr in truth["landmarks_px"]]
    )
    xy = np.array([p.xy for p in poses], dtype=np.float64)
    ok = np.isfinite(xy).all(axis=(1, 2)) & np.isfinite(xy_true).all(axis=(1, 2))
    err = np.linalg.norm(xy[ok] - xy_true[ok], axis=2)
    height_px = np.median(np.ptp(xy_true[ok][:, :, 1], axis=1))  # head to toe in the image
    assert np.median(err[:, FEET]) / height_px < 0.03
    assert np.median(err[:, 11:]) / height_px < 0.03
