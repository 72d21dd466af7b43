"""Gait events: initial contact and lift-off per foot, strike class, knee angles, direction of travel.

Method (side/oblique view, image x axis):

1. Leg identity by continuity (:class:`LegTracker`): BlazePose sometimes swaps the far leg's
   labels in a side view; a frame whose legs fit the other track's prediction much better is
   swapped back, and a leg pulled onto the other one for a frame or two is dropped (glitch).
2. Candidate events (Zeni 2008, generalized): the foot's position relative to the pelvis along x,
   ``rel = foot_x − pelvis_x``, oscillates once per stride. Its extreme *in the direction of
   travel* is initial contact, the opposite extreme is lift-off. Travel comes from the pelvis
   velocity, or — on a treadmill, where the pelvis stays put — from the feet: the stance phase is
   the longer, slower half of the oscillation and moves against the travel direction. Backward
   walking therefore needs no special case: its direction of travel is opposite to where it faces.
   Extremes are found by a hysteresis (zig-zag) detector, O(1) per frame, on a 5-frame running
   median of the signal (the engine's one- and two-frame glitches where the legs cross vanish).
3. Refinement (:mod:`vision.core.hinge`): around each candidate, the heel's and the toe's image
   heights are fitted with a continuous hinge — moving (quadratic) before the event and at rest
   on the floor after it, mirrored for lift-off — on a sub-frame grid of times. Contact is the
   first of heel and toe to come to rest (toe for a forefoot strike, heel for a heel strike);
   lift-off is the last to leave. Height works on a treadmill too (the belt moves the foot
   sideways only). Timestamps are used throughout (variable frame rate safe). On real video a
   point that barely moves vertically gives a weak fit, so only clear fits count, and the event
   stays within ``ZENI_MARGIN_S`` of the extreme; with no clear fit it lies halfway between the
   extreme and the best fit (sports2d: heel contacts −2…+1 frames from the labels).
5. Honesty: gaps in the data near an event, a point whose corner lies in missing data, jittery
   landmarks, a recent turn-around or a change of travel direction lower the confidence to < 0.5.
4. Strike class: foot angle at contact (heel→toe line vs the mid-stance flat foot, positive toe
   up; median over −0.07…+0.1 s, the landing posture lasts into early stance), then which of heel
   and toe came to rest first, then the landing posture on either side of the contact (toe still
   up in the 0.1 s after it: heel; toe still down in the 0.1 s before it and not up after:
   forefoot).
6. Phantoms: a contact of the same foot within 0.6 of the median stride time of its last one,
   and less sure than it, is a glitch of the (usually far) foot and is dropped.

Events are emitted ``REFINE_AFTER_S`` after the Zeni extreme: contacts 0.25 s after the contact
(median; ≤ 0.31 s), lift-offs 0.35 s (≤ 0.4 s); up to 0.8 s for the first steps of a recording,
while the direction of travel is still unknown.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from vision.core import ring as rb
from vision.core.config import CoachConfig
from vision.core.events import Direction, Foot, StepEvent, StepRecord, Strike, View
from vision.core.geometry import RAD2DEG
from vision.core.hinge import hinge_fit, sparse
from vision.core.legs import MedianWindow, ZigZag

NAN = math.nan
FEET = (Foot.LEFT, Foot.RIGHT)
REFINE_BEFORE_S = 0.24
REFINE_AFTER_S = 0.30
"""Seconds of signal used after a candidate extreme; events are emitted this late at the earliest."""
GRID_HALF_S = 0.16
MIN_GAIN = 0.3
"""A point's hinge must explain this share of the variance a plain quadratic leaves to count."""
ZENI_MARGIN_S = 0.12
"""A refined event lies at most this far (or 2 frame intervals) from the foot's extreme along
the travel."""
MAX_JITTER_FRAC = 0.06
ANGLE_BEFORE_S = 0.07
ANGLE_AFTER_S = 0.1
PHANTOM_STRIDE_FRAC = 0.6
LANDING_S = 0.1
"""The landing posture: seconds on each side of a contact (see ``_classify``)."""
COVER_HALF_S = 0.2
"""An event needs 60 % of the frames within this many seconds on each side, or its confidence drops."""


