"""Per-leg signal bookkeeping for gait events: leg identity by continuity and a hysteresis
extreme detector (both O(1) per frame, pure Python on floats)."""

from __future__ import annotations

import math

from vision.core.tuning import LegTuning

NAN = math.nan


class LegTracker:
    """Keeps each leg's identity by continuity and rejects glitches of the pose engine.

    Each leg is tracked by its knee, ankle and toe (constant-velocity prediction).

    - A frame whose labelled legs fit the *other* leg's prediction four times better — and the
      plain assignment is clearly off — is a left/right swap: :meth:`assign` returns True.
    - A leg whose ankle and toe land far from their prediction while the other leg fits is a
      glitch (BlazePose pulls the far leg onto the near one for a frame or two when the legs
      cross): it is listed in :attr:`glitched` and its track keeps predicting. Three glitches in
      a row are accepted as real motion.

    Swaps are transient: the engine labels legs from their appearance, frame by frame. A "swap"
    that lasts longer than ``LegTuning.max_swap_s`` means the *tracks* took the wrong identities
    (e.g. at a messy first frame), so the tracks are re-anchored to the engine's labels.

    A leg is a list of 6 floats: knee, ankle, toe (x, y) in pixels, NaN where missing.
    """

    __slots__ = ("_misses", "_prev", "_swap_since", "_t", "_tn", "_vel", "glitched", "swaps")

    def __init__(self, tuning: LegTuning | None = None) -> None:
        self._tn = tuning or LegTuning()
        self.reset()

    def reset(self) -> None:
        self._prev = [[NAN] * 6, [NAN] * 6]
        self._vel = [[0.0] * 6, [0.0] * 6]
        self._t = NAN
        self._misses = [0, 0]
        self._swap_since = NAN
        self.swaps = 0
        self.glitched = [False, False]

    def assign(self, t: float, left: list, right: list, *, scale_px: float) -> bool:
        """``left``/``right``: knee, ankle, toe (x, y) of the legs as labelled (NaN if missing);
        ``scale_px`` the torso length.

        Returns True when the legs are swapped; :attr:`glitched` then tells, per leg *after*
        the swap, whether its points are a glitch to be ignored in this frame.
        """
        dt = t - self._t
        recent = 0.0 < dt < self._tn.track_gap_s
        swap = False
        glitched = [False, False]
        if recent:
            swap = self._crossed_fit_better(dt, left, right, scale_px=scale_px)
            swap, recent = self._hold_swap(t, swap)
        if recent:
            if swap:
                left, right = right, left
            glitched = self._glitches(dt, left, right, scale_px=scale_px)
        if swap:
            self.swaps += 1
        self.glitched = glitched
        self._advance(dt, recent, (left, right), glitched=glitched)
        self._t = t
        return swap

    def _crossed_fit_better(self, dt: float, left: list, right: list, *, scale_px: float) -> bool:
        """Do the labelled legs fit the other leg's prediction much better (both legs seen)?"""
        p0, p1 = self._prev
        v0, v1 = self._vel
        straight = swapped = 0.0
        n = n_left = 0
        for j in range(6):
            q0 = p0[j] + v0[j] * dt
            q1 = p1[j] + v1[j] * dt
            lo = left[j]
            ro = right[j]
            a = lo - q0
            b = ro - q1
            c = lo - q1
            d = ro - q0
            if a == a and c == c:
                straight += a * a
                swapped += c * c
                n += 1
                n_left += 1
            if b == b and d == d:
                straight += b * b
                swapped += d * d
                n += 1
        floor = (self._tn.swap_floor_frac * scale_px) ** 2 * n * 0.5
        # A swap exchanges both labels, so it needs both legs seen: one leg alone that fits
        # the other track better is the hidden leg's place taken, not a label swap.
        both = n_left >= 2 and n - n_left >= 2
        return both and straight > floor and swapped < self._tn.swap_fit_factor * straight

    def _hold_swap(self, t: float, swap: bool) -> tuple[bool, bool]:
        """(swap, recent): a swap held longer than ``max_swap_s`` means the tracks are the ones
        swapped — no swap, and both tracks re-anchor on this frame's labels (recent False)."""
        if not swap:
            self._swap_since = NAN
        elif self._swap_since != self._swap_since:
            self._swap_since = t
        elif t - self._swap_since > self._tn.max_swap_s:
            self._swap_since = NAN
            return False, False
        return swap, True

    def _glitches(self, dt: float, left: list, right: list, *, scale_px: float) -> list[bool]:
        """Per leg: its ankle and toe (indices 2..5) far from its own track while the other fits."""
        tn = self._tn
        lim = tn.glitch_frac * scale_px * max(1.0, dt * tn.glitch_ref_fps)
        e_left = _track_error(left, self._prev[0], self._vel[0], dt=dt)
        e_right = _track_error(right, self._prev[1], self._vel[1], dt=dt)
        misses, most = self._misses, tn.max_glitch_frames
        return [
            e_left > lim and not e_right > lim and misses[0] < most,
            e_right > lim and not e_left > lim and misses[1] < most,
        ]

    def _advance(self, dt: float, recent: bool, legs: tuple[list, list], *, glitched: list[bool]) -> None:
        """Move the tracks on: dead reckoning for a glitched leg, else to the observation."""
        blend = self._tn.velocity_blend
        keep = 1.0 - blend
        for k in (0, 1):
            prev, vel = self._prev[k], self._vel[k]
            if glitched[k]:  # dead reckoning: the track moves on as predicted
                self._misses[k] += 1
                for j in range(6):
                    prev[j] += vel[j] * dt
                continue
            self._misses[k] = 0
            obs = legs[k]
            for j in range(6):
                o = obs[j]
                if o == o:
                    pj = prev[j]
                    vel[j] = keep * vel[j] + blend * (o - pj) / dt if recent and pj == pj else 0.0
                    prev[j] = o
                elif not recent:
                    prev[j] = NAN


