"""Labels of digital-human clips: contacts agree with the posed sole heights, schema fields."""

from __future__ import annotations

import os

import numpy as np
import pytest

from vision.synth.human.assets import assets_available, skip_reason
from vision.synth.human.camera import CameraSpec
from vision.synth.human.labels import (
    CONTACT_EPS_M,
    FINE_DT_S,
    SCHEMA,
    ClipMeta,
    build_labels,
    contact_events,
    sole_heights,
    strike_of,
)
from vision.synth.human.motion import HeadTurn, MotionSpec, animate

FPS = 30.0
PLACE = (0.0, 0.0, np.pi / 2)


@pytest.fixture(scope="module")
def body():
    if not assets_available():
        (pytest.fail if os.environ.get("CI") else pytest.skip)(skip_reason())
    from vision.synth.human.body import BodySpec, build_body

    return build_body(BodySpec(sex=0.8, age_years=71, height_m=1.78, weight=0.4))


def test_strike_class_is_the_first_sole_point_down():
    h = np.full((40, 3), 0.05)
    h[10:, 0] = 0.0  # heel at sample 10
    h[30:, 1:] = 0.0  # forefoot 20 samples (40 ms) later
    assert strike_of(h, 10, 40, FINE_DT_S) == "heel"
    h2 = h[:, [2, 1, 0]]
    assert strike_of(h2, 10, 40, FINE_DT_S) == "forefoot"
    h3 = np.full((40, 3), 0.05)
    h3[10:] = 0.0
    h3[10:15, 0] = 0.001  # heel within CONTACT_EPS at once: together
    assert strike_of(h3, 10, 40, FINE_DT_S) == "flat"


@pytest.mark.parametrize(
    ("direction", "strike"), [("backward", "forefoot"), ("forward", "heel"), ("backward", "flat")]
)
def test_contact_labels_agree_with_sole_heights_and_the_plan(body, direction, strike):
    spec = MotionSpec(duration_s=6.0, direction=direction, strike=strike, speed_mps=0.6, cadence_spm=100)
    times = np.arange(round(spec.duration_s * FPS)) / FPS
    steps = contact_events(body, spec, frame_times_s=times, floor_y_m=0.0, place=PLACE)
    assert len(steps) >= 8
    assert {s.strike for s in steps} == {strike}
    assert {s.direction for s in steps} == {direction}
    motion = animate(body, spec, times, place=PLACE)
    planned = sorted(
        (s.contact_s, s.liftoff_s) for s in motion.plan.stances if 0.0 < s.contact_s <= times[-1]
    )
    got = sorted((s.contact_time_s, s.liftoff_time_s) for s in steps)
    assert len(got) == len(planned)
    for (tc, tl), (pc, pl) in zip(got, planned, strict=True):
        assert tc == pytest.approx(pc, abs=0.02)  # the sole gets within 1.5 mm a little before touching
        assert tc <= pc + FINE_DT_S
        if tl is not None:
            assert tl == pytest.approx(pl, abs=0.02)
    h = sole_heights(body, motion).min(axis=2)  # (T, 2) lowest sole point per foot
    for f, name in ((0, "left"), (1, "right")):
        mine = [s for s in steps if s.foot == name]
        down = np.zeros(len(times), bool)
        for s in mine:
            end = s.liftoff_frame if s.liftoff_frame >= 0 else len(times)
            down[s.contact_frame : end] = True
        assert np.all(h[down, f] < CONTACT_EPS_M)
        near = np.zeros(len(times), bool)  # frames within 2 ms of an event may go either way
        for s in mine:
            for t in (s.contact_time_s, s.liftoff_time_s):
                if t is not None:
                    near |= np.abs(times - t) <= FINE_DT_S
        first = min(s.contact_frame for s in mine)
        swing = ~down & ~near & (np.arange(len(times)) >= first)
        assert swing.any() and np.all(h[swing, f] >= CONTACT_EPS_M)


def test_label_document_has_the_schema_fields(body):
    spec = MotionSpec(
        duration_s=3.0,
        glances=(HeadTurn(start_s=0.8, duration_s=1.2, yaw_deg=60.0, side="right"),),
    )
    times = np.arange(round(spec.duration_s * FPS)) / FPS
    motion = animate(body, spec, times, place=PLACE)
    mats = body.pose(local_rot=motion.local_rot, root_m=motion.root_m)
    cam = CameraSpec(width=320, height=240, position_m=(0.0, 1.0, 3.5), look_at_m=(0.0, 0.9, 0.0))
    steps = contact_events(body, spec, frame_times_s=times, floor_y_m=0.0, place=PLACE)
    meta = ClipMeta(
        video="x.mp4",
        fps=FPS,
        image_size=(320, 240),
        seed=3,
        generator="test",
        generator_version="0",
        view="side",
        camera={},
        body={"id": "b"},
        room={"kind": "none"},
        treadmill=False,
        second_person=False,
        compression={"codec": "h264", "crf": 23},
        direction="backward",
        strike="forefoot",
        posture="upright",
    )
    doc = build_labels(
        body=body,
        spec=spec,
        motion=motion,
        mats=mats,
        steps=steps,
        landmarks_px=cam.project(body.landmarks_3d(mats)),
        meta=meta,
    )
    n = len(times)
    assert doc["schema"] == SCHEMA and doc["frame_count"] == n and doc["duration_s"] == pytest.approx(3.0)
    for key in (
        "head_yaw_deg",
        "head_pitch_deg",
        "trunk_lean_deg",
        "neck_flexion_deg",
        "thoracic_flexion_deg",
        "upright",
        "landmarks_px",
        "landmarks_in_image",
    ):
        assert len(doc[key]) == n, key
    assert len(doc["landmarks_px"][0]) == 33 and all(len(p) == 2 for p in doc["landmarks_px"][0])
    (g,) = doc["glances"]
    assert g["side"] == "right" and g["with_trunk"] is False
    assert g["start_frame"] == 24 and g["end_frame"] == 60 and g["peak_frame"] == 42
    assert g["peak_yaw_deg"] == pytest.approx(60.0, abs=2.0)
    assert doc["head_yaw_deg"][42] == pytest.approx(-60.0, abs=2.0)
    assert all(doc["upright"]) and doc["fall_frame"] is None
    assert doc["segments"] == [{"start_frame": 0, "end_frame": n - 1, "activity": "walk"}]
    assert [s["contact_frame"] for s in doc["steps"]] == sorted(s["contact_frame"] for s in doc["steps"])
    assert all(doc["landmarks_in_image"][0])
