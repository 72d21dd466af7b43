"""Trunk, neck, head and arm rotations: posture, glances, distractors, arm swing, stumble, fall.

Angles are radians inside, degrees in the spec. Local rotations are in rest world axes (X the
character's left, Y up, Z front): ``rot_x(+a)`` bends forward (flexion), ``rot_y(+a)`` turns to
the left, ``rot_z(+a)`` rolls toward the character's right.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.synth.geometry import rot_x, rot_y, rot_z, smoothstep
from vision.synth.human.motion.bones import BoneMap, shortest_arc, transpose
from vision.synth.human.motion.spec import MotionSpec
from vision.synth.skeleton import glance_yaw_deg

THORAX_COUNTER_YAW = 0.7
"""Share of the pelvic rotation the thorax turns back (counter-rotation while walking)."""
ARM_SWING_RAD_PER_M = np.deg2rad(45.0)
"""Shoulder flexion per metre the opposite ankle is ahead of the pelvis."""
ARM_ABDUCTION_RAD = np.deg2rad(8.0)
ELBOW_BASE_RAD = np.deg2rad(18.0)
RAIL_ARM = (np.deg2rad(25.0), np.deg2rad(35.0), np.deg2rad(18.0))
"""Treadmill: hands on the rail, (shoulder flexion, elbow flexion, abduction)."""
FALL_ARM = (np.deg2rad(40.0), np.deg2rad(30.0), np.deg2rad(40.0))
"""Falling: arms reach forward of the trunk (up when lying), (flexion, elbow, abduction)."""
FALL_LEAN_RAD = np.deg2rad(-80.0)
"""Trunk lean when lying on the back (lumbar share of the fall)."""
FALL_TRUNK_DELAY_S, FALL_TRUNK_S = 0.15, 0.8
STUMBLE_LEAN_RAD = np.deg2rad(-14.0)
STUMBLE_ARM_ABD_RAD = np.deg2rad(40.0)
STUMBLE_S = 0.8


@dataclass(frozen=True, eq=False, kw_only=True)
class UpperAngles:
    """Per-frame driving angles (T,), radians."""

    lean: np.ndarray
    thoracic: np.ndarray
    neck_flex: np.ndarray
    head_pitch: np.ndarray
    head_roll: np.ndarray
    head_yaw: np.ndarray
    """Head on the thorax, + = left."""
    trunk_yaw: np.ndarray
    """Thorax on the pelvis from glances made with the trunk, + = left."""
    arm_abd_extra: np.ndarray
    fall: np.ndarray
    """0 → 1 blend of the fall's trunk motion."""


def bump(t: np.ndarray, start_s: float, duration_s: float) -> np.ndarray:
    """Smooth 0 → 1 → 0 bump (sin²) over [start_s, start_s + duration_s]."""
    u = np.clip((t - start_s) / duration_s, 0.0, 1.0)
    return np.sin(np.pi * u) ** 2


def upper_angles(spec: MotionSpec, t: np.ndarray) -> UpperAngles:
    """Driving angles of the upper body at times ``t`` (seconds)."""
    z = np.zeros_like(t)
    lean = np.full_like(t, np.deg2rad(spec.trunk_lean_deg))
    nod, roll = z.copy(), z.copy()
    for d in spec.distractors:
        b = np.deg2rad(d.peak_deg) * bump(t, d.start_s, d.duration_s)
        if d.kind == "nod":
            nod += b
        else:
            roll += b
    abd = z.copy()
    if spec.stumble_at_s is not None:
        b = bump(t, spec.stumble_at_s, STUMBLE_S)
        lean += STUMBLE_LEAN_RAD * b
        abd += STUMBLE_ARM_ABD_RAD * b
    fall = z.copy()
    if spec.fall_at_s is not None:
        fall = smoothstep((t - spec.fall_at_s - FALL_TRUNK_DELAY_S) / FALL_TRUNK_S)
        lean = lean + fall * (FALL_LEAN_RAD - lean)
    trunk_glances = tuple(g for g in spec.glances if g.with_trunk)
    return UpperAngles(
        lean=lean,
        thoracic=np.full_like(t, np.deg2rad(spec.thoracic_flexion_deg)) * (1.0 - fall),
        neck_flex=np.full_like(t, np.deg2rad(spec.neck_flexion_deg)) * (1.0 - fall),
        head_pitch=np.deg2rad(spec.head_pitch_deg) * (1.0 - fall) + nod,
        head_roll=roll,
        head_yaw=np.deg2rad(glance_yaw_deg(t, spec.glances)),
        trunk_yaw=spec.trunk_share * np.deg2rad(glance_yaw_deg(t, trunk_glances)),
        arm_abd_extra=abd,
        fall=fall,
    )


