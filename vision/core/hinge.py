"""Event timing by hinge fits: the moment a point comes to rest (contact) or starts to move
(lift-off), found in closed form for a grid of candidate times (numpy, a few per second)."""

from __future__ import annotations

import math

import numpy as np

from vision.core.geometry import vertex_time

NAN = math.nan


def hinge_fit(t: np.ndarray, h: np.ndarray, grid: np.ndarray, *, contact: bool) -> tuple[float, float, float]:
    """Time of the corner of a moving→resting (``contact``) or resting→moving signal.

    ``t`` (n,) s; ``h`` (n,) px, the point's image height (y, down); ``grid`` candidate times.
    Model: a + b·u + c·u² with u = max(0, τ−t) for contact (at rest after τ) or u = max(0, t−τ)
    for lift-off (at rest before τ), solved in closed form for every τ at once. Returns
    (τ, gain, rms): gain in [0, 1] is how much better the hinge explains the data than one smooth
    quadratic over the whole window; rms (px) the residual of the hinge.
    """
    # One extra candidate beyond the window: there the model is a plain quadratic (reference).
    ref = t[-1] + 1.0 if contact else t[0] - 1.0
    taus = np.append(grid, ref)
    u = taus[:, None] - t[None, :] if contact else t[None, :] - taus[:, None]
    np.maximum(u, 0.0, out=u)
    u2 = u * u
    n = float(len(t))
    s1 = u.sum(axis=1)
    s2 = u2.sum(axis=1)
    s3 = (u2 * u).sum(axis=1)
    s4 = (u2 * u2).sum(axis=1)
    h0 = float(h.sum())
    h1 = u @ h
    h2 = u2 @ h
    # Symmetric 3×3 normal equations [[n,s1,s2],[s1,s2,s3],[s2,s3,s4]] β = [h0,h1,h2] (Cramer).
    c00 = s2 * s4 - s3 * s3
    c01 = s2 * s3 - s1 * s4
    c02 = s1 * s3 - s2 * s2
    c11 = n * s4 - s2 * s2
    c12 = s1 * s2 - n * s3
    c22 = n * s2 - s1 * s1
    det = n * c00 + s1 * c01 + s2 * c02
    ok = np.abs(det) > 1e-12 * (1.0 + np.abs(n * s2 * s4))
    det = np.where(ok, det, 1.0)
    b0 = (c00 * h0 + c01 * h1 + c02 * h2) / det
    b1 = (c01 * h0 + c11 * h1 + c12 * h2) / det
    b2 = (c02 * h0 + c12 * h1 + c22 * h2) / det
    sse = float(h @ h) - (b0 * h0 + b1 * h1 + b2 * h2)
    sse = np.where(ok, sse, np.inf)
    sse_ref = float(sse[-1])
    sse = sse[:-1]
    k = int(np.argmin(sse))
    if not np.isfinite(sse[k]):
        return NAN, 0.0, NAN
    tau = float(grid[k])
    if 0 < k < len(grid) - 1:
        tau = vertex_time((grid[k - 1], sse[k - 1]), (grid[k], sse[k]), (grid[k + 1], sse[k + 1]))
    gain = 0.0 if not sse_ref > 0.0 else max(0.0, 1.0 - float(sse[k]) / sse_ref)
    rms = math.sqrt(max(0.0, float(sse[k])) / n)
    return tau, gain, rms


def sparse(t: np.ndarray, a: float, b: float, *, t0: float, t1: float, dt: float, min_share: float) -> bool:
    """True when samples ``t`` (s) cover less than ``min_share`` of the frames (interval ``dt``)
    expected in (a, b] ∩ [t0, t1]."""
    a, b = max(a, t0), min(b, t1)
    if b - a < dt:
        return False
    n = int(np.count_nonzero((t > a) & (t <= b)))
    return n < min_share * (b - a) / dt - 0.5
