"""World poses of both feet from the step plan: locked in stance, a quintic swing between.

In stance the foot turns about one sole point that stays fixed on the floor: the point that is
lowest at the contact pitch while loading, the one lowest at the lift-off pitch while rolling off
(profiles from :class:`vision.synth.feet.FootPlan`, pitch + = toes up). So the first sole point
to touch the floor is the one the strike style names.

The swing ankle leaves and lands moving (``MotionSpec.landing_speed_share``, a share of its mean
swing speed), as a real foot does: a minimum-jerk swing stops in the air before the contact,
which no real walker does (docs/contacts.md). After a walking contact the foot travels on for
``MotionSpec.contact_slide_s`` (heel slide and roll-over, as the real foot is seen to do), its
speed falling from the landing speed to rest; it lands that much short of its place. Turning and
pausing steps start and end at rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.synth.geometry import min_jerk, rot_x, rot_y, smoothstep, swing_ramp
from vision.synth.human.motion.plan import Stance, StepPlan

TURN_CLEARANCE_SHARE = 0.5
"""Swing clearance of a turning step relative to a walking step."""
SWING_RISE_SHARE = 0.3
"""Share of a walking swing spent speeding up after lift-off (the foot then travels at a
plateau until it brakes, ``MotionSpec.landing_brake_share``)."""
REST_EDGE_SHARE = 0.5
"""Share of a swing spent speeding up from rest, or braking to rest, at a turning or pausing
step's end (with both ends at rest: a smooth bell, as the minimum-jerk ramp)."""


@dataclass(frozen=True, eq=False, kw_only=True)
class FootGeometry:
    """Rest-pose foot of one side: ankle (foot bone head) and sole heel/ball/toe, metres."""

    ankle: np.ndarray
    """(3,) rest ankle; its height is the flat-foot ankle height."""
    sole: np.ndarray
    """(3, 3) rest heel, ball, toe on the sole."""

    def offsets(self) -> np.ndarray:
        """(3, 3) sole points relative to the ankle (rest axes)."""
        return self.sole - self.ankle


@dataclass(frozen=True, eq=False, kw_only=True)
class FootPoses:
    """Feet at each time: index (T, foot) with foot 0 = left, 1 = right."""

    ankle: np.ndarray
    """(T, 2, 3) ankle (foot bone head), world metres."""
    rot: np.ndarray
    """(T, 2, 3, 3) global rotation of the foot bone (rest → posed)."""
    pitch_rad: np.ndarray
    """(T, 2) + = toes up."""
    stance: np.ndarray
    """(T, 2) bool, the plan has this foot on the floor."""


def foot_rotation(yaw: np.ndarray, pitch: np.ndarray) -> np.ndarray:
    """(…, 3, 3) foot turned to heading ``yaw`` and pitched ``pitch`` (+ toes up) radians."""
    return rot_y(yaw) @ rot_x(-np.asarray(pitch))


def lowest_point(geom: FootGeometry, pitch: float) -> int:
    """Index (0 heel, 1 ball, 2 toe) of the sole point nearest the floor at ``pitch``."""
    h = (foot_rotation(np.float64(0.0), np.float64(pitch)) @ geom.offsets().T)[1]
    return int(np.argmin(h + 1e-6 * np.arange(3)))


def _pivoted(stance: Stance, geom: FootGeometry, pitch: np.ndarray, pivot: int) -> np.ndarray:
    """(T, 3) ankle of the stance foot pitched ``pitch`` about sole point ``pivot`` (fixed)."""
    flat = np.array([stance.ankle_xz[0], geom.ankle[1], stance.ankle_xz[1]])
    off = geom.offsets()[pivot]
    world_pivot = flat + rot_y(np.float64(stance.yaw_rad)) @ off
    world_pivot[1] = 0.0 if abs(world_pivot[1]) < 2e-3 else world_pivot[1]
    r = foot_rotation(np.full(pitch.shape, stance.yaw_rad), pitch)
    return world_pivot - r @ off


