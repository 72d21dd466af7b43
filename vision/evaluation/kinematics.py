"""A realism check of the gait itself: when does the foot reach its extreme along the travel?

Zeni et al. (2008, Gait & Posture 27:710) time initial contact at the extreme of the foot's
position relative to the pelvis along the direction of travel. How far that extreme lies from
the true contact depends on how the foot decelerates in terminal swing, a property of the walker
and not of the coach, so comparing it between rendered and filmed clips tells whether the
rendered gait moves its feet like people do (a coach fitted to a gait that does not would be
fitted to the generator).

:func:`extreme_leads_s` measures it from what the pose engine saw (``Prediction.landmarks_px``,
``(frames, 33, 2)`` video px, NaN where absent) around each labelled contact: the foot (mean of
heel and toe tip) relative to the mid-hip, in image x, the extreme taken on the side the pelvis
travels to, refined to a sub-frame time by a parabola through its neighbours. Negative: the
extreme comes before the contact. Contacts without clear travel (a treadmill, a stand, a turn)
or whose extreme lies on the window's edge are left out.

:func:`landing_speeds` measures the other half of terminal swing: how fast the landing foot
still travels in the image in the frame that ends at the labelled contact, in torso lengths
(mid-shoulder to mid-hip) per second. A walker's foot lands moving (horizontal heel contact
velocity about 1 m/s in normal walking: Lockhart et al. 2003, Ergonomics 46(12)); a generator
whose foot stops in the air before the contact teaches a model to wait for the stop.
"""

from __future__ import annotations

import numpy as np

from vision.evaluation.config import EvalConfig
from vision.evaluation.labels import ClipLabels

HIPS = (23, 24)
FOOT_POINTS = {"left": (29, 31), "right": (30, 32)}
"""BlazePose heel and toe-tip indices of each foot."""
ANKLES = (27, 28)
SHOULDERS = (11, 12)


def _mean_points(points: np.ndarray) -> np.ndarray:
    """Mean over axis 1 of finite values, NaN where none (no warning for empty rows)."""
    ok = np.isfinite(points)
    count = ok.sum(axis=1)
    total = np.where(ok, points, 0.0).sum(axis=1)
    return np.divide(total, count, out=np.full(total.shape, np.nan), where=count > 0)


def _parabola_peak(y: np.ndarray, i: int) -> float:
    """Sub-sample offset (−0.5..0.5) of the peak at ``i`` from the parabola through i−1, i, i+1."""
    a, b, c = y[i - 1], y[i], y[i + 1]
    den = a - 2.0 * b + c
    return 0.0 if den == 0 else float(np.clip(0.5 * (a - c) / den, -0.5, 0.5))


def _travel_sign(hip_x: np.ndarray, leg_px: float, *, lo: int, hi: int, min_frac: float) -> float:
    """+1/−1: the pelvis moves toward +x/−x between frames lo and hi by at least ``min_frac``
    of the leg length; 0 otherwise."""
    seg = hip_x[lo:hi]
    ok = np.flatnonzero(np.isfinite(seg))
    if ok.size < 2 or not leg_px > 0:
        return 0.0
    move = float(seg[ok[-1]] - seg[ok[0]])
    return float(np.sign(move)) if abs(move) >= min_frac * leg_px else 0.0


def extreme_leads_s(
    labels: ClipLabels, landmarks_px: np.ndarray, cfg: EvalConfig, *, walking: list[bool]
) -> list[float]:
    """Foot extreme − labelled contact time (s) of each labelled contact that can be measured
    (rendered clips: only those ``walking`` flags, one per labelled step, as the contact scoring does)."""
    if not labels.steps or landmarks_px.ndim != 3 or labels.fps <= 0:
        return []
    n = landmarks_px.shape[0]
    xy = landmarks_px
    hip_x = _mean_points(xy[:, HIPS, 0])
    leg = _mean_points(xy[:, ANKLES, 1]) - _mean_points(xy[:, HIPS, 1])
    half = max(1, round(cfg.extreme_window_s * labels.fps))
    travel_half = max(1, round(cfg.extreme_travel_half_s * labels.fps))
    out = []
    for st, walks in zip(labels.steps, walking, strict=True):
        c = st.contact_frame
        if labels.kind == "rendered" and not walks:
            continue
        lo, hi = c - half, c + half + 1
        if lo < 1 or hi > n - 1:
            continue
        t_lo, t_hi = max(0, c - travel_half), min(n, c + travel_half + 1)
        legs = leg[t_lo:t_hi][np.isfinite(leg[t_lo:t_hi])]
        leg_px = float(np.median(legs)) if legs.size else np.nan
        sign = _travel_sign(hip_x, leg_px, lo=t_lo, hi=t_hi, min_frac=cfg.extreme_min_travel_leg_frac)
        if sign == 0.0:
            continue
        foot_x = _mean_points(xy[lo - 1 : hi + 1, FOOT_POINTS[st.foot], 0])
        rel = sign * (foot_x - hip_x[lo - 1 : hi + 1])
        if not np.isfinite(rel).all():
            continue
        i = int(np.argmax(rel[1:-1])) + 1  # rel[0] and rel[-1] are the neighbours outside the window
        if i in (1, len(rel) - 2):
            continue  # on the window's edge: no extreme inside it
        frame = lo - 1 + i + _parabola_peak(rel, i)
        out.append((frame - c) / labels.fps)
    return out


def landing_speeds(labels: ClipLabels, landmarks_px: np.ndarray, *, walking: list[bool]) -> list[float]:
    """|image x speed| of the landing foot (mean of heel and toe tip) from the frame before each
    labelled contact to the contact frame, torso lengths per second (rendered clips: only the
    ``walking`` contacts); contacts where a point is missing are left out."""
    if not labels.steps or landmarks_px.ndim != 3 or labels.fps <= 0:
        return []
    xy = landmarks_px
    torso = np.linalg.norm(_mean_points(xy[:, SHOULDERS]) - _mean_points(xy[:, HIPS]), axis=-1)
    size = float(np.nanmedian(torso)) if np.isfinite(torso).any() else np.nan
    if not size > 0:
        return []
    out = []
    for st, walks in zip(labels.steps, walking, strict=True):
        c = st.contact_frame
        if (labels.kind == "rendered" and not walks) or not 1 <= c < xy.shape[0]:
            continue
        x = _mean_points(xy[c - 1 : c + 1, FOOT_POINTS[st.foot], 0])
        if np.isfinite(x).all():
            out.append(abs(float(x[1] - x[0])) * labels.fps / size)
    return out
