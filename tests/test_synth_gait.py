"""Tests of the synthetic walker (vision.synth.gait): labels must match the landmark geometry."""

from __future__ import annotations

import itertools
import time
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from vision.landmarks import LM
from vision.synth.gait import GaitSequence, GaitSpec, GlanceSpec, generate_gait

# a walk that stays inside a 960×540 side view
BASE = GaitSpec(duration_s=6.0, speed_mps=0.4, cadence_spm=90.0, image_size=(960, 540))


def floor_gap_px(seq: GaitSequence, frame: int, lm: int) -> float:
    """Pixels between a landmark and the floor point straight below it (+ = above the floor)."""
    p = seq.joints3d[frame, lm].copy()
    q = p.copy()
    q[1] = 0.0
    (yp, yq) = seq.camera.project(np.stack([p, q]))[0][:, 1]
    return float(yq - yp)


def contact_landmarks(strike: str, foot: str) -> list[int]:
    side = 0 if foot == "left" else 1
    toe, heel = LM.LEFT_FOOT_INDEX + side, LM.LEFT_HEEL + side
    return {"forefoot": [toe], "heel": [heel], "flat": [toe, heel]}[strike]


def foot_pitch_deg(seq: GaitSequence, frame: int, foot: str) -> float:
    """Foot pitch from the heel→toe landmarks in the walker frame, + = toes up."""
    side = 0 if foot == "left" else 1
    v = seq.joints3d[frame, LM.LEFT_FOOT_INDEX + side] - seq.joints3d[frame, LM.LEFT_HEEL + side]
    return float(np.degrees(np.arctan2(v[1], v[0])))


@pytest.mark.parametrize("direction", ["backward", "forward"])
@pytest.mark.parametrize("strike", ["forefoot", "flat", "heel"])
def test_contact_frames_match_foot_kinematics(direction: str, strike: str) -> None:
    seq = generate_gait(replace(BASE, direction=direction, strike=strike))
    t = seq.truth.timestamps_s
    assert len(seq.truth.steps) >= 6
    for s in seq.truth.steps:
        f = s.contact_frame
        assert t[f] >= s.contact_time_s > (t[f - 1] if f > 0 else -np.inf)
        assert s.strike == strike
        for lm in contact_landmarks(strike, s.foot):
            assert abs(floor_gap_px(seq, f, lm)) < 1.0
            assert seq.joints3d[f, lm, 1] == pytest.approx(0.0, abs=1e-9)
            if f >= 3:
                assert floor_gap_px(seq, f - 2, lm) > 1.0
                assert floor_gap_px(seq, f - 3, lm) > floor_gap_px(seq, f - 2, lm)
        if s.liftoff_frame >= 0:
            assert t[s.liftoff_frame] >= s.liftoff_time_s > t[s.liftoff_frame - 1]
            assert s.liftoff_frame > f


@pytest.mark.parametrize("strike", ["forefoot", "flat", "heel"])
def test_strike_type_visible_at_contact(strike: str) -> None:
    seq = generate_gait(replace(BASE, strike=strike))
    for s in seq.truth.steps:
        f, side = s.contact_frame, 0 if s.foot == "left" else 1
        pitch = foot_pitch_deg(seq, f, s.foot)
        toe_y, heel_y = seq.truth.xy_px[f, [LM.LEFT_FOOT_INDEX + side, LM.LEFT_HEEL + side], 1]
        if strike == "forefoot":
            assert -16.0 < pitch < -10.0
            assert toe_y > heel_y + 5.0  # toe lower in the image
        elif strike == "heel":
            assert 10.0 < pitch < 16.0
            assert heel_y > toe_y + 5.0
        else:
            assert abs(pitch) < 0.5
            assert abs(toe_y - heel_y) < 1.5


