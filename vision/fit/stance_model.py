"""A learned stance/swing model per foot (issue 12, item 1): windowed foot features → a small
network's stance probability per frame → a two-state decoder with minimum durations.

The pieces, each a function or a small class, all numpy:

- :func:`foot_signals`: per frame and foot, the heel's and toe's image velocities (torso
  lengths per second; along x relative to the pelvis, and absolute), their heights against the
  other foot's and the heel-above-toe height (torso lengths). Shape ``(n, N_SIGNALS)``.
- :func:`windowed`: those signals sampled at fixed *time* offsets around each frame
  (``StanceWindow``; by timestamps, so 15 to 60 frames/s read the same window). The window looks
  ``ahead_s`` into the future: that, plus the decoder's lag, is the delay a live coach would have.
- :class:`Mlp`: one tanh hidden layer, logistic output, trained with Adam on labelled frames.
- :func:`decode`: the most likely stance/swing sequence (Viterbi) where a stance lasts at least
  ``min_stance_s`` and a swing ``min_swing_s``, a change costs ``switch_cost`` (log-probability);
  over the whole clip, or with a fixed lag of ``lag_frames`` (each frame's state decided
  ``lag_frames`` later from the best path then).
- :func:`contact_frames`: swing → stance changes, with a confidence from the probabilities
  on either side.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.landmarks import LM

N_SIGNALS = 11
"""Columns of :func:`foot_signals`."""
FEET = ("left", "right")
_POINTS = {
    "left": (LM.LEFT_HEEL, LM.LEFT_FOOT_INDEX, LM.RIGHT_HEEL, LM.RIGHT_FOOT_INDEX),
    "right": (LM.RIGHT_HEEL, LM.RIGHT_FOOT_INDEX, LM.LEFT_HEEL, LM.LEFT_FOOT_INDEX),
}
MIN_DT_S = 1e-3
"""Timestamps closer than this are one instant (velocity guard), s."""


@dataclass(frozen=True, kw_only=True, slots=True)
class StanceWindow:
    """Time offsets (s) at which each frame's features are read."""

    back_s: float = 0.2
    """How far into the past the window reaches."""
    ahead_s: float = 0.1
    """How far into the future (part of a live coach's delay)."""
    step_s: float = 1.0 / 30.0
    """Spacing of the samples."""

    def offsets(self) -> np.ndarray:
        return np.arange(-self.back_s, self.ahead_s + 1e-9, self.step_s)


def _filled(a: np.ndarray) -> np.ndarray:
    """``a`` (n, k) with NaN runs linearly interpolated per column (all-NaN columns: 0)."""
    out = a.copy()
    idx = np.arange(len(a))
    for j in range(a.shape[1]):
        ok = np.isfinite(a[:, j])
        out[:, j] = np.interp(idx, idx[ok], a[ok, j]) if ok.sum() >= 2 else 0.0
    return out


def foot_signals(xy: np.ndarray, t: np.ndarray, *, torso_px: float) -> dict[str, np.ndarray]:
    """Per foot ``(n, N_SIGNALS)`` signals from landmarks ``xy`` (n, 33, 2) px (NaN where absent)
    at timestamps ``t`` (n,) s; lengths in torso lengths ``torso_px``."""
    hip = 0.5 * (xy[:, LM.LEFT_HIP] + xy[:, LM.RIGHT_HIP])
    dt = np.maximum(np.gradient(t), MIN_DT_S)[:, None] if len(t) > 1 else np.ones((len(t), 1))
    out = {}
    for foot, (heel, toe, o_heel, o_toe) in _POINTS.items():
        points = (xy[:, heel], xy[:, toe])
        others = (xy[:, o_heel, 1], xy[:, o_toe, 1])
        cols = np.stack([*(c for pt in points for c in (pt[:, 0], pt[:, 1])), *others, hip[:, 0]], axis=1)
        a = _filled(cols) / torso_px
        v = np.gradient(a, axis=0) / dt if len(a) > 1 else np.zeros_like(a)
        out[foot] = np.stack(
            [
                v[:, 0] - v[:, 6],  # heel along x, relative to the pelvis
                v[:, 1],  # heel vertical (image y, down)
                v[:, 2] - v[:, 6],
                v[:, 3],
                np.abs(v[:, 0]),  # absolute speeds: a planted foot stands still (off a treadmill)
                np.abs(v[:, 2]),
                np.abs(v[:, 1]),
                np.abs(v[:, 3]),
                a[:, 1] - a[:, 4],  # heel lower (+) than the other heel
                a[:, 3] - a[:, 5],
                a[:, 1] - a[:, 3],  # heel below the toe (+): foot pitch
            ],
            axis=1,
        )
    return out


