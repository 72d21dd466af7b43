"""Choosing and keeping the subject: the person who walks, unless the caller pins someone.

Each tracked person reports landmarks; the selector keeps a short history of their ankles and
scores *walking* as the travel speed of the ankle midpoint across the image, in body heights per
second. A standing, waving or jumping bystander scores near zero (their ankles come back to
where they were), a walker ~0.3–1 heights/s.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from vision.landmarks import LM


@dataclass(frozen=True, kw_only=True, slots=True)
class SubjectPolicy:
    """How the subject is chosen; times in seconds, speeds in body heights per second."""

    window_s: float = 1.0
    min_history_s: float = 0.2
    min_walk_speed: float = 0.2
    switch_ratio: float = 1.6


class SubjectSelector:
    """Scores tracked people and decides who the subject is."""

    def __init__(self, policy: SubjectPolicy | None = None) -> None:
        self.policy = policy or SubjectPolicy()
        self._hist: dict[int, deque[tuple[float, float, float, float]]] = {}
        self.subject_id: int | None = None
        self.pinned = False

    def observe(self, track_id: int, t_s: float, xy: np.ndarray) -> None:
        """Record a person's landmarks (33+, 2) pixels at time ``t_s``."""
        hist = self._hist.setdefault(track_id, deque(maxlen=64))
        shoulders = (xy[LM.LEFT_SHOULDER] + xy[LM.RIGHT_SHOULDER]) / 2
        hips = (xy[LM.LEFT_HIP] + xy[LM.RIGHT_HIP]) / 2
        height = 3.3 * float(np.hypot(*(shoulders - hips)))  # torso ≈ 0.3 of body height
        if not np.isfinite(height) or height <= 1:
            return
        hist.append((t_s, float(xy[LM.LEFT_ANKLE, 0]), float(xy[LM.RIGHT_ANKLE, 0]), height))

    def restart(self, track_id: int) -> None:
        """Start a person's history afresh (after they were lost: a speed across the gap means nothing)."""
        self._hist.pop(track_id, None)

    def forget(self, track_id: int) -> None:
        """Drop a person who is gone for good."""
        self._hist.pop(track_id, None)
        if self.subject_id == track_id:
            self.subject_id = None
            self.pinned = False

    def walking_score(self, track_id: int, t_s: float) -> float | None:
        """Travel speed of the ankle midpoint in body heights per second; None if too new.

        The least-squares slope of the ankles' mean x over the window: a person walking across
        the view scores their speed, one jumping, waving or jittering in place scores near 0.
        """
        hist = self._hist.get(track_id)
        if not hist:
            return None
        t0 = t_s - self.policy.window_s
        rows = [(t, (xl + xr) / 2, h) for t, xl, xr, h in hist if t >= t0]
        if len(rows) < 3 or rows[-1][0] - rows[0][0] < self.policy.min_history_s:
            return None
        arr = np.array(rows)
        t = arr[:, 0] - arr[:, 0].mean()
        slope = float((t * (arr[:, 1] - arr[:, 1].mean())).sum() / (t * t).sum())
        return abs(slope) / float(np.median(arr[:, 2]))

    def pin(self, track_id: int) -> None:
        """Keep this person as the subject until they are gone for good."""
        self.subject_id = track_id
        self.pinned = True

    def unpin(self) -> None:
        """Go back to choosing the walker automatically."""
        self.pinned = False

    def choose(self, t_s: float, alive: list[int], fallback_order: list[int]) -> int | None:
        """The subject among ``alive`` ids; ``fallback_order`` ranks people when none walks yet."""
        if self.pinned and self.subject_id is not None:
            return self.subject_id
        if not alive:
            return self.subject_id  # keep the id while the subject is briefly lost
        scores = {i: self.walking_score(i, t_s) for i in alive}
        current = self.subject_id if self.subject_id in alive else None
        cur_score = scores.get(current) if current is not None else None
        best = max((i for i in alive if scores[i] is not None), key=lambda i: scores[i], default=None)
        if current is None:
            if best is not None and scores[best] >= self.policy.min_walk_speed:
                self.subject_id = best
            else:
                self.subject_id = fallback_order[0] if fallback_order else alive[0]
        elif best is not None and best != current:
            need = max(self.policy.min_walk_speed, self.policy.switch_ratio * (cur_score or 0.0))
            if scores[best] > need:
                self.subject_id = best
        return self.subject_id