def _track_error(obs: list, prev: list, vel: list, *, dt: float) -> float:
    """RMS distance per point (x, y) of a leg's ankle and toe (indices 2..5) from their
    predicted place; NaN with fewer than two coordinates seen."""
    e2 = 0.0
    m = 0
    for j in (2, 3, 4, 5):
        d = obs[j] - (prev[j] + vel[j] * dt)
        if d == d:
            e2 += d * d
            m += 1
    return math.sqrt(2.0 * e2 / m) if m >= 2 else NAN


class ZigZag:
    """Hysteresis extreme detector: confirms a max once the signal falls ``h`` below it (and v.v.)."""

    __slots__ = ("_balance", "first_i", "hist", "last_t", "max_", "min_", "mode", "pre_max", "pre_min")

    def __init__(self, tuning: LegTuning | None = None) -> None:
        self._balance = (tuning or LegTuning()).stance_balance_frac
        self.reset(-1)
        self.hist: list[tuple[int, float, float, int]] = []  # last extremes (type, t, value, row)

    def reset(self, first_i: int) -> None:
        self.mode = 0
        self.max_ = (-math.inf, NAN, -1)
        self.min_ = (math.inf, NAN, -1)
        self.pre_max = math.inf  # lowest value seen before the running max (mode 0)
        self.pre_min = -math.inf
        self.first_i = first_i
        self.last_t = NAN

    def update(
        self, t: float, i: int, r: float, *, h: float, max_gap_s: float
    ) -> tuple[int, float, int] | None:
        """Feed sample ``r`` at time ``t`` (row ``i``); returns a confirmed extreme
        (+1 max / −1 min, its time, its row) or None. ``h``: prominence; a gap longer than
        ``max_gap_s`` starts afresh."""
        if r != r:
            return None
        if self.last_t == self.last_t and t - self.last_t > max_gap_s:
            self.reset(i)
            self.hist.clear()
        if self.first_i < 0:
            self.first_i = i
        self.last_t = t
        out = None
        mode = self.mode
        if mode == 0:
            # Before the first confirmed extreme: an extreme counts only with prominence h on
            # both sides (a recording may start anywhere in the cycle).
            if r > self.max_[0]:
                self.max_ = (r, t, i)
                self.pre_max = self.min_[0]
            if r < self.min_[0]:
                self.min_ = (r, t, i)
                self.pre_min = self.max_[0]
            if r < self.max_[0] - h:
                v, te, ie = self.max_
                if v - self.pre_max >= h:
                    out = (1, te, ie)
                    self._remember(1, te, v, row=ie)
                self.mode = -1
                self.min_ = (r, t, i)
            elif r > self.min_[0] + h:
                v, te, ie = self.min_
                if self.pre_min - v >= h:
                    out = (-1, te, ie)
                    self._remember(-1, te, v, row=ie)
                self.mode = 1
                self.max_ = (r, t, i)
            return out
        if mode > 0:
            if r > self.max_[0]:
                self.max_ = (r, t, i)
            elif r < self.max_[0] - h:
                v, te, ie = self.max_
                out = (1, te, ie)
                self._remember(1, te, v, row=ie)
                self.mode = -1
                self.min_ = (r, t, i)
        else:
            if r < self.min_[0]:
                self.min_ = (r, t, i)
            elif r > self.min_[0] + h:
                v, te, ie = self.min_
                out = (-1, te, ie)
                self._remember(-1, te, v, row=ie)
                self.mode = 1
                self.max_ = (r, t, i)
        return out

    def _remember(self, kind: int, t: float, v: float, *, row: int) -> None:
        self.hist.append((kind, t, v, row))
        if len(self.hist) > 3:
            del self.hist[0]

    def stance_sign(self, lower: int = 0) -> float:
        """Sign (along x) of the foot's motion relative to the pelvis during stance, or 0; stance
        moves against the travel direction.

        Of the last two half-cycles, stance is the one in which the foot was lower (``lower``:
        +1 the first, −1 the second, 0 not known). Not known, it is the longer one: true of
        walking (stance ≈ 60 % of the cycle), not of running (≈ 35 %).
        """
        h = self.hist
        if len(h) < 3:
            return 0.0
        d1, d2 = h[1][1] - h[0][1], h[2][1] - h[1][1]
        if lower == 0:
            if abs(d1 - d2) < self._balance * (d1 + d2):
                return 0.0
            lower = 1 if d1 > d2 else -1
        dv = (h[1][2] - h[0][2]) if lower > 0 else (h[2][2] - h[1][2])
        return 1.0 if dv > 0 else -1.0


