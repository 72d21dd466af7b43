"""Random draws of a clip's parts from a seed: body, motion, camera (units in the names).

Ranges follow issue 11: height 1.50–1.95 m, ages mostly 50–80, speed 0.3–1.2 m/s, camera height
0.5–1.5 m, distance 2–5 m, side view ±35°, 15–60 fps, clips 8–12 s, half of them backward.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from vision.synth.human.body import BodySpec
from vision.synth.human.dress import HAIR_COLOURS, SKIN_TONES, Clothing, Hair, Shoes
from vision.synth.human.motion.plan import build_plan, facing
from vision.synth.human.motion.spec import Distractor, HeadTurn, MotionSpec, Pause

HEIGHT_RANGE_M = (1.50, 1.95)
OLDER_SHARE = 0.8
"""Share of bodies aged 50–80 (the rest 25–50)."""
SPEED_RANGE_MPS = {"backward": (0.3, 0.8), "forward": (0.5, 1.2)}
STEP_RANGE_M = (0.25, 0.65)
CADENCE_RANGE_SPM = (70.0, 125.0)
STRIKE_ODDS = {"backward": (0.6, 0.25, 0.15), "forward": (0.1, 0.2, 0.7)}
"""P(forefoot, flat, heel) by direction."""
POSTURE_ODDS = (0.5, 0.25, 0.25)
"""P(upright, leaning, slouching)."""
DURATION_RANGE_S = (8.0, 12.0)
TURN_CYCLE_S = 3.0
"""No new turn is looked for this soon after the last one (seconds): stopping, turning and
getting going again take about that long."""
LANE_END_MARGIN_M = 0.1
MAX_TURNS = 6
TURN_END_MARGIN_S = 1.0
"""No turn starts this close to the end of the clip (seconds)."""


def _rgb(rng: np.random.Generator, lo: float = 0.08, hi: float = 0.85) -> tuple[float, float, float]:
    return tuple(float(c) for c in rng.uniform(lo, hi, 3))  # type: ignore[return-value]


def sample_body(rng: np.random.Generator, seed: int) -> BodySpec:
    """A random adult: sex, height, weight, age, ancestry, skin, hair, clothes and shoes."""
    sex = float(rng.uniform(0.0, 1.0))
    mean_h = 1.62 + 0.13 * sex
    height = float(np.clip(rng.normal(mean_h, 0.07), *HEIGHT_RANGE_M))
    age = float(rng.uniform(50, 80) if rng.random() < OLDER_SHARE else rng.uniform(25, 50))
    grey = age > 55 and rng.random() < 0.6
    hair_rgb = HAIR_COLOURS[int(rng.integers(4, 6))] if grey else HAIR_COLOURS[int(rng.integers(0, 4))]
    style = str(rng.choice(["short", "long", "bald"], p=[0.55, 0.3, 0.15] if sex < 0.5 else [0.5, 0.1, 0.4]))
    bottom = str(
        rng.choice(["trousers", "shorts", "skirt"], p=[0.6, 0.2, 0.2] if sex < 0.5 else [0.75, 0.25, 0.0])
    )
    return BodySpec(
        sex=sex,
        age_years=age,
        height_m=height,
        weight=float(rng.beta(2.2, 2.0)),
        muscle=float(rng.uniform(0.2, 0.7)),
        ancestry=tuple(float(a) for a in rng.dirichlet([0.7, 0.7, 0.7])),  # type: ignore[arg-type]
        skin_tone=int(rng.integers(0, len(SKIN_TONES))),
        hair=Hair(style=style, rgb=hair_rgb),
        clothing=Clothing(
            top=str(rng.choice(["tshirt", "longsleeve", "vest"], p=[0.45, 0.45, 0.1])),
            bottom=bottom,
            top_rgb=_rgb(rng),
            bottom_rgb=_rgb(rng, 0.05, 0.6),
        ),
        shoes=Shoes(
            sole_m=float(rng.uniform(0.02, 0.03)),
            upper_rgb=_rgb(rng, 0.05, 0.9),
            sole_rgb=_rgb(rng, 0.1, 0.95),
        ),
        seed=seed,
    )


FIRST_GLANCE_S = (2.5, 4.0)
"""The first glance starts in this span of the clip (seconds): the coach takes the walker's first
``CoachConfig.calibration_s`` = 2 s as the neutral head and gives no glance in them (issue 12:
"the first seconds of a clip give no glance"), so a glance there would be a label the coach is
told to ignore. Before generator 2.1 it was 0.8-2.5 s, so that most first glances fell into the
calibration and spoilt it."""


def _events(
    rng: np.random.Generator, duration_s: float
) -> tuple[tuple[HeadTurn, ...], tuple[Distractor, ...]]:
    glances = []
    t = float(rng.uniform(*FIRST_GLANCE_S))
    for _ in range(int(rng.choice([0, 1, 2, 3], p=[0.2, 0.35, 0.3, 0.15]))):
        dur = float(rng.uniform(0.2, 3.0))
        if t + dur > duration_s - 0.3:
            break
        glances.append(
            HeadTurn(
                start_s=t,
                duration_s=dur,
                yaw_deg=float(rng.uniform(20, 100)),
                side=str(rng.choice(["left", "right"])),
                with_trunk=bool(rng.random() < 0.4),  # type: ignore[arg-type]
            )
        )
        t += dur + float(rng.uniform(0.8, 2.5))
    distractors = []
    for _ in range(int(rng.choice([0, 1, 2], p=[0.5, 0.35, 0.15]))):
        s = float(rng.uniform(0.5, duration_s - 1.5))
        if any(g.start_s - 0.3 < s < g.start_s + g.duration_s + 0.3 for g in glances):
            continue
        distractors.append(
            Distractor(
                kind=str(rng.choice(["nod", "roll"])),
                start_s=s,
                duration_s=float(rng.uniform(0.4, 1.2)),  # type: ignore[arg-type]
                peak_deg=float(rng.uniform(8, 25) * rng.choice([-1, 1])),
            )
        )
    return tuple(glances), tuple(distractors)


def lane_turns(
    m: MotionSpec, lane_m: float, rng: np.random.Generator, *, height_m: float
) -> tuple[float, ...]:
    """Turn-round times that keep a walker of ``m`` inside a lane ``lane_m`` long (seconds).

    The walker starts part-way along the lane; the step plan is built, and a turn is added where
    the pelvis would come within its stopping distance of a lane end, until it stays inside.
    """
    if m.direction == "standing" or m.treadmill or m.speed_mps * m.duration_s <= lane_m:
        return ()
    stop_m = m.speed_mps * m.step_s + LANE_END_MARGIN_M
    x0 = stop_m + float(rng.uniform(0.0, 0.6)) * max(lane_m - 2.0 * stop_m, 0.0)
    turns: list[float] = []
    for _ in range(MAX_TURNS):
        plan = build_plan(replace(m, turns_at_s=tuple(turns)), height_m=height_m, half_width_m=0.1)
        g = plan.grid_s
        i0 = int(np.searchsorted(g, 0.0))
        ahead = m.travel_sign * facing(plan.heading_rad[i0])
        x = x0 + (plan.pelvis_xz - plan.pelvis_xz[i0]) @ ahead
        after = g >= (turns[-1] + TURN_CYCLE_S if turns else 0.0)
        out = after & (g <= m.duration_s - TURN_END_MARGIN_S) & ((x > lane_m - stop_m) | (x < stop_m))
        if not out.any():
            break
        turns.append(round(float(g[np.argmax(out)]), 3))
    return tuple(turns)


def sample_motion(
    rng: np.random.Generator, *, backward: bool, height_m: float, treadmill: bool
) -> MotionSpec:
    """Random gait, posture and events; ``backward`` fixes the direction (else forward or standing)."""
    direction = (
        "backward" if backward else ("standing" if rng.random() < 0.08 and not treadmill else "forward")
    )
    duration = float(rng.uniform(*DURATION_RANGE_S))
    key = "backward" if backward else "forward"
    strike = str(rng.choice(["forefoot", "flat", "heel"], p=STRIKE_ODDS[key]))
    speed = float(rng.uniform(*SPEED_RANGE_MPS[key]))
    step = float(rng.uniform(*STEP_RANGE_M)) * height_m / 1.7
    cadence = float(np.clip(speed * 60.0 / step, *CADENCE_RANGE_SPM))
    speed = min(speed, 0.42 * height_m * cadence / 60.0)
    posture = str(rng.choice(["upright", "leaning", "slouching"], p=POSTURE_ODDS))
    lean = {"upright": rng.uniform(-3, 5), "leaning": rng.uniform(12, 25), "slouching": rng.uniform(3, 8)}[
        posture
    ]
    slouch = posture == "slouching"
    glances, distractors = _events(rng, duration)
    walking = direction != "standing"
    pause = walking and not treadmill and rng.random() < 0.15
    fall = walking and not treadmill and rng.random() < 0.04
    stumble = walking and not fall and rng.random() < 0.05
    return MotionSpec(
        duration_s=duration,
        direction=direction,  # type: ignore[arg-type]
        strike=strike,  # type: ignore[arg-type]
        strike_angle_deg=float(rng.uniform(10, 20)),
        speed_mps=speed,
        cadence_spm=cadence,
        stance_fraction=float(rng.uniform(0.58, 0.68)),
        phase0=float(rng.uniform(0.0, 1.0)),
        posture=posture,  # type: ignore[arg-type]
        trunk_lean_deg=float(lean),
        thoracic_flexion_deg=float(rng.uniform(20, 35)) if slouch else float(rng.uniform(0, 6)),
        neck_flexion_deg=float(rng.uniform(15, 30)) if slouch else float(rng.uniform(-3, 6)),
        head_pitch_deg=float(rng.uniform(15, 30)) if slouch else float(rng.uniform(-5, 8)),
        glances=glances,
        distractors=distractors,
        pauses=(
            Pause(start_s=float(rng.uniform(2.5, duration - 4)), duration_s=float(rng.uniform(0.8, 2.0))),
        )
        if pause
        else (),
        treadmill=treadmill,
        stumble_at_s=float(rng.uniform(2.0, duration - 2.0)) if stumble else None,
        fall_at_s=float(rng.uniform(0.6, 0.85) * duration) if fall else None,
    )
