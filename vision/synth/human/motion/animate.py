"""``animate(body, spec, times) -> Motion``: per-frame bone rotations and root of the digital human.

Order: step plan → feet (locked in stance) → pelvis path, rotation, sway and height → legs by IK
→ spine, neck, head → arms. Everything is vectorised over frames. World frame: metres, Y up,
floor Y = ``floor_y_m``; the walker's path runs along world Z at heading 0 (front = +Z).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.synth.geometry import rot_y, smoothstep
from vision.synth.human.motion.bones import BoneMap, RigLike
from vision.synth.human.motion.feet import FootGeometry, FootPoses, foot_poses, foot_rotation
from vision.synth.human.motion.legs import leg_rotations, pelvis_height
from vision.synth.human.motion.plan import StepPlan, build_plan, facing, left_of
from vision.synth.human.motion.smooth import gaussian_1d
from vision.synth.human.motion.spec import MotionSpec
from vision.synth.human.motion.upper import UpperAngles, arm_rotations, bump, spine_rotations, upper_angles

PELVIS_YAW_PER_M = 0.22
"""Pelvic rotation (radians) per metre of fore-aft foot separation."""
PELVIS_SWAY_M = 0.015
"""Lateral pelvis shift toward the single-support foot (metres)."""
FOOT_HALF_WIDTH_SHARE = 0.9
"""Ankle distance from the path's midline as a share of the hip joints' half width."""
STANDING_KNEE_M = 0.004
"""The standing pelvis sits this much below fully straight legs (metres)."""
STUMBLE_DIP_M = 0.035
FALL_DROP_S = 0.6
FALL_BACK_SHARE = 0.18
"""A fall sends the hips this share of body height backward."""
FALL_SIT_HEIGHT_SHARE = 0.065
"""Hip joint height when sitting on the floor, share of body height."""
FALL_FEET_SHARE = 0.33
"""Ankles end this share of body height in front of the hips."""
FALL_HEEL_PITCH_RAD = np.deg2rad(15.0)


@dataclass(frozen=True, eq=False, kw_only=True)
class Motion:
    """The animation: feed ``local_rot[i]``, ``root_m[i]`` to ``HumanBody.pose`` for frame i."""

    times_s: np.ndarray
    local_rot: np.ndarray
    """(T, B, 3, 3) bone rotations about their heads, rest world axes."""
    root_m: np.ndarray
    """(T, 3) posed root head."""
    plan: StepPlan
    feet: FootPoses
    heading_rad: np.ndarray
    """(T,) the pelvis heading (0 = front along +Z)."""
    angles: UpperAngles
    floor_y_m: float


def foot_geometry(body: RigLike, bm: BoneMap) -> tuple[FootGeometry, FootGeometry]:
    """Rest ankles and sole points of the left and right foot."""
    return tuple(
        FootGeometry(
            ankle=body.rest_heads_m[bm.legs[f].foot], sole=np.asarray(body.sole_points_m[side], float)
        )
        for f, side in ((0, "left"), (1, "right"))
    )  # type: ignore[return-value]


def body_height_m(body: RigLike, bm: BoneMap) -> float:
    """Standing height: the body's own figure when it has one, else the head bone's tail."""
    return float(getattr(body, "height_m", body.rest_tails_m[bm.head, 1]))


def _fall(
    t: np.ndarray,
    spec: MotionSpec,
    *,
    hip_xz: np.ndarray,
    heading: np.ndarray,
    feet: FootPoses,
    geoms,
    height_m: float,
) -> tuple[np.ndarray, np.ndarray | None, FootPoses]:
    """(drop blend (T,), sitting hip height or None, feet moved toward the sitting pose)."""
    if spec.fall_at_s is None:
        return np.zeros_like(t), None, feet
    b = smoothstep((t - spec.fall_at_s) / FALL_DROP_S)
    i0 = int(np.clip(np.searchsorted(t, spec.fall_at_s), 0, len(t) - 1))
    front = facing(heading)
    hip_end = hip_xz[i0] - FALL_BACK_SHARE * height_m * front[i0]
    hips = hip_xz + b[:, None] * (hip_end - hip_xz)
    ankle_end = np.empty_like(feet.ankle)
    for f, g in enumerate(geoms):
        heel_off = g.offsets()[0]
        r_end = foot_rotation(heading, np.full_like(t, FALL_HEEL_PITCH_RAD))
        heel_xz = (
            hip_end
            + FALL_FEET_SHARE * height_m * front
            + (1 if f == 0 else -1) * 0.8 * np.abs(g.ankle[0]) * left_of(heading)
        )
        heel = np.stack([heel_xz[:, 0], np.zeros_like(t), heel_xz[:, 1]], axis=-1)
        ankle_end[:, f] = heel - np.einsum("tij,j->ti", r_end, heel_off)
    w = b[:, None, None]
    pitch = feet.pitch_rad + b[:, None] * (FALL_HEEL_PITCH_RAD - feet.pitch_rad)
    yaw = np.repeat(heading[:, None], 2, axis=1)
    new = FootPoses(
        ankle=feet.ankle + w * (ankle_end - feet.ankle),
        rot=np.where(w[..., None] > 0, foot_rotation(yaw, pitch), feet.rot),
        pitch_rad=np.where(b[:, None] > 0, pitch, feet.pitch_rad),
        stance=feet.stance,
    )
    return b, hips, new


def _pelvis(
    t: np.ndarray,
    spec: MotionSpec,
    *,
    bm: BoneMap,
    heads: np.ndarray,
    hip_xz: np.ndarray,
    heading: np.ndarray,
    feet: FootPoses,
    geoms: tuple[FootGeometry, FootGeometry],
    height: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, FootPoses]:
    """Root position (T, 3), root rotation, pelvic yaw, ankles ahead of the pelvis (T, 2), feet."""
    front = facing(heading)
    rel = feet.ankle[..., [0, 2]] - hip_xz[:, None, :]
    fore = np.sum(rel * front[:, None, :], axis=-1)  # (T, 2) ankles ahead of the pelvis
    pelvic_yaw = -PELVIS_YAW_PER_M * (fore[:, 0] - fore[:, 1])
    fps = 1.0 / max(float(np.median(np.diff(t))), 1e-3) if len(t) > 1 else 30.0
    load = gaussian_1d(feet.stance.astype(float), 0.15 * fps, axis=0)
    sway = PELVIS_SWAY_M * (load[:, 0] - load[:, 1])
    root_rot = rot_y(heading + pelvic_yaw)
    hip_mid_rel = 0.5 * (heads[bm.legs[0].thigh] + heads[bm.legs[1].thigh]) - heads[bm.root]
    to_root = np.einsum("tij,j->ti", root_rot, hip_mid_rel)[:, [0, 2]]
    root_xz = hip_xz + sway[:, None] * left_of(heading) - to_root
    hips_rel = np.stack(
        [np.einsum("tij,j->ti", root_rot, heads[lb.thigh] - heads[bm.root]) for lb in bm.legs], axis=1
    )
    y = pelvis_height(  # from the feet as they would be without a fall: no crouch before it
        hips_rel=hips_rel,
        root_xz=root_xz,
        ankles=feet.ankle,
        stance=feet.stance,
        lengths=_leg_lengths(heads, bm),
        frames_per_step=spec.step_s * fps,
        cap_m=heads[bm.root, 1] - STANDING_KNEE_M,
        hold_from=None if spec.fall_at_s is None else int(np.searchsorted(t, spec.fall_at_s)),
    )
    if spec.stumble_at_s is not None:
        y = y - STUMBLE_DIP_M * bump(t, spec.stumble_at_s, 0.8)
    b_drop, hips_fall, feet = _fall(
        t, spec, hip_xz=hip_xz, heading=heading, feet=feet, geoms=geoms, height_m=height
    )
    if hips_fall is not None:
        root_xz = hips_fall + sway[:, None] * left_of(heading) - to_root
        y = y + b_drop * (FALL_SIT_HEIGHT_SHARE * height - hips_rel[:, :, 1].mean(axis=1) - y)
    root = np.stack([root_xz[:, 0], y, root_xz[:, 1]], axis=-1)
    return root, root_rot, pelvic_yaw, fore, feet


def animate(
    body: RigLike,
    spec: MotionSpec,
    times_s: np.ndarray,
    *,
    floor_y_m: float = 0.0,
    place: tuple[float, float, float] = (0.0, 0.0, 0.0),
) -> Motion:
    """Animate ``body`` doing ``spec`` at ``times_s`` (seconds); deterministic.

    ``place`` = (x, z, heading radians): the path's mid point and the heading at the start
    (0 = front along +Z; π/2 = front along +X). ``floor_y_m`` lifts everything (treadmill belt).
    """
    t = np.asarray(times_s, dtype=np.float64)
    bm = BoneMap.of(body)
    heads = np.asarray(body.rest_heads_m, dtype=np.float64)
    height = body_height_m(body, bm)
    geoms = foot_geometry(body, bm)
    hip_half = 0.5 * abs(heads[bm.legs[0].thigh, 0] - heads[bm.legs[1].thigh, 0])
    plan = build_plan(spec, height_m=height, half_width_m=FOOT_HALF_WIDTH_SHARE * hip_half)
    feet = foot_poses(plan, geoms, t)
    hip_xz, heading = plan.at(t)
    if spec.treadmill:
        feet = FootPoses(
            ankle=feet.ankle - np.stack([hip_xz[:, 0], 0 * hip_xz[:, 0], hip_xz[:, 1]], -1)[:, None],
            rot=feet.rot,
            pitch_rad=feet.pitch_rad,
            stance=feet.stance,
        )
        hip_xz = np.zeros_like(hip_xz)
    root, root_rot, pelvic_yaw, fore, feet = _pelvis(
        t, spec, bm=bm, heads=heads, hip_xz=hip_xz, heading=heading, feet=feet, geoms=geoms, height=height
    )
    local = np.broadcast_to(np.eye(3), (len(t), len(body.bone_names), 3, 3)).copy()
    local[:, bm.root] = root_rot
    leg_rotations(
        root_rot=root_rot,
        root_pos=root,
        ankles=feet.ankle,
        foot_rot=feet.rot,
        rest_heads=heads,
        bm=bm,
        local=local,
    )
    angles = upper_angles(spec, t)
    spine_rotations(angles, pelvic_yaw, bm, local)
    arm_rotations(spec=spec, a=angles, swing_m=fore[:, ::-1], rest_heads=heads, bm=bm, local=local)
    turn = rot_y(np.float64(place[2]))
    shift = np.array([place[0], floor_y_m, place[1]])
    local[:, bm.root] = turn @ local[:, bm.root]
    return Motion(
        times_s=t,
        local_rot=local,
        root_m=root @ turn.T + shift,
        plan=plan,
        feet=FootPoses(
            ankle=feet.ankle @ turn.T + shift,
            rot=turn @ feet.rot,
            pitch_rad=feet.pitch_rad,
            stance=feet.stance,
        ),
        heading_rad=heading + place[2],
        angles=angles,
        floor_y_m=floor_y_m,
    )


def _leg_lengths(heads: np.ndarray, bm: BoneMap) -> tuple[float, float]:
    lb = bm.legs[0]
    return (
        float(np.linalg.norm(heads[lb.knee] - heads[lb.thigh])),
        float(np.linalg.norm(heads[lb.foot] - heads[lb.knee])),
    )
