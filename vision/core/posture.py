"""Trunk lean, lateral lean and head/neck flexion from one frame's landmarks (image plane).

- Trunk lean (side/oblique view): angle of the hip-midpoint→shoulder-midpoint line from vertical,
  positive toward the facing direction (leaning forward), degrees. In an oblique view the
  sagittal component is foreshortened by sin(azimuth) and corrected for it.
- Lateral lean (frontal view): same line, positive toward the subject's left.
- Neck flexion (side view): ear ahead of the shoulder, angle of shoulder→ear from vertical.

Head flexion comes from the head pose fit (:mod:`vision.core.glance`): head pitch minus trunk lean.
"""

from __future__ import annotations

import math

from vision.core import geometry as g
from vision.core.config import CoachConfig
from vision.core.events import View
from vision.core.tuning import ViewTuning

NAN = math.nan
R2D = g.RAD2DEG

# Enum members as module constants: a member lookup on an Enum class costs ~0.2 µs per use.
_FRONTAL = View.FRONTAL
_OBLIQUE = View.OBLIQUE
_SIDE = View.SIDE


class PostureEstimator:
    """Stateless per-frame posture numbers (the thresholds come from :class:`CoachConfig`)."""

    __slots__ = ("_cfg",)

    def __init__(self, cfg: CoachConfig) -> None:
        self._cfg = cfg

    def trunk(
        self, xs: list, ys: list, *, view: View, facing: float, cos_view: float
    ) -> tuple[float, float, float, float]:
        """(trunk_lean_deg, lateral_lean_deg, neck_flexion_deg, torso_px); NaN where not measurable.

        ``cos_view``: cosine of the angle between the sagittal plane and the image plane (1 in a
        pure side view); the sagittal lean's horizontal component is divided by it.
        """
        sx = 0.5 * (xs[g.L_SH] + xs[g.R_SH])
        sy = 0.5 * (ys[g.L_SH] + ys[g.R_SH])
        hx = 0.5 * (xs[g.L_HIP] + xs[g.R_HIP])
        hy = 0.5 * (ys[g.L_HIP] + ys[g.R_HIP])
        if sx != sx:  # one shoulder hidden (side view): use the visible one
            sx, sy = (xs[g.L_SH], ys[g.L_SH]) if xs[g.L_SH] == xs[g.L_SH] else (xs[g.R_SH], ys[g.R_SH])
        if hx != hx:
            hx, hy = (xs[g.L_HIP], ys[g.L_HIP]) if xs[g.L_HIP] == xs[g.L_HIP] else (xs[g.R_HIP], ys[g.R_HIP])
        dx, dy = sx - hx, hy - sy
        torso = math.hypot(dx, dy)
        lean = lateral = neck = NAN
        if not torso >= self._cfg.min_torso_px:
            return lean, lateral, neck, NAN
        if facing != 0.0 and view in (_SIDE, _OBLIQUE):
            horiz = facing * dx / max(cos_view, self._cfg.views.min_cos_view)
            lean = math.atan2(horiz, dy) * R2D
            ex = 0.5 * (xs[g.L_EAR] + xs[g.R_EAR])
            ey = 0.5 * (ys[g.L_EAR] + ys[g.R_EAR])
            if ex != ex:
                ex, ey = (
                    (xs[g.L_EAR], ys[g.L_EAR]) if xs[g.L_EAR] == xs[g.L_EAR] else (xs[g.R_EAR], ys[g.R_EAR])
                )
            if view == _SIDE:
                neck = math.atan2(facing * (ex - sx), sy - ey) * R2D
        if view in (_FRONTAL, _OBLIQUE):
            lr = xs[g.L_SH] - xs[g.R_SH]
            if lr != lr:
                lr = xs[g.L_HIP] - xs[g.R_HIP]
            if lr == lr and lr != 0.0 and view == _FRONTAL:
                lateral = math.atan2((1.0 if lr > 0 else -1.0) * dx, dy) * R2D
        return lean, lateral, neck, torso


class Smoother:
    """First-order low-pass with time constant ``tau_s`` on a per-frame value; NaN passes through
    and a gap longer than ``gap_s`` restarts it (so a value is never smeared across a gap)."""

    __slots__ = ("_gap", "_t", "_tau", "_v")

    def __init__(self, tau_s: float, gap_s: float) -> None:
        self._tau = tau_s
        self._gap = gap_s
        self._v = NAN
        self._t = NAN

    def __call__(self, t: float, x: float) -> float:
        if x != x:
            return x
        dt = t - self._t
        if self._v != self._v or not (0.0 < dt < self._gap):
            self._v = x
        else:
            self._v += (dt / (dt + self._tau)) * (x - self._v)
        self._t = t
        return self._v


class SwayTracker:
    """Mediolateral pelvis sway in a frontal view: the pelvis x about a Holt linear trend (level
    and velocity, ``sway_tau_s``), so a subject drifting sideways does not read as sway. Torso lengths."""

    __slots__ = ("_gap", "_level", "_t", "_tau", "_vel")

    def __init__(self, tuning: ViewTuning | None = None) -> None:
        tn = tuning or ViewTuning()
        self._tau = tn.sway_tau_s
        self._gap = tn.smoother_gap_s
        self._level = NAN
        self._vel = 0.0
        self._t = NAN

    def __call__(self, t: float, px: float, torso: float, *, frontal: bool) -> float:
        """Sway of pelvis x ``px`` (px) in torso lengths ``torso`` (px); NaN unless ``frontal``."""
        lvl = self._level
        dt = t - self._t
        self._t = t
        if not frontal:
            self._level = NAN
            return NAN
        if lvl != lvl or not 0.0 < dt < self._gap:
            self._level = px
            self._vel = 0.0
            return NAN
        pred = lvl + self._vel * dt
        a = dt / (dt + self._tau)
        new = pred + a * (px - pred)
        self._vel += a * ((new - lvl) / dt - self._vel)
        self._level = new
        return (px - new) / torso