@pytest.mark.parametrize("travel", ["left_to_right", "right_to_left"])
@pytest.mark.parametrize("direction", ["backward", "forward"])
def test_facing_vs_travel_in_the_image(direction: str, travel: str) -> None:
    seq = generate_gait(replace(BASE, direction=direction, travel=travel))
    xy = seq.truth.xy_px
    hip_x = 0.5 * (xy[:, LM.LEFT_HIP, 0] + xy[:, LM.RIGHT_HIP, 0])
    travel_sign = np.sign(hip_x[-1] - hip_x[0])
    assert travel_sign == (1 if travel == "left_to_right" else -1)
    ears_x = 0.5 * (xy[:, LM.LEFT_EAR, 0] + xy[:, LM.RIGHT_EAR, 0])
    nose_sign = np.sign(np.median(xy[:, LM.NOSE, 0] - ears_x))
    foot_sign = np.sign(np.median(xy[:, LM.LEFT_FOOT_INDEX, 0] - xy[:, LM.LEFT_HEEL, 0]))
    assert nose_sign == foot_sign
    assert nose_sign == (-travel_sign if direction == "backward" else travel_sign)
    assert seq.truth.direction == direction and seq.truth.travel == travel


@pytest.mark.parametrize("cadence", [80.0, 100.0, 120.0])
def test_cadence_from_labels_and_from_landmarks(cadence: float) -> None:
    seq = generate_gait(replace(BASE, cadence_spm=cadence, duration_s=8.0, speed_mps=0.3))
    c = np.array([s.contact_time_s for s in seq.truth.steps])
    assert 60.0 * (len(c) - 1) / (c[-1] - c[0]) == pytest.approx(cadence, rel=0.02)
    feet = [s.foot for s in seq.truth.steps]
    assert all(a != b for a, b in itertools.pairwise(feet))
    # independent check: frames where a foot's lowest sole landmark touches the floor again
    low = np.minimum(seq.joints3d[:, [29, 30], 1], seq.joints3d[:, [31, 32], 1])
    touch = (low[1:] < 1e-9) & (low[:-1] > 1e-9)
    events = np.sort(np.nonzero(touch)[0] + 1)
    t = seq.truth.timestamps_s[events]
    assert 60.0 * (len(t) - 1) / (t[-1] - t[0]) == pytest.approx(cadence, rel=0.02)
    assert list(events) == [s.contact_frame for s in seq.truth.steps if s.contact_frame > 0]


def test_glance_peak_yaw_and_ear_visibility() -> None:
    spec = replace(BASE, glances=(GlanceSpec(1.0, 1.2, 70.0, "left"), GlanceSpec(3.5, 1.0, 55.0, "right")))
    seq = generate_gait(spec)
    g_left, g_right = seq.truth.glances
    for g, want, sign in ((g_left, 70.0, 1.0), (g_right, 55.0, -1.0)):
        assert g.peak_yaw_deg == pytest.approx(want, abs=0.5)
        assert g.start_frame < g.peak_frame < g.end_frame
        assert seq.truth.head_yaw_deg[g.peak_frame] == pytest.approx(sign * want, abs=0.5)
        # yaw measured from the face landmarks (ear midpoint → nose, walker frame, + = left)
        j = seq.joints3d[g.peak_frame]
        v = j[LM.NOSE] - 0.5 * (j[LM.LEFT_EAR] + j[LM.RIGHT_EAR])
        assert np.degrees(np.arctan2(-v[2], v[0])) == pytest.approx(sign * want, abs=1.0)
    assert g_left.side == "left" and g_right.side == "right"
    assert abs(seq.truth.head_yaw_deg[0]) < 1e-9
    # side view, camera on the walker's left: the far (right) ear is hidden, the near one visible
    vis = np.array([f.visibility for f in seq.frames])
    assert vis[0, LM.RIGHT_EAR] < 0.2 and vis[0, LM.LEFT_EAR] > 0.9