def _stance_pose(
    st: Stance, geom: FootGeometry, plan: StepPlan, t: np.ndarray, *, slide: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Ankle (T, 3) and pitch (T,) of a foot in stance ``st`` at times ``t`` inside it; ``slide``
    (3,): how far short of its place the foot lands, travelling on to it (:func:`_slide`)."""
    fp = plan.foot_plan
    walk = st.kind == "walk"
    pc = fp.contact_pitch_rad if walk else 0.0
    plo = fp.liftoff_pitch_rad if walk else 0.0
    load_s, roll_s = fp.load_frac * fp.stride_s, fp.roll_frac * fp.stride_s
    u = t - st.contact_s
    p_load = pc * (1.0 - smoothstep(u / load_s)) if load_s > 0 else np.zeros_like(t)
    p_roll = plo * smoothstep((t - (st.liftoff_s - roll_s)) / roll_s)
    loading = (u < load_s) & (pc != 0.0)
    pitch = np.where(loading, p_load, np.where(np.isfinite(st.liftoff_s), p_roll, 0.0))
    a_load = _pivoted(st, geom, pitch, lowest_point(geom, pc))
    a_roll = _pivoted(st, geom, pitch, lowest_point(geom, plo))
    ankle = np.where(loading[:, None], a_load, a_roll)
    if slide is not None:
        left = np.clip(1.0 - u / plan.contact_slide_s, 0.0, 1.0)
        ankle = ankle - (left**2)[:, None] * slide
    return ankle, pitch


def _slide(plan: StepPlan, a0: np.ndarray, a1: np.ndarray, swing_s: float) -> np.ndarray | None:
    """(3,) horizontal distance a walking contact lands short of its place ``a1`` (coming from
    ``a0`` in ``swing_s``): the foot travels on over ``StepPlan.contact_slide_s`` with its speed
    falling from the landing speed to rest, a quadratic ease-out (distance = speed × time / 2).
    The swing is shorter by that much, and lands at ``landing_speed_share`` of its own mean
    speed v: slide = share · τ · |a1 − a0| / (2 · swing_s + share · τ)."""
    tau = plan.contact_slide_s
    d = (a1 - a0) * np.array([1.0, 0.0, 1.0])
    dist = float(np.linalg.norm(d))
    if tau <= 0.0 or dist < 1e-6:
        return None
    share = plan.landing_speed_share
    return d / dist * (share * tau * dist / (2.0 * swing_s + share * tau))


def _end_poses(
    st: Stance, geom: FootGeometry, plan: StepPlan, *, slide: np.ndarray | None = None
) -> tuple[np.ndarray, float, np.ndarray, float]:
    """(ankle at contact, contact pitch, ankle at lift-off, lift-off pitch) of stance ``st``."""
    ts = np.array([st.contact_s, st.liftoff_s])
    ts = np.where(np.isfinite(ts), ts, 0.0)
    if not np.isfinite(st.contact_s):
        ts[0] = ts[1]
    a, p = _stance_pose(st, geom, plan, ts, slide=slide)
    return a[0], float(p[0]), a[1], float(p[1])


def _swing_ramp(plan: StepPlan, s: np.ndarray, kind0: str, kind1: str) -> np.ndarray:
    """Share of the way from lift-off to contact at swing phase ``s`` (0 → 1): a walking
    swing leaves and lands at its spec's speed shares, others start and stop at rest."""
    walk0, walk1 = kind0 == "walk", kind1 == "walk"
    return swing_ramp(
        s,
        v0=plan.liftoff_speed_share if walk0 else 0.0,
        v1=plan.landing_speed_share if walk1 else 0.0,
        rise=SWING_RISE_SHARE if walk0 else REST_EDGE_SHARE,
        brake=plan.landing_brake_share if walk1 else REST_EDGE_SHARE,
    )


def _slides(plan: StepPlan, geom: FootGeometry, mine: list[Stance]) -> list[np.ndarray | None]:
    """Per stance of one foot (in order): the slide after its contact, for walking contacts
    reached by a swing (the others land at rest, locked)."""
    out: list[np.ndarray | None] = [None] * len(mine)
    for j in range(1, len(mine)):
        st, nxt = mine[j - 1], mine[j]
        if nxt.kind != "walk" or not np.isfinite(st.liftoff_s):
            continue
        _, _, a0, _ = _end_poses(st, geom, plan, slide=out[j - 1])
        a1, _, _, _ = _end_poses(nxt, geom, plan)
        out[j] = _slide(plan, a0, a1, nxt.contact_s - st.liftoff_s)
    return out


def foot_poses(plan: StepPlan, geoms: tuple[FootGeometry, FootGeometry], t: np.ndarray) -> FootPoses:
    """Both feet at times ``t`` (seconds), vectorised over time (a loop over the few stances)."""
    t = np.asarray(t, dtype=np.float64)
    n = len(t)
    ankle = np.zeros((n, 2, 3))
    pitch = np.zeros((n, 2))
    yaw = np.zeros((n, 2))
    stance = np.zeros((n, 2), dtype=bool)
    clear = plan.foot_plan.clearance_m
    for f in (0, 1):
        mine = [s for s in plan.stances if s.foot == f]
        slides = _slides(plan, geoms[f], mine)
        for j, st in enumerate(mine):
            inside = (t >= st.contact_s) & (t < st.liftoff_s)
            if inside.any():
                a, p = _stance_pose(st, geoms[f], plan, t[inside], slide=slides[j])
                ankle[inside, f], pitch[inside, f], yaw[inside, f] = a, p, st.yaw_rad
                stance[inside, f] = True
            if j + 1 >= len(mine) or not np.isfinite(st.liftoff_s):
                continue
            nxt = mine[j + 1]
            swing = (t >= st.liftoff_s) & (t < nxt.contact_s)
            if not swing.any():
                continue
            _, _, a0, p0 = _end_poses(st, geoms[f], plan, slide=slides[j])
            a1, p1, _, _ = _end_poses(nxt, geoms[f], plan, slide=slides[j + 1])
            s = (t[swing] - st.liftoff_s) / (nxt.contact_s - st.liftoff_s)
            m = min_jerk(s)[:, None]
            share = TURN_CLEARANCE_SHARE if "turn" in (st.kind, nxt.kind) else 1.0
            ankle[swing, f] = a0 + (a1 - a0) * _swing_ramp(plan, s, st.kind, nxt.kind)[:, None]
            ankle[swing, f, 1] += share * clear * np.sin(np.pi * s)
            pitch[swing, f] = p0 + (p1 - p0) * m[:, 0]
            yaw[swing, f] = st.yaw_rad + (nxt.yaw_rad - st.yaw_rad) * m[:, 0]
    return FootPoses(ankle=ankle, rot=foot_rotation(yaw, pitch), pitch_rad=pitch, stance=stance)
