"""Bad input gives a clear message or a 'no subject' state, never a crash."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import shared_video
from vision.engine.onnx_engine import OnnxPoseEngine
from vision.video import VideoError, iter_camera, iter_video, probe_video


@pytest.fixture(scope="module")
def engine() -> OnnxPoseEngine:
    return OnnxPoseEngine()


def test_missing_camera_is_reported():
    with pytest.raises(VideoError, match="camera 97: not found"):
        next(iter_camera(97))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"hello, this is not a video\n" * 20, "not a video"),
        (bytes(np.random.default_rng(0).integers(0, 256, 5000, dtype=np.uint8)), "not a video"),
    ],
)
def test_unreadable_files_are_named_with_the_problem(tmp_path, content, message):
    path = tmp_path / "clip.mp4"
    path.write_bytes(content)
    with pytest.raises(VideoError, match=message) as err:
        probe_video(path)
    assert str(path) in str(err.value)
    with pytest.raises(VideoError):
        list(iter_video(path))


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(VideoError, match="no such file"):
        probe_video(tmp_path / "nope.mp4")
    with pytest.raises(VideoError, match="folder"):
        probe_video(tmp_path)


def test_truncated_file_keeps_the_good_frames(tmp_path):
    src = shared_video("sports2d_demo.mp4").read_bytes()
    path = tmp_path / "cut.mp4"
    path.write_bytes(src[: len(src) // 2])
    frames = 0
    try:
        for _ in iter_video(path):
            frames += 1
    except VideoError as exc:
        assert "breaks off" in str(exc) or "cannot be" in str(exc)
    assert frames < 230


def test_frames_without_a_person_give_no_subject(engine):
    engine.reset()
    blank = np.full((480, 640, 3), 90, np.uint8)
    noise = np.random.default_rng(1).integers(0, 255, (480, 640, 3), dtype=np.uint8)
    for i, image in enumerate([blank, noise, blank]):
        pose = engine.process(image, i / 30)
        assert not pose.present
        assert pose.subject_id is None
        assert np.isnan(pose.xy).all()
        assert pose.image_size == (640, 480)


def test_rejects_non_images(engine):
    with pytest.raises(ValueError, match="BGR"):
        engine.process(np.zeros((10, 10), np.uint8), 0.0)


def test_person_leaving_and_coming_back(engine):
    """The walker leaves (blank frames for 1 s) and returns: absent meanwhile, tracked again after."""
    engine.reset()
    frames = [f for f in iter_video(shared_video("sports2d_demo.mp4")) if 100 <= f.index < 130]
    blank = np.zeros_like(frames[0].image)
    seen = []
    t = 0.0
    for part in (frames[:15], [None] * 30, frames[15:]):
        for f in part:
            pose = engine.process(blank if f is None else f.image, t)
            seen.append(pose.present)
            t += 1 / 30
    assert all(seen[2:15])
    assert not any(seen[15:45])
    assert sum(seen[45:]) >= 12