def test_far_ear_visibility_drops_as_the_head_turns() -> None:
    seq = generate_gait(replace(BASE, view="front", glances=(GlanceSpec(1.0, 2.0, 70.0, "left"),)))
    vis = np.array([f.visibility for f in seq.frames])
    g = seq.truth.glances[0]
    assert 0.6 < vis[0, LM.LEFT_EAR] < 0.9 and 0.6 < vis[0, LM.RIGHT_EAR] < 0.9  # face-on
    ramp = slice(g.start_frame, g.start_frame + 20)  # yaw rising: left ear turns away
    assert np.all(np.diff(vis[ramp, LM.LEFT_EAR]) <= 1e-6)
    assert vis[g.peak_frame, LM.LEFT_EAR] < 0.15 < 0.95 < vis[g.peak_frame, LM.RIGHT_EAR]
    # the nose moves toward the walker's left = image right when facing the camera
    assert seq.truth.xy_px[g.peak_frame, LM.NOSE, 0] > seq.truth.xy_px[0, LM.NOSE, 0] + 10


@pytest.mark.parametrize("lean", [-5.0, 0.0, 12.0])
def test_trunk_lean_matches_spec(lean: float) -> None:
    seq = generate_gait(replace(BASE, trunk_lean_deg=lean))
    assert np.all(np.abs(seq.truth.trunk_lean_deg - lean) < 0.5)
    # also in the observed BlazePose-style world landmarks (x right, y down, camera axes)
    w = np.array([f.world for f in seq.frames], dtype=np.float64)
    v = 0.5 * (w[:, LM.LEFT_SHOULDER] + w[:, LM.RIGHT_SHOULDER]) - 0.5 * (
        w[:, LM.LEFT_HIP] + w[:, LM.RIGHT_HIP]
    )
    facing_x = np.sign(seq.camera.axes[0, 0])  # image-x component of the facing direction
    measured = np.degrees(np.arctan2(facing_x * v[:, 0], -v[:, 1]))
    assert np.all(np.abs(measured - lean) < 0.5)


def test_head_flexion_lowers_the_nose() -> None:
    up = generate_gait(replace(BASE, head_flexion_deg=0.0))
    down = generate_gait(replace(BASE, head_flexion_deg=30.0))
    d = down.joints3d[:, LM.NOSE, 1] - up.joints3d[:, LM.NOSE, 1]
    assert np.all(d < -0.02)


def test_deterministic_for_a_seed() -> None:
    spec = replace(BASE, noise_px=2.0, drop_frame_rate=0.1, occlude_far_foot=True, vfr_jitter_s=0.005, seed=7)
    a, b = generate_gait(spec), generate_gait(spec)
    c = generate_gait(replace(spec, seed=8))
    xa = np.array([f.xy for f in a.frames])
    xb = np.array([f.xy for f in b.frames])
    xc = np.array([f.xy for f in c.frames])
    np.testing.assert_array_equal(xa, xb)
    np.testing.assert_array_equal(a.truth.timestamps_s, b.truth.timestamps_s)
    assert a.truth.steps == b.truth.steps
    assert not np.allclose(np.nan_to_num(xa), np.nan_to_num(xc))


def test_noise_and_dropped_frames() -> None:
    seq = generate_gait(replace(BASE, noise_px=2.0, drop_frame_rate=0.2, seed=3))
    present = np.array([f.present for f in seq.frames])
    np.testing.assert_array_equal(~present, seq.truth.dropped)
    assert 0.12 < (~present).mean() < 0.28
    absent = [f for f in seq.frames if not f.present]
    assert all(np.isnan(f.xy).all() and f.subject_id is None for f in absent)
    err = np.array([f.xy for f in seq.frames if f.present]) - seq.truth.xy_px[present]
    assert np.std(err) == pytest.approx(2.0, rel=0.1)
    assert abs(np.mean(err)) < 0.1
    assert all(f.xy.dtype == np.float32 and f.xy.shape == (33, 2) for f in seq.frames[:3])


