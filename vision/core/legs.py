"""Per-leg signal bookkeeping for gait events: leg identity by continuity and a hysteresis
extreme detector (both O(1) per frame, pure Python on floats)."""

from __future__ import annotations

import math

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
    that lasts longer than ``MAX_SWAP_S`` means the *tracks* took the wrong identities (e.g. at
    a messy first frame), so the tracks are re-anchored to the engine's labels.
    """

    __slots__ = ("_misses", "_prev", "_swap_since", "_t", "_vel", "glitched", "swaps")

    MAX_SWAP_S = 0.3

    GLITCH_FRAC = 0.3
    """Ankle/toe prediction error (torso lengths, per 1/30 s) beyond which a leg is a glitch."""

    def __init__(self) -> None:
        self._prev = [[NAN] * 6, [NAN] * 6]
        self._vel = [[0.0] * 6, [0.0] * 6]
        self._t = NAN
        self._misses = [0, 0]
        self._swap_since = NAN
        self.swaps = 0
        self.glitched = [False, False]

    def reset(self) -> None:
        self.__init__()

    def assign(self, t: float, left: list, right: list, scale_px: float) -> bool:
        """``left``/``right``: knee, ankle, toe (x, y) of the legs as labelled (NaN if missing).

        Returns True when the legs are swapped; :attr:`glitched` then tells, per leg *after*
        the swap, whether its points are a glitch to be ignored in this frame.
        """
        dt = t - self._t
        recent = 0.0 < dt < 0.25
        p0, p1 = self._prev
        v0, v1 = self._vel
        swap = False
        glitched = [False, False]
        if recent:
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
            floor = (0.05 * scale_px) ** 2 * n * 0.5
            # A swap exchanges both labels, so it needs both legs seen: one leg alone that fits
            # the other track better is the hidden leg's place taken, not a label swap.
            both = n_left >= 2 and n - n_left >= 2
            swap = both and straight > floor and swapped < 0.25 * straight
            if not swap:
                self._swap_since = NAN
            elif self._swap_since != self._swap_since:
                self._swap_since = t
            elif t - self._swap_since > self.MAX_SWAP_S:  # the tracks are the ones swapped
                self._swap_since = NAN
                swap = False
                recent = False  # re-anchor both tracks on this frame's labels
        if recent:
            if swap:
                left, right = right, left
            # Glitch test on the ankle and toe (indices 2..5), each leg against its own track.
            lim = self.GLITCH_FRAC * scale_px * max(1.0, dt * 30.0)
            errs = []
            for obs, prev, vel in ((left, p0, v0), (right, p1, v1)):
                e2 = 0.0
                m = 0
                for j in range(2, 6):
                    d = obs[j] - (prev[j] + vel[j] * dt)
                    if d == d:
                        e2 += d * d
                        m += 1
                errs.append(math.sqrt(2.0 * e2 / m) if m >= 2 else NAN)  # per point (x, y)
            for k in (0, 1):
                if errs[k] > lim and not errs[1 - k] > lim and self._misses[k] < 3:
                    glitched[k] = True
        if swap:
            self.swaps += 1
        self.glitched = glitched
        for k, (obs, prev, vel) in enumerate(((left, p0, v0), (right, p1, v1))):
            if glitched[k]:  # dead reckoning: the track moves on as predicted
                self._misses[k] += 1
                for j in range(6):
                    prev[j] += vel[j] * dt
                continue
            self._misses[k] = 0
            for j in range(6):
                o = obs[j]
                if o == o:
                    pj = prev[j]
                    vel[j] = 0.5 * vel[j] + 0.5 * (o - pj) / dt if recent and pj == pj else 0.0
                    prev[j] = o
                elif not recent:
                    prev[j] = NAN
        self._t = t
        return swap


class ZigZag:
    """Hysteresis extreme detector: confirms a max once the signal falls ``h`` below it (and v.v.)."""

    __slots__ = ("first_i", "hist", "last_t", "max_", "min_", "mode", "pre_max", "pre_min")

    def __init__(self) -> None:
        self.reset(-1)
        self.hist: list[tuple[int, float, float]] = []  # last extremes (type, t, value)

    def reset(self, first_i: int) -> None:
        self.mode = 0
        self.max_ = (-math.inf, NAN, -1)
        self.min_ = (math.inf, NAN, -1)
        self.pre_max = math.inf  # lowest value seen before the running max (mode 0)
        self.pre_min = -math.inf
        self.first_i = first_i
        self.last_t = NAN

    def update(self, t: float, i: int, r: float, h: float, max_gap_s: float) -> tuple[int, float, int] | None:
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
                    self._remember(1, te, v)
                self.mode = -1
                self.min_ = (r, t, i)
            elif r > self.min_[0] + h:
                v, te, ie = self.min_
                if self.pre_min - v >= h:
                    out = (-1, te, ie)
                    self._remember(-1, te, v)
                self.mode = 1
                self.max_ = (r, t, i)
            return out
        if mode > 0:
            if r > self.max_[0]:
                self.max_ = (r, t, i)
            elif r < self.max_[0] - h:
                v, te, ie = self.max_
                out = (1, te, ie)
                self._remember(1, te, v)
                self.mode = -1
                self.min_ = (r, t, i)
        else:
            if r < self.min_[0]:
                self.min_ = (r, t, i)
            elif r > self.min_[0] + h:
                v, te, ie = self.min_
                out = (-1, te, ie)
                self._remember(-1, te, v)
                self.mode = 1
                self.max_ = (r, t, i)
        return out

    def _remember(self, kind: int, t: float, v: float) -> None:
        self.hist.append((kind, t, v))
        if len(self.hist) > 3:
            del self.hist[0]

    def stance_sign(self) -> float:
        """Sign (along x) of the foot's motion relative to the pelvis during stance, or 0.

        Stance is the longer of the last two half-cycles; it moves against the travel direction.
        """
        h = self.hist
        if len(h) < 3:
            return 0.0
        d1, d2 = h[1][1] - h[0][1], h[2][1] - h[1][1]
        dv = (h[1][2] - h[0][2]) if d1 > d2 else (h[2][2] - h[1][2])
        if abs(d1 - d2) < 0.08 * (d1 + d2):
            return 0.0
        return 1.0 if dv > 0 else -1.0


class MedianWindow:
    """Running median over about 0.13 s (5 frames at 30 fps, 3 below 22 fps), reported at the
    middle sample's time (2 frames late at 30 fps)."""

    __slots__ = ("_buf",)

    def __init__(self) -> None:
        self._buf: list[tuple[float, int, float]] = []

    def push(self, t: float, i: int, v: float) -> tuple[float, int, float]:
        buf = self._buf
        if buf and t - buf[-1][0] > 0.25:  # a gap: start afresh
            buf.clear()
        buf.append((t, i, v))
        n = 5 if len(buf) < 2 or buf[-1][0] - buf[-2][0] < 0.045 else 3
        while len(buf) > n:
            del buf[0]
        if len(buf) < n:
            return NAN, -1, NAN
        vals = sorted(x[2] for x in buf if x[2] == x[2])
        mid = buf[n // 2]
        if not vals or mid[2] != mid[2]:  # missing here: no value (never widen a gap)
            return mid[0], mid[1], NAN
        n = len(vals)
        med = vals[n // 2] if n % 2 else 0.5 * (vals[n // 2 - 1] + vals[n // 2])
        return mid[0], mid[1], med
