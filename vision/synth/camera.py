"""Pinhole camera for the synthetic walker: placement per view and projection to pixels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.synth.geometry import X_AXIS, Y_AXIS, Z_AXIS, unit
from vision.synth.spec import GaitSpec


@dataclass(frozen=True, eq=False)
class Camera:
    """Pinhole camera, no distortion. Camera axes: x right, y down, z forward (metres)."""

    position: np.ndarray
    """(3,) centre of projection in the walker frame (metres)."""
    axes: np.ndarray
    """(3, 3) rows = camera right, down and forward directions in the walker frame."""
    focal_px: float
    image_size: tuple[int, int]
    """(width, height) in pixels; the principal point is the image centre."""

    @property
    def center_px(self) -> np.ndarray:
        """Principal point (cx, cy) in pixels."""
        w, h = self.image_size
        return np.array([0.5 * w, 0.5 * h])

    def to_camera(self, points: np.ndarray) -> np.ndarray:
        """Walker-frame points (..., 3) → camera coordinates (..., 3) in metres."""
        return (np.asarray(points) - self.position) @ self.axes.T

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pixels (..., 2) and depth along the optical axis (..., metres) of walker-frame points."""
        c = self.to_camera(points)
        depth = c[..., 2]
        xy = self.focal_px * c[..., :2] / depth[..., None] + self.center_px
        return xy, depth

    def ray_to(self, points: np.ndarray) -> np.ndarray:
        """Unit vectors (..., 3) from ``points`` toward the camera centre."""
        return unit(self.position - np.asarray(points))


def _axes_looking(forward: np.ndarray) -> np.ndarray:
    f = unit(np.asarray(forward, dtype=np.float64))
    right = unit(np.cross(f, Y_AXIS))
    down = np.cross(f, right)
    return np.stack([right, down, f])


def place_camera(spec: GaitSpec, path_x_m: tuple[float, float]) -> Camera:
    """Camera for ``spec.view`` given the range of pelvis X positions (metres) over the clip.

    - side: on the walker's flank, ``camera_distance_m`` from the line of progression, centred on
      the path; image x runs along the travel direction given by ``spec.travel``.
    - front: on the line of progression ``camera_distance_m`` beyond the nearest pelvis position,
      on the walker's front side (``facing_camera``) or back side.
    - oblique: halfway (45°) between those two, looking at the path centre from
      ``camera_distance_m`` plus 0.7 × half the path length.
    The camera is ``camera_height_m`` (default 0.55 × height) above the floor, looking level;
    the focal length makes a ``height_m`` person ``subject_height_px`` tall at ``camera_distance_m``.
    """
    h_cam = 0.55 * spec.height_m if spec.camera_height_m is None else spec.camera_height_m
    d = spec.camera_distance_m
    x0, x1 = min(path_x_m), max(path_x_m)
    centre = np.array([0.5 * (x0 + x1), h_cam, 0.0])
    sign = spec.travel_sign if spec.travel_sign != 0 else -1.0
    q = sign * (1.0 if spec.travel == "left_to_right" else -1.0)
    f_side = -q * Z_AXIS  # makes camera-right = q·X, the image direction of travel
    front = 1.0 if spec.facing_camera else -1.0
    f_front = -front * X_AXIS
    if spec.view == "side":
        fwd, pos = f_side, centre - d * f_side
    elif spec.view == "front":
        fwd = f_front
        near_x = x1 if spec.facing_camera else x0
        pos = np.array([near_x + front * d, h_cam, 0.0])
    else:
        fwd = unit(f_side + f_front)
        pos = centre - (d + 0.35 * (x1 - x0)) * fwd
    focal = spec.subject_height_px * d / spec.height_m
    return Camera(position=pos, axes=_axes_looking(fwd), focal_px=focal, image_size=tuple(spec.image_size))
