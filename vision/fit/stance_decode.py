"""Decoding a foot's stance probabilities into stance and swing with minimum durations (Viterbi).

States form two chains: swing ``0 … a−1`` and stance ``a … a+b−1``. Inside a chain a state
passes to the next; the last state of a chain stays or enters the other chain's first state at a
cost (``switch_cost``, log-probability). So a swing lasts at least ``a`` frames and a stance
``b``; a clip may begin in either (the last states of both chains are allowed to start).
Emissions are log p (stance states) and log(1 − p) (swing states).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LOG_FLOOR = 1e-6
"""Probabilities are clipped to [LOG_FLOOR, 1 − LOG_FLOOR] before the log."""
SIDE_FRAMES = 3
"""Frames on each side of a change read for its confidence."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Durations:
    """Minimum state durations (s) and the cost of a change (log-probability)."""

    min_swing_s: float = 0.2
    min_stance_s: float = 0.3
    switch_cost: float = 1.0

    def frames(self, fps: float) -> tuple[int, int]:
        return max(1, round(self.min_swing_s * fps)), max(1, round(self.min_stance_s * fps))


def _chains(a: int, b: int) -> tuple[np.ndarray, ...]:
    """Per state: first and second predecessor (−1: none) and whether the step into it from the
    second is a change; the stance flag of each state."""
    s = a + b
    pred1 = np.arange(-1, s - 1)  # the previous state of the chain
    pred1[0], pred1[a] = s - 1, a - 1  # chain starts: entered from the other chain's end
    change1 = np.zeros(s, dtype=bool)
    change1[[0, a]] = True
    pred2 = np.full(s, -1)
    pred2[[a - 1, s - 1]] = [a - 1, s - 1]  # chain ends stay
    stance = np.arange(s) >= a
    return pred1, change1, pred2, stance


def decode(p: np.ndarray, *, fps: float, durations: Durations, lag_frames: int | None = None) -> np.ndarray:
    """(n,) int8 states, 1 = stance, for stance probabilities ``p`` (n,) at ``fps``.

    ``lag_frames`` None: the best path over the whole clip. A number: frame i's state is the one
    on the best path at frame i + lag_frames (what a live decoder knows that much later); the
    last frames are read from the end of the clip."""
    n = len(p)
    if n == 0:
        return np.zeros(0, dtype=np.int8)
    a, b = durations.frames(fps)
    pred1, change1, pred2, stance = _chains(a, b)
    q = np.clip(p, LOG_FLOOR, 1.0 - LOG_FLOOR)
    emit = np.where(stance[None, :], np.log(q)[:, None], np.log1p(-q)[:, None])
    cost1 = np.where(change1, durations.switch_cost, 0.0)
    score = np.full(a + b, -np.inf)
    score[[a - 1, a + b - 1]] = emit[0, [a - 1, a + b - 1]]
    back = np.zeros((n, a + b), dtype=np.int32)
    best = np.zeros(n, dtype=np.int32)
    best[0] = int(np.argmax(score))
    has2 = pred2 >= 0
    for i in range(1, n):
        s1 = score[pred1] - cost1
        s2 = np.where(has2, score[np.maximum(pred2, 0)], -np.inf)
        take2 = s2 > s1
        back[i] = np.where(take2, pred2, pred1)
        score = np.where(take2, s2, s1) + emit[i]
        best[i] = int(np.argmax(score))
    if lag_frames is None:
        return stance[_trace(back, n - 1, best[n - 1], 0)].astype(np.int8)
    out = np.empty(n, dtype=np.int8)
    for i in range(n):
        j = min(i + lag_frames, n - 1)
        out[i] = stance[_trace(back, j, best[j], i)[0]]
    return out


def _trace(back: np.ndarray, j: int, k: int, i: int) -> np.ndarray:
    """States of frames i … j on the path that is in state ``k`` at frame ``j``."""
    path = np.empty(j - i + 1, dtype=np.int32)
    for f in range(j, i - 1, -1):
        path[f - i] = k
        k = back[f, k]
    return path


def contact_frames(states: np.ndarray, p: np.ndarray) -> list[tuple[int, float]]:
    """(frame, confidence) of each swing → stance change: the frame that is first in stance; the
    confidence is the lower of the mean stance probability in the ``SIDE_FRAMES`` from it and the
    mean swing probability in the ``SIDE_FRAMES`` before it."""
    out = []
    for f in np.flatnonzero((states[1:] == 1) & (states[:-1] == 0)) + 1:
        after = float(np.mean(p[f : f + SIDE_FRAMES]))
        before = float(np.mean(1.0 - p[max(0, f - SIDE_FRAMES) : f]))
        out.append((int(f), min(after, before)))
    return out
