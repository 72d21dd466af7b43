"""The motion gate: the person detector waits while nothing changes outside the tracked people."""

from __future__ import annotations

import numpy as np
import pytest

from vision.engine.motion import MotionGate
from vision.engine.onnx_engine import EngineConfig, OnnxPoseEngine
from vision.synth.gait import GaitSpec, generate_gait
from vision.synth.render import RenderOptions, render_frames, scene_background


def _scene(seed: int = 0) -> np.ndarray:
    """A textured 1280×720 'room' with a little sensor noise."""
    rng = np.random.default_rng(seed)
    base = np.full((720, 1280, 3), 120, np.uint8)
    base[:, :640] = (90, 110, 130)
    base[500:] = (60, 80, 70)
    noise = rng.normal(0, 2.0, base.shape)
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def test_still_scene_with_sensor_noise_is_no_change():
    gate = MotionGate()
    gate.reference(_scene(0), np.zeros((0, 4)))
    assert gate.changed_outside(_scene(1), np.zeros((0, 4))) == 0.0


def test_someone_new_outside_the_boxes_is_change_and_inside_them_is_not():
    gate = MotionGate()
    person = np.array([[300.0, 100.0, 500.0, 650.0]])
    gate.reference(_scene(0), person)
    moved = _scene(1)
    moved[150:600, 340:460] = 20  # the tracked person moves a little: inside their box
    assert gate.changed_outside(moved, person) == 0.0
    moved[200:650, 1100:1200] = 230  # someone steps in at the right edge
    share = gate.changed_outside(moved, person)
    assert 0.0 < share < 0.1


def test_where_a_walker_stood_at_the_reference_is_masked_too():
    gate = MotionGate()
    gate.reference(_scene(0), np.array([[100.0, 100.0, 250.0, 650.0]]))
    later = _scene(1)
    later[150:600, 130:220] = 20  # was the walker; now...
    later[150:600, 130:220] = _scene(2)[150:600, 130:220]  # ...background again
    later[150:600, 830:920] = 20  # the walker, now here
    assert gate.changed_outside(later, np.array([[800.0, 100.0, 950.0, 650.0]])) == 0.0


def test_a_moving_camera_or_light_is_change_everywhere():
    gate = MotionGate()
    gate.reference(_scene(0), np.zeros((0, 4)))
    brighter = np.clip(_scene(1).astype(np.int16) + 40, 0, 255).astype(np.uint8)
    assert gate.changed_outside(brighter, np.array([[300.0, 100.0, 500.0, 650.0]])) > 0.7
    assert gate.changed_outside(_scene(1)[:, :1000], np.zeros((0, 4))) == 1.0  # another size


def _walker_then_newcomer(n: int = 90, enter: int = 50):
    """Walker A crosses a still room; walker B appears beside A at ``enter`` (frames)."""
    common = {"duration_s": n / 30, "image_size": (960, 540), "subject_height_px": 300.0, "speed_mps": 0.5}
    a = generate_gait(
        GaitSpec(direction="backward", strike="forefoot", travel="left_to_right", seed=3, **common)
    )
    b = generate_gait(GaitSpec(direction="forward", strike="heel", travel="right_to_left", seed=4, **common))
    opts = RenderOptions(supersample=1)
    bg = scene_background(a, opts)
    b_frames = render_frames(b, opts)  # B starts its own walk at ``enter``
    for i, fa in enumerate(render_frames(a, opts)):
        if i < enter:
            yield fa
        else:
            fb = next(b_frames)
            mask = (np.abs(fb.astype(np.int16) - bg.astype(np.int16)).max(axis=2) > 12)[:, :, None]
            yield np.where(mask, fb, fa)


@pytest.fixture(scope="module")
def clip() -> list[np.ndarray]:
    return list(_walker_then_newcomer())


def _run(frames: list[np.ndarray], gated: bool) -> tuple[list[int], list[int]]:
    engine = OnnxPoseEngine(EngineConfig() if gated else EngineConfig(motion_gate=None))
    detected, people = [], []
    for i, image in enumerate(frames):
        before = engine.detections
        engine.process(image, i / 30)
        if engine.detections > before:
            detected.append(i)
        people.append(sum(1 for p in engine.people()))
    return detected, people


def test_detector_rests_on_a_still_scene_and_still_finds_a_newcomer_as_fast(clip):
    enter = 50
    gated, people_gated = _run(clip, gated=True)
    ungated, people_ungated = _run(clip, gated=False)
    before_gated = [i for i in gated if i < enter]
    before_ungated = [i for i in ungated if i < enter]
    # One walker in a still room: the detector runs a third as often, or less.
    assert len(before_gated) * 3 <= len(before_ungated)
    # The newcomer is tracked no later than without the gate (the same 5-frame grid).
    first_gated = next(i for i in range(enter, len(clip)) if people_gated[i] >= 2)
    first_ungated = next(i for i in range(enter, len(clip)) if people_ungated[i] >= 2)
    assert first_gated <= first_ungated <= enter + 5, (gated, ungated)
