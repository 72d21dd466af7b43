"""The finer detector pass: tiles of a frame, and a walker too small for the whole-frame pass."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from vision.engine.onnx_engine import EngineConfig, OnnxPoseEngine
from vision.engine.tiles import tile_boxes
from vision.video import iter_video

SAMPLE = Path(__file__).resolve().parents[2] / "sample_videos" / "human_backward_living_room.mp4"


def test_tiles_cover_the_frame_and_overlap_by_half():
    boxes = tile_boxes(640, 480, side_frac=0.5)
    assert boxes.tolist() == [
        [0, 0, 320, 320],
        [160, 0, 480, 320],
        [320, 0, 640, 320],
        [0, 160, 320, 480],
        [160, 160, 480, 480],
        [320, 160, 640, 480],
    ]
    for w, h in ((1920, 1080), (480, 640), (1000, 333)):
        b = tile_boxes(w, h, side_frac=0.5)
        side = b[0, 2] - b[0, 0]
        assert ((b[:, 2] - b[:, 0]) == side).all() and ((b[:, 3] - b[:, 1]) == side).all()
        assert b[:, 0].min() == 0 and b[:, 1].min() == 0 and b[:, 2].max() == w and b[:, 3].max() == h
        # Any square of half a tile fits whole in some tile: starts are at most half a side apart.
        for col in (0, 1):
            starts = np.unique(b[:, col])
            assert (np.diff(starts) <= side // 2).all()


@pytest.mark.parametrize(
    "bad", [dict(width=0, height=10, side_frac=0.5), dict(width=9, height=9, side_frac=0)]
)
def test_tiles_refuse_an_empty_frame_or_fraction(bad):
    with pytest.raises(ValueError):
        tile_boxes(bad["width"], bad["height"], side_frac=bad["side_frac"])


def _far_walker(frames: int, shrink: int):
    """The sample clip shrunk ``shrink``× onto a plain canvas of its own size: a far walker."""
    for f in iter_video(SAMPLE):
        if f.index >= frames:
            return
        h, w = f.image.shape[:2]
        small = cv2.resize(f.image, (w // shrink, h // shrink), interpolation=cv2.INTER_AREA)
        canvas = np.empty_like(f.image)
        canvas[:] = f.image.mean(axis=(0, 1)).astype(np.uint8)
        y0, x0 = h - small.shape[0] - 10, w // 2
        canvas[y0 : y0 + small.shape[0], x0 : x0 + small.shape[1]] = small
        yield canvas, f.timestamp_s


def _present(frac: float | None) -> tuple[list[bool], OnnxPoseEngine]:
    eng = OnnxPoseEngine(EngineConfig(threads=1, fine_tile_frac=frac))
    return [eng.process(img, t).present for img, t in _far_walker(45, 3)], eng


def test_a_far_walker_is_found_by_the_tile_pass_only():
    # The walker is ~100 px tall in 640×480: the whole-frame detector never finds them.
    without, eng0 = _present(None)
    assert not any(without) and eng0.tile_detections == 0
    found, eng = _present(0.5)
    first = found.index(True)
    assert first <= 6  # six tiles in turn: found within one round
    assert sum(found[first:]) >= 0.9 * (len(found) - first)  # then tracked
    # The tile pass ran only while nobody was tracked.
    assert eng.tile_detections <= first + 1 + (len(found) - sum(found))