def spine_rotations(a: UpperAngles, pelvic_yaw: np.ndarray, bm: BoneMap, local: np.ndarray) -> None:
    """Write the lumbar, thoracic, neck and head local rotations into ``local`` (T, B, 3, 3)."""
    n_l, n_t, n_n = len(bm.lumbar), len(bm.thoracic), len(bm.neck)
    for b in bm.lumbar:
        local[:, b] = rot_x(a.lean / n_l)
    thor_yaw = (-THORAX_COUNTER_YAW * pelvic_yaw + a.trunk_yaw) / n_t
    for b in bm.thoracic:
        local[:, b] = rot_x(a.thoracic / n_t) @ rot_y(thor_yaw)
    neck_share = 0.6
    for b in bm.neck:
        local[:, b] = rot_x(a.neck_flex / n_n) @ rot_y(neck_share * a.head_yaw / n_n)
    local[:, bm.head] = rot_x(a.head_pitch) @ rot_y((1.0 - neck_share) * a.head_yaw) @ rot_z(a.head_roll)


def _arm_dirs(
    flex: np.ndarray, elbow: np.ndarray, abd: np.ndarray, side: float
) -> tuple[np.ndarray, np.ndarray]:
    """Upper-arm and forearm directions in the thorax's rest axes; ``side`` +1 left, −1 right."""
    down = np.array([0.0, -1.0, 0.0])
    r_abd = rot_z(side * abd)
    up = rot_x(-flex) @ r_abd @ down
    fore = rot_x(-(flex + elbow)) @ r_abd @ down
    return up, fore


def arm_rotations(
    *,
    spec: MotionSpec,
    a: UpperAngles,
    swing_m: np.ndarray,
    rest_heads: np.ndarray,
    bm: BoneMap,
    local: np.ndarray,
) -> None:
    """Aim the upper arms and forearms; ``swing_m`` (T, 2) the opposite ankle ahead of the pelvis.

    Clavicle and shoulder bones stay at rest, so the arm directions are in the thorax's axes.
    """
    for f, side in ((0, 1.0), (1, -1.0)):
        ab = bm.arms[f]
        flex = ARM_SWING_RAD_PER_M * swing_m[:, f]
        elbow = ELBOW_BASE_RAD + 0.5 * np.maximum(flex, 0.0)
        abd = ARM_ABDUCTION_RAD + a.arm_abd_extra
        if spec.treadmill:
            flex, elbow, abd = (np.full_like(flex, v) for v in RAIL_ARM)
        flex = flex + a.fall * (FALL_ARM[0] - flex)
        elbow = elbow + a.fall * (FALL_ARM[1] - elbow)
        abd = abd + a.fall * (FALL_ARM[2] - abd)
        up_dir, fore_dir = _arm_dirs(flex, elbow, abd, side)
        rest_up = rest_heads[ab.elbow] - rest_heads[ab.upper]
        rest_fore = rest_heads[ab.wrist] - rest_heads[ab.elbow]
        g_up = shortest_arc(np.broadcast_to(rest_up, up_dir.shape), up_dir)
        cur_fore = np.einsum("tij,j->ti", g_up, rest_fore)
        g_fore = shortest_arc(cur_fore, fore_dir) @ g_up
        # everything above is in the thorax's axes; locals are relative to the parent's
        local[:, ab.upper] = g_up
        local[:, ab.elbow] = transpose(g_up) @ g_fore
