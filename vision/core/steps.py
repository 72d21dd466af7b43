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
3. Refinement (:mod:`vision.core.step_timing`, :mod:`vision.core.hinge`): around each
   candidate, the heel's and the toe's image heights are fitted with a continuous hinge —
   moving (quadratic) before the event and at rest on the floor after it, mirrored for
   lift-off — on a sub-frame grid of times. Contact is the first of heel and toe to come to rest
   (toe for a forefoot strike, heel for a heel strike); lift-off is the last to leave. Height
   works on a treadmill too (the belt moves the foot sideways only). Timestamps are used
   throughout (variable frame rate safe). On real video a point that barely moves vertically
   gives a weak fit, so only clear fits count, and the event stays within
   ``StepTuning.zeni_margin_s`` of the extreme; with no clear fit it lies halfway between the
   extreme and the best fit (sports2d: heel contacts −2…+1 frames from the labels).
4. Strike class (:mod:`vision.core.strike`): foot angle at contact (heel→toe line vs the
   mid-stance flat foot, positive toe up; median over −0.07…+0.1 s, the landing posture lasts
   into early stance), then which of heel and toe came to rest first, then the landing posture
   on either side of the contact (toe still up in the 0.1 s after it: heel; toe still down in
   the 0.1 s before it and not up after: forefoot).
5. Honesty: gaps in the data near an event, a point whose corner lies in missing data, jittery
   landmarks, a recent turn-around or a change of travel direction lower the confidence to < 0.5.
6. Phantoms: a contact of the same foot within 0.6 of the median stride time of its last one,
   and less sure than it, is a glitch of the (usually far) foot and is dropped.

Events are emitted ``StepTuning.refine_after_s`` after the Zeni extreme: contacts 0.25 s after
the contact (median; ≤ 0.31 s), lift-offs 0.35 s (≤ 0.4 s); up to 0.8 s for the first steps of
a recording, while the direction of travel is still unknown. All the numbers here are fields of
:class:`~vision.core.tuning.StepTuning`.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from vision.core import ring as rb
from vision.core.config import CoachConfig
from vision.core.events import Direction, Foot, StepEvent, StepRecord, Strike, StrikeEvidence, View
from vision.core.gait.table import resolve_repeats
from vision.core.legs import MedianWindow, ZigZag
from vision.core.step_timing import (
    EventWindow,
    PointFits,
    choose_time,
    event_confidence,
    event_window,
    fit_points,
)
from vision.core.strike import classify_strike, foot_angles, landing_angles

NAN = math.nan
FEET = (Foot.LEFT, Foot.RIGHT)


@dataclass(frozen=True, kw_only=True, slots=True)
class Candidate:
    """A confirmed extreme of leg ``k``'s Zeni signal awaiting refinement: ``kind`` +1 max / −1
    min, at time ``t_ext`` (ring row ``i_ext``); refined once the stream reaches ``ready_s``;
    ``travel_x`` the image-x travel sign at the extreme."""

    k: int
    kind: int
    t_ext: float
    i_ext: int
    ready_s: float
    travel_x: float


@dataclass(frozen=True, kw_only=True, slots=True)
class _Timed:
    """A refined event of leg ``k``: time ``tau`` (s), its frame, confidence, knee flexion;
    ``rest_s``: the fitted rest time the strike's angles are taken around (``tau`` less
    ``StepTuning.contact_delay_s`` for a contact)."""

    k: int
    tau: float
    rest_s: float
    frame: int
    conf: float
    knee: float
    direction: Direction


