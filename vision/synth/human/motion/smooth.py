"""Small 1-D filters over time in numpy (edges padded with the end values)."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def gaussian_1d(x: np.ndarray, sigma: float, axis: int = 0) -> np.ndarray:
    """Gaussian smoothing of ``x`` along ``axis`` (``sigma`` in samples; ≤ 0.3 returns a copy)."""
    x = np.asarray(x, dtype=np.float64)
    if sigma <= 0.3:
        return x.copy()
    r = int(np.ceil(3.0 * sigma))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    moved = np.moveaxis(x, axis, -1)
    pad = np.pad(moved, [(0, 0)] * (moved.ndim - 1) + [(r, r)], mode="edge")
    out = np.einsum("...w,w->...", sliding_window_view(pad, 2 * r + 1, axis=-1), k)
    return np.moveaxis(out, -1, axis)


def minimum_1d(x: np.ndarray, half_width: int) -> np.ndarray:
    """Running minimum of a (T,) signal over ±``half_width`` samples."""
    x = np.asarray(x, dtype=np.float64)
    if half_width <= 0:
        return x.copy()
    pad = np.pad(x, half_width, mode="edge")
    return sliding_window_view(pad, 2 * half_width + 1).min(axis=-1)
