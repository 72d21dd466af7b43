"""Clip sampling from a seed (ranges of issue 11), the CLI, and a short rendered clip."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import numpy as np
import pytest

from vision.synth.human.assets import assets_available, skip_reason
from vision.synth.human.camera import CameraSpec
from vision.synth.human.cli import _seeds
from vision.synth.human.clip import FPS_CHOICES, ClipSpec, render_clip, sample_clip


def test_sampling_covers_the_ranges_and_is_reproducible():
    specs = [sample_clip(s) for s in range(200)]
    assert sample_clip(17) == specs[17]
    assert sum(s.motion.direction == "backward" for s in specs) == 100
    assert len({(s.body.sex, s.body.height_m, s.body.weight, s.body.age_years) for s in specs}) >= 40
    heights = [s.body.height_m for s in specs]
    assert min(heights) >= 1.50 and max(heights) <= 1.95 and max(heights) - min(heights) > 0.3
    ages = np.array([s.body.age_years for s in specs])
    assert 0.7 < np.mean((ages >= 50) & (ages <= 80)) < 0.9
    for s in specs:
        assert 8.0 <= s.motion.duration_s <= 12.0
        assert 0.3 <= s.motion.speed_mps <= 1.2 or s.motion.direction == "standing"
        assert 0.5 <= s.camera.position_m[1] <= 1.5
        assert 2.0 <= s.camera_distance_m <= 5.0 and abs(s.camera_yaw_deg) <= 35.0
        assert s.fps in FPS_CHOICES and 15 <= s.fps <= 60
        assert 18 <= s.degrade.crf <= 32
        assert min(s.camera.width, s.camera.height) >= 480 and max(s.camera.width, s.camera.height) <= 1920
    kinds = {
        "strike": {s.motion.strike for s in specs},
        "posture": {s.motion.posture for s in specs},
        "lens": {s.lens for s in specs},
    }
    assert kinds == {
        "strike": {"forefoot", "flat", "heel"},
        "posture": {"upright", "leaning", "slouching"},
        "lens": {"normal", "wide", "portrait"},
    }
    assert any(s.motion.treadmill for s in specs) and any(s.passerby for s in specs)
    assert any(s.motion.turns_at_s for s in specs) and any(s.motion.fall_at_s for s in specs)
    assert any(s.motion.glances and s.motion.glances[0].with_trunk for s in specs)


def test_no_glance_starts_in_the_coachs_calibration_seconds():
    """The coach takes the first ``calibration_s`` as the neutral head and gives no glance there
    (issue 12), so the corpus puts none there; most clips still have one or more."""
    from vision.core.config import CoachConfig

    calib = CoachConfig().calibration_s
    specs = [sample_clip(s) for s in range(200)]
    starts = [g.start_s for s in specs for g in s.motion.glances]
    assert min(starts) >= calib + 0.5
    assert sum(bool(s.motion.glances) for s in specs) >= 130
    assert len(starts) >= 220


def test_seed_ranges_parse():
    assert _seeds("3:7") == range(3, 7) and _seeds("5") == range(5, 6)


def _egl_ok() -> tuple[bool, str]:
    try:
        import moderngl

        moderngl.create_standalone_context(backend="egl").release()
        return True, ""
    except Exception as exc:  # no EGL/Mesa on this machine
        return False, f"no EGL OpenGL context ({exc}); apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri"


def _tiny(seed: int) -> ClipSpec:
    """A seed's clip cut to 1.2 s at 15 fps and 192×144 px (a few seconds to render)."""
    s = sample_clip(seed)
    cam = CameraSpec(width=192, height=144, position_m=(0.0, 1.0, 3.5), look_at_m=(0.0, 0.85, 0.0))
    return replace(s, fps=15.0, camera=cam, motion=replace(s.motion, duration_s=1.2), passerby=None)


def test_rendered_clip_is_deterministic_and_labelled(tmp_path):
    if not assets_available():
        (pytest.fail if os.environ.get("CI") else pytest.skip)(skip_reason())
    ok, why = _egl_ok()
    if not ok:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(why)
    import av

    spec = _tiny(4)
    a = render_clip(spec, tmp_path / "a")
    b = render_clip(spec, tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
    ja, jb = (p.with_suffix(".json").read_text() for p in (a, b))
    assert ja == jb
    doc = json.loads(ja)
    with av.open(str(a)) as c:
        frames = [f.to_ndarray(format="bgr24") for f in c.decode(video=0)]
    assert len(frames) == doc["frame_count"] == 18
    assert doc["image_size"] == [192, 144] and doc["direction"] == "backward"
    assert all(all(row) for row in doc["landmarks_in_image"])  # the walker stays in the frame
    assert len(doc["steps"]) >= 1 and doc["steps"][0]["direction"] == "backward"


def test_retrowalk_synth_labels_writes_a_seeds_label_file(tmp_path):
    if not assets_available():
        (pytest.fail if os.environ.get("CI") else pytest.skip)(skip_reason())
    from vision.cli import main

    assert main(["synth", "labels", "--seeds", "3:4", "--out", str(tmp_path)]) == 0
    doc = json.loads((tmp_path / "human_00003.json").read_text())
    spec = sample_clip(3)
    assert doc["schema"] == "retrowalk.labels/2" and doc["seed"] == 3
    assert doc["frame_count"] == spec.num_frames and doc["fps"] == spec.fps
    assert doc["direction"] == "forward" and len(doc["steps"]) >= 8
