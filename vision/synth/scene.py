"""Static background for rendered clips: a textured wall, a baseboard and a planked floor."""

from __future__ import annotations

import cv2
import numpy as np

from vision.synth.camera import Camera
from vision.synth.figure import Palette, shade


def _lerp_rows(top: tuple[int, ...], bottom: tuple[int, ...], rows: int) -> np.ndarray:
    w = np.linspace(0.0, 1.0, max(rows, 1))[:, None]
    return (1.0 - w) * np.array(top, dtype=np.float64) + w * np.array(bottom, dtype=np.float64)


def background(
    camera: Camera, wall_depth_m: float, scale: int, palette: Palette, rng: np.random.Generator
) -> tuple[np.ndarray, float]:
    """Canvas (``scale`` × image size, BGR uint8) and the canvas row of the wall–floor line.

    The wall is a fronto-parallel plane ``wall_depth_m`` from the camera; the floor (Y = 0) has
    planks running along the optical axis. Gradients and low-frequency noise keep it non-uniform.
    """
    w, h = (v * scale for v in camera.image_size)
    cam_h = float(camera.position[1])
    f = camera.focal_px * scale
    cx, cy = (camera.center_px + 0.5) * scale - 0.5
    y_line = cy + f * cam_h / wall_depth_m
    yl = int(np.clip(round(y_line), 1, h - 1))
    img = np.zeros((h, w, 3), dtype=np.float64)
    img[:yl] = _lerp_rows(palette.wall_top, palette.wall_bottom, yl)[:, None, :]
    img[yl:] = _lerp_rows(palette.floor_far, palette.floor_near, h - yl)[:, None, :]
    # floor planks: seams along the optical axis at fixed lateral spacing, with per-plank tint
    spacing = 0.16
    z_near = max(0.3, f * cam_h / max(h - cy, 1.0))
    x_max = (w - cx) * wall_depth_m / f + spacing
    x_min = -cx * wall_depth_m / f - spacing
    for k in range(int(np.floor(x_min / spacing)), int(np.ceil(x_max / spacing)) + 1):
        xs = np.array([k, k + 1, k + 1, k], dtype=np.float64) * spacing
        zs = np.array([wall_depth_m, wall_depth_m, z_near, z_near])
        poly = np.stack([cx + f * xs / zs, cy + f * cam_h / zs], axis=1)
        tint = 1.0 + rng.uniform(-0.05, 0.05)
        mask = np.zeros((h, w), dtype=np.uint8)
        cv2.fillConvexPoly(mask, np.round(poly).astype(np.int32), 1, cv2.LINE_8)
        img[mask.astype(bool)] *= tint
        cv2.line(img, tuple(np.round(poly[0]).astype(int)), tuple(np.round(poly[3]).astype(int)),
                 shade(palette.floor_far, 0.8), max(1, scale // 2), cv2.LINE_AA)  # fmt: skip
    # baseboard along the wall–floor line
    board = max(2, round(f * 0.09 / wall_depth_m))
    img[max(yl - board, 0) : yl] = palette.baseboard
    img[max(yl - board, 0)] = shade(palette.baseboard, 0.85)
    img[yl : yl + max(1, scale)] = shade(palette.floor_far, 0.6)
    # low-frequency blotches plus fine grain
    coarse = rng.normal(0.0, 1.0, (max(h // 96, 2), max(w // 96, 2), 1))
    blot = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC).reshape(h, w, 1)
    img += 2.5 * blot + rng.normal(0.0, 1.2, (h, w, 1))
    return np.clip(img, 0, 255).astype(np.uint8), y_line
