"""The step plan: when each foot lands and lifts, where its footprint is, and the pelvis path.

Walking extends the project's kinematic gait (:mod:`vision.synth.feet`): the same stride timing,
stance fraction and pitch profiles (taken from :class:`vision.synth.feet.FootPlan`), but footprints
are placed in the world from the pelvis path at mid-stance, so the walker can stop and start,
turn round on the spot in small steps and walk a treadmill. World frame: metres, Y up, floor
Y = 0; the heading ψ (radians) turns the character's front (+Z at rest) to (sin ψ, 0, cos ψ).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.synth.body import Body
from vision.synth.feet import FootPlan
from vision.synth.geometry import smoothstep
from vision.synth.human.motion.spec import MotionSpec
from vision.synth.spec import GaitSpec

LEAD_IN_S = 3.0
"""Walking starts this long before the clip so the first frame is mid-gait (seconds)."""
GRID_DT_S = 0.002
"""Time step of the pelvis-path integration (seconds)."""
TURN_STEPS = 4
"""Steps taken to turn round (180°) on the spot."""
TURN_STEP_S = 0.55
"""Time between turning steps (seconds)."""
RAMP_STEPS = 2.0
"""Speed ramps up and down over this many steps."""
TURN_PAUSE_S = 0.3
"""Standing still before and after turning round (seconds)."""
FALL_STOP_S = 0.4
"""The pelvis stops travelling over this time after a fall begins (seconds)."""
STUMBLE_S = 0.8
"""Length of the stumble segment (seconds)."""


@dataclass(frozen=True, kw_only=True)
class Stance:
    """One foot on the floor from ``contact_s`` to ``liftoff_s`` (inf = stays)."""

    foot: int
    """0 = left, 1 = right."""
    contact_s: float
    liftoff_s: float
    ankle_xz: tuple[float, float]
    """World position of the ankle when the foot is flat (metres)."""
    yaw_rad: float
    """Foot heading (the character's heading when it was placed)."""
    kind: str
    """"walk", "stand" (feet together), or "turn"."""


@dataclass(frozen=True, kw_only=True)
class Segment:
    start_s: float
    end_s: float
    activity: str
    """"walk", "stand", "turn", "stumble" or "fall"."""


@dataclass(frozen=True, eq=False, kw_only=True)
class StepPlan:
    """Stances per foot, activity segments and the sampled pelvis path."""

    stances: tuple[Stance, ...]
    segments: tuple[Segment, ...]
    grid_s: np.ndarray
    """(G,) times of the sampled path (seconds)."""
    pelvis_xz: np.ndarray
    """(G, 2) pelvis ground position in the belt frame (the world unless on a treadmill)."""
    heading_rad: np.ndarray
    """(G,) heading ψ."""
    speed_mps: np.ndarray
    """(G,) pelvis speed (≥ 0)."""
    foot_plan: FootPlan
    """Timing and pitch parameters of a stride (from the project's gait model)."""
    step_s: float
    half_width_m: float
    landing_speed_share: float
    """Swing ankle speed at a walking contact / its mean swing speed (``MotionSpec``)."""
    liftoff_speed_share: float
    """The same at a walking lift-off."""
    landing_brake_share: float
    """Share of a walking swing spent braking before the contact."""
    contact_slide_s: float
    """Time the foot travels on after a walking contact (``MotionSpec``)."""

    def at(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pelvis ground position (T, 2) and heading (T,) at times ``t`` (seconds)."""
        t = np.asarray(t, dtype=np.float64)
        xz = np.stack([np.interp(t, self.grid_s, self.pelvis_xz[:, k]) for k in (0, 1)], axis=-1)
        return xz, np.interp(t, self.grid_s, self.heading_rad)


def facing(psi: np.ndarray | float) -> np.ndarray:
    """(…, 2) world XZ of the character's front for heading ``psi``."""
    p = np.asarray(psi, dtype=np.float64)
    return np.stack([np.sin(p), np.cos(p)], axis=-1)


def left_of(psi: np.ndarray | float) -> np.ndarray:
    """(…, 2) world XZ of the character's left (+X at rest) for heading ``psi``."""
    p = np.asarray(psi, dtype=np.float64)
    return np.stack([np.cos(p), -np.sin(p)], axis=-1)


def foot_plan_for(spec: MotionSpec, height_m: float) -> FootPlan:
    """The project's stride timing and pitch profile for this motion."""
    gait = GaitSpec(
        direction="forward" if spec.direction == "forward" else "backward",
        strike=spec.strike,
        duration_s=spec.duration_s,
        speed_mps=min(spec.speed_mps, 0.45 * height_m * spec.cadence_spm / 60.0),
        cadence_spm=spec.cadence_spm,
        height_m=height_m,
        stance_fraction=spec.stance_fraction,
        strike_angle_deg=spec.strike_angle_deg,
    )
    return FootPlan.from_spec(gait, Body.from_height(height_m))


def _stops(spec: MotionSpec) -> list[tuple[float, float, str]]:
    """(stop time, pause seconds, kind) in time order; kind "stand", "turn" or "fall"."""
    out = [(p.start_s, p.duration_s, "stand") for p in spec.pauses]
    out += [(t, TURN_PAUSE_S, "turn") for t in spec.turns_at_s]
    if spec.fall_at_s is not None:
        out.append((spec.fall_at_s, np.inf, "fall"))
    return sorted(out)


@dataclass
class _Schedule:
    """Contacts (time, foot, kind), segments and the speed/heading profile being built."""

    grid: np.ndarray
    speed: np.ndarray
    heading: np.ndarray
    contacts: list[tuple[float, int, str]]
    segments: list[Segment]


def _walk_bout(
    s: _Schedule, *, c0: float, foot0: int, stop: float, kind: str, v: float, ts: float, swing_s: float
) -> tuple[float, int]:
    """One walking bout from contact ``c0`` until ``stop``; returns (rest time, last foot)."""
    g = s.grid
    end = stop if np.isfinite(stop) else g[-1]
    n_last = max(int(np.floor((end - c0) / ts)), 0)
    c_last = c0 + n_last * ts
    up = smoothstep((g - (c0 - swing_s)) / (RAMP_STEPS * ts)) if c0 > g[0] + LEAD_IN_S else 1.0
    if kind in ("stand", "turn"):
        down = 1.0 - smoothstep((g - (c_last - ts)) / (2.0 * ts))
        rest = c_last + ts
    else:
        down = 1.0 - smoothstep((g - stop) / FALL_STOP_S) if kind == "fall" else 1.0
        rest = np.inf
    live = (g >= c0 - swing_s) & (g < rest)
    s.speed = np.where(live, v * up * down, s.speed)
    s.contacts += [(c0 + k * ts, (foot0 + k) % 2, "walk") for k in range(n_last + 1)]
    last = (foot0 + n_last) % 2
    seg_end = rest if np.isfinite(rest) else stop
    s.segments.append(Segment(start_s=c0 - swing_s, end_s=seg_end, activity="walk"))
    if kind in ("stand", "turn"):
        s.contacts.append((rest, 1 - last, "stand"))
    return rest, last


def _turn(s: _Schedule, *, rest: float, last: int, swing_s: float) -> float:
    """Turn round on the spot in TURN_STEPS steps after ``rest``; returns when it ends."""
    t0 = rest + TURN_PAUSE_S
    t1 = t0 + (TURN_STEPS - 1) * TURN_STEP_S + swing_s
    s.heading = s.heading + np.pi * smoothstep((s.grid - t0) / (t1 - t0))
    s.contacts += [(t0 + swing_s + k * TURN_STEP_S, (last + k) % 2, "turn") for k in range(TURN_STEPS)]
    s.segments.append(Segment(start_s=rest, end_s=t0, activity="stand"))
    s.segments.append(Segment(start_s=t0, end_s=t1, activity="turn"))
    return t1


def _schedule(spec: MotionSpec, plan: FootPlan) -> _Schedule:
    ts = spec.step_s
    swing_s = 2.0 * (1.0 - spec.stance_fraction) * ts
    grid = np.arange(-LEAD_IN_S - 1.0, spec.duration_s + 2.0, GRID_DT_S)
    s = _Schedule(grid=grid, speed=np.zeros_like(grid), heading=np.zeros_like(grid), contacts=[], segments=[])
    if spec.direction == "standing":
        s.segments.append(Segment(start_s=0.0, end_s=spec.duration_s, activity="stand"))
        return s
    v = abs(plan.velocity_x_mps)
    c0 = plan.first_contact_s[0] - np.ceil((LEAD_IN_S + plan.first_contact_s[0]) / (2 * ts)) * 2 * ts
    foot0 = 0
    for stop, pause_s, kind in [*_stops(spec), (np.inf, 0.0, "end")]:
        if stop <= c0:  # during a pause or a turn
            if kind == "fall":
                s.segments.append(Segment(start_s=stop, end_s=spec.duration_s, activity="fall"))
                break
            continue
        rest, last = _walk_bout(s, c0=c0, foot0=foot0, stop=stop, kind=kind, v=v, ts=ts, swing_s=swing_s)
        if kind == "stand":
            s.segments.append(Segment(start_s=rest, end_s=rest + pause_s, activity="stand"))
            c0, foot0 = rest + pause_s + swing_s, last
        elif kind == "turn":
            t1 = _turn(s, rest=rest, last=last, swing_s=swing_s)
            s.segments.append(Segment(start_s=t1, end_s=t1 + TURN_PAUSE_S, activity="stand"))
            c0, foot0 = t1 + TURN_PAUSE_S + swing_s, (last + TURN_STEPS) % 2
        else:
            if kind == "fall":
                s.segments.append(Segment(start_s=stop, end_s=spec.duration_s, activity="fall"))
            break
    return s


def _path(s: _Schedule, spec: MotionSpec) -> np.ndarray:
    """(G, 2) pelvis ground positions: the integral of the velocity, centred on its extent in the clip."""
    vel = (spec.travel_sign * s.speed)[:, None] * facing(s.heading)
    xz = np.cumsum(vel, axis=0) * GRID_DT_S
    inside = (s.grid >= 0.0) & (s.grid <= spec.duration_s)
    return xz - 0.5 * (xz[inside].min(axis=0) + xz[inside].max(axis=0))


def _stances(s: _Schedule, xz: np.ndarray, spec: MotionSpec, half_width_m: float) -> tuple[Stance, ...]:
    """A stance per contact; it lifts off one swing before the same foot's next contact."""
    swing_s = 2.0 * (1.0 - spec.stance_fraction) * spec.step_s
    fall = spec.fall_at_s if spec.fall_at_s is not None else np.inf

    def place(foot: int, t: float) -> tuple[tuple[float, float], float]:
        i = int(np.clip(np.searchsorted(s.grid, t), 0, len(s.grid) - 1))
        p = xz[i] + (1.0 if foot == 0 else -1.0) * half_width_m * left_of(s.heading[i])
        return (float(p[0]), float(p[1])), float(s.heading[i])

    if not s.contacts:
        return tuple(
            Stance(foot=f, contact_s=-np.inf, liftoff_s=np.inf, ankle_xz=xy, yaw_rad=yaw, kind="stand")
            for f in (0, 1)
            for xy, yaw in [place(f, 0.0)]
        )
    out: list[Stance] = []
    for f in (0, 1):
        mine = sorted((t, k) for t, ff, k in s.contacts if ff == f and t - swing_s <= fall)
        for j, (tc, kind) in enumerate(mine):
            tl = mine[j + 1][0] - swing_s if j + 1 < len(mine) else np.inf
            tl = np.inf if tl > fall else tl
            xy, yaw = place(f, tc + spec.stance_fraction * spec.step_s if kind == "walk" else tc)
            out.append(Stance(foot=f, contact_s=tc, liftoff_s=tl, ankle_xz=xy, yaw_rad=yaw, kind=kind))
    return tuple(sorted(out, key=lambda st: st.contact_s))


def build_plan(spec: MotionSpec, *, height_m: float, half_width_m: float) -> StepPlan:
    """Stances, segments and pelvis path for ``spec`` (a body ``height_m`` tall)."""
    plan = foot_plan_for(spec, height_m)
    s = _schedule(spec, plan)
    xz = _path(s, spec)
    segs = list(s.segments)
    if spec.stumble_at_s is not None:
        segs.append(
            Segment(start_s=spec.stumble_at_s, end_s=spec.stumble_at_s + STUMBLE_S, activity="stumble")
        )
    fall = spec.duration_s if spec.fall_at_s is None else spec.fall_at_s
    segs = [
        Segment(
            start_s=max(g.start_s, 0.0),
            end_s=min(g.end_s, spec.duration_s if g.activity == "fall" else fall),
            activity=g.activity,
        )
        for g in segs
        if g.end_s > 0 and g.start_s < spec.duration_s and (g.activity == "fall" or g.start_s < fall)
    ]
    return StepPlan(
        stances=_stances(s, xz, spec, half_width_m),
        segments=tuple(sorted(segs, key=lambda g: g.start_s)),
        grid_s=s.grid,
        pelvis_xz=xz,
        heading_rad=s.heading,
        speed_mps=s.speed,
        foot_plan=plan,
        step_s=spec.step_s,
        half_width_m=half_width_m,
        landing_speed_share=spec.landing_speed_share,
        liftoff_speed_share=spec.liftoff_speed_share,
        landing_brake_share=spec.landing_brake_share,
        contact_slide_s=spec.contact_slide_s,
    )
