"""Digital-human motion: feet locked in stance, strike postures, glances, turns, treadmill, fall."""

from __future__ import annotations

import os

import numpy as np
import pytest

from vision.synth.human.assets import assets_available, skip_reason
from vision.synth.human.motion import HeadTurn, MotionSpec, Pause, animate
from vision.synth.human.motion.plan import build_plan

FPS = 60.0


@pytest.fixture(scope="module")
def body():
    if not assets_available():
        (pytest.fail if os.environ.get("CI") else pytest.skip)(skip_reason())
    from vision.synth.human.body import BodySpec, build_body

    return build_body(BodySpec(sex=0.3, age_years=66, height_m=1.66, weight=0.6))


def _pose(body, spec: MotionSpec, **kw):
    t = np.arange(round(spec.duration_s * FPS)) / FPS
    m = animate(body, spec, t, **kw)
    mats = body.pose(local_rot=m.local_rot, root_m=m.root_m)
    return m, mats, body.sole_points(mats)


def _stance_drift_mm(points: np.ndarray, floor_y: float = 0.0) -> float:
    """Largest distance a sole point moves while it stays on the floor (one run of frames)."""
    worst = 0.0
    for k in range(3):
        down = points[:, k, 1] - floor_y < 1e-3
        edges = np.flatnonzero(np.diff(np.concatenate([[0], down.astype(int), [0]])))
        for a, b in zip(edges[::2], edges[1::2], strict=True):
            xz = points[a:b, k][:, [0, 2]]
            worst = max(worst, float(np.max(np.linalg.norm(xz - xz[0], axis=1))) * 1000)
    return worst


@pytest.mark.parametrize(
    "kw",
    [
        dict(direction="backward", strike="forefoot", speed_mps=0.5, cadence_spm=96),
        dict(direction="forward", strike="heel", speed_mps=1.1, cadence_spm=112),
        dict(
            direction="backward",
            strike="flat",
            speed_mps=0.6,
            turns_at_s=(3.5,),
            pauses=(Pause(start_s=7, duration_s=1),),
        ),
    ],
)
def test_feet_do_not_slide_in_stance_and_never_go_below_the_floor(body, kw):
    _, _, soles = _pose(body, MotionSpec(duration_s=10.0, **kw))
    for side in ("left", "right"):
        assert _stance_drift_mm(soles[side]) < 5.0
        assert soles[side][..., 1].min() > -1e-6
        assert (soles[side][..., 1] < 1e-3).mean() > 0.4  # the foot is really down much of the time


def _contact_index(heights: np.ndarray) -> list[int]:
    down = heights.min(axis=1) < 1e-3
    return [int(i) + 1 for i in np.flatnonzero(~down[:-1] & down[1:])]


def _angle_deg(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.degrees(np.arccos(np.clip(np.dot(a, b) / np.linalg.norm(a) / np.linalg.norm(b), -1, 1))))


def test_forefoot_lands_toe_first_plantarflexed_and_heel_strike_with_the_knee_nearly_straight(body):
    from vision.synth.human.motion.bones import BoneMap

    bm = BoneMap.of(body)
    for strike, angle in (("forefoot", 15.0), ("heel", 12.0)):
        spec = MotionSpec(
            duration_s=6.0,
            direction="backward" if strike == "forefoot" else "forward",
            strike=strike,
            strike_angle_deg=angle,
            speed_mps=0.6 if strike == "forefoot" else 1.0,
            cadence_spm=100,
        )
        m, mats, soles = _pose(body, spec)
        h = soles["left"][..., 1]
        idx = _contact_index(h)
        assert len(idx) >= 2
        pos = np.einsum("tbij,bj->tbi", mats[..., :3, :3], body.rest_heads_m) + mats[..., :3, 3]
        leg = bm.legs[0]
        for i in idx:
            first = int(np.argmin(h[i]))
            pitch = np.degrees(m.feet.pitch_rad[i, 0])
            knee = 180.0 - _angle_deg(
                pos[i, leg.thigh] - pos[i, leg.knee], pos[i, leg.foot] - pos[i, leg.knee]
            )
            if strike == "forefoot":
                assert first in (1, 2)  # ball or toe first
                assert -angle - 1.5 < pitch < -angle + 3.0  # toes down by about the strike angle
                assert h[i, 0] > 0.02  # heel well above the floor
            else:
                assert first == 0
                assert angle - 3.0 < pitch < angle + 1.5
                assert h[i, 2] > 0.02
                assert knee < 12.0  # knee near extended at heel strike