def test_visibility_presence_and_occluded_far_foot() -> None:
    clean = generate_gait(BASE)
    vis = np.array([f.visibility for f in clean.frames])
    # camera on the walker's left: right-side limbs are the far side
    far, near = [LM.RIGHT_KNEE, LM.RIGHT_ANKLE, LM.RIGHT_ELBOW], [LM.LEFT_KNEE, LM.LEFT_ANKLE, LM.LEFT_ELBOW]
    mid = len(vis) // 2
    assert np.all((vis[mid, far] > 0.5) & (vis[mid, far] < 0.7))
    assert np.all(vis[mid, near] > 0.9)
    pres = np.array([f.presence for f in clean.frames])
    assert np.all(pres == 1.0)

    occ = generate_gait(replace(BASE, occlude_far_foot=True, seed=1))
    assert np.all(occ.truth.occluded_foot == 1)
    feet = [LM.RIGHT_ANKLE, LM.RIGHT_HEEL, LM.RIGHT_FOOT_INDEX]
    v = np.array([f.visibility for f in occ.frames])[:, feet]
    xy = np.array([f.xy for f in occ.frames])[:, feet]
    assert np.all(v < 0.35)
    lost = np.isnan(xy[..., 0])
    assert 0.15 < lost.mean() < 0.45
    err = np.linalg.norm(xy - occ.truth.xy_px[:, feet], axis=-1)[~lost]
    assert np.median(err) > 3.0
    near_xy = np.array([f.xy for f in occ.frames])[:, LM.LEFT_ANKLE]
    np.testing.assert_allclose(near_xy, occ.truth.xy_px[:, LM.LEFT_ANKLE], atol=1e-3)


def test_presence_drops_outside_the_image() -> None:
    seq = generate_gait(replace(BASE, duration_s=14.0))  # walks out of the frame
    pres = np.array([f.presence for f in seq.frames])
    inside = seq.truth.xy_px[..., 0] < 960
    inside &= seq.truth.xy_px[..., 0] >= 0
    np.testing.assert_array_equal(pres == 1.0, inside)
    assert (pres == 0.0).any()


def test_fall_drops_the_pelvis_and_stops_steps() -> None:
    seq = generate_gait(replace(BASE, fall_at_s=3.0))
    t = seq.truth.timestamps_s
    ff = seq.truth.fall_frame
    assert ff == int(np.searchsorted(t, 3.0))
    hip_h = 0.5 * (seq.joints3d[:, LM.LEFT_HIP, 1] + seq.joints3d[:, LM.RIGHT_HIP, 1])
    assert hip_h[ff - 1] > 0.8
    after = t >= 3.0 + 0.65
    assert np.all(hip_h[after] < 0.2)
    assert np.all(np.abs(seq.truth.trunk_lean_deg[t > 3.9]) > 70.0)  # trunk near horizontal
    assert all(s.contact_time_s < 3.0 for s in seq.truth.steps)
    assert all(s.liftoff_frame == -1 or s.liftoff_time_s < 3.0 for s in seq.truth.steps)
    assert np.all(np.abs(np.diff(hip_h)) < 0.1)  # continuous (no teleporting)


def test_variable_frame_rate_timestamps() -> None:
    seq = generate_gait(replace(BASE, vfr_jitter_s=0.01, seed=5))
    t = seq.truth.timestamps_s
    assert np.all(np.diff(t) > 0)
    assert np.std(np.diff(t)) > 0.003
    assert [f.timestamp_s for f in seq.frames] == list(t)
    for s in seq.truth.steps:
        assert t[s.contact_frame] >= s.contact_time_s > t[s.contact_frame - 1]
        for lm in contact_landmarks("forefoot", s.foot):
            assert abs(floor_gap_px(seq, s.contact_frame, lm)) < 1.0


def test_standing_has_no_steps_and_flat_feet() -> None:
    seq = generate_gait(replace(BASE, direction="standing", glances=(GlanceSpec(1.0, 1.0, 60.0, "right"),)))
    assert seq.truth.steps == () and seq.truth.travel == "none"
    soles = seq.joints3d[:, [29, 30, 31, 32], 1]
    np.testing.assert_allclose(soles, 0.0, atol=1e-9)
    assert seq.truth.glances[0].peak_yaw_deg == pytest.approx(60.0)


