"""Test media made by the tests themselves: rotated, variable-frame-rate and person-free clips."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from vision.analysis.h264 import H264Writer
from vision.video import iter_video

# tkhd display matrices (16.16 fixed point a, b, u, c, d, v, x, y and 2.30 w) for a clockwise turn.
_MATRICES = {
    90: (0, 1 << 16, 0, -(1 << 16) & 0xFFFFFFFF, 0, 0, 0, 0, 1 << 30),
    180: (-(1 << 16) & 0xFFFFFFFF, 0, 0, 0, -(1 << 16) & 0xFFFFFFFF, 0, 0, 0, 1 << 30),
    270: (0, -(1 << 16) & 0xFFFFFFFF, 0, 1 << 16, 0, 0, 0, 0, 1 << 30),
}


def rotated_copy(src: Path, dst: Path, degrees: int) -> None:
    """Copy an MP4, setting the video track's display matrix as a phone does for portrait video."""
    data = bytearray(src.read_bytes())
    i = data.find(b"tkhd")
    assert i > 0, "no tkhd box"
    version = data[i + 4]
    # After 'tkhd': version/flags (4), times and ids (20 or 32), reserved (8), layer.. (8).
    offset = i + 4 + 4 + (32 if version == 1 else 20) + 8 + 8
    data[offset : offset + 36] = struct.pack(">9I", *_MATRICES[degrees])
    dst.write_bytes(bytes(data))


def vfr_copy(src: Path, dst: Path, seed: int = 0, max_frames: int = 120) -> list[float]:
    """Re-encode with irregular frame intervals (20–50 ms); returns the timestamps written."""
    rng = np.random.default_rng(seed)
    frames = [f.image for f in iter_video(src)][:max_frames]
    h, w = frames[0].shape[:2]
    t, times = 0.0, []
    with H264Writer(dst, (w, h), 30.0) as out:
        for image in frames:
            out.write(image, t)
            times.append(t)
            t += float(rng.uniform(0.020, 0.050))
    return times


def empty_room(dst: Path, seconds: float = 2.0) -> None:
    """A clip of a plain room without anybody in it."""
    y = np.linspace(0, 1, 360)[:, None, None]
    base = (np.array([200, 190, 180]) * (1 - 0.3 * y)).astype(np.uint8) * np.ones((1, 640, 1), np.uint8)
    with H264Writer(dst, (640, 360), 30.0) as out:
        for i in range(round(seconds * 30)):
            out.write(base, i / 30)
