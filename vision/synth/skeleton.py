"""Whole-body kinematics: pelvis, legs (two-link IK onto the feet), trunk, arms, hands, head.

All positions are metres in the walker frame (X facing, Y up, Z right; floor Y = 0); angles
are radians unless the name says ``_deg``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.landmarks import LM, NUM_LANDMARKS
from vision.synth.body import Body
from vision.synth.feet import LEFT, RIGHT, FeetState, FootPlan, ankle_from_pivot, feet_state, place_feet
from vision.synth.geometry import (
    X_AXIS,
    Y_AXIS,
    Z_AXIS,
    apply,
    rot_x,
    rot_y,
    rot_z,
    smoothstep,
    two_link_ik,
    unit,
)
from vision.synth.spec import GaitSpec, GlanceSpec

_STANCE_KNEE_RAD = np.deg2rad(6.0)  # knee flexion of the stance leg where the pelvis peaks
_PELVIS_YAW_PER_M = 0.22  # pelvic rotation (rad) per metre of fore-aft foot separation
_PELVIS_SWAY_M = 0.015
_ARM_SWING_RAD_PER_M = np.deg2rad(45.0)  # arm flexion per metre the opposite ankle is forward
_ARM_ABDUCTION_RAD = np.deg2rad(9.0)
_FALL_DROP_S = 0.6
_FALL_LEAN_RAD = np.deg2rad(-85.0)


@dataclass(frozen=True, eq=False)
class Rig:
    """The posed walker at each frame: landmarks plus the frames the renderer needs."""

    joints: np.ndarray
    """(T, 33, 3) BlazePose landmarks, metres, walker frame."""
    pelvis_rot: np.ndarray
    """(T, 3, 3) pelvis orientation (columns: anterior, up, right)."""
    thorax_rot: np.ndarray
    """(T, 3, 3) thorax orientation."""
    head_rot: np.ndarray
    """(T, 3, 3) head orientation."""
    head_pivot: np.ndarray
    """(T, 3) top of the neck; the head frame's origin."""
    feet: FeetState
    head_yaw_deg: np.ndarray
    """(T,) head yaw relative to the facing direction, + = toward the walker's left."""


def glance_yaw_deg(t: np.ndarray, glances: tuple[GlanceSpec, ...]) -> np.ndarray:
    """Head yaw (degrees, + = left) from the glance schedule: ramp 35 %, hold 30 %, ramp 35 %."""
    yaw = np.zeros_like(t, dtype=np.float64)
    for g in glances:
        u = (t - g.start_s) / g.duration_s
        prof = np.minimum(smoothstep(u / 0.35), smoothstep((1.0 - u) / 0.35))
        yaw += (1.0 if g.side == "left" else -1.0) * g.yaw_deg * prof
    return yaw


