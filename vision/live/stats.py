"""Small rolling statistics for the live path: processing rate and latency percentiles."""

from __future__ import annotations

import math
from collections import deque


class RateMeter:
    """Events per second over the last ``window_s`` seconds (monotonic clock seconds)."""

    def __init__(self, window_s: float = 2.0) -> None:
        self.window_s = window_s
        self._times: deque[float] = deque()

    def tick(self, now_s: float) -> None:
        """Count one event at ``now_s``."""
        self._times.append(now_s)
        while self._times and now_s - self._times[0] > self.window_s:
            self._times.popleft()

    def rate(self, now_s: float) -> float:
        """Events per second in the window ending at ``now_s`` (0 with fewer than two events)."""
        while self._times and now_s - self._times[0] > self.window_s:
            self._times.popleft()
        if len(self._times) < 2:
            return 0.0
        span = self._times[-1] - self._times[0]
        return (len(self._times) - 1) / span if span > 0 else 0.0


class LatencyWindow:
    """The last ``size`` latencies (seconds) with percentiles in milliseconds."""

    def __init__(self, size: int = 300) -> None:
        self._values: deque[float] = deque(maxlen=size)

    def add(self, seconds: float) -> None:
        if seconds == seconds:
            self._values.append(seconds)

    def __len__(self) -> int:
        return len(self._values)

    def percentile_ms(self, q: float) -> float:
        """The ``q``-th percentile (0..100) in milliseconds, NaN when empty."""
        if not self._values:
            return math.nan
        vals = sorted(self._values)
        k = min(len(vals) - 1, max(0, math.ceil(q / 100.0 * len(vals)) - 1))
        return 1000.0 * vals[k]

    def max_ms(self) -> float:
        return 1000.0 * max(self._values) if self._values else math.nan
