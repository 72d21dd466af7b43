"""Smoke tests of the walker renderer (vision.synth.render): the figure lands on its landmarks."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from vision.landmarks import LM
from vision.synth.gait import GaitSpec, GlanceSpec, generate_gait
from vision.synth.render import RenderOptions, render_frames, render_video, scene_background

SPEC = GaitSpec(
    duration_s=0.5, speed_mps=0.4, cadence_spm=90.0, image_size=(640, 480), subject_height_px=280.0,
    glances=(GlanceSpec(0.1, 0.3, 60.0, "left"),), foot_landmarks="anatomical",
)  # fmt: skip


@pytest.mark.parametrize("view", ["side", "front", "oblique"])
def test_figure_is_drawn_where_the_landmarks_are(view: str) -> None:
    seq = generate_gait(GaitSpec(**{**SPEC.__dict__, "view": view, "duration_s": 0.2}))
    opts = RenderOptions(supersample=1, shadow=False)
    frames = list(render_frames(seq, opts))
    assert len(frames) == len(seq.frames)
    img = frames[0]
    assert img.shape == (480, 640, 3) and img.dtype == np.uint8
    # the background is smooth: the figure must stand out at its torso, hips and head
    xy = seq.truth.xy_px[0]
    empty = scene_background(seq, opts)
    for lm in (LM.LEFT_HIP, LM.RIGHT_SHOULDER, LM.NOSE, LM.LEFT_KNEE):
        x, y = np.round(xy[lm]).astype(int)
        assert np.abs(img[y, x].astype(int) - empty[y, x].astype(int)).sum() > 30, lm


def test_render_video_writes_browser_mp4(tmp_path: Path) -> None:
    seq = generate_gait(SPEC)
    out = tmp_path / "clip.mp4"
    codec = render_video(seq, out, RenderOptions(supersample=1))
    assert codec == "libx264"
    with av.open(str(out)) as c:
        stream = c.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.pix_fmt == "yuv420p"
        n = sum(1 for _ in c.decode(stream))
    assert n == len(seq.frames)
    assert out.stat().st_size < 200_000


def test_variable_frame_rate_timestamps_are_encoded(tmp_path: Path) -> None:
    seq = generate_gait(GaitSpec(**{**SPEC.__dict__, "vfr_jitter_s": 0.01, "image_size": (320, 240)}))
    out = tmp_path / "vfr.mp4"
    render_video(seq, out, RenderOptions(supersample=1))
    with av.open(str(out)) as c:
        ts = np.array([float(f.pts * f.time_base) for f in c.decode(c.streams.video[0])])
    np.testing.assert_allclose(ts, seq.truth.timestamps_s, atol=1e-4)
    assert np.std(np.diff(ts)) > 0.003