@pytest.mark.parametrize("view", ["front", "oblique"])
@pytest.mark.parametrize("facing_camera", [True, False])
def test_front_and_oblique_views(view: str, facing_camera: bool) -> None:
    seq = generate_gait(replace(BASE, view=view, facing_camera=facing_camera))
    xy = seq.truth.xy_px
    assert np.all((xy[..., 0] > 0) & (xy[..., 0] < 960) & (xy[..., 1] > 0) & (xy[..., 1] < 540))
    height_px = xy[:, [29, 30], 1].max(axis=1) - xy[:, LM.NOSE, 1]
    if view == "front":
        # backward walking with the camera in front = moving away: the figure shrinks
        assert height_px[-1] < 0.8 * height_px[0] if facing_camera else height_px[-1] > 1.2 * height_px[0]
        assert seq.truth.travel == ("away_from_camera" if facing_camera else "toward_camera")
    vis = np.array([f.visibility for f in seq.frames])
    assert (vis[:, LM.NOSE].mean() > 0.8) == facing_camera


def test_anatomical_foot_landmarks_sit_inside_the_shoe() -> None:
    sole = generate_gait(BASE)
    anat = generate_gait(replace(BASE, foot_landmarks="anatomical"))
    assert sole.truth.steps == anat.truth.steps
    np.testing.assert_array_equal(sole.joints3d[:, :29], anat.joints3d[:, :29])
    flat = sole.rig.feet.stance[:, 0] & (np.abs(sole.rig.feet.pitch_rad[:, 0]) < 1e-9)
    h = anat.joints3d[flat][:, [LM.LEFT_HEEL, LM.LEFT_FOOT_INDEX], 1]
    assert np.all((h > 0.02) & (h < 0.05))


def test_segment_lengths_constant_and_feet_above_floor() -> None:
    seq = generate_gait(replace(BASE, glances=(GlanceSpec(1.0, 1.0, 60.0, "left"),), trunk_lean_deg=5.0))
    j = seq.joints3d
    for a, b in [(23, 25), (25, 27), (24, 26), (26, 28), (11, 13), (13, 15), (11, 12), (23, 24)]:
        d = np.linalg.norm(j[:, a] - j[:, b], axis=-1)
        assert np.ptp(d) < 1e-9
    assert j[..., 1].min() > -1e-9


@settings(max_examples=25, deadline=None)
@given(
    direction=st.sampled_from(["backward", "forward"]),
    strike=st.sampled_from(["forefoot", "flat", "heel"]),
    speed=st.floats(0.2, 1.4),
    cadence=st.floats(70.0, 125.0),
    stance=st.floats(0.56, 0.7),
    height=st.floats(1.4, 2.0),
)
def test_kinematics_valid_over_parameter_space(
    direction: str, strike: str, speed: float, cadence: float, stance: float, height: float
) -> None:
    assume(speed * 60.0 / cadence < 0.42 * height)  # realistic step lengths
    spec = GaitSpec(
        direction=direction, strike=strike, speed_mps=speed, cadence_spm=cadence,
        stance_fraction=stance, height_m=height, duration_s=4.0,
    )  # fmt: skip
    seq = generate_gait(spec)
    j = seq.joints3d
    assert j[..., 1].min() > -1e-9  # nothing under the floor
    for s in seq.truth.steps:
        for lm in contact_landmarks(strike, s.foot):
            assert j[s.contact_frame, lm, 1] == pytest.approx(0.0, abs=1e-9)
            if s.contact_frame > 0:
                assert j[s.contact_frame - 1, lm, 1] > 0.0
    # knees: between ~3° and 80° of flexion, never hyperextended
    for h, k, a in [(23, 25, 27), (24, 26, 28)]:
        u, v = j[:, h] - j[:, k], j[:, a] - j[:, k]
        flex = 180.0 - np.degrees(
            np.arccos(np.sum(u * v, -1) / np.linalg.norm(u, axis=-1) / np.linalg.norm(v, axis=-1))
        )
        assert flex.min() > 2.0 and flex.max() < 85.0


def test_ten_seconds_generate_fast() -> None:
    spec = GaitSpec(duration_s=10.0, fps=30.0, noise_px=1.0, glances=(GlanceSpec(2.0, 1.0, 60.0, "left"),))
    generate_gait(spec)
    t0 = time.perf_counter()
    seq = generate_gait(spec)
    assert time.perf_counter() - t0 < 0.25
    assert len(seq.frames) == 300 and seq.joints3d.shape == (300, 33, 3)
