"""Drawing primitives and body parts of the rendered walker (OpenCV, BGR uint8 canvases).

Everything takes points already projected to canvas pixels (float) plus radii in pixels; the
painter's order is decided by the caller (:mod:`vision.synth.render`).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

_SHIFT = 4  # fixed-point bits for sub-pixel polygon vertices
_SCALE = 1 << _SHIFT
_CIRCLE = np.stack([np.cos(np.linspace(0, 2 * np.pi, 24, endpoint=False)),
                    np.sin(np.linspace(0, 2 * np.pi, 24, endpoint=False))], axis=1)  # fmt: skip
LIGHT_IMG = np.array([-0.55, -0.83])
"""Direction (image x, y) the light comes from: upper left."""

BGR = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """Colours (BGR) of the figure and the scene."""

    skin: BGR = (118, 152, 205)
    hair: BGR = (28, 36, 52)
    shirt: BGR = (165, 112, 52)
    trousers: BGR = (64, 52, 46)
    shoe: BGR = (226, 228, 232)
    sole: BGR = (50, 50, 58)
    eye_white: BGR = (235, 238, 240)
    iris: BGR = (45, 40, 35)
    lips: BGR = (88, 92, 168)
    wall_top: BGR = (214, 222, 228)
    wall_bottom: BGR = (188, 198, 206)
    floor_far: BGR = (118, 146, 170)
    floor_near: BGR = (138, 168, 196)
    baseboard: BGR = (236, 238, 240)


def shade(color: BGR, k: float) -> BGR:
    """``color`` scaled by ``k`` (k < 1 darker, k > 1 lighter), clipped to 0..255."""
    return tuple(int(np.clip(c * k, 0, 255)) for c in color)  # type: ignore[return-value]


def fill_poly(img: np.ndarray, pts: np.ndarray, color: BGR, aa: bool = True) -> None:
    """Fill the convex hull of (N, 2) float pixel points."""
    p = np.round(np.asarray(pts, dtype=np.float64) * _SCALE).astype(np.int32)
    hull = cv2.convexHull(p.reshape(-1, 1, 2))
    cv2.fillConvexPoly(img, hull, color, cv2.LINE_AA if aa else cv2.LINE_8, _SHIFT)


def capsule_points(a: np.ndarray, b: np.ndarray, ra: float, rb: float) -> np.ndarray:
    """(48, 2) points whose convex hull is the tapered capsule a–b with end radii ra, rb."""
    return np.concatenate([a + ra * _CIRCLE, b + rb * _CIRCLE])


def shaded_capsule(img: np.ndarray, a: np.ndarray, b: np.ndarray, ra: float, rb: float, color: BGR) -> None:
    """Tube a→b lit from :data:`LIGHT_IMG`: dark rim, base body, soft highlight stripe."""
    axis = b - a
    n = np.linalg.norm(axis)
    perp = np.array([-axis[1], axis[0]]) / n if n > 1e-6 else np.zeros(2)
    toward = perp if perp @ LIGHT_IMG > 0 else -perp
    fill_poly(img, capsule_points(a, b, ra, rb), shade(color, 0.72))
    off = 0.16 * toward
    fill_poly(img, capsule_points(a + off * ra, b + off * rb, 0.8 * ra, 0.8 * rb), color)
    off = 0.42 * toward
    fill_poly(img, capsule_points(a + off * ra, b + off * rb, 0.32 * ra, 0.32 * rb), shade(color, 1.12))


def shaded_blob(img: np.ndarray, pts: np.ndarray, color: BGR) -> None:
    """Convex blob (torso, shoe) with a darker rim and a lit core offset toward the light."""
    pts = np.asarray(pts, dtype=np.float64)
    c = pts.mean(axis=0)
    size = np.sqrt(max(cv2.contourArea(pts.astype(np.float32).reshape(-1, 1, 2)), 1.0))
    fill_poly(img, pts, shade(color, 0.74))
    fill_poly(img, c + 0.86 * (pts - c) + 0.05 * size * LIGHT_IMG, color)
    fill_poly(img, c + 0.45 * (pts - c) + 0.14 * size * LIGHT_IMG, shade(color, 1.08))


def line(img: np.ndarray, a: np.ndarray, b: np.ndarray, color: BGR, width: float) -> None:
    """Anti-aliased line of ``width`` pixels between float pixel points."""
    pa = tuple(round(v * _SCALE) for v in a)
    pb = tuple(round(v * _SCALE) for v in b)
    cv2.line(img, pa, pb, color, max(round(width), 1), cv2.LINE_AA, _SHIFT)
