"""Pelvis height and legs: two-bone IK (hip–knee–ankle) onto the planned feet, then foot pitch.

The thigh and shank are rigid sub-chains (``upperleg02`` / ``lowerleg02`` stay at rest), so the
knee (``lowerleg01`` head) and ankle (``foot`` head) land exactly where the IK puts them; the
foot bone then takes the planned foot rotation, which keeps the stance pivot on the floor.
"""

from __future__ import annotations

import numpy as np

from vision.synth.geometry import two_link_ik
from vision.synth.human.motion.bones import BoneMap, align, transpose
from vision.synth.human.motion.smooth import gaussian_1d, minimum_1d

STANCE_KNEE_MIN_RAD = np.deg2rad(5.0)
"""Least knee flexion of a stance leg (the pelvis is lowered to keep it)."""
SWING_KNEE_MIN_RAD = np.deg2rad(1.0)
HEIGHT_SMOOTH_STEPS = 0.25
"""Gaussian smoothing of the pelvis height, in steps (standard deviation)."""
HEIGHT_MARGIN_M = 0.002
KNEE_HINT_UP = 0.3
"""The knee bends toward the foot's front plus this much of up (keeps it valid when sitting)."""


def reach_m(thigh_m: float, shank_m: float, knee_rad: float) -> float:
    """Hip–ankle distance with the knee flexed ``knee_rad``."""
    return float(np.sqrt(thigh_m**2 + shank_m**2 + 2 * thigh_m * shank_m * np.cos(knee_rad)))


def pelvis_height(
    *,
    hips_rel: np.ndarray,
    root_xz: np.ndarray,
    ankles: np.ndarray,
    stance: np.ndarray,
    lengths: tuple[float, float],
    frames_per_step: float,
    cap_m: float,
    hold_from: int | None = None,
) -> np.ndarray:
    """(T,) root height keeping every leg in reach: stance knees ≥ 5° flexed, smooth in time.

    ``hips_rel`` (T, 2, 3) hips relative to the root; ``ankles`` (T, 2, 3) targets; from frame
    ``hold_from`` on the limit is held (the steps before a fall do not crouch in advance).
    """
    thigh, shank = lengths
    reach = np.where(
        stance, reach_m(thigh, shank, STANCE_KNEE_MIN_RAD), reach_m(thigh, shank, SWING_KNEE_MIN_RAD)
    )
    hip_xz = root_xz[:, None, :] + hips_rel[..., [0, 2]]
    dh2 = np.sum((hip_xz - ankles[..., [0, 2]]) ** 2, axis=-1)
    limit = np.min(ankles[..., 1] + np.sqrt(np.maximum(reach**2 - dh2, 0.0)) - hips_rel[..., 1], axis=1)
    limit = np.minimum(limit, cap_m)
    if hold_from is not None and hold_from < len(limit):
        limit[hold_from:] = limit[hold_from]  # a fall: the pelvis goes down by its own blend
    w = max(round(frames_per_step * 0.5), 1)
    smooth = gaussian_1d(minimum_1d(limit, w), HEIGHT_SMOOTH_STEPS * frames_per_step)
    return np.minimum(smooth, limit) - HEIGHT_MARGIN_M


def leg_rotations(
    *,
    root_rot: np.ndarray,
    root_pos: np.ndarray,
    ankles: np.ndarray,
    foot_rot: np.ndarray,
    rest_heads: np.ndarray,
    bm: BoneMap,
    local: np.ndarray,
) -> np.ndarray:
    """Solve both legs and write thigh, shank and foot locals; returns (T, 2, 3) posed knees."""
    x_axis = np.array([1.0, 0.0, 0.0])
    knees = np.zeros_like(ankles)
    r0 = rest_heads[bm.root]
    for f, lb in enumerate(bm.legs):
        hip_r, knee_r, ankle_r = rest_heads[lb.thigh], rest_heads[lb.knee], rest_heads[lb.foot]
        hip = root_pos + np.einsum("tij,j->ti", root_rot, hip_r - r0)
        front = foot_rot[:, f] @ np.array([0.0, 0.0, 1.0])
        hint = front + KNEE_HINT_UP * np.array([0.0, 1.0, 0.0])
        thigh_m, shank_m = np.linalg.norm(knee_r - hip_r), np.linalg.norm(ankle_r - knee_r)
        knee, _ = two_link_ik(hip, ankles[:, f], thigh_m, shank_m, hint)
        normal = np.cross(hint, ankles[:, f] - hip)
        g_thigh = align(knee_r - hip_r, x_axis, knee - hip, normal)
        g_shank = align(ankle_r - knee_r, x_axis, ankles[:, f] - knee, normal)
        local[:, lb.thigh] = transpose(root_rot) @ g_thigh
        local[:, lb.knee] = transpose(g_thigh) @ g_shank
        local[:, lb.foot] = transpose(g_shank) @ foot_rot[:, f]
        knees[:, f] = knee
    return knees
