"""Stream time of a session: seconds from its first frame, strictly increasing."""

from __future__ import annotations

import math

MIN_FRAME_STEP_S = 1e-6
"""A frame whose time is not after the previous one's is put this many seconds after it
(the pose engine's filters and the core need strictly increasing times)."""


class StreamClock:
    """Turns capture times (any origin, seconds) into session times starting at 0."""

    def __init__(self) -> None:
        self._t0 = math.nan
        self._last = -math.inf

    def __call__(self, capture_s: float) -> float:
        """The session time of a frame captured at ``capture_s``."""
        if self._t0 != self._t0:
            self._t0 = float(capture_s)
        t = float(capture_s) - self._t0
        if t <= self._last:
            t = self._last + MIN_FRAME_STEP_S
        self._last = t
        return t
