"""Timing of one gait event around its Zeni extreme: hinge fits of the heel and the toe heights,
the event time chosen from the clear fits, and its confidence (see :mod:`vision.core.steps`).

Stages, each a function: :func:`event_window` (ring rows around the extreme),
:func:`fit_points` (a hinge per point, with the points whose corner is a guess),
:func:`choose_time`, :func:`event_confidence`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from vision.core import ring as rb
from vision.core.events import View
from vision.core.hinge import hinge_fit, sparse
from vision.core.tuning import StepTuning

NAN = math.nan
EPS_S = 1e-9
"""Float tolerance on window and grid ends, seconds."""
MIN_GRID_STEP_S = 1e-3
"""The sub-frame grid is never finer than this, seconds."""
POINTS = (("heel", rb.LEG_HY), ("toe", rb.LEG_TY))
"""The fitted points: name and their image-height column within a leg's columns."""


@dataclass(frozen=True, kw_only=True, slots=True)
class EventWindow:
    """Ring rows around one candidate extreme of leg columns ``c``.

    ``w`` (n, channels) rows at times ``tt`` (n,) s within [t0, t1]; ``dt`` the mean frame
    interval (VFR-safe); ``half_s`` the half-width of the candidate-time grid."""

    w: np.ndarray
    tt: np.ndarray
    c: int
    t_ext: float
    t0: float
    t1: float
    dt: float
    half_s: float
    is_contact: bool


@dataclass(kw_only=True, slots=True)
class PointFits:
    """Hinge fit per point (``heel``, ``toe``): corner time, gain; the points whose corner may lie
    in missing data (``unsure``) or beyond the window (``late``); the worst residual, px."""

    taus: dict[str, float] = field(default_factory=dict)
    gains: dict[str, float] = field(default_factory=dict)
    unsure: set[str] = field(default_factory=set)
    late: set[str] = field(default_factory=set)
    worst_rms: float = 0.0


def event_window(
    ring: rb.Ring,
    *,
    k: int,
    t_ext: float,
    i_ext: int,
    after_s: float,
    half_s: float,
    is_contact: bool,
    tuning: StepTuning,
) -> EventWindow | None:
    """Rows of leg ``k`` from ``refine_before_s`` before the extreme to ``after_s`` after it;
    None with fewer than ``min_fit_samples`` rows."""
    t0, t1 = t_ext - tuning.refine_before_s, t_ext + after_s
    w = ring.window(ring.index_before(t0, i_ext), ring.head)
    tt = w[:, rb.C_T]
    sel = (tt >= t0) & (tt <= t1 + EPS_S)
    w = w[sel]
    tt = tt[sel]
    if len(tt) < tuning.min_fit_samples:
        return None
    dt = float(tt[-1] - tt[0]) / (len(tt) - 1)
    return EventWindow(
        w=w,
        tt=tt,
        c=rb.C_LEG0 + 8 * k,
        t_ext=t_ext,
        t0=t0,
        t1=t1,
        dt=dt,
        half_s=half_s,
        is_contact=is_contact,
    )


def _sparse_around(have: np.ndarray, tau: float, win: EventWindow, *, tuning: StepTuning) -> bool:
    """Too few samples ``have`` in the window, or just before or after ``tau``."""
    cover, share = tuning.cover_half_s, tuning.cover_min_frac
    return (
        len(have) < tuning.min_coverage_frac * (win.t1 - win.t0) / win.dt
        or sparse(have, tau - cover, tau, t0=win.t0, t1=win.t1, dt=win.dt, min_share=share)
        or sparse(have, tau, tau + cover, t0=win.t0, t1=win.t1, dt=win.dt, min_share=share)
    )


