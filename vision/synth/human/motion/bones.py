"""The MakeHuman bones the motion drives, and rotation helpers (rest world axes, radians).

Rest axes: X = the character's left, Y = up, Z = the character's front; every bone's rest frame
is the world axes at its head (see :mod:`vision.synth.human.skin`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

LUMBAR = ("spine05", "spine04", "spine03")
THORACIC = ("spine02", "spine01")
NECK = ("neck01", "neck02", "neck03")
LEG_BONES = {"thigh": "upperleg01", "knee": "lowerleg01", "foot": "foot", "pelvis": "pelvis"}
"""Field of :class:`LegBones` -> MakeHuman bone name without its side suffix (.L / .R)."""
ARM_BONES = {"upper": "upperarm01", "elbow": "lowerarm01", "wrist": "wrist", "shoulder": "shoulder01"}
"""Field of :class:`ArmBones` -> MakeHuman bone name without its side suffix (.L / .R)."""


class RigLike(Protocol):
    """What the motion needs from :class:`vision.synth.human.body.HumanBody`."""

    bone_names: tuple[str, ...]
    parents: np.ndarray
    rest_heads_m: np.ndarray
    rest_tails_m: np.ndarray
    sole_points_m: dict[str, np.ndarray]


@dataclass(frozen=True, kw_only=True)
class LegBones:
    thigh: int
    knee: int
    foot: int
    pelvis: int


@dataclass(frozen=True, kw_only=True)
class ArmBones:
    upper: int
    elbow: int
    wrist: int
    shoulder: int


@dataclass(frozen=True, kw_only=True)
class BoneMap:
    """Indices of the driven bones; legs/arms indexed 0 = left (.L), 1 = right (.R)."""

    root: int
    lumbar: tuple[int, ...]
    thoracic: tuple[int, ...]
    neck: tuple[int, ...]
    head: int
    legs: tuple[LegBones, LegBones]
    arms: tuple[ArmBones, ArmBones]

    @classmethod
    def of(cls, rig: RigLike) -> BoneMap:
        ix = {n: i for i, n in enumerate(rig.bone_names)}

        def sided(names: dict[str, str], side: str) -> dict[str, int]:
            return {field: ix[f"{bone}.{side}"] for field, bone in names.items()}

        return cls(
            root=ix["root"],
            lumbar=tuple(ix[n] for n in LUMBAR),
            thoracic=tuple(ix[n] for n in THORACIC),
            neck=tuple(ix[n] for n in NECK),
            head=ix["head"],
            legs=(LegBones(**sided(LEG_BONES, "L")), LegBones(**sided(LEG_BONES, "R"))),
            arms=(ArmBones(**sided(ARM_BONES, "L")), ArmBones(**sided(ARM_BONES, "R"))),
        )


def frame_from(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(…, 3, 3) orthonormal frame with columns a, b⊥a, a×b (``a`` the primary direction)."""
    a = a / np.linalg.norm(a, axis=-1, keepdims=True)
    b = b - np.sum(a * b, axis=-1, keepdims=True) * a
    b = b / np.maximum(np.linalg.norm(b, axis=-1, keepdims=True), 1e-12)
    return np.stack([a, b, np.cross(a, b)], axis=-1)


def align(rest_a: np.ndarray, rest_b: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(…, 3, 3) rotation taking the rest frame (rest_a, rest_b) onto the posed one (a, b)."""
    return frame_from(a, b) @ np.swapaxes(frame_from(rest_a, rest_b), -1, -2)


def shortest_arc(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """(…, 3, 3) smallest rotation turning unit vectors ``u`` onto ``v`` (Rodrigues)."""
    u = u / np.linalg.norm(u, axis=-1, keepdims=True)
    v = v / np.linalg.norm(v, axis=-1, keepdims=True)
    axis = np.cross(u, v)
    s = np.linalg.norm(axis, axis=-1)
    c = np.sum(u * v, axis=-1)
    k = axis / np.maximum(s, 1e-12)[..., None]
    kx = np.zeros((*k.shape[:-1], 3, 3))
    kx[..., 0, 1], kx[..., 0, 2], kx[..., 1, 2] = -k[..., 2], k[..., 1], -k[..., 0]
    kx[..., 1, 0], kx[..., 2, 0], kx[..., 2, 1] = k[..., 2], -k[..., 1], k[..., 0]
    ang = np.arctan2(s, c)[..., None, None]
    eye = np.broadcast_to(np.eye(3), kx.shape)
    return eye + np.sin(ang) * kx + (1.0 - np.cos(ang)) * (kx @ kx)


def transpose(r: np.ndarray) -> np.ndarray:
    """Inverse of rotation matrices (…, 3, 3)."""
    return np.swapaxes(r, -1, -2)