class StepDetector:
    """Per-foot gait events from the analyzer's ring buffer (see module docstring)."""

    def __init__(self, cfg: CoachConfig, ring: rb.Ring) -> None:
        self._cfg = cfg
        self._tn = tn = cfg.steps
        self._ring = ring
        self._zig = (ZigZag(cfg.legs), ZigZag(cfg.legs))
        self._med = (MedianWindow(cfg.legs), MedianWindow(cfg.legs))
        self._pending: list[Candidate] = []
        self._flat_deg = [NAN, NAN]
        self._open: list[StepEvent | None] = [None, None]  # last contact per foot, awaiting lift-off
        self._last_contact_t = [NAN, NAN]
        self._last_conf = [0.0, 0.0]
        self._strides: deque[float] = deque(maxlen=tn.stride_history)  # same-foot contact intervals, s
        self.records: list[StepRecord] = []
        """Every valid frame's gait inputs (the offline decode at summary time)."""
        self.last_extreme_s = -math.inf
        """Time of the latest foot extreme (−inf before the first): the feet are moving."""
        self._feet_sign = 0.0
        self._dt = tn.frame_interval_s  # frame interval, s (running estimate)
        self._last_t = NAN
        self._width = math.inf  # image width, px

    def _after_s(self) -> float:
        """Seconds of signal after an extreme used to refine it (6 frames at least)."""
        return max(self._tn.refine_after_s, self._tn.refine_min_frames * self._dt)

    # -- direction of travel ------------------------------------------------------------------
    def feet_travel_sign(self) -> float:
        """Travel sign along x from the feet alone (treadmill-safe); 0 when unclear."""
        return self._feet_sign

    def _update_feet_sign(self) -> None:
        s = self._zig[0].stance_sign(self._lower_half(0)) + self._zig[1].stance_sign(self._lower_half(1))
        self._feet_sign = -1.0 if s > 0 else (1.0 if s < 0 else 0.0)

    def _lower_half(self, k: int) -> int:
        """Which of leg ``k``'s last two half-cycles had its ankle lower in the image (+1 the
        first, −1 the second): the foot on the floor. 0 when their mean heights differ by less
        than ``LegTuning.stance_drop_frac`` torso lengths or a half-cycle is unseen."""
        h = self._zig[k].hist
        if len(h) < 3:
            return 0
        i0, i1, i2 = h[0][3], h[1][3], h[2][3]
        rows = self._ring.window(i0, i2)
        if len(rows) != i2 - i0 + 1:
            return 0
        y = rows[:, rb.C_LEG0 + 8 * k + rb.LEG_AY]
        first, second = y[: i1 - i0 + 1], y[i1 - i0 :]
        if not (np.isfinite(first).any() and np.isfinite(second).any()):
            return 0
        drop = float(np.nanmean(first) - np.nanmean(second))  # image y grows downward
        torso = float(np.nanmedian(rows[:, rb.C_TORSO]))
        if not abs(drop) >= self._cfg.legs.stance_drop_frac * torso:
            return 0
        return 1 if drop > 0 else -1

    # -- per frame ----------------------------------------------------------------------------
    def update(
        self,
        i: int,
        t: float,
        rel: tuple[float, float],
        *,
        torso_px: float,
        travel_x: float,
        facing: float,
        view: View,
        direction: Direction,
        turn_s: float = -math.inf,
        width: float = math.inf,
    ) -> list[StepEvent]:
        """Feed the Zeni signals of this frame (row ``i`` already pushed); returns finished events.

        ``turn_s``: time of the latest turn-around; events within ``turn_suspend_s`` of it get a
        low confidence (the direction of travel, which tells contact from lift-off, is unsure).
        ``width``: the image's width, px (a foot at a side edge has no strike class).
        """
        self._track_interval(t)
        self._width = width
        if torso_px == torso_px:
            self._find_extremes(i, t, rel, h=self._cfg.step_min_prominence_frac * torso_px, travel_x=travel_x)
        out: list[StepEvent] = []
        if not self._pending:
            return out
        keep = []
        for p in self._pending:
            if t < p.ready_s and i - p.i_ext < self._ring.size // 2:
                keep.append(p)
                continue
            tx = p.travel_x if p.travel_x == 1.0 or p.travel_x == -1.0 else travel_x  # the first steps
            if not (tx == 1.0 or tx == -1.0) or facing == 0.0:
                if t - p.t_ext < self._tn.travel_wait_s:
                    keep.append(p)
                continue
            # A change of travel since the extreme (turn, jump) leaves contact vs lift-off unsure.
            near_turn = abs(p.t_ext - turn_s) < self._cfg.frames.turn_suspend_s or tx != travel_x
            ev = self._refine(
                p,
                is_contact=p.kind == (1 if tx > 0 else -1),
                now=t,
                facing=facing,
                view=view,
                direction=Direction.TURNING if near_turn else direction,
                near_turn=near_turn,
            )
            if ev is not None:
                out.append(ev)
        self._pending = keep
        return out

    def _track_interval(self, t: float) -> None:
        """Running estimate of the frame interval (gaps excluded)."""
        d = t - self._last_t
        if 0.0 < d < self._tn.max_frame_interval_s:
            self._dt += self._tn.frame_interval_rate * (d - self._dt)
        self._last_t = t

    def _find_extremes(
        self, i: int, t: float, rel: tuple[float, float], *, h: float, travel_x: float
    ) -> None:
        """Feed each leg's Zeni signal to its extreme detector (prominence ``h`` px); a confirmed
        extreme becomes a pending :class:`Candidate`."""
        for k in (0, 1):
            # A running median (5 frames) removes the pose engine's one- and two-frame
            # glitches where the legs cross; extremes stay where they are.
            tm, im, rm = self._med[k].push(t, i, rel[k])
            if rm != rm:
                continue
            ext = self._zig[k].update(tm, im, rm, h=h, max_gap_s=self._cfg.max_gap_s)
            if ext is not None:
                # The travel direction at the extreme decides contact vs lift-off.
                self._pending.append(
                    Candidate(
                        k=k,
                        kind=ext[0],
                        t_ext=ext[1],
                        i_ext=ext[2],
                        ready_s=ext[1] + self._after_s(),
                        travel_x=travel_x,
                    )
                )
                self.last_extreme_s = max(self.last_extreme_s, ext[1])
                self._update_feet_sign()

    # -- refinement ---------------------------------------------------------------------------
    def _refine(
        self,
        cand: Candidate,
        *,
        is_contact: bool,
        now: float,
        facing: float,
        view: View,
        direction: Direction,
        near_turn: bool = False,
    ) -> StepEvent | None:
        """Time the candidate from the heel's and toe's hinge fits; classify a contact's strike."""
        tn = self._tn
        half = max(tn.grid_half_s, tn.grid_half_frames * self._dt)
        win = event_window(
            self._ring,
            k=cand.k,
            t_ext=cand.t_ext,
            i_ext=cand.i_ext,
            after_s=self._after_s(),
            half_s=half,
            is_contact=is_contact,
            tuning=tn,
        )
        if win is None:
            return None
        fits = fit_points(win, tn)
        rest, good = choose_time(win, fits, tn)
        tau = rest + tn.contact_delay_s if is_contact else rest
        torso = self._ring.value(cand.i_ext, rb.C_TORSO)
        conf = event_confidence(
            win, fits, tau=rest, good=good, view=view, near_turn=near_turn, torso_px=torso, tuning=tn
        )
        # The event's frame is the first frame at or after tau; its time is tau itself.
        j = min(int(np.searchsorted(win.tt, tau - 1e-9)), len(win.tt) - 1)
        timed = _Timed(
            k=cand.k,
            tau=tau,
            rest_s=rest,
            frame=int(win.w[j, rb.C_FRAME]),
            conf=conf,
            knee=float(win.w[j, win.c + rb.LEG_KNEE]),
            direction=direction,
        )
        if not is_contact:
            return self._liftoff(timed, now=now, facing=facing)
        return self._contact(timed, win, fits, now=now, facing=facing, view=view)

    def _contact(
        self, ev: _Timed, win: EventWindow, fits: PointFits, *, now: float, facing: float, view: View
    ) -> StepEvent | None:
        """The contact event with its strike class; None for a phantom."""
        k = ev.k
        angle = NAN
        strike = Strike.UNKNOWN
        evidence = None
        if view == View.SIDE and len(fits.taus) == 2:
            flat = self._flat_deg[k]
            if flat != flat:
                flat = self._flat_deg[1 - k]
            flat = flat if flat == flat else 0.0
            angle, before, after = landing_angles(
                win.w, win.tt, c=win.c, facing=facing, tau=ev.rest_s, flat=flat, cfg=self._cfg
            )
            order = fits.taus["heel"] - fits.taus["toe"]  # > 0: toe first
            evidence = StrikeEvidence(angle_deg=angle, before_deg=before, after_deg=after, order_s=order)
            strike = classify_strike(angle, order, cfg=self._cfg, before=before, after=after)
            if self._at_side_edge(win, tau=ev.rest_s):
                strike = Strike.UNKNOWN
        if self._phantom(k, ev.tau, ev.conf):
            return None
        contact = StepEvent(
            kind="contact",
            foot=FEET[k],
            time_s=ev.tau,
            frame_index=ev.frame,
            emitted_at_s=now,
            confidence=round(min(1.0, ev.conf), 3),
            strike=strike,
            foot_angle_deg=angle,
            knee_flexion_deg=ev.knee,
            direction=ev.direction,
            evidence=evidence,
        )
        if self._last_contact_t[k] == self._last_contact_t[k]:
            self._strides.append(ev.tau - self._last_contact_t[k])
        self._last_conf[k] = ev.conf
        if self._open[k] is not None:  # its lift-off was missed
            self.records.append(self._record(self._open[k]))
        self._open[k] = contact
        self._last_contact_t[k] = ev.tau
        return contact

    def _at_side_edge(self, win: EventWindow, *, tau: float) -> bool:
        """True when the heel or the toe comes within ``strike_edge_margin_torso`` torso lengths of
        a side edge of the image in the landing window around ``tau``: part of the foot may be
        cut off, and the engine guesses the cut part, so its angle is no evidence."""
        near = np.abs(win.tt - tau) <= self._tn.landing_s
        xs = win.w[near][:, [win.c + rb.LEG_HX, win.c + rb.LEG_TX]]
        torso = win.w[near, rb.C_TORSO]
        if not np.isfinite(torso).any() or not np.isfinite(xs).any():
            return False
        m = self._tn.strike_edge_margin_torso * float(np.nanmedian(torso))
        return bool(np.nanmin(xs) < m or np.nanmax(xs) > self._width - m)

    def _phantom(self, k: int, t: float, conf: float) -> bool:
        """A contact too soon after the same foot's last one, and less sure than it: a glitch of
        the (usually far) foot, not a step. "Too soon": under ``phantom_stride_frac`` of the
        median stride time (same-foot contact interval), or of ``default_stride_s`` before
        strides are known."""
        last = self._last_contact_t[k]
        if last != last or conf >= self._last_conf[k]:
            return False
        stride = float(np.median(self._strides)) if len(self._strides) >= 2 else self._tn.default_stride_s
        return t - last < self._tn.phantom_stride_frac * stride

    def _liftoff(self, ev: _Timed, *, now: float, facing: float) -> StepEvent:
        """The lift-off event; closes its contact's step record (stance peak knee, flat foot)."""
        k = ev.k
        foot = FEET[k]
        out = StepEvent(
            kind="liftoff",
            foot=foot,
            time_s=ev.tau,
            frame_index=ev.frame,
            emitted_at_s=now,
            confidence=round(min(1.0, ev.conf), 3),
            strike=Strike.UNKNOWN,
            foot_angle_deg=NAN,
            knee_flexion_deg=ev.knee,
            direction=ev.direction,
        )
        contact = self._open[k]
        self._open[k] = None
        tn = self._tn
        if contact is None or not (tn.min_stance_s < ev.tau - contact.time_s < tn.max_stance_s):
            return out
        peak = self._stance(k, contact.time_s, ev.tau, facing=facing)
        self.records.append(self._record(contact, liftoff_s=ev.tau, liftoff_frame=ev.frame, knee_peak=peak))
        return out

    def _stance(self, k: int, t_contact: float, t_liftoff: float, *, facing: float) -> float:
        """Peak knee flexion of leg ``k``'s stance (NaN if unseen); updates its flat-foot angle
        from mid-stance (the strike calibration)."""
        ring = self._ring
        tn = self._tn
        c = rb.C_LEG0 + 8 * k
        w = ring.window(ring.index_before(t_contact), ring.index_before(t_liftoff))
        peak = NAN
        if not len(w):
            return peak
        kn = w[:, c + rb.LEG_KNEE]
        if np.isfinite(kn).any():
            peak = float(np.nanmax(kn))
        n = len(w)
        lo = int(tn.mid_stance_from_frac * n)
        mid = w[lo : max(lo + 1, int(tn.mid_stance_to_frac * n))]
        ang = foot_angles(mid, c, facing)
        ang = ang[np.isfinite(ang)]
        if len(ang) >= 2:
            a = float(np.sort(ang)[len(ang) // 2])  # median
            old = self._flat_deg[k]
            self._flat_deg[k] = a if old != old else old + tn.flat_foot_rate * (a - old)
        return peak

    def table(self) -> list[StepRecord]:
        """The session's step table: every record (open contacts too), re-decoded over the
        whole session (:func:`vision.core.gait.table.resolve_repeats`)."""
        return resolve_repeats([*self.records, *self.flush()], self._cfg.gait)

    def flush(self) -> list[StepRecord]:
        """Records of contacts still awaiting their lift-off (end of a recording)."""
        return [self._record(ev) for ev in self._open if ev is not None]

    @staticmethod
    def _record(
        ev: StepEvent, *, liftoff_s: float = NAN, liftoff_frame: int = -1, knee_peak: float = NAN
    ) -> StepRecord:
        """Record of contact ``ev``: with its lift-off and the stance's peak knee flexion, or
        (the defaults) of a contact whose lift-off was not seen."""
        return StepRecord(
            foot=ev.foot,
            contact_time_s=ev.time_s,
            contact_frame=ev.frame_index,
            liftoff_time_s=liftoff_s,
            liftoff_frame=liftoff_frame,
            strike=ev.strike,
            foot_angle_deg=ev.foot_angle_deg,
            knee_flexion_contact_deg=ev.knee_flexion_deg,
            knee_flexion_peak_deg=knee_peak,
            direction=ev.direction,
            confidence=ev.confidence,
        )