def fit_points(win: EventWindow, tuning: StepTuning) -> PointFits:
    """A hinge per point on a sub-frame grid of times within ``half_s`` of the extreme."""
    fits = PointFits()
    t_ext, half, dt = win.t_ext, win.half_s, win.dt
    for name, col in POINTS:
        hv = win.w[:, win.c + col]
        ok = np.isfinite(hv)
        if ok.sum() < tuning.min_fit_samples:
            continue
        to, xo = win.tt[ok], hv[ok]
        lo = max(t_ext - half, float(to[2]))  # the hinge needs two samples beyond the corner
        hi = min(t_ext + half, float(to[-3]))
        if hi <= lo:
            continue
        grid = np.arange(lo, hi + EPS_S, max(dt * tuning.grid_step_frames, MIN_GRID_STEP_S))
        tau, gain, rms = hinge_fit(to, xo, grid, contact=win.is_contact)
        if tau != tau:
            continue
        fits.taus[name] = tau
        fits.gains[name] = gain
        fits.worst_rms = max(fits.worst_rms, rms)
        # A corner pinned where this point's data run out, or amid a gap in them, is a guess.
        at_hi = tau > hi - 0.5 * dt  # on the grid's edge (half a frame): the corner lies beyond
        at_lo = tau < lo + 0.5 * dt
        clamp_hi = at_hi or (hi < t_ext + half and tau > hi - dt)
        clamp_lo = at_lo or (lo > t_ext - half and tau < lo + dt)
        if _sparse_around(to, tau, win, tuning=tuning) or (clamp_lo if win.is_contact else clamp_hi):
            fits.unsure.add(name)  # its corner may lie anywhere in the missing data
        elif clamp_hi if win.is_contact else clamp_lo:
            fits.late.add(name)  # rests later than the window shows (contact): cannot be first
    return fits


def choose_time(win: EventWindow, fits: PointFits, tuning: StepTuning) -> tuple[float, bool]:
    """(event time, whether a clear fit set it).

    The event is the first point to rest (contact) or the last to leave (lift-off) among the
    points whose hinge is clear (gain) and well sampled. On real video the hinge of a point
    that barely moves vertically (the toe of a heel strike, the heel of a toe walk) is a guess,
    so only clear fits count, and the event stays within ``zeni_margin_s`` of the foot's extreme
    along the travel (Zeni 2008), which alone is within 1-2 frames of the labelled contacts on
    real video; without a clear fit, the time lies halfway between the extreme and the best fit.
    """
    taus, gains, t_ext, contact = fits.taus, fits.gains, win.t_ext, win.is_contact
    good = {
        n: v
        for n, v in taus.items()
        if n not in fits.unsure and n not in fits.late and gains[n] >= tuning.min_gain
    }
    margin = max(tuning.zeni_margin_s, tuning.zeni_margin_frames * win.dt)
    if good:
        tau = min(good.values()) if contact else max(good.values())
        # A weak fit of the other point that would come first pulls the time halfway to it.
        weak = [v for n, v in taus.items() if n not in good and abs(v - t_ext) <= margin]
        if weak:
            other = min(weak) if contact else max(weak)
            if (other < tau) if contact else (other > tau):
                tau = 0.5 * (tau + other)
        return min(max(tau, t_ext - margin), t_ext + margin), True
    if taus:  # two weak estimates: halfway between the extreme and the best hinge
        best = taus[max(gains, key=gains.__getitem__)]
        return t_ext + 0.5 * min(max(best - t_ext, -margin), margin), False
    return t_ext, False


def event_confidence(
    win: EventWindow,
    fits: PointFits,
    *,
    tau: float,
    good: bool,
    view: View,
    near_turn: bool,
    torso_px: float,
    tuning: StepTuning,
) -> float:
    """0..1 (unrounded): a clear hinge agrees with the extreme; the extreme alone is a fair guess.
    Fits too noisy for the torso size ``torso_px``, a recent turn, truncated fits or sparse
    samples around ``tau`` make it a guess (< 0.5)."""
    gain = max(fits.gains.values()) if fits.gains else 0.0
    base = tuning.hinge_conf_base + (1.0 - tuning.hinge_conf_base) * gain if good else tuning.extreme_conf
    conf = base * (1.0 if view == View.SIDE else tuning.oblique_conf_factor)
    if len(fits.taus) < 2:
        conf *= tuning.one_point_conf_factor
    # Residual jitter beyond ~3 % of the torso (≈ 2.5 cm): landmarks too noisy to time events.
    noisy = not fits.worst_rms <= tuning.max_jitter_frac * torso_px
    if near_turn or fits.unsure or noisy:
        conf *= tuning.unsure_conf_factor
    # Timing is only as good as the samples around it: gaps in the window (dropped frames,
    # missing landmarks, skipped timestamps) or just before/after tau make it a guess.
    c, w = win.c, win.w
    have = win.tt[np.isfinite(w[:, c + rb.LEG_HY]) | np.isfinite(w[:, c + rb.LEG_TY])]
    if _sparse_around(have, tau, win, tuning=tuning):
        conf *= tuning.unsure_conf_factor
    return conf
