"""Camera view (side / frontal / oblique) and body orientation from shoulder and hip geometry.

In a side view the shoulders and hips overlap along the image x axis; in a frontal view they are
as wide as ~3/4 of the torso length. The ratio (shoulder width + hip width) / (2 · torso length)
is smoothed, classified with hysteresis, and a new class must persist ``view_hold_s`` seconds.

Which metrics each view supports is stated here too (:data:`VIEW_LIMITS`), so a metric the view
cannot support is reported as not measurable with a reason instead of being guessed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

from vision.core.config import CoachConfig
from vision.core.events import View
from vision.core.tuning import ViewTuning

# Metric names used in FrameMetrics.not_measurable and SessionSummary.not_measurable.
TRUNK_LEAN = "trunk_lean_deg"
LATERAL_LEAN = "lateral_lean_deg"
HEAD_FLEXION = "head_flexion_deg"
HEAD_YAW = "head_yaw_deg"
STRIKE = "strike"
KNEE_FLEXION = "knee_flexion_deg"
SWAY = "pelvis_sway_frac"
STEPS = "steps"

_SIDE_ONLY = "needs a side view: in this view forward/backward motion is along the camera axis"
_FRONT_ONLY = "needs a frontal view: in a side view sideways motion is along the camera axis"
_NO_VIEW = "view unknown: torso not seen well enough"

VIEW_LIMITS: Mapping[View, Mapping[str, str]] = MappingProxyType(
    {
        View.SIDE: MappingProxyType({LATERAL_LEAN: _FRONT_ONLY, SWAY: _FRONT_ONLY}),
        View.OBLIQUE: MappingProxyType(
            {
                STRIKE: "needs a side view: foot angle is foreshortened in an oblique view",
                KNEE_FLEXION: "needs a side view: knee angle is foreshortened in an oblique view",
                SWAY: _FRONT_ONLY,
            }
        ),
        View.FRONTAL: MappingProxyType(
            {
                TRUNK_LEAN: _SIDE_ONLY,
                STRIKE: _SIDE_ONLY,
                KNEE_FLEXION: _SIDE_ONLY,
            }
        ),
        View.UNKNOWN: MappingProxyType(
            {
                k: _NO_VIEW
                for k in (TRUNK_LEAN, LATERAL_LEAN, HEAD_FLEXION, HEAD_YAW, STRIKE, KNEE_FLEXION, SWAY)
            }
        ),
    }
)
"""View → {metric: reason} for the metrics that view cannot support."""

# Enum members as module constants: a member lookup on an Enum class costs ~0.2 µs per use.
_FRONTAL = View.FRONTAL
_OBLIQUE = View.OBLIQUE
_SIDE = View.SIDE
_UNKNOWN = View.UNKNOWN


class ViewClassifier:
    """Incremental view classifier; O(1) per frame."""

    __slots__ = ("_cand", "_cand_since", "_cfg", "_last_t", "_ratio", "_tn", "view")

    def __init__(self, cfg: CoachConfig) -> None:
        self._cfg = cfg
        self._tn = cfg.views
        self._ratio = math.nan
        self._last_t = math.nan
        self._cand = _UNKNOWN
        self._cand_since = 0.0
        self.view = _UNKNOWN

    @property
    def width_ratio(self) -> float:
        """Smoothed (shoulder + hip width) / (2 · torso length); NaN before the first good frame."""
        return self._ratio

    def update(self, t_s: float, sh_dx: float, hip_dx: float, *, torso_px: float) -> View:
        """Feed the absolute x-distances of the shoulders and the hips and the torso length (px)."""
        cfg = self._cfg
        if sh_dx == sh_dx and hip_dx == hip_dx:
            r = (sh_dx + hip_dx) / (2.0 * torso_px)
        elif sh_dx == sh_dx:
            r = sh_dx / torso_px
        else:
            r = hip_dx / torso_px
        if not (r == r and torso_px == torso_px and torso_px >= cfg.min_torso_px):
            return self.view
        if self._ratio != self._ratio:
            self._ratio = r
        else:
            dt = t_s - self._last_t
            a = 1.0 if dt <= 0.0 or dt != dt else min(1.0, dt / self._tn.ratio_tau_s)
            self._ratio += a * (r - self._ratio)
        self._last_t = t_s
        r = self._ratio
        cur = self.view
        # Hysteresis on either side of each boundary, relative to the current view.
        lo, hi = cfg.side_max_width_ratio, cfg.frontal_min_width_ratio
        h = self._tn.hysteresis
        if cur == _SIDE:
            lo += h
        elif cur == _FRONTAL:
            hi -= h
        elif cur == _OBLIQUE:
            lo -= h
            hi += h
        new = _SIDE if r < lo else (_FRONTAL if r > hi else _OBLIQUE)
        if new == cur:
            self._cand = new
            return cur
        if new != self._cand:
            self._cand = new
            self._cand_since = t_s
        hold = self._tn.first_view_hold_s if cur == _UNKNOWN else cfg.view_hold_s
        if t_s - self._cand_since >= hold:
            self.view = new
        return self.view


class FacingEstimator:
    """Which way the subject faces along image x (+1 right, -1 left, 0 unknown), from the feet
    (heel→toe) and the face (ear→nose), smoothed over ``facing_tau_s`` with hysteresis. O(1) per frame.

    In a frontal view it also tells whether the subject faces the camera (left shoulder on the
    image right) — ``toward_camera`` +1 toward, -1 away, 0 unknown.
    """

    __slots__ = ("_ema", "_ema_cam", "_last_t", "_tn", "facing", "flipped_at_s", "toward_camera")

    def __init__(self, tuning: ViewTuning | None = None) -> None:
        self._tn = tuning or ViewTuning()
        self._ema = 0.0
        self._ema_cam = 0.0
        self._last_t = math.nan
        self.facing = 0.0
        self.toward_camera = 0.0
        self.flipped_at_s = -math.inf

    def update(
        self, t_s: float, *, feet_dx: float, n_feet: int, face_dx: float, shoulder_lr_dx: float
    ) -> float:
        """``feet_dx``: summed sign(toe_x − heel_x) of the visible feet (``n_feet`` of them);
        ``face_dx``: nose_x − ear-midpoint x (px, NaN if unseen); ``shoulder_lr_dx``: left − right
        shoulder x (px, NaN if unseen). Returns the facing sign."""
        tn = self._tn
        ev = feet_dx
        w = float(n_feet)
        if face_dx == face_dx:
            ev += tn.face_weight * (1.0 if face_dx > 0 else -1.0 if face_dx < 0 else 0.0)
            w += tn.face_weight
        dt = t_s - self._last_t
        a = tn.facing_first_rate if dt != dt or dt <= 0.0 else min(1.0, dt / tn.facing_tau_s)
        self._last_t = t_s
        if w > 0.0:
            self._ema += a * (ev / w - self._ema)
        f = self.facing
        thr = tn.facing_threshold
        if self._ema > thr:
            f = 1.0
        elif self._ema < -thr:
            f = -1.0
        if f != self.facing:
            if self.facing != 0.0:
                self.flipped_at_s = t_s
            self.facing = f
        if shoulder_lr_dx == shoulder_lr_dx:
            self._ema_cam += a * ((1.0 if shoulder_lr_dx > 0 else -1.0) - self._ema_cam)
            self.toward_camera = 1.0 if self._ema_cam > thr else (-1.0 if self._ema_cam < -thr else 0.0)
        return f
