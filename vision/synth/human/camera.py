"""Pinhole camera with roll and one radial-distortion term, shared by the renderer and the labels.

Camera axes follow OpenCV: x right, y down, z forward. A world point P maps to
``x_n = X/Z, y_n = Y/Z``, distorted by ``d = 1 + k1 r^2`` (r^2 clamped where the mapping stops
being monotonic), then ``u = cx + f x_n d``, ``v = cy + f y_n d`` with pixel centres at integers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

WORLD_UP = np.array([0.0, 1.0, 0.0])
NEAR_M = 0.05
"""Near clipping plane (m)."""
FAR_M = 40.0
"""Far clipping plane (m)."""
FOV_NORMAL_DEG = 50.0
"""Vertical field of view of an ordinary webcam/phone in landscape (deg)."""
FOV_LAPTOP_WIDE_DEG = 68.0
"""Vertical field of view of a wide-angle laptop camera (deg)."""
K1_LAPTOP_WIDE = -0.12
"""Barrel distortion of the wide-angle laptop camera."""
FOV_PHONE_PORTRAIT_DEG = 62.0
"""Vertical field of view of a phone held upright (deg)."""


@dataclass(frozen=True, kw_only=True)
class CameraSpec:
    width: int = 640
    height: int = 480
    position_m: tuple[float, float, float] = (0.0, 0.94, 3.0)
    look_at_m: tuple[float, float, float] = (0.0, 0.85, 0.0)
    roll_deg: float = 0.0
    """Roll about the viewing axis, + = image turns clockwise."""
    fov_deg: float = FOV_NORMAL_DEG
    """Vertical field of view (deg)."""
    k1: float = 0.0
    """Radial distortion (negative = barrel, as in wide-angle lenses)."""

    @property
    def focal_px(self) -> float:
        return (self.height / 2) / np.tan(np.radians(self.fov_deg) / 2)

    def rotation(self) -> np.ndarray:
        """(3, 3) world -> camera rotation (rows: camera x, y, z axes in world)."""
        pos, tgt = np.asarray(self.position_m, float), np.asarray(self.look_at_m, float)
        fwd = tgt - pos
        fwd /= np.linalg.norm(fwd)
        right = np.cross(fwd, WORLD_UP)
        right /= np.linalg.norm(right)
        down = np.cross(fwd, right)
        c, s = np.cos(np.radians(self.roll_deg)), np.sin(np.radians(self.roll_deg))
        r_cam = np.stack([right, down, fwd])
        roll = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
        return roll @ r_cam

    def view_matrix(self) -> np.ndarray:
        """(4, 4) world -> camera transform."""
        r = self.rotation()
        m = np.eye(4)
        m[:3, :3] = r
        m[:3, 3] = -r @ np.asarray(self.position_m, float)
        return m

    @property
    def r2_max(self) -> float:
        """Largest r^2 at which the distortion is still monotonic (inf without barrel distortion)."""
        return -1.0 / (3.0 * self.k1) if self.k1 < 0 else np.inf

    def to_camera(self, points_m: np.ndarray) -> np.ndarray:
        """(..., 3) world -> (..., 3) camera coordinates."""
        m = self.view_matrix()
        return np.asarray(points_m, float) @ m[:3, :3].T + m[:3, 3]

    def project(self, points_m: np.ndarray) -> np.ndarray:
        """(..., 3) world points -> (..., 2) pixel (u, v); points behind the camera give nan."""
        pc = self.to_camera(points_m)
        z = np.where(pc[..., 2] > NEAR_M, pc[..., 2], np.nan)
        xn, yn = pc[..., 0] / z, pc[..., 1] / z
        d = 1.0 + self.k1 * np.minimum(xn * xn + yn * yn, self.r2_max)
        f = self.focal_px
        return np.stack([(self.width - 1) / 2 + f * xn * d, (self.height - 1) / 2 + f * yn * d], axis=-1)


def laptop_camera(**kw) -> CameraSpec:
    """A wide-angle laptop webcam with barrel distortion."""
    return CameraSpec(fov_deg=FOV_LAPTOP_WIDE_DEG, k1=K1_LAPTOP_WIDE, **kw)


def phone_portrait_camera(**kw) -> CameraSpec:
    """A phone held upright: portrait frame (default 720 x 1280)."""
    kw.setdefault("width", 720)
    kw.setdefault("height", 1280)
    return CameraSpec(fov_deg=FOV_PHONE_PORTRAIT_DEG, **kw)
