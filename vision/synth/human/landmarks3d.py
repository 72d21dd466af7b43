"""The 33 BlazePose landmarks' anatomical places on the digital human.

Each landmark is a rest-pose point rigidly attached to one bone, so its posed position is that
bone's skinning matrix applied to the point. Joints (shoulders .. ankles) are bone heads; face
points are picked on the head mesh; heel and foot index are the BARE heel and toe tip inside the
shoe, where BlazePose puts them on shod feet (see :mod:`vision.synth.body`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.landmarks import NAMES, NUM_LANDMARKS
from vision.synth.human.skin import transform_points

JOINT_BONES = {
    "shoulder": "upperarm01",
    "elbow": "lowerarm01",
    "wrist": "wrist",
    "pinky": "finger5-1",
    "index": "finger2-1",
    "thumb": "finger1-2",
    "hip": "upperleg01",
    "knee": "lowerleg01",
    "ankle": "foot",
}
"""BlazePose joint landmark -> bone whose head it is (suffix .L / .R added)."""
EYE_CORNER_FRAC = 0.85
"""Eye corners sit this many eyeball radii inward/outward of the eyeball centre."""
MOUTH_HALF_WIDTH_IPD = 0.40
"""Half mouth width as a fraction of the inter-pupil distance."""
MOUTH_BELOW_NOSE_M = 0.030
"""Mouth corners below the nose tip (m, for a 1.73 m body; scaled with the head)."""


@dataclass(frozen=True, kw_only=True)
class LandmarkAnchors:
    bones: np.ndarray
    """(33,) int bone index per landmark, BlazePose order."""
    rest_points: np.ndarray
    """(33, 3) rest-pose positions (m)."""

    def posed(self, mats: np.ndarray) -> np.ndarray:
        """(..., 33, 3) landmark positions from (..., B, 4, 4) skinning matrices."""
        return transform_points(mats[..., self.bones, :, :], self.rest_points)


def _side_name(name: str) -> tuple[str, str]:
    side, _, part = name.partition("_")
    return ("L" if side == "left" else "R"), part


def _face_points(verts: np.ndarray, head_ids: np.ndarray, eye_centres: np.ndarray, eye_r: float) -> dict:
    """Rest points of nose, eyes, ears and mouth corners (left = +X)."""
    hv = verts[head_ids]
    ipd = float(abs(eye_centres[0, 0] - eye_centres[1, 0]))
    eye_y = float(eye_centres[:, 1].mean())
    mid = hv[(np.abs(hv[:, 0]) < 0.004) & (hv[:, 1] < eye_y) & (hv[:, 1] > eye_y - 0.07)]
    nose = mid[np.argmax(mid[:, 2])]
    pts: dict[str, np.ndarray] = {"nose": nose}
    for c, side in zip(eye_centres, ("left", "right"), strict=True):
        out = 1.0 if c[0] > 0 else -1.0
        front = c + np.array([0.0, 0.0, eye_r])
        pts[f"{side}_eye"] = front
        pts[f"{side}_eye_inner"] = c + np.array([-out * EYE_CORNER_FRAC * eye_r, 0.0, 0.5 * eye_r])
        pts[f"{side}_eye_outer"] = c + np.array([out * EYE_CORNER_FRAC * eye_r, 0.0, 0.3 * eye_r])
        band = hv[(np.abs(hv[:, 1] - (eye_y - 0.015)) < 0.02) & (hv[:, 0] * out > 0)]
        ext = band[np.argsort(-band[:, 0] * out)[:12]]
        pts[f"{side}_ear"] = ext.mean(axis=0)
        scale = ipd / 0.063
        target = np.array([out * MOUTH_HALF_WIDTH_IPD * ipd, nose[1] - MOUTH_BELOW_NOSE_M * scale, nose[2]])
        near = hv[np.abs(hv[:, 0] - target[0]) < 0.004]
        near = near[np.abs(near[:, 1] - target[1]) < 0.006]
        pts[f"mouth_{side}"] = near[np.argmax(near[:, 2])] if len(near) else target
    return pts


def build_anchors(
    *,
    bone_names: tuple[str, ...],
    heads: np.ndarray,
    verts: np.ndarray,
    head_ids: np.ndarray,
    eye_centres: np.ndarray,
    eye_r: float,
    foot_refs: dict[str, dict[str, np.ndarray]],
) -> LandmarkAnchors:
    """Anchors from the rest body (metres). foot_refs: 'L'/'R' -> {'heel_bare', 'toe_bare'}."""
    index = {n: i for i, n in enumerate(bone_names)}
    face = _face_points(verts, head_ids, eye_centres, eye_r)
    bones = np.zeros(NUM_LANDMARKS, dtype=np.int64)
    pts = np.zeros((NUM_LANDMARKS, 3))
    for k, name in enumerate(NAMES):
        if name in face:
            bones[k], pts[k] = index["head"], face[name]
            continue
        s, part = _side_name(name)
        if part in JOINT_BONES:
            b = index[f"{JOINT_BONES[part]}.{s}"]
            bones[k], pts[k] = b, heads[b]
        elif part == "heel":
            bones[k], pts[k] = index[f"foot.{s}"], foot_refs[s]["heel_bare"]
        elif part == "foot_index":
            bones[k], pts[k] = index[f"toe2-1.{s}"], foot_refs[s]["toe_bare"]
        else:
            raise KeyError(name)
    return LandmarkAnchors(bones=bones, rest_points=pts)