class MedianWindow:
    """Running median over about 0.13 s (5 frames at 30 fps, 3 below 22 fps), reported at the
    middle sample's time (2 frames late at 30 fps)."""

    __slots__ = ("_buf", "_tn")

    def __init__(self, tuning: LegTuning | None = None) -> None:
        self._tn = tuning or LegTuning()
        self._buf: list[tuple[float, int, float]] = []

    def push(self, t: float, i: int, v: float) -> tuple[float, int, float]:
        """Add sample ``v`` (time ``t``, row ``i``); returns (time, row, median) of the middle
        sample, NaN median while the window fills or where the middle sample is missing."""
        buf = self._buf
        tn = self._tn
        if buf and t - buf[-1][0] > tn.median_gap_s:  # a gap: start afresh
            buf.clear()
        buf.append((t, i, v))
        nb = len(buf)
        long_window = nb < 2 or t - buf[-2][0] < tn.low_fps_interval_s
        n = tn.median_frames if long_window else tn.median_frames_low_fps
        if nb > n:
            del buf[: nb - n]
        elif nb < n:
            return NAN, -1, NAN
        mid = buf[n // 2]
        if mid[2] != mid[2]:  # missing here: no value (never widen a gap)
            return mid[0], mid[1], NAN
        vals = [x[2] for x in buf]
        vals = sorted([x for x in vals if x == x])
        n = len(vals)
        med = vals[n // 2] if n % 2 else 0.5 * (vals[n // 2 - 1] + vals[n // 2])
        return mid[0], mid[1], med