def test_glance_yaw_is_measured_against_the_shoulders_with_and_without_trunk(body):
    from vision.synth.human.labels import posture_track

    glances = (
        HeadTurn(start_s=1.0, duration_s=1.5, yaw_deg=70.0, side="left"),
        HeadTurn(start_s=3.5, duration_s=1.0, yaw_deg=40.0, side="right", with_trunk=True),
    )
    m, mats, _ = _pose(body, MotionSpec(duration_s=6.0, glances=glances))
    track = posture_track(body, mats)
    t = m.times_s
    assert track.head_yaw_deg[np.argmin(abs(t - 1.75))] == pytest.approx(70.0, abs=2.0)
    assert track.head_yaw_deg[np.argmin(abs(t - 4.0))] == pytest.approx(-40.0, abs=2.0)
    assert abs(track.head_yaw_deg[np.argmin(abs(t - 0.5))]) < 2.0
    assert abs(track.head_yaw_deg[np.argmin(abs(t - 5.5))]) < 2.0


def test_slouching_rounds_the_back_and_lowers_the_gaze(body):
    from vision.synth.human.labels import posture_track

    _, up_mats, _ = _pose(body, MotionSpec(duration_s=2.0))
    _, sl_mats, _ = _pose(
        body,
        MotionSpec(
            duration_s=2.0,
            posture="slouching",
            thoracic_flexion_deg=30,
            neck_flexion_deg=20,
            head_pitch_deg=20,
        ),
    )
    up, sl = posture_track(body, up_mats), posture_track(body, sl_mats)
    assert abs(np.median(up.thoracic_flexion_deg)) < 3.0
    assert np.median(sl.thoracic_flexion_deg) == pytest.approx(30.0, abs=4.0)
    assert np.median(sl.head_pitch_deg) > np.median(up.head_pitch_deg) + 25.0


def test_turn_faces_the_other_way_and_walks_back(body):
    m, mats, _ = _pose(
        body,
        MotionSpec(duration_s=10.0, direction="backward", speed_mps=0.6, turns_at_s=(3.0,)),
        place=(0, 0, np.pi / 2),
    )
    front = mats[:, 0, :3, :3] @ np.array([0.0, 0.0, 1.0])
    assert front[0, 0] > 0.95 and front[-1, 0] < -0.95
    x = m.root_m[:, 0]
    assert x[round(3.0 * FPS)] < x[0] - 0.8  # backward along -X first
    assert x[-1] > x[round(7.0 * FPS)] + 0.5  # then backward along +X
    plan = build_plan(
        MotionSpec(duration_s=10.0, speed_mps=0.6, turns_at_s=(3.0,)), height_m=1.7, half_width_m=0.08
    )
    assert [s.activity for s in plan.segments] == ["walk", "stand", "turn", "stand", "walk"]


def test_treadmill_keeps_the_pelvis_in_place_on_the_belt(body):
    m, _, soles = _pose(
        body,
        MotionSpec(duration_s=6.0, direction="forward", treadmill=True),
        floor_y_m=0.18,
        place=(0.5, -0.2, 0.0),
    )
    assert np.ptp(m.root_m[:, 0]) < 0.05 and np.ptp(m.root_m[:, 2]) < 0.1
    assert soles["left"][..., 1].min() == pytest.approx(0.18, abs=1e-6)
    dz = np.diff(soles["left"][:, 1, 2])
    on = soles["left"][1:, 1, 1] < 0.181
    assert np.median(dz[on]) * FPS == pytest.approx(-0.6, abs=0.05)  # the belt carries the stance foot back


def test_fall_ends_sitting_then_lying_on_the_floor(body):
    m, mats, _ = _pose(body, MotionSpec(duration_s=6.0, direction="backward", fall_at_s=3.0))
    pos = np.einsum("tbij,bj->tbi", mats[..., :3, :3], body.rest_heads_m) + mats[..., :3, 3]
    head = pos[:, body.bone("head")]
    assert head[0, 1] > 1.3 and head[-1, 1] < 0.45
    assert m.root_m[-1, 1] < 0.25


def test_motion_is_deterministic(body):
    spec = MotionSpec(duration_s=3.0, glances=(HeadTurn(start_s=1, duration_s=1, yaw_deg=50, side="left"),))
    a, _, _ = _pose(body, spec)
    b, _, _ = _pose(body, spec)
    assert np.array_equal(a.local_rot, b.local_rot) and np.array_equal(a.root_m, b.root_m)


def test_a_fall_during_a_turn_ends_the_walking():
    spec = MotionSpec(duration_s=8.0, speed_mps=0.6, turns_at_s=(3.0,), fall_at_s=5.0)
    plan = build_plan(spec, height_m=1.7, half_width_m=0.08)
    assert [g.activity for g in plan.segments] == ["walk", "stand", "turn", "fall"]
    assert plan.segments[-1].start_s == 5.0 and plan.segments[-2].end_s == 5.0
    assert all(s.contact_s < 5.0 + 0.5 for s in plan.stances)  # only a step already in the air lands


