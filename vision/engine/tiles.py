"""Overlapping square tiles of a frame for a finer detector pass (people too small whole-frame).

BlazePose's detector sees the frame letterboxed to 224×224 px, so a walker under about a fifth of
the frame's long side is too small for it (a far camera with a wide lens). Run on a tile of half
the long side, the same walker is twice as large. Tiles overlap by half a tile, so any person at
most half a tile tall lies whole inside one of them.
"""

from __future__ import annotations

import numpy as np


def tile_boxes(width: int, height: int, *, side_frac: float) -> np.ndarray:
    """(N, 4) int ``x0, y0, x1, y1`` pixel boxes: squares of ``side_frac`` × the long side
    (at most the short side), stepped by half a side, the last flush with the frame's edge."""
    if width <= 0 or height <= 0:
        raise ValueError(f"a frame of {width}×{height} px has no tiles")
    if not 0.0 < side_frac <= 1.0:
        raise ValueError(f"side_frac must be in (0, 1], not {side_frac}")
    side = max(1, min(round(max(width, height) * side_frac), width, height))
    xs = _starts(width, side)
    ys = _starts(height, side)
    x0, y0 = np.meshgrid(xs, ys)
    x0, y0 = x0.ravel(), y0.ravel()
    return np.stack([x0, y0, x0 + side, y0 + side], axis=1).astype(np.int64)


def _starts(extent: int, side: int) -> np.ndarray:
    """Tile starts along one axis: every half side, and one flush with the far edge."""
    step = max(1, side // 2)
    starts = list(range(0, extent - side + 1, step))
    if starts[-1] != extent - side:
        starts.append(extent - side)
    return np.asarray(starts, dtype=np.int64)
