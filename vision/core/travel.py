"""Direction of travel and walking direction (backward / forward / standing / turning).

Side and oblique views: travel along image x comes from the pelvis velocity over ~1 s; on a
treadmill, where the pelvis stays put, from the feet (:meth:`StepDetector.feet_travel_sign`).
Backward means travelling against the facing direction. Frontal view: approaching or receding
(the body grows or shrinks) against facing toward or away from the camera.

Velocities never span a gap or a jump of the pelvis (a new segment starts), and a jitter monitor
(mean |second difference| of the pelvis x) flags landmarks too noisy for confident events.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from vision.core import ring as rb
from vision.core.config import CoachConfig
from vision.core.events import Direction, DirectionEvent, View

if TYPE_CHECKING:
    from vision.core.steps import StepDetector

NAN = math.nan

# Enum members as module constants: a member lookup on an Enum class costs ~0.2 µs per use.
_DIR_BACKWARD = Direction.BACKWARD
_DIR_FORWARD = Direction.FORWARD
_DIR_STANDING = Direction.STANDING
_DIR_TURNING = Direction.TURNING
_DIR_UNKNOWN = Direction.UNKNOWN
_FRONTAL = View.FRONTAL


class TravelTracker:
    """O(1) per frame; reads the pelvis history from the analyzer's ring buffer."""

    __slots__ = (
        "_cand",
        "_cand_since",
        "_cfg",
        "_prev2_px",
        "_prev_px",
        "_prev_t",
        "_ring",
        "_segment_t",
        "_tail",
        "_tn",
        "direction",
        "jitter",
        "moving",
        "travel_x",
    )

    def __init__(self, cfg: CoachConfig, ring: rb.Ring) -> None:
        self._cfg = cfg
        self._tn = cfg.travel
        self._ring = ring
        self._tail = 0  # ring index ≈ velocity_s back
        self._segment_t = -math.inf
        self._prev_t = NAN
        self._prev_px = NAN
        self._prev2_px = NAN
        self._cand = _DIR_UNKNOWN
        self._cand_since = NAN
        self.jitter = 0.0
        """Smoothed |second difference| of the pelvis x per frame, torso lengths."""
        self.travel_x = NAN
        """Image-x sign of travel: ±1, 0 standing, NaN unknown."""
        self.moving = NAN
        """+1 toward the facing direction, -1 against it (backward), 0 standing, NaN unknown."""
        self.direction = _DIR_UNKNOWN

    def update(
        self,
        t: float,
        px: float,
        torso: float,
        *,
        view: View,
        facing: float,
        toward_camera: float,
        steps: StepDetector,
    ) -> None:
        """Feed the pelvis x and torso length (px) of a valid frame whose ring row is already
        pushed; ``facing`` and ``toward_camera`` as :class:`~vision.core.view.FacingEstimator`."""
        ring = self._ring
        tn = self._tn
        if not t - self._prev_t <= self._cfg.max_gap_s or abs(px - self._prev_px) > tn.jump_frac * torso:
            self._segment_t = t  # a gap or a jump: velocities never span it
        fresh = self._segment_t < t
        if fresh and self._prev2_px == self._prev2_px:
            d2 = abs(px - 2.0 * self._prev_px + self._prev2_px) / torso
            self.jitter += tn.jitter_rate * (min(d2, tn.jitter_clip_frac) - self.jitter)
        self._prev2_px = self._prev_px if fresh else NAN
        self._prev_t = t
        self._prev_px = px
        j = self._tail = ring.advance(self._tail, max(t - tn.velocity_s, self._segment_t))
        row = ring.rows[j % ring.size]
        span = t - row[rb.C_T]
        if view == _FRONTAL:
            self.travel_x = NAN
            t0 = row[rb.C_TORSO]
            if span > tn.frontal_min_span_s and t0 == t0 and t0 > 0 and toward_camera != 0.0:
                rate = math.log(torso / t0) / span  # > 0: getting bigger, approaching
                still = abs(rate) < tn.frontal_min_rate_per_s
                self.moving = 0.0 if still else toward_camera * (1.0 if rate > 0 else -1.0)
            else:
                self.moving = NAN
            return
        pj = row[rb.C_PX]
        v = (px - pj) / span if span > tn.min_span_s and pj == pj else NAN
        stepping = t - steps.last_extreme_s < tn.stepping_s
        if v == v and abs(v) > self._cfg.min_travel_speed_frac_s * torso:
            self.travel_x = 1.0 if v > 0 else -1.0
        elif stepping and (feet := steps.feet_travel_sign()) != 0.0:
            self.travel_x = feet
        elif v == v and not stepping:
            self.travel_x = 0.0
        elif v != v:
            self.travel_x = NAN
        tx = self.travel_x
        if tx == 0.0:
            self.moving = 0.0
        elif tx != tx or facing == 0.0:
            self.moving = NAN
        else:
            self.moving = tx * facing

    def classify(self, t: float, frame_index: int, *, turning: bool, events: list) -> Direction:
        """The walking direction, held ``direction_hold_s`` before it changes (a DirectionEvent
        then, appended to ``events``)."""
        mv = self.moving
        if turning:
            d = _DIR_TURNING
        elif mv != mv:
            d = _DIR_UNKNOWN
        elif mv == 0.0:
            d = _DIR_STANDING
        else:
            d = _DIR_BACKWARD if mv < 0 else _DIR_FORWARD
        if d != self._cand:
            self._cand = d
            self._cand_since = t
        cur = self.direction
        hold = 0.0 if cur == _DIR_UNKNOWN else self._tn.direction_hold_s
        if d != cur and d != _DIR_UNKNOWN and t - self._cand_since >= hold:
            self.direction = d
            if cur != _DIR_UNKNOWN:
                events.append(
                    DirectionEvent(
                        time_s=self._cand_since,
                        frame_index=frame_index,
                        emitted_at_s=t,
                        direction=d,
                        previous=cur,
                    )
                )
        return self.direction
