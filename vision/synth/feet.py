"""Foot trajectories: footprints, stance roll-over and swing, with exact contact events.

Each foot cycles through: initial contact (the strike pivot touches the floor) → loading (the
foot rotates about that pivot until flat) → flat stance → roll-off (rotation about the liftoff
pivot) → liftoff → swing (ankle and pitch blended with minimum-jerk ramps plus a clearance arc)
→ next contact. The contact pivot sits exactly on the floor (Y = 0) from the contact instant to
the end of loading, so contact times are exact by construction.

Forward walking lifts off the toe after a heel rise; backward walking (forward gait reversed in
time) lifts off the heel after the toes rise. Pitch angles are radians, + = toes up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.synth.body import Body
from vision.synth.geometry import min_jerk, smoothstep
from vision.synth.spec import GaitSpec

LEFT, RIGHT = 0, 1


@dataclass(frozen=True)
class FootPlan:
    """Timing and shape parameters of the foot cycle (seconds, metres, radians)."""

    standing: bool
    stride_s: float
    stance_frac: float
    load_frac: float
    """Fraction of the stride spent rotating from the contact pitch to flat."""
    roll_frac: float
    """Fraction of the stride spent rotating from flat to the liftoff pitch before liftoff."""
    contact_pitch_rad: float
    contact_on_toe: bool
    liftoff_pitch_rad: float
    liftoff_on_toe: bool
    clearance_m: float
    """Height of the swing arc added to the ankle at mid-swing."""
    first_contact_s: tuple[float, float]
    """A contact time of the left and the right foot (any stride)."""
    velocity_x_mps: float
    """Pelvis velocity along the facing axis (negative when walking backward)."""
    mid_time_s: float
    """Time at which the pelvis passes X = 0."""

    @classmethod
    def from_spec(cls, spec: GaitSpec, body: Body) -> FootPlan:
        """Plan for ``spec``; strike and direction select the pivots and pitches."""
        a = np.deg2rad(spec.strike_angle_deg)
        pitch_c = {"forefoot": -a, "flat": 0.0, "heel": a}[spec.strike]
        load = {"forefoot": 0.09, "flat": 0.0, "heel": 0.07}[spec.strike]
        forward = spec.direction == "forward"
        t = spec.stride_s
        t0 = spec.phase0 * t
        return cls(
            standing=spec.direction == "standing",
            stride_s=t,
            stance_frac=spec.stance_fraction,
            load_frac=load,
            roll_frac=0.20 if forward else 0.12,
            contact_pitch_rad=pitch_c,
            contact_on_toe=spec.strike == "forefoot",
            liftoff_pitch_rad=np.deg2rad(-32.0 if forward else 20.0),
            liftoff_on_toe=forward,
            clearance_m=0.042 * body.height_m,
            first_contact_s=(t0, t0 + 0.5 * t),
            velocity_x_mps=spec.travel_sign * spec.speed_mps,
            mid_time_s=0.5 * spec.duration_s,
        )

    def pelvis_x(self, t: np.ndarray) -> np.ndarray:
        """Pelvis position along the facing axis (metres) at times ``t`` (seconds)."""
        return self.velocity_x_mps * (np.asarray(t, dtype=np.float64) - self.mid_time_s)

    def contacts(self, t_start: float, t_end: float) -> list[tuple[int, float, float]]:
        """(foot, contact_s, liftoff_s) for every contact in [t_start, t_end], by time."""
        if self.standing:
            return []
        out = []
        for foot, t0 in enumerate(self.first_contact_s):
            k0 = np.ceil((t_start - t0) / self.stride_s - 1e-9)
            k1 = np.floor((t_end - t0) / self.stride_s + 1e-9)
            for k in range(int(k0), int(k1) + 1):
                tc = t0 + k * self.stride_s
                out.append((foot, tc, tc + self.stance_frac * self.stride_s))
        return sorted(out, key=lambda c: c[1])


@dataclass(frozen=True)
class FeetState:
    """Feet at each time, indexed (T, foot) with foot 0 = left, 1 = right; metres, radians."""

    ankle: np.ndarray
    """(T, 2, 3) ankle landmarks."""
    heel: np.ndarray
    """(T, 2, 3) back of the sole (touches the floor in heel strikes)."""
    toe: np.ndarray
    """(T, 2, 3) tip of the sole (touches the floor in forefoot strikes)."""
    heel_anat: np.ndarray
    """(T, 2, 3) anatomical heel inside the shoe (BlazePose's heel on shod feet)."""
    toe_anat: np.ndarray
    """(T, 2, 3) anatomical toe tip inside the shoe (BlazePose's foot index on shod feet)."""
    pitch_rad: np.ndarray
    """(T, 2) foot pitch relative to the floor, + = toes up."""
    stance: np.ndarray
    """(T, 2) bool, the foot touches the floor."""


def ankle_from_pivot(
    pivot_x: np.ndarray, on_toe: np.ndarray | bool, pitch: np.ndarray, body: Body
) -> tuple[np.ndarray, np.ndarray]:
    """Ankle (x, y) of a foot whose heel or toe pivot rests on the floor at ``pivot_x``."""
    heel_l, toe_l = body.foot_points()[:2]
    lx = np.where(on_toe, toe_l[0], heel_l[0])
    ly = np.where(on_toe, toe_l[1], heel_l[1])
    c, s = np.cos(pitch), np.sin(pitch)
    return pivot_x - (lx * c - ly * s), -(lx * s + ly * c)


def feet_state(times_s: np.ndarray, plan: FootPlan, body: Body) -> FeetState:
    """Both feet at ``times_s`` (seconds), vectorized over time."""
    t = np.asarray(times_s, dtype=np.float64)
    n = t.shape[0]
    heel_l, toe_l = body.foot_points()[:2]
    lat = np.array([-body.step_half_width_m, body.step_half_width_m])
    ankle = np.zeros((n, 2, 3))
    pitch = np.zeros((n, 2))
    stance = np.ones((n, 2), dtype=bool)
    if plan.standing:
        ankle[:, :, 0] = plan.pelvis_x(t)[:, None]
        ankle[:, :, 1] = body.ankle_height_m
    else:
        big_t, beta = plan.stride_s, plan.stance_frac
        for foot, t0 in enumerate(plan.first_contact_s):
            cyc = (t - t0) / big_t
            k = np.floor(cyc)
            ph = cyc - k

            def flat_pivot(kk: np.ndarray, on_toe: bool, t0: float = t0) -> np.ndarray:
                x_fp = plan.velocity_x_mps * (t0 + (kk + 0.5 * beta) * big_t - plan.mid_time_s)
                return x_fp + (toe_l[0] if on_toe else heel_l[0])

            pc, plo = plan.contact_pitch_rad, plan.liftoff_pitch_rad
            # stance: loading, flat, roll-off
            p_load = pc * (1.0 - smoothstep(ph / plan.load_frac)) if plan.load_frac > 0 else 0.0 * ph
            roll_start = beta - plan.roll_frac
            p_roll = plo * smoothstep((ph - roll_start) / plan.roll_frac)
            in_load = ph < plan.load_frac
            st_pitch = np.where(in_load, p_load, np.where(ph >= roll_start, p_roll, 0.0))
            st_on_toe = np.where(in_load, plan.contact_on_toe, plan.liftoff_on_toe)
            st_pivot = np.where(
                in_load, flat_pivot(k, plan.contact_on_toe), flat_pivot(k, plan.liftoff_on_toe)
            )
            st_x, st_y = ankle_from_pivot(st_pivot, st_on_toe, st_pitch, body)
            # swing: from this stride's liftoff pose to the next stride's contact pose
            s = np.clip((ph - beta) / (1.0 - beta), 0.0, 1.0)
            lo_x, lo_y = ankle_from_pivot(flat_pivot(k, plan.liftoff_on_toe), plan.liftoff_on_toe, plo, body)
            c_x, c_y = ankle_from_pivot(flat_pivot(k + 1, plan.contact_on_toe), plan.contact_on_toe, pc, body)
            m = min_jerk(s)
            sw_x = lo_x + (c_x - lo_x) * m
            sw_y = lo_y + (c_y - lo_y) * m + plan.clearance_m * np.sin(np.pi * s)
            sw_pitch = plo + (pc - plo) * m
            is_stance = ph < beta
            ankle[:, foot, 0] = np.where(is_stance, st_x, sw_x)
            ankle[:, foot, 1] = np.where(is_stance, st_y, sw_y)
            pitch[:, foot] = np.where(is_stance, st_pitch, sw_pitch)
            stance[:, foot] = is_stance
    ankle[:, :, 2] = lat
    return place_feet(ankle, pitch, stance, body)


def place_feet(ankle: np.ndarray, pitch: np.ndarray, stance: np.ndarray, body: Body) -> FeetState:
    """Foot points around ankles (T, 2, 3) pitched by ``pitch`` (T, 2) radians about the ankle."""
    c, s = np.cos(pitch), np.sin(pitch)
    pts = []
    for lx, ly in body.foot_points():
        p = ankle.copy()
        p[..., 0] += lx * c - ly * s
        p[..., 1] += lx * s + ly * c
        p[..., 1] = np.where(np.abs(p[..., 1]) < 1e-9, 0.0, p[..., 1])  # a pivot on the floor is at 0
        pts.append(p)
    return FeetState(
        ankle=ankle,
        heel=pts[0],
        toe=pts[1],
        heel_anat=pts[2],
        toe_anat=pts[3],
        pitch_rad=pitch,
        stance=stance,
    )