def foot_angle_deg(hx: float, hy: float, tx: float, ty: float, facing: float) -> float:
    """Heel→toe line from horizontal, positive toe up, degrees (image plane, side view)."""
    return math.atan2(hy - ty, facing * (tx - hx)) * RAD2DEG


class StepDetector:
    """Per-foot gait events from the analyzer's ring buffer (see module docstring)."""

    def __init__(self, cfg: CoachConfig, ring: rb.Ring) -> None:
        self._cfg = cfg
        self._ring = ring
        self._zig = (ZigZag(), ZigZag())
        self._med = (MedianWindow(), MedianWindow())
        self._pending: list[tuple] = []  # (k, type, t_ext, i_ext, ready_s, travel_x at the extreme)
        self._flat_deg = [NAN, NAN]
        self._open: list[StepEvent | None] = [None, None]  # last contact per foot, awaiting lift-off
        self._last_contact_t = [NAN, NAN]
        self._last_conf = [0.0, 0.0]
        self._strides: deque[float] = deque(maxlen=8)  # same-foot contact intervals, s
        self.records: list[StepRecord] = []
        self.last_extreme_s = -math.inf
        self._feet_sign = 0.0
        self._dt = 1.0 / 30.0  # frame interval, s (running estimate)
        self._last_t = NAN
        """Time of the latest foot extreme (−inf before the first): the feet are moving."""

    def _after_s(self) -> float:
        """Seconds of signal after an extreme used to refine it (6 frames at least)."""
        return max(REFINE_AFTER_S, 6.0 * self._dt)

    # -- direction of travel ------------------------------------------------------------------
    def feet_travel_sign(self) -> float:
        """Travel sign along x from the feet alone (treadmill-safe); 0 when unclear."""
        return self._feet_sign

    def _update_feet_sign(self) -> None:
        s = self._zig[0].stance_sign() + self._zig[1].stance_sign()
        self._feet_sign = -1.0 if s > 0 else (1.0 if s < 0 else 0.0)

    # -- per frame ----------------------------------------------------------------------------
    def update(
        self,
        i: int,
        t: float,
        rel: tuple[float, float],
        torso_px: float,
        travel_x: float,
        facing: float,
        view: View,
        direction: Direction,
        turn_s: float = -math.inf,
    ) -> list[StepEvent]:
        """Feed the Zeni signals of this frame (row ``i`` already pushed); returns finished events.

        ``turn_s``: time of the latest turn-around; events within 1 s of it get a low confidence
        (the direction of travel, which tells contact from lift-off, is unsure there).
        """
        cfg = self._cfg
        d = t - self._last_t
        if 0.0 < d < 0.25:
            self._dt += 0.05 * (d - self._dt)
        self._last_t = t
        h = cfg.step_min_prominence_frac * torso_px if torso_px == torso_px else NAN
        if h == h:
            for k in (0, 1):
                # A running median (5 frames) removes the pose engine's one- and two-frame
                # glitches where the legs cross; extremes stay where they are.
                tm, im, rm = self._med[k].push(t, i, rel[k])
                if rm != rm:
                    continue
                ext = self._zig[k].update(tm, im, rm, h, cfg.max_gap_s)
                if ext is not None:
                    # The travel direction at the extreme decides contact vs lift-off.
                    self._pending.append((k, ext[0], ext[1], ext[2], ext[1] + self._after_s(), travel_x))
                    self.last_extreme_s = max(self.last_extreme_s, ext[1])
                    self._update_feet_sign()
        out: list[StepEvent] = []
        if not self._pending:
            return out
        keep = []
        for p in self._pending:
            k, kind, t_ext, i_ext, ready, tx0 = p
            if t < ready and i - i_ext < self._ring.size // 2:
                keep.append(p)
                continue
            tx = tx0 if tx0 == 1.0 or tx0 == -1.0 else travel_x  # unknown then: the first steps
            if not (tx == 1.0 or tx == -1.0) or facing == 0.0:
                if t - t_ext < 0.8:
                    keep.append(p)
                continue
            is_contact = kind == (1 if tx > 0 else -1)
            # A change of travel since the extreme (turn, jump) leaves contact vs lift-off unsure.
            near_turn = abs(t_ext - turn_s) < 1.0 or tx != travel_x
            ev = self._refine(
                k,
                is_contact,
                t_ext,
                i_ext,
                t,
                facing,
                view,
                Direction.TURNING if near_turn else direction,
                near_turn,
            )
            if ev is not None:
                out.append(ev)
        self._pending = keep
        return out

    # -- refinement ---------------------------------------------------------------------------
    def _refine(
        self,
        k: int,
        is_contact: bool,
        t_ext: float,
        i_ext: int,
        now: float,
        facing: float,
        view: View,
        direction: Direction,
        near_turn: bool = False,
    ) -> StepEvent | None:
        ring = self._ring
        first = ring.index_before(t_ext - REFINE_BEFORE_S, i_ext)
        last = ring.head
        w = ring.window(first, last)
        tt = w[:, rb.C_T]
        c = rb.C_LEG0 + 8 * k
        after, half = self._after_s(), max(GRID_HALF_S, 3.0 * self._dt)
        sel = (tt >= t_ext - REFINE_BEFORE_S) & (tt <= t_ext + after + 1e-9)
        w = w[sel]
        tt = tt[sel]
        if len(tt) < 6:
            return None
        dt_med = float(tt[-1] - tt[0]) / (len(tt) - 1)  # mean frame interval (VFR-safe)
        t0, t1 = t_ext - REFINE_BEFORE_S, t_ext + after  # the window
        taus = {}
        gains = {}
        unsure: set[str] = set()
        late: set[str] = set()
        worst_rms = 0.0
        for name, cy in (("heel", c + rb.LEG_HY), ("toe", c + rb.LEG_TY)):
            hv = w[:, cy]
            ok = np.isfinite(hv)
            if ok.sum() < 6:
                continue
            to, xo = tt[ok], hv[ok]
            lo = max(t_ext - half, float(to[2]))
            hi = min(t_ext + half, float(to[-3]))
            if hi <= lo:
                continue
            grid = np.arange(lo, hi + 1e-9, max(dt_med / 4.0, 1e-3))
            tau, gain, rms = hinge_fit(to, xo, grid, is_contact)
            if tau == tau:
                taus[name] = tau
                gains[name] = gain
                worst_rms = max(worst_rms, rms)
                # A corner pinned where this point's data run out, or amid a gap in them, is a guess.
                at_hi = tau > hi - 0.5 * dt_med  # on the grid's edge: the corner lies beyond
                at_lo = tau < lo + 0.5 * dt_med
                clamp_hi = at_hi or (hi < t_ext + half and tau > hi - dt_med)
                clamp_lo = at_lo or (lo > t_ext - half and tau < lo + dt_med)
                if (
                    len(to) < 0.8 * (t1 - t0) / dt_med
                    or sparse(to, tau - COVER_HALF_S, tau, t0, t1, dt_med)
                    or sparse(to, tau, tau + COVER_HALF_S, t0, t1, dt_med)
                    or (clamp_lo if is_contact else clamp_hi)
                ):
                    unsure.add(name)  # its corner may lie anywhere in the missing data
                elif clamp_hi if is_contact else clamp_lo:
                    late.add(name)  # rests later than the window shows (contact): cannot be first
        # The event is the first point to rest (contact) or the last to leave (lift-off) among
        # the points whose hinge is clear (gain) and well sampled. On real video the hinge of a
        # point that barely moves vertically (the toe of a heel strike, the heel of a toe walk)
        # is a guess, so only clear fits count, and the event stays within ZENI_MARGIN_S of
        # the foot's extreme along the travel (Zeni 2008), which alone is within 1-2 frames of
        # the labelled contacts on real video; without a clear fit, the time lies halfway between
        # the extreme and the best fit.
        good = {n: v for n, v in taus.items() if n not in unsure and n not in late and gains[n] >= MIN_GAIN}
        margin = max(ZENI_MARGIN_S, 2.0 * dt_med)
        if good:
            tau = min(good.values()) if is_contact else max(good.values())
            # A weak fit of the other point that would come first pulls the time halfway to it.
            weak = [v for n, v in taus.items() if n not in good and abs(v - t_ext) <= margin]
            if weak:
                other = min(weak) if is_contact else max(weak)
                if (other < tau) if is_contact else (other > tau):
                    tau = 0.5 * (tau + other)
            tau = min(max(tau, t_ext - margin), t_ext + margin)
        elif taus:  # two weak estimates: halfway between the extreme and the best hinge
            best = taus[max(gains, key=gains.__getitem__)]
            tau = t_ext + 0.5 * min(max(best - t_ext, -margin), margin)
        else:
            tau = t_ext
        truncated = bool(unsure)
        # The event's frame is the first frame at or after tau; its time is tau itself.
        j = min(int(np.searchsorted(tt, tau - 1e-9)), len(tt) - 1)
        frame = int(w[j, rb.C_FRAME])
        t_frame = tau
        gain = max(gains.values()) if gains else 0.0
        # Confidence: a clear hinge agrees with the extreme; the extreme alone is a fair guess.
        conf = (0.5 + 0.5 * gain if good else 0.55) * (1.0 if view == View.SIDE else 0.6)
        if len(taus) < 2:
            conf *= 0.7
        # Residual jitter beyond ~3 % of the torso (≈ 2.5 cm): landmarks too noisy to time events.
        torso = ring.value(i_ext, rb.C_TORSO)
        noisy = not worst_rms <= MAX_JITTER_FRAC * torso
        if near_turn or truncated or noisy:
            conf *= 0.3
        # Timing is only as good as the samples around it: gaps in the window (dropped frames,
        # missing landmarks, skipped timestamps) or just before/after tau make it a guess.
        have = tt[np.isfinite(w[:, c + rb.LEG_HY]) | np.isfinite(w[:, c + rb.LEG_TY])]
        if (
            len(have) < 0.8 * (t1 - t0) / dt_med
            or sparse(have, tau - COVER_HALF_S, tau, t0, t1, dt_med)
            or sparse(have, tau, tau + COVER_HALF_S, t0, t1, dt_med)
        ):
            conf *= 0.3
        knee = float(w[j, c + rb.LEG_KNEE])
        foot = FEET[k]
        if not is_contact:
            return self._liftoff(k, foot, t_frame, tau, frame, now, conf, knee, facing, direction)
        angle = NAN
        strike = Strike.UNKNOWN
        if view == View.SIDE and len(taus) == 2:
            # Foot angle at the contact: the median over [tau - ANGLE_BEFORE_S, tau + ANGLE_AFTER_S]. The foot
            # keeps its landing posture, toe-up (heel strike) or toe-down (forefoot), until the
            # rest of the sole comes down in early stance; the window bridges the pose engine's
            # 1-2 frame lag on a fast foot, and its blurred, unreliable late-swing frames.
            flat = self._flat_deg[k]
            if flat != flat:
                flat = self._flat_deg[1 - k]
            flat = flat if flat == flat else 0.0
            angle = self._median_angle(w, tt, c, facing, tau - ANGLE_BEFORE_S, tau + ANGLE_AFTER_S) - flat
            # The landing itself, on either side of the contact: a toe still up just after it is
            # a heel strike, a toe still down just before it (and not up after) a forefoot strike.
            before = self._median_angle(w, tt, c, facing, tau - LANDING_S, tau + 1e-6) - flat
            after = self._median_angle(w, tt, c, facing, tau - 1e-6, tau + LANDING_S) - flat
            order = taus["heel"] - taus["toe"]  # > 0: toe first
            strike = self._classify(angle, order, before, after)
        if self._phantom(k, t_frame, conf):
            return None
        ev = StepEvent(
            "contact", foot, t_frame, frame, now, round(min(1.0, conf), 3), strike, angle, knee, direction
        )
        if self._last_contact_t[k] == self._last_contact_t[k]:
            self._strides.append(t_frame - self._last_contact_t[k])
        self._last_conf[k] = conf
        if self._open[k] is not None:  # its lift-off was missed
            self.records.append(self._record(self._open[k]))
        self._open[k] = ev
        self._last_contact_t[k] = t_frame
        return ev

    @staticmethod
    def _foot_angles(seg: np.ndarray, c: int, facing: float) -> np.ndarray:
        """:func:`foot_angle_deg` of every ring row in ``seg`` for the leg columns ``c``."""
        return np.degrees(
            np.arctan2(
                seg[:, c + rb.LEG_HY] - seg[:, c + rb.LEG_TY],
                facing * (seg[:, c + rb.LEG_TX] - seg[:, c + rb.LEG_HX]),
            )
        )

    def _median_angle(
        self, w: np.ndarray, tt: np.ndarray, c: int, facing: float, t0: float, t1: float
    ) -> float:
        """Median heel→toe angle (degrees, toe up +) of leg columns ``c`` over [t0, t1]; NaN if none."""
        ang = self._foot_angles(w[(tt >= t0) & (tt <= t1)], c, facing)
        return float(np.nanmedian(ang)) if np.isfinite(ang).any() else NAN

    def _phantom(self, k: int, t: float, conf: float) -> bool:
        """A contact too soon after the same foot's last one, and less sure than it: a glitch of
        the (usually far) foot, not a step. "Too soon": under ``PHANTOM_STRIDE_FRAC`` of the
        median stride time (same-foot contact interval), or of 1 s before strides are known."""
        last = self._last_contact_t[k]
        if last != last or conf >= self._last_conf[k]:
            return False
        stride = float(np.median(self._strides)) if len(self._strides) >= 2 else 1.0
        return t - last < PHANTOM_STRIDE_FRAC * stride

    def _classify(self, angle: float, order_s: float, before: float = NAN, after: float = NAN) -> Strike:
        cfg = self._cfg
        if angle != angle:
            return Strike.UNKNOWN
        if angle >= cfg.strike_heel_min_deg or after >= cfg.strike_heel_min_deg:
            return Strike.HEEL
        if angle <= cfg.strike_forefoot_max_deg:
            return Strike.FOREFOOT
        # Near-flat angle: use which part came to rest first when the gap is clear.
        if order_s > 0.07 and angle < 0.5 * cfg.strike_heel_min_deg:
            return Strike.FOREFOOT
        if order_s < -0.07 and angle > 0.5 * cfg.strike_forefoot_max_deg:
            return Strike.HEEL
        # Else the landing posture: the toe still down just before the contact, not up after it
        # (the rendered sample's forefoot landings flatten within 2 frames of the contact).
        if before <= cfg.strike_forefoot_max_deg and not after >= 0.5 * cfg.strike_heel_min_deg:
            return Strike.FOREFOOT
        return Strike.FLAT

    def _liftoff(
        self,
        k: int,
        foot: Foot,
        t_frame: float,
        tau: float,
        frame: int,
        now: float,
        conf: float,
        knee: float,
        facing: float,
        direction: Direction,
    ) -> StepEvent:
        ev = StepEvent(
            "liftoff",
            foot,
            t_frame,
            frame,
            now,
            round(min(1.0, conf), 3),
            Strike.UNKNOWN,
            NAN,
            knee,
            direction,
        )
        contact = self._open[k]
        self._open[k] = None
        if contact is None or not (0.1 < t_frame - contact.time_s < 3.0):
            return ev
        # Stance of this step: peak knee flexion and the flat-foot angle (mid-stance calibration).
        ring = self._ring
        c = rb.C_LEG0 + 8 * k
        first = ring.index_before(contact.time_s)
        last = ring.index_before(t_frame)
        w = ring.window(first, last)
        peak = NAN
        if len(w):
            kn = w[:, c + rb.LEG_KNEE]
            if np.isfinite(kn).any():
                peak = float(np.nanmax(kn))
            n = len(w)
            mid = w[int(0.35 * n) : max(int(0.35 * n) + 1, int(0.65 * n))]
            ang = self._foot_angles(mid, c, facing)
            ang = ang[np.isfinite(ang)]
            if len(ang) >= 2:
                a = float(np.sort(ang)[len(ang) // 2])  # median
                old = self._flat_deg[k]
                self._flat_deg[k] = a if old != old else old + 0.3 * (a - old)
        self.records.append(
            StepRecord(
                foot,
                contact.time_s,
                contact.frame_index,
                t_frame,
                frame,
                contact.strike,
                contact.foot_angle_deg,
                contact.knee_flexion_deg,
                peak,
                contact.direction,
                contact.confidence,
            )
        )
        return ev

    def flush(self) -> list[StepRecord]:
        """Records of contacts still awaiting their lift-off (end of a recording)."""
        return [self._record(ev) for ev in self._open if ev is not None]

    @staticmethod
    def _record(ev: StepEvent) -> StepRecord:
        """Record of a contact whose lift-off was not seen."""
        return StepRecord(
            ev.foot,
            ev.time_s,
            ev.frame_index,
            NAN,
            -1,
            ev.strike,
            ev.foot_angle_deg,
            ev.knee_flexion_deg,
            NAN,
            ev.direction,
            ev.confidence,
        )
