"""Camera-like degradation of rendered frames: optics blur, sensor noise, H.264 compression.

Deterministic for a seed. H.264 goes through PyAV's libx264 (as :mod:`vision.analysis.h264`
writes the product's videos) at a CRF of 18-32, like a phone or webcam recording.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from vision.analysis.h264 import H264Writer

CRF_RANGE = (18, 32)
"""H.264 constant rate factors of phone/webcam clips (lower = better quality)."""


@dataclass(frozen=True, kw_only=True)
class DegradeSpec:
    blur_sigma_px: float = 0.6
    """Gaussian blur of the optics and demosaicing (px)."""
    noise_sigma: float = 2.0
    """Sensor noise, standard deviation in 8-bit levels (shot-noise-like, more in the dark)."""
    crf: int = 23
    """H.264 CRF when encoding (see :func:`encode_h264`)."""
    seed: int = 0


def random_degrade(seed: int) -> DegradeSpec:
    rng = np.random.default_rng(seed)
    return DegradeSpec(
        blur_sigma_px=float(rng.uniform(0.3, 1.1)),
        noise_sigma=float(rng.uniform(0.8, 4.0)),
        crf=int(rng.integers(CRF_RANGE[0], CRF_RANGE[1] + 1)),
        seed=seed,
    )


class FrameDegrader:
    """Blur + noise per frame; the noise stream continues frame after frame from the seed."""

    def __init__(self, spec: DegradeSpec) -> None:
        self.spec = spec
        self._rng = np.random.default_rng(spec.seed)

    def __call__(self, image_bgr: np.ndarray) -> np.ndarray:
        s = self.spec
        img = image_bgr.astype(np.float32)
        if s.blur_sigma_px > 0:
            img = cv2.GaussianBlur(img, (0, 0), s.blur_sigma_px)
        if s.noise_sigma > 0:
            # Shot noise grows with brightness, read noise is flat: sigma scales ~ sqrt(level).
            scale = np.sqrt(0.25 + img / 255.0)
            img += self._rng.standard_normal(img.shape, dtype=np.float32) * (s.noise_sigma * scale)
        return np.clip(img + 0.5, 0, 255).astype(np.uint8)


def encode_h264(frames: list[np.ndarray], *, path: Path, fps: float, crf: int) -> Path:
    """Write BGR frames as H.264/MP4 at ``crf`` (constant frame rate ``fps``)."""
    if not 0 <= crf <= 51:
        raise ValueError(f"crf {crf} out of range")
    with H264Writer(Path(path), (frames[0].shape[1], frames[0].shape[0]), fps, crf=crf, threads=1) as w:
        for i, f in enumerate(frames):
            w.write(f, float(Fraction(i) / Fraction(fps).limit_denominator(1001)))
    return Path(path)


def h264_roundtrip(frames: list[np.ndarray], *, fps: float, crf: int, workdir: Path) -> list[np.ndarray]:
    """Frames as they come back after H.264 at ``crf`` (compression artefacts included)."""
    path = encode_h264(frames, path=Path(workdir) / "roundtrip.mp4", fps=fps, crf=crf)
    with av.open(str(path)) as c:
        out = [fr.to_ndarray(format="bgr24") for fr in c.decode(video=0)]
    h, w = frames[0].shape[:2]
    return [f[:h, :w] for f in out]