def _pelvis_xz_yaw(
    t: np.ndarray, plan: FootPlan, feet: FeetState
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pelvis X, lateral sway Z (toward the stance foot) and yaw (radians) at times ``t``."""
    x = plan.pelvis_x(t)
    if plan.standing:
        return x, np.zeros_like(t), np.zeros_like(t)
    yaw = -_PELVIS_YAW_PER_M * (feet.ankle[:, LEFT, 0] - feet.ankle[:, RIGHT, 0])
    ph_left = (t - plan.first_contact_s[LEFT]) / plan.stride_s
    z = -_PELVIS_SWAY_M * np.cos(2.0 * np.pi * (ph_left - 0.5 * plan.stance_frac))
    return x, z, yaw


def _hips(pelvis: np.ndarray, yaw: np.ndarray, body: Body) -> np.ndarray:
    """(T, 2, 3) left and right hip joints around the pelvis centre."""
    r = rot_y(yaw)
    off = np.array([[0.0, 0.0, -body.hip_half_width_m], [0.0, 0.0, body.hip_half_width_m]])
    return pelvis[:, None, :] + np.einsum("tij,fj->tfi", r, off)


def _leg_height_limit(hips_xz: np.ndarray, feet: FeetState, body: Body) -> np.ndarray:
    """(T,) highest pelvis allowed by the legs: stance knees ≥ 6° flexed, swing legs in reach."""
    reach = np.where(feet.stance, body.leg_reach_m(_STANCE_KNEE_RAD), body.leg_reach_m(np.deg2rad(1.0)))
    dh2 = np.sum((hips_xz - feet.ankle[..., [0, 2]]) ** 2, axis=-1)
    return np.min(feet.ankle[..., 1] + np.sqrt(np.maximum(reach**2 - dh2, 0.0)), axis=1)


def _pelvis_height(t: np.ndarray, plan: FootPlan, body: Body) -> np.ndarray:
    """Smooth pelvis (hip-joint) height: the leg limit over a stride, low-passed and lowered to fit."""
    if plan.standing:
        feet = feet_state(t[:1], plan, body)
        x, z, yaw = _pelvis_xz_yaw(t[:1], plan, feet)
        hips = _hips(np.stack([x, 0 * x, z], axis=-1), yaw, body)
        return np.full_like(t, _leg_height_limit(hips[..., [0, 2]], feet, body)[0])
    n, harmonics = 240, 4
    grid = plan.first_contact_s[LEFT] + plan.stride_s * np.arange(n) / n
    feet = feet_state(grid, plan, body)
    x, z, yaw = _pelvis_xz_yaw(grid, plan, feet)
    hips = _hips(np.stack([x, 0 * x, z], axis=-1), yaw, body)
    limit = _leg_height_limit(hips[..., [0, 2]], feet, body)
    coef = np.fft.rfft(limit)[: harmonics + 1] / n
    coef[1:] *= 2.0

    def series(tt: np.ndarray) -> np.ndarray:
        ph = 2.0 * np.pi * (tt - grid[0]) / plan.stride_s
        k = np.arange(harmonics + 1)
        return np.real(np.exp(1j * ph[:, None] * k) @ coef)

    return series(t) - (np.max(series(grid) - limit) + 0.002)


def _fall_blend(t: np.ndarray, fall_at_s: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Blend weights (pelvis drop, trunk fall) in [0, 1] for a fall starting at ``fall_at_s``."""
    if fall_at_s is None:
        return np.zeros_like(t), np.zeros_like(t)
    return smoothstep((t - fall_at_s) / _FALL_DROP_S), smoothstep((t - fall_at_s - 0.1) / 0.7)


def _apply_fall(
    b: np.ndarray, pelvis: np.ndarray, feet: FeetState, body: Body
) -> tuple[np.ndarray, FeetState]:
    """Move pelvis and feet toward the sitting-on-the-floor pose with weight ``b`` (T,)."""
    if not np.any(b > 0):
        return pelvis, feet
    s = body.height_m / 1.70
    end = pelvis.copy()
    end[:, 0] -= 0.30 * s
    end[:, 1] = 0.11 * s
    pitch_end = np.full(feet.pitch_rad.shape, np.deg2rad(15.0))
    heel_x = end[:, None, 0] + 0.58 * s + body.foot_points()[0, 0]
    ax, ay = ankle_from_pivot(heel_x, False, pitch_end, body)
    ankle_end = np.stack([ax, ay, feet.ankle[..., 2]], axis=-1)
    w = b[:, None, None]
    pelvis = pelvis + b[:, None] * (end - pelvis)
    ankle = feet.ankle + w * (ankle_end - feet.ankle)
    pitch = feet.pitch_rad + b[:, None] * (pitch_end - feet.pitch_rad)
    return pelvis, place_feet(ankle, pitch, feet.stance | (b[:, None] >= 1.0), body)


def _arm_dirs(
    base: np.ndarray, flex: np.ndarray, elbow_flex: np.ndarray, abd: np.ndarray, side: float
) -> tuple[np.ndarray, np.ndarray]:
    """Upper-arm and forearm unit directions; ``side`` −1 left, +1 right; angles in radians.

    ``flex`` swings the arm toward the facing direction, ``abd`` lifts it sideways, ``base``
    (T, 3, 3) orients the whole arm (thorax yaw, and the trunk rotation while falling).
    """
    r_abd = rot_x(-side * abd)
    up_dir = apply(base, apply(r_abd, apply(rot_z(flex), -Y_AXIS)))
    fore_dir = apply(base, apply(r_abd, apply(rot_z(flex + elbow_flex), -Y_AXIS)))
    return up_dir, fore_dir


def build_rig(times_s: np.ndarray, spec: GaitSpec, body: Body, plan: FootPlan) -> Rig:
    """Pose the walker at ``times_s`` (seconds) according to ``spec``."""
    t = np.asarray(times_s, dtype=np.float64)
    t_eff = t if spec.fall_at_s is None else np.minimum(t, spec.fall_at_s)
    b_drop, b_trunk = _fall_blend(t, spec.fall_at_s)
    feet = feet_state(t_eff, plan, body)
    px, pz, yaw = _pelvis_xz_yaw(t_eff, plan, feet)
    pelvis = np.stack([px, _pelvis_height(t_eff, plan, body), pz], axis=-1)
    # arm swing follows the opposite ankle's fore-aft position relative to the pelvis
    arm_flex = _ARM_SWING_RAD_PER_M * (feet.ankle[:, ::-1, 0] - pelvis[:, None, 0])
    pelvis, feet = _apply_fall(b_drop, pelvis, feet, body)
    hips = _hips(pelvis, yaw, body)
    pelvis_rot = rot_y(yaw)
    hint = apply(pelvis_rot, X_AXIS) + 0.5 * Y_AXIS
    knees = np.empty_like(hips)
    for f in (LEFT, RIGHT):
        knees[:, f], _ = two_link_ik(hips[:, f], feet.ankle[:, f], body.thigh_m, body.shank_m, hint)

    lean = np.deg2rad(spec.trunk_lean_deg) + b_trunk * (_FALL_LEAN_RAD - np.deg2rad(spec.trunk_lean_deg))
    head_yaw_deg = glance_yaw_deg(t, spec.glances)
    share = spec.glance_trunk_share
    thorax_yaw = -0.7 * yaw + share * np.deg2rad(head_yaw_deg)
    r_lean = rot_z(-lean)
    thorax_rot = r_lean @ rot_y(thorax_yaw)
    up = apply(r_lean, Y_AXIS)
    mid_sh = pelvis + body.trunk_m * up
    sh_off = body.shoulder_half_width_m * apply(thorax_rot, Z_AXIS)
    shoulders = np.stack([mid_sh - sh_off, mid_sh + sh_off], axis=1)

    arm_base = rot_z(-(lean - np.deg2rad(spec.trunk_lean_deg))) @ rot_y(thorax_yaw)
    j = np.zeros((t.shape[0], NUM_LANDMARKS, 3))
    s = body.height_m / 1.70
    for f, side in ((LEFT, -1.0), (RIGHT, 1.0)):
        flex = arm_flex[:, f] + b_drop * (np.deg2rad(-35.0) - arm_flex[:, f])
        abd = _ARM_ABDUCTION_RAD + b_drop * np.deg2rad(30.0)
        elbow_flex = np.deg2rad(20.0) + 0.5 * np.maximum(flex, 0.0)
        up_dir, fore_dir = _arm_dirs(arm_base, flex, elbow_flex, abd, side)
        elbow = shoulders[:, f] + body.upper_arm_m * up_dir
        wrist = elbow + body.forearm_m * fore_dir
        ant = unit(
            apply(arm_base, X_AXIS) - np.sum(apply(arm_base, X_AXIS) * fore_dir, -1, keepdims=True) * fore_dir
        )
        med = -side * apply(arm_base, Z_AXIS)
        lm = LM.LEFT_SHOULDER + (0 if f == LEFT else 1)
        j[:, lm] = shoulders[:, f]
        j[:, lm + 2] = elbow
        j[:, lm + 4] = wrist
        j[:, lm + 6] = wrist + s * (0.080 * fore_dir - 0.022 * ant + 0.008 * med)  # pinky
        j[:, lm + 8] = wrist + s * (0.092 * fore_dir + 0.020 * ant + 0.008 * med)  # index
        j[:, lm + 10] = wrist + s * (0.045 * fore_dir + 0.035 * ant + 0.015 * med)  # thumb
        j[:, LM.LEFT_HIP + f] = hips[:, f]
        j[:, LM.LEFT_KNEE + f] = knees[:, f]
        j[:, LM.LEFT_ANKLE + f] = feet.ankle[:, f]
        anat = spec.foot_landmarks == "anatomical"
        j[:, LM.LEFT_HEEL + f] = (feet.heel_anat if anat else feet.heel)[:, f]
        j[:, LM.LEFT_FOOT_INDEX + f] = (feet.toe_anat if anat else feet.toe)[:, f]

    flexion = np.deg2rad(spec.head_flexion_deg) + b_trunk * np.deg2rad(25.0)
    head_rot = r_lean @ rot_y(np.deg2rad(head_yaw_deg)) @ rot_z(-flexion)
    head_pivot = mid_sh + body.neck_m * up
    j[:, : LM.LEFT_SHOULDER] = head_pivot[:, None, :] + np.einsum("tij,nj->tni", head_rot, body.face_points())
    return Rig(
        joints=j,
        pelvis_rot=pelvis_rot,
        thorax_rot=thorax_rot,
        head_rot=head_rot,
        head_pivot=head_pivot,
        feet=feet,
        head_yaw_deg=head_yaw_deg,
    )
