"""Rotated square regions of interest: from alignment points, to crops and back.

A :class:`Roi` is a square in *image pixels* (centre, side length) rotated by ``rotation_rad``
(positive = clockwise on screen, since y points down). The landmark model sees the ROI as an
upright ``size``×``size`` crop; :meth:`Roi.crop_to_image` maps crop points back to the image.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True, kw_only=True, slots=True)
class Roi:
    """A rotated square region in image pixels."""

    cx: float
    cy: float
    side: float
    rotation_rad: float

    @classmethod
    def from_alignment(cls, center: np.ndarray, scale_point: np.ndarray, scale: float = 1.25) -> Roi:
        """ROI from BlazePose's two alignment points (hip midpoint and body scale point), pixels.

        The side is ``2·|scale_point − center|·scale``; the rotation turns the centre→scale-point
        vector to point straight up (MediaPipe's ``AlignmentPointsRectsCalculator`` with a target
        angle of 90° followed by a 1.25 ``RectTransformation``).
        """
        dx = float(scale_point[0] - center[0])
        dy = float(scale_point[1] - center[1])
        side = 2.0 * math.hypot(dx, dy) * scale
        rotation = _normalize_radians(math.pi / 2 - math.atan2(-dy, dx))
        return cls(cx=float(center[0]), cy=float(center[1]), side=side, rotation_rad=rotation)

    def crop_matrix(self, crop_size: int) -> np.ndarray:
        """2×3 affine matrix mapping crop pixels (u, v) to image pixels (x, y)."""
        c, s = math.cos(self.rotation_rad), math.sin(self.rotation_rad)
        k = self.side / crop_size
        a = np.array([[k * c, -k * s], [k * s, k * c]])
        half = crop_size / 2.0
        t = np.array([self.cx, self.cy]) - a @ np.array([half, half])
        return np.hstack([a, t[:, None]]).astype(np.float64)

    def crop(self, image: np.ndarray, crop_size: int) -> np.ndarray:
        """The ROI warped to an upright ``crop_size``² image (zero border outside the frame)."""
        return cv2.warpAffine(
            image,
            self.crop_matrix(crop_size),
            (crop_size, crop_size),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=0,
        )

    def crop_to_image(self, points: np.ndarray, crop_size: int) -> np.ndarray:
        """Map (N, 2) crop-pixel points to (N, 2) image pixels."""
        m = self.crop_matrix(crop_size)
        return points @ m[:, :2].T + m[:, 2]

    def rotate_vectors(self, vectors: np.ndarray) -> np.ndarray:
        """Rotate (N, 2) or (N, 3) vectors' x, y by the ROI rotation (for world landmarks)."""
        c, s = math.cos(self.rotation_rad), math.sin(self.rotation_rad)
        out = vectors.copy()
        out[:, 0] = c * vectors[:, 0] - s * vectors[:, 1]
        out[:, 1] = s * vectors[:, 0] + c * vectors[:, 1]
        return out

    def box(self) -> np.ndarray:
        """Axis-aligned (x0, y0, x1, y1) box around the rotated square, pixels."""
        corners = self.crop_to_image(np.array([[0, 0], [1, 0], [1, 1], [0, 1]], float), 1)
        return np.concatenate([corners.min(axis=0), corners.max(axis=0)])


def _normalize_radians(angle: float) -> float:
    return angle - 2 * math.pi * math.floor((angle + math.pi) / (2 * math.pi))


def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of (N, 4) and (M, 4) xyxy boxes → (N, M)."""
    a = np.asarray(a, dtype=np.float64).reshape(-1, 4)
    b = np.asarray(b, dtype=np.float64).reshape(-1, 4)
    x0 = np.maximum(a[:, None, 0], b[None, :, 0])
    y0 = np.maximum(a[:, None, 1], b[None, :, 1])
    x1 = np.minimum(a[:, None, 2], b[None, :, 2])
    y1 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-9), 0.0)
