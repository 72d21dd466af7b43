"""Camera-like degradation of rendered frames: optics blur and sensor noise (the clip's H.264
encoding at :attr:`Degrade.crf` is done by :class:`vision.analysis.h264.H264Writer`).

Deterministic for a seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

BLUR_MIN_PX = 0.2
"""Blur below this σ (pixels) is skipped."""
NOISE_BANK = 6
"""Noise frames drawn per clip (see :class:`FrameNoise`)."""


@dataclass(frozen=True, kw_only=True)
class Degrade:
    """Sensor noise (σ, grey levels), blur (σ, pixels) and H.264 CRF."""

    noise_sigma: float = 2.0
    blur_sigma_px: float = 0.0
    crf: int = 23


class FrameNoise:
    """Blur and Gaussian sensor noise per BGR frame, cheap enough for long clips.

    A bank of NOISE_BANK noise frames is drawn once from the seed; each frame adds one of them,
    rolled by a random offset, so the noise changes every frame without a full draw per frame.
    """

    def __init__(self, d: Degrade, shape: tuple[int, int, int], seed: int) -> None:
        self.d = d
        self.rng = np.random.default_rng([seed, 5])
        self.bank = (
            (self.rng.standard_normal((NOISE_BANK, *shape), dtype=np.float32) * d.noise_sigma).astype(
                np.int16
            )
            if d.noise_sigma > 0
            else None
        )

    def __call__(self, img: np.ndarray) -> np.ndarray:
        out = img
        if self.d.blur_sigma_px > BLUR_MIN_PX:
            out = cv2.GaussianBlur(out, (0, 0), self.d.blur_sigma_px)
        if self.bank is None:
            return out
        k, dy, dx = (int(v) for v in self.rng.integers(0, [NOISE_BANK, out.shape[0], out.shape[1]]))
        noise = np.roll(self.bank[k], (dy, dx), axis=(0, 1))
        return np.clip(out.astype(np.int16) + noise, 0, 255).astype(np.uint8)
