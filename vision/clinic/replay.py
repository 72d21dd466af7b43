"""Compact landmark storage for replay without the video.

A chunk (about one second of frames) is one zlib-compressed blob::

    b"RWL1" | n: uint32 LE | zlib( timestamps_s  float64[n]
                                 | frame_index   int32[n]
                                 | present       uint8[n]
                                 | xy            float16[n, 33, 2]   (pixels)
                                 | visibility    uint8[n, 33] )      (0..254 -> 0..1, 255 = NaN)

Precision: float16 pixels are exact to 0.25 px below 512 px, 0.5 px below 1024 px and 1 px
below 2048 px; visibility to 1/254. About 2-3 KiB per second at 30 fps.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from vision.landmarks import NUM_LANDMARKS
from vision.pose_frame import PoseFrame

MAGIC = b"RWL1"
_HEADER = struct.Struct("<4sI")
_F16_MAX = 65000.0
_VIS_NAN = 255
_VIS_SCALE = 254.0


class CodecError(ValueError):
    """A blob is not a valid landmark chunk (damaged data)."""


@dataclass(frozen=True, slots=True)
class ReplayFrames:
    """A run of stored frames, as arrays (n frames).

    ``timestamps_s`` (n,) float64 seconds from the stream start; ``frame_index`` (n,) int64;
    ``present`` (n,) bool; ``xy`` (n, 33, 2) float32 pixels (NaN when absent);
    ``visibility`` (n, 33) float32 in [0, 1] (NaN when absent); ``image_size`` (w, h) px.
    """

    timestamps_s: np.ndarray
    frame_index: np.ndarray
    present: np.ndarray
    xy: np.ndarray
    visibility: np.ndarray
    image_size: tuple[int, int] = (0, 0)

    def __len__(self) -> int:
        return int(self.timestamps_s.shape[0])

    @classmethod
    def empty(cls, image_size: tuple[int, int] = (0, 0)) -> ReplayFrames:
        """No frames."""
        return cls(
            np.zeros(0, np.float64),
            np.zeros(0, np.int64),
            np.zeros(0, bool),
            np.zeros((0, NUM_LANDMARKS, 2), np.float32),
            np.zeros((0, NUM_LANDMARKS), np.float32),
            image_size,
        )

    @classmethod
    def concat(cls, parts: Sequence[ReplayFrames], image_size: tuple[int, int] = (0, 0)) -> ReplayFrames:
        """Frames of ``parts`` one after the other."""
        if not parts:
            return cls.empty(image_size)
        return cls(
            np.concatenate([p.timestamps_s for p in parts]),
            np.concatenate([p.frame_index for p in parts]),
            np.concatenate([p.present for p in parts]),
            np.concatenate([p.xy for p in parts]),
            np.concatenate([p.visibility for p in parts]),
            image_size,
        )

    def between(self, start_s: float | None, end_s: float | None) -> ReplayFrames:
        """Frames with ``start_s <= t <= end_s`` (an open bound when ``None``)."""
        keep = np.ones(len(self), bool)
        if start_s is not None:
            keep &= self.timestamps_s >= start_s
        if end_s is not None:
            keep &= self.timestamps_s <= end_s
        return ReplayFrames(
            self.timestamps_s[keep],
            self.frame_index[keep],
            self.present[keep],
            self.xy[keep],
            self.visibility[keep],
            self.image_size,
        )

    def pose_frame(self, i: int) -> PoseFrame:
        """Frame ``i`` as a :class:`PoseFrame` (z, presence and world are not stored: NaN)."""
        ts, idx = float(self.timestamps_s[i]), int(self.frame_index[i])
        if not self.present[i]:
            return PoseFrame.absent(idx, ts, self.image_size)
        return PoseFrame(
            idx, ts, self.image_size, xy=self.xy[i].copy(), visibility=self.visibility[i].copy(), subject_id=0
        )

    def pose_frames(self) -> Iterator[PoseFrame]:
        """All frames as :class:`PoseFrame` objects, in order."""
        for i in range(len(self)):
            yield self.pose_frame(i)


def encode_chunk(
    timestamps_s: np.ndarray,
    frame_index: np.ndarray,
    present: np.ndarray,
    xy: np.ndarray,
    visibility: np.ndarray,
    level: int = 6,
) -> bytes:
    """Pack n frames (shapes as in :class:`ReplayFrames`) into one compressed blob."""
    n = int(np.shape(timestamps_s)[0])
    xy = np.asarray(xy, np.float32).reshape(n, NUM_LANDMARKS, 2)
    vis = np.asarray(visibility, np.float32).reshape(n, NUM_LANDMARKS)
    vis_q = np.where(np.isnan(vis), _VIS_NAN, np.rint(np.clip(np.nan_to_num(vis), 0.0, 1.0) * _VIS_SCALE))
    payload = b"".join(
        (
            np.asarray(timestamps_s, "<f8").reshape(n).tobytes(),
            np.asarray(frame_index, "<i4").reshape(n).tobytes(),
            np.asarray(present, np.uint8).reshape(n).tobytes(),
            np.clip(xy, -_F16_MAX, _F16_MAX).astype("<f2").tobytes(),
            vis_q.astype(np.uint8).tobytes(),
        )
    )
    return _HEADER.pack(MAGIC, n) + zlib.compress(payload, level)


def decode_chunk(blob: bytes, image_size: tuple[int, int] = (0, 0)) -> ReplayFrames:
    """Unpack a blob written by :func:`encode_chunk`; raises :class:`CodecError` if damaged."""
    if len(blob) < _HEADER.size:
        raise CodecError("landmark chunk is truncated")
    magic, n = _HEADER.unpack_from(blob)
    if magic != MAGIC:
        raise CodecError("landmark chunk has an unknown format")
    try:
        payload = zlib.decompress(blob[_HEADER.size :])
    except zlib.error as exc:
        raise CodecError(f"landmark chunk is damaged ({exc})") from exc
    sizes = (8 * n, 4 * n, n, 2 * n * NUM_LANDMARKS * 2, n * NUM_LANDMARKS)
    if len(payload) != sum(sizes):
        raise CodecError("landmark chunk has the wrong size")
    offsets = np.cumsum((0, *sizes))
    part = [payload[offsets[i] : offsets[i + 1]] for i in range(len(sizes))]
    vis_q = np.frombuffer(part[4], np.uint8).reshape(n, NUM_LANDMARKS)
    vis = np.where(vis_q == _VIS_NAN, np.nan, vis_q / _VIS_SCALE).astype(np.float32)
    return ReplayFrames(
        np.frombuffer(part[0], "<f8").astype(np.float64),
        np.frombuffer(part[1], "<i4").astype(np.int64),
        np.frombuffer(part[2], np.uint8).astype(bool),
        np.frombuffer(part[3], "<f2").astype(np.float32).reshape(n, NUM_LANDMARKS, 2),
        vis,
        image_size,
    )