def test_swing_ramp_has_its_end_speeds_a_plateau_and_never_turns_back():
    from vision.synth.geometry import swing_ramp

    x = np.linspace(0.0, 1.0, 20001)
    for v0, v1, rise, brake in ((0.5, 0.35, 0.3, 0.2), (0.3, 0.6, 0.25, 0.12), (0.0, 0.0, 0.5, 0.5)):
        y = swing_ramp(x, v0=v0, v1=v1, rise=rise, brake=brake)
        assert y[0] == 0.0 and abs(y[-1] - 1.0) < 1e-12
        speed = np.gradient(y, x)
        assert abs(speed[0] - v0) < 1e-3 and abs(speed[-1] - v1) < 1e-3
        assert speed.min() > -1e-9
        plateau = speed[(x > rise + 0.01) & (x < 1.0 - brake - 0.01)]
        if rise + brake < 1.0:
            assert np.ptp(plateau) < 1e-6 and plateau[0] > 1.0  # faster than the mean between the edges
        else:
            assert abs(speed.max() - 2.0) < 1e-3  # both ends at rest: a bell peaking at twice the mean
    with pytest.raises(ValueError):
        swing_ramp(x, v0=0.0, v1=0.0, rise=0.7, brake=0.5)


def _landing_speed_shares(body, share: float) -> list[tuple[float, float]]:
    """(speed in the frame before, speed 0.1 s before) each walking contact of the left foot,
    of the first sole point to touch, over the ankle's mean speed through that swing."""
    spec = MotionSpec(
        duration_s=6.0,
        direction="forward",
        strike="heel",
        speed_mps=1.0,
        cadence_spm=104,
        landing_speed_share=share,
        liftoff_speed_share=share,
    )
    m, _, soles = _pose(body, spec)
    h = soles["left"][..., 1]
    down = m.feet.stance[:, 0]
    early = round(0.1 * FPS)
    out = []
    for i in _contact_index(h)[1:]:
        lift = int(np.flatnonzero(down[:i] & ~down[1 : i + 1])[-1]) + 1  # first swing frame
        mean = np.linalg.norm(m.feet.ankle[i, 0, [0, 2]] - m.feet.ankle[lift - 1, 0, [0, 2]]) / (
            (i - lift + 1) / FPS
        )
        p = soles["left"][:, int(np.argmin(h[i]))]
        speed = np.linalg.norm(np.diff(p[:, [0, 2]], axis=0), axis=1) * FPS / mean  # speed[k]: k → k+1
        out.append((float(speed[i - 2]), float(speed[i - 1 - early])))
    return out


def test_the_swing_foot_travels_until_it_lands_as_a_real_heel_does(body):
    """A minimum-jerk swing stops the foot in the air before it lands; real heels travel at full
    speed until shortly before and land at about 1 m/s (docs/contacts.md)."""
    still, moving = _landing_speed_shares(body, 0.0), _landing_speed_shares(body, 0.5)
    assert len(still) >= 2 and len(moving) == len(still)
    assert max(last for last, _ in still) < 0.35
    assert min(last for last, _ in moving) > 0.5 and max(last for last, _ in moving) < 0.9
    assert min(early for _, early in moving) > 0.9  # 0.1 s before the contact: still at speed


def test_after_a_walking_contact_the_foot_slides_on_to_its_place_and_stops(body):
    """``contact_slide_s``: the landing foot travels on after the contact, its speed falling from
    the landing speed to rest over that time, and ends where the locked foot stands."""
    from vision.synth.human.motion.animate import foot_geometry
    from vision.synth.human.motion.bones import BoneMap
    from vision.synth.human.motion.feet import foot_poses
    from vision.synth.human.motion.plan import build_plan

    spec = MotionSpec(duration_s=6.0, direction="backward", strike="forefoot", speed_mps=0.7, cadence_spm=104)
    geoms = foot_geometry(body, BoneMap.of(body))
    t = np.arange(round(spec.duration_s * FPS)) / FPS
    slid = MotionSpec(**{**spec.__dict__, "contact_slide_s": 0.1})
    plan, plan_slid = (build_plan(s, height_m=1.66, half_width_m=0.09) for s in (spec, slid))
    locked, moving = foot_poses(plan, geoms, t), foot_poses(plan_slid, geoms, t)
    np.testing.assert_array_equal(locked.stance, moving.stance)  # the same contact frames
    walks = [s for s in plan.stances if s.kind == "walk" and s.foot == 0 and 0.1 < s.contact_s < 5.5]
    assert len(walks) >= 3
    for st in walks:
        i = int(np.searchsorted(t, st.contact_s))
        gap = np.linalg.norm((moving.ankle[i : i + 12, 0] - locked.ankle[i : i + 12, 0])[:, [0, 2]], axis=1)
        step = np.linalg.norm(np.diff(moving.ankle[i - 2 : i + 12, 0, [0, 2]], axis=0), axis=1) * FPS
        assert 0.02 < gap[0] < 0.08  # lands 2-8 cm short of its place
        assert np.all(np.diff(gap[:7]) < 0) and gap[7] < 1e-9  # closes the gap in 0.1 s, then locked
        assert abs(step[1] - step[2]) < 0.25 * step[1]  # no jump in speed through the contact
        assert step[-1] < 1e-9
