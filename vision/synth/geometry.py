"""Small vectorized geometry helpers for the synthetic walker (angles in radians).

World frame of the walker (metres): X = the walker's facing direction (anterior), Y = up,
Z = the walker's right. The floor is the plane Y = 0.
"""

from __future__ import annotations

import numpy as np

X_AXIS = np.array([1.0, 0.0, 0.0])
Y_AXIS = np.array([0.0, 1.0, 0.0])
Z_AXIS = np.array([0.0, 0.0, 1.0])


def _rot(angle_rad: np.ndarray | float, i: int, j: int) -> np.ndarray:
    """Rotation matrices (..., 3, 3) by ``angle_rad`` in the (i, j) coordinate plane."""
    a = np.asarray(angle_rad, dtype=np.float64)
    c, s = np.cos(a), np.sin(a)
    r = np.zeros((*a.shape, 3, 3))
    k = 3 - i - j
    r[..., k, k] = 1.0
    r[..., i, i] = c
    r[..., j, j] = c
    r[..., i, j] = -s
    r[..., j, i] = s
    return r


def rot_x(angle_rad: np.ndarray | float) -> np.ndarray:
    """Rotation about X; positive turns -Y (down) toward -Z (the walker's left)."""
    return _rot(angle_rad, 1, 2)


def rot_y(angle_rad: np.ndarray | float) -> np.ndarray:
    """Rotation about Y (up); positive turns +X (facing) toward -Z, i.e. a turn to the left."""
    return _rot(angle_rad, 2, 0)


def rot_z(angle_rad: np.ndarray | float) -> np.ndarray:
    """Rotation about Z (right); positive turns +X (facing) toward +Y and -Y toward +X."""
    return _rot(angle_rad, 0, 1)


def apply(r: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Rotate vectors: ``r`` (..., 3, 3) times ``v`` (..., 3) or a single (3,) vector."""
    return np.einsum("...ij,...j->...i", r, v)


def unit(v: np.ndarray) -> np.ndarray:
    """Vectors scaled to unit length along the last axis (zero vectors stay zero)."""
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.where(n > 1e-12, n, 1.0)


def smoothstep(x: np.ndarray | float) -> np.ndarray:
    """C1 ramp 0 → 1 on [0, 1] (3x² − 2x³), clamped outside."""
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3.0 - 2.0 * x)


def min_jerk(x: np.ndarray | float) -> np.ndarray:
    """C2 minimum-jerk ramp 0 → 1 on [0, 1] (10x³ − 15x⁴ + 6x⁵), clamped outside."""
    x = np.clip(x, 0.0, 1.0)
    return x**3 * (10.0 + x * (-15.0 + 6.0 * x))


def swing_ramp(x: np.ndarray | float, *, v0: float, v1: float, rise: float, brake: float) -> np.ndarray:
    """Ramp 0 → 1 on [0, 1] whose slope (speed over the mean speed) starts at ``v0``, rises
    over the first ``rise`` of the way to a plateau, holds it, and falls to ``v1`` over the last
    ``brake`` (cosine edges: continuous speed, no jerk at the ends of the edges). The plateau is
    what makes the mean speed 1. Clamped outside [0, 1]."""
    if not (rise > 0.0 and brake > 0.0 and rise + brake <= 1.0):
        raise ValueError("rise and brake must be positive and sum to at most 1")
    x = np.clip(np.asarray(x, dtype=np.float64), 0.0, 1.0)
    peak = (1.0 - 0.5 * (rise * v0 + brake * v1)) / (1.0 - 0.5 * (rise + brake))

    def edge(u: np.ndarray, width: float, a: float, b: float) -> np.ndarray:
        """Integral over [0, u] of the cosine speed step from a to b over ``width``."""
        u = np.clip(u, 0.0, width)
        return a * u + 0.5 * (b - a) * (u - width / np.pi * np.sin(np.pi * u / width))

    end_rise = edge(np.float64(rise), rise, v0, peak)
    flat = 1.0 - rise - brake
    hold = peak * np.clip(x - rise, 0.0, flat)
    return np.where(
        x < rise, edge(x, rise, v0, peak), end_rise + hold + edge(x - rise - flat, brake, peak, v1)
    )


def two_link_ik(
    root: np.ndarray, target: np.ndarray, len_a: float, len_b: float, bend_hint: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Middle joint of a two-segment chain (hip–knee–ankle, shoulder–elbow–wrist).

    ``root`` and ``target`` are (..., 3) points in metres; ``bend_hint`` (..., 3) is the direction
    the middle joint bends toward. A target out of reach is pulled back along the root→target
    line. Returns (middle joint, reached end point).
    """
    d_vec = target - root
    d = np.linalg.norm(d_vec, axis=-1, keepdims=True)
    u = d_vec / np.where(d > 1e-9, d, 1.0)
    d = np.clip(d, abs(len_a - len_b) + 1e-6, (len_a + len_b) * (1.0 - 1e-6))
    cos_a = np.clip((len_a**2 + d**2 - len_b**2) / (2.0 * len_a * d), -1.0, 1.0)
    n = bend_hint - np.sum(bend_hint * u, axis=-1, keepdims=True) * u
    n = unit(n)
    mid = root + len_a * (cos_a * u + np.sqrt(1.0 - cos_a**2) * n)
    return mid, root + d * u