def windowed(signals: np.ndarray, t: np.ndarray, window: StanceWindow) -> np.ndarray:
    """``(n, N_SIGNALS · len(offsets))``: each signal at ``t + offset`` (held at the clip's ends)."""
    tq = t[:, None] + window.offsets()[None, :]
    return np.concatenate([np.interp(tq, t, signals[:, j]) for j in range(signals.shape[1])], axis=1)


class Mlp:
    """Stance probability: standardized inputs → tanh hidden layer → logistic output."""

    def __init__(
        self,
        *,
        mean: np.ndarray,
        scale: np.ndarray,
        w1: np.ndarray,
        b1: np.ndarray,
        w2: np.ndarray,
        b2: float,
    ) -> None:
        """Input ``mean``, ``scale``; hidden layer ``w1`` (inputs, hidden), ``b1``; output ``w2``, ``b2``."""
        self.mean, self.scale = mean, scale
        self.w1, self.b1, self.w2, self.b2 = w1, b1, np.asarray(w2), float(b2)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """(n,) stance probabilities of rows ``x`` (n, inputs)."""
        h = np.tanh(((x - self.mean) / self.scale) @ self.w1 + self.b1)
        return 1.0 / (1.0 + np.exp(-(h @ self.w2 + self.b2)))

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, *, hidden: int = 48, epochs: int = 40, seed: int = 0) -> Mlp:
        """Cross-entropy fit of rows ``x`` to labels ``y`` (0 swing, 1 stance), Adam, batches of 256."""
        rng = np.random.default_rng(seed)
        mean, scale = x.mean(0), x.std(0) + 1e-6
        z = (x - mean) / scale
        params = [
            rng.normal(0.0, 1.0 / np.sqrt(z.shape[1]), (z.shape[1], hidden)),
            np.zeros(hidden),
            rng.normal(0.0, 1.0 / np.sqrt(hidden), hidden),
            np.zeros(()),
        ]
        adam = _Adam(params)
        for _ in range(epochs):
            order = rng.permutation(len(z))
            for s in range(0, len(z), 256):
                b = order[s : s + 256]
                adam.step(_gradients(params, z[b], y[b]))
        w1, b1, w2, b2 = params
        return cls(mean=mean, scale=scale, w1=w1, b1=b1, w2=w2, b2=float(b2))

    def to_dict(self) -> dict[str, list]:
        return {k: np.asarray(getattr(self, k)).tolist() for k in ("mean", "scale", "w1", "b1", "w2", "b2")}


L2 = 1e-4
"""Weight decay of :meth:`Mlp.fit`."""


def _gradients(params: list[np.ndarray], x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    w1, b1, w2, b2 = params
    h = np.tanh(x @ w1 + b1)
    p = 1.0 / (1.0 + np.exp(-(h @ w2 + b2)))
    go = (p - y) / len(y)
    gh = np.outer(go, w2) * (1.0 - h * h)
    return [x.T @ gh + L2 * w1, gh.sum(0), h.T @ go + L2 * w2, np.asarray(go.sum())]


class _Adam:
    """Adam (Kingma & Ba 2015) on a list of arrays, updated in place."""

    def __init__(self, params: list[np.ndarray], lr: float = 2e-3) -> None:
        self.params, self.lr, self.t = params, lr, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, grads: list[np.ndarray]) -> None:
        self.t += 1
        for i, g in enumerate(grads):
            self.m[i] = 0.9 * self.m[i] + 0.1 * g
            self.v[i] = 0.999 * self.v[i] + 0.001 * g * g
            m_hat = self.m[i] / (1 - 0.9**self.t)
            v_hat = self.v[i] / (1 - 0.999**self.t)
            self.params[i] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)
