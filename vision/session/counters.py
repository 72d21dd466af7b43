"""Session counters shown while walking: steps, forefoot share, glances, upright share, backward time.

The one place where backward-walking time is counted (frames with the subject, walking
backward; a gap between two frames counts at most ``MAX_GAP_S``). Kept incrementally from
each frame's metrics and events (O(1) per frame), so the page can show them at any moment
without summarising the whole session.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from vision.core.events import Direction, Event, FrameMetrics, GlanceEvent, StepEvent, Strike

MAX_GAP_S = 0.5
"""Longest gap between two frames (s) counted as walking time (a longer one was a pause)."""
MIN_RATE_S = 10.0
"""Walking seconds before glances per minute are shown."""


@dataclass(frozen=True, slots=True)
class CounterValues:
    """A copy of the counters at one moment (shares 0..1, NaN/None when not measured yet)."""

    steps: int
    forefoot_share: float | None
    glances: int
    glances_per_min: float | None
    upright_share: float | None
    walking_s: float
    """Stream seconds from the first to the last frame with a subject."""
    backward_s: float
    """Stream seconds spent walking backward."""
    last_strikes: tuple[str, ...]
    """Strike classes of the last (up to 3) contacts, oldest first."""


class SessionCounters:
    """Running totals of one coaching session."""

    def __init__(self) -> None:
        self.steps = 0
        self.strikes = {s.value: 0 for s in Strike}
        self.glances = 0
        self.upright_frames = 0
        self.posture_frames = 0
        self.backward_s = 0.0
        self._first_t = math.nan
        self._last_t = math.nan
        self._last_strikes: deque[str] = deque(maxlen=3)

    def update(self, m: FrameMetrics, events: list[Event]) -> None:
        """Add one frame (stream time ``m.time_s``)."""
        t = float(m.time_s)
        if m.present:
            if self._first_t != self._first_t:
                self._first_t = t
            elif m.direction == Direction.BACKWARD and t > self._last_t:
                self.backward_s += min(t - self._last_t, MAX_GAP_S)
            self._last_t = t
            if m.upright is not None:
                self.posture_frames += 1
                self.upright_frames += int(m.upright)
        for e in events:
            if isinstance(e, StepEvent) and e.kind == "contact":
                self.steps += 1
                self.strikes[e.strike.value] += 1
                self._last_strikes.append(e.strike.value)
            elif isinstance(e, GlanceEvent):
                self.glances += 1

    def values(self) -> CounterValues:
        """The counters now."""
        measured = sum(v for k, v in self.strikes.items() if k != Strike.UNKNOWN.value)
        walking = self._last_t - self._first_t if self._first_t == self._first_t else 0.0
        return CounterValues(
            steps=self.steps,
            forefoot_share=self.strikes[Strike.FOREFOOT.value] / measured if measured else None,
            glances=self.glances,
            glances_per_min=self.glances / (walking / 60.0) if walking >= MIN_RATE_S else None,
            upright_share=self.upright_frames / self.posture_frames if self.posture_frames else None,
            walking_s=walking,
            backward_s=self.backward_s,
            last_strikes=tuple(self._last_strikes),
        )
