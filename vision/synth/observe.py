"""What a pose engine would report for the synthetic walker: landmarks, visibility, noise, drops.

Visibility is a deterministic function of how much each landmark's surface faces the camera
(far-side limbs in a side view ≈ 0.55, near side ≈ 0.98; ears ≈ 0.8 seen face-on, dropping to 0.1
as the head turns them away); presence is 1
inside the image and 0 outside. ``world`` follows BlazePose: metres, origin at the hip midpoint,
axes aligned with the camera (x right, y down, z away from the camera).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.landmarks import LM, NUM_LANDMARKS
from vision.pose_frame import PoseFrame
from vision.synth.camera import Camera
from vision.synth.geometry import X_AXIS, Z_AXIS, apply, unit
from vision.synth.skeleton import Rig
from vision.synth.spec import GaitSpec

_FOOT = (LM.LEFT_ANKLE, LM.LEFT_HEEL, LM.LEFT_FOOT_INDEX)


@dataclass(frozen=True, eq=False)
class Observation:
    """Clean projections plus the observed (noisy) arrays, all (T, 33, ...) float64."""

    xy_px: np.ndarray
    """(T, 33, 2) exact projections (no noise)."""
    xy: np.ndarray
    z: np.ndarray
    visibility: np.ndarray
    presence: np.ndarray
    world: np.ndarray
    dropped: np.ndarray
    """(T,) bool, frames reported as absent."""
    occluded_foot: np.ndarray
    """(T,) int, the far foot that was occluded (0 left, 1 right) or −1."""


def _normals(rig: Rig) -> np.ndarray:
    """(T, 33, 3) outward surface direction used to decide how visible each landmark is."""
    t = rig.joints.shape[0]
    n = np.zeros((t, NUM_LANDMARKS, 3))
    hx = apply(rig.head_rot, X_AXIS)
    hz = apply(rig.head_rot, Z_AXIS)
    n[:, LM.NOSE] = hx
    for side, idx in ((-1.0, (1, 2, 3, 9)), (1.0, (4, 5, 6, 10))):
        n[:, list(idx)] = unit(hx + 0.35 * side * hz)[:, None, :]
    n[:, LM.LEFT_EAR] = unit(-hz + 0.15 * hx)  # the pinna faces out and a little forward
    n[:, LM.RIGHT_EAR] = unit(hz + 0.15 * hx)
    upper = apply(rig.thorax_rot, Z_AXIS)
    lower = apply(rig.pelvis_rot, Z_AXIS)
    for i in range(LM.LEFT_SHOULDER, NUM_LANDMARKS):
        side = -1.0 if i % 2 else 1.0
        n[:, i] = side * (upper if i < LM.LEFT_HIP else lower)
    return n


def visibility(rig: Rig, camera: Camera) -> np.ndarray:
    """(T, 33) visibility in [0, 1] from the angle between each landmark's normal and the camera."""
    dot = np.sum(_normals(rig) * camera.ray_to(rig.joints), axis=-1)
    vis = 0.55 + 0.43 * np.clip((dot + 1.0) / 1.3, 0.0, 1.0)
    face = [LM.NOSE, 1, 2, 3, 4, 5, 6, LM.MOUTH_LEFT, LM.MOUTH_RIGHT]
    vis[:, face] = 0.3 + 0.68 * np.clip(dot[:, face] + 1.0, 0.0, 1.0)
    ears = [LM.LEFT_EAR, LM.RIGHT_EAR]
    vis[:, ears] = 0.1 + 0.88 * np.clip((dot[:, ears] + 0.45) / 0.75, 0.0, 1.0)
    return vis


def observe(rig: Rig, camera: Camera, spec: GaitSpec, rng: np.random.Generator) -> Observation:
    """Project the rig and degrade it as ``spec`` asks (noise, occlusion, dropped frames)."""
    r_noise, r_occ, r_drop = rng.spawn(3)
    joints = rig.joints
    t = joints.shape[0]
    xy_px, depth = camera.project(joints)
    hip_mid = 0.5 * (joints[:, LM.LEFT_HIP] + joints[:, LM.RIGHT_HIP])
    hip_depth = camera.to_camera(hip_mid)[:, 2]
    z = (depth - hip_depth[:, None]) * camera.focal_px / hip_depth[:, None]
    world = (joints - hip_mid[:, None, :]) @ camera.axes.T
    vis = visibility(rig, camera)
    w, h = camera.image_size
    inside = (xy_px[..., 0] >= 0) & (xy_px[..., 0] < w) & (xy_px[..., 1] >= 0) & (xy_px[..., 1] < h)
    presence = inside.astype(np.float64)

    xy = xy_px.copy()
    if spec.noise_px > 0:
        xy = xy + r_noise.normal(0.0, spec.noise_px, xy.shape)
        z = z + r_noise.normal(0.0, spec.noise_px, z.shape)
        m_per_px = (hip_depth / camera.focal_px)[:, None, None]
        world = world + r_noise.normal(0.0, spec.noise_px, world.shape) * m_per_px

    occluded = np.full(t, -1)
    if spec.occlude_far_foot:
        ray = camera.ray_to(joints[:, LM.LEFT_ANKLE])
        lat = apply(rig.pelvis_rot, Z_AXIS)
        occluded = np.where(np.sum(lat * ray, axis=-1) > 0, 0, 1)  # camera on the right → left is far
        idx = np.array(_FOOT)[None, :] + occluded[:, None]  # (T, 3) landmark indices
        rows = np.arange(t)[:, None]
        vis[rows, idx] = r_occ.uniform(0.05, 0.3, idx.shape)
        xy[rows, idx] += r_occ.normal(0.0, 6.0 + spec.noise_px, (*idx.shape, 2))
        lost = r_occ.random(idx.shape) < 0.3
        for arr in (xy, world):
            sub = arr[rows, idx]
            sub[lost] = np.nan
            arr[rows, idx] = sub
        zs = z[rows, idx]
        zs[lost] = np.nan
        z[rows, idx] = zs

    dropped = r_drop.random(t) < spec.drop_frame_rate
    return Observation(
        xy_px=xy_px,
        xy=xy,
        z=z,
        visibility=vis,
        presence=presence,
        world=world,
        dropped=dropped,
        occluded_foot=occluded,
    )


def to_frames(obs: Observation, times_s: np.ndarray, image_size: tuple[int, int]) -> tuple[PoseFrame, ...]:
    """One :class:`PoseFrame` per time; dropped frames become ``PoseFrame.absent``."""
    f32 = np.float32
    out = []
    for i, ts in enumerate(times_s):
        if obs.dropped[i]:
            out.append(PoseFrame.absent(i, float(ts), image_size))
            continue
        out.append(
            PoseFrame(
                frame_index=i,
                timestamp_s=float(ts),
                image_size=image_size,
                xy=obs.xy[i].astype(f32),
                z=obs.z[i].astype(f32),
                visibility=obs.visibility[i].astype(f32),
                presence=obs.presence[i].astype(f32),
                world=obs.world[i].astype(f32),
                subject_id=0,
                score=0.99,
                num_people=1,
            )
        )
    return tuple(out)
