"""H.264 MP4 writing with PyAV's bundled libx264, so annotated videos play in any browser.

OpenCV's ``mp4v`` (MPEG-4 Part 2) does not play in browsers; PyAV wheels ship FFmpeg with
libx264. Frames are BGR uint8; sizes are padded to even numbers (yuv420p needs them).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

CODEC = "libx264"


class H264Writer:
    """Write BGR frames with their timestamps (seconds) to an H.264/MP4 file."""

    def __init__(
        self,
        path: Path,
        size: tuple[int, int],
        fps: float,
        *,
        crf: int = 23,
        preset: str = "veryfast",
        threads: int = 0,
        x264_params: str | None = None,
    ) -> None:
        """``threads``: libx264's threads (0: its own choice, about 1.5 per core);
        ``x264_params``: extra libx264 settings, ``key=value:key=value``."""
        self.path = Path(path)
        width, height = size
        self.width = width + (width % 2)
        self.height = height + (height % 2)
        self._container = av.open(str(self.path), mode="w")
        rate = Fraction(fps).limit_denominator(1001) if fps > 0 else Fraction(30)
        self._stream = self._container.add_stream(CODEC, rate=rate)
        self._stream.width = self.width
        self._stream.height = self.height
        self._stream.pix_fmt = "yuv420p"
        self._stream.time_base = Fraction(1, 90000)
        self._stream.codec_context.time_base = Fraction(1, 90000)
        self._stream.options = {"crf": str(crf), "preset": preset, "movflags": "+faststart"}
        if x264_params:
            self._stream.options["x264-params"] = x264_params
        if threads:
            self._stream.codec_context.thread_count = threads
        self._last_pts = -1
        self.frames = 0

    def write(self, image_bgr: np.ndarray, timestamp_s: float) -> None:
        """Append one frame shown at ``timestamp_s`` (variable frame rate is kept)."""
        h, w = image_bgr.shape[:2]
        if (w, h) != (self.width, self.height):
            padded = np.zeros((self.height, self.width, 3), np.uint8)
            padded[: min(h, self.height), : min(w, self.width)] = image_bgr[: self.height, : self.width]
            image_bgr = padded
        # OpenCV's BGR→I420 matches swscale's BT.601 conversion to within rounding, at a third of the cost.
        yuv = cv2.cvtColor(np.ascontiguousarray(image_bgr), cv2.COLOR_BGR2YUV_I420)
        frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
        pts = max(round(timestamp_s * 90000), self._last_pts + 1)
        self._last_pts = pts
        frame.pts = pts
        frame.time_base = Fraction(1, 90000)
        for packet in self._stream.encode(frame):
            self._container.mux(packet)
        self.frames += 1

    def close(self) -> None:
        """Flush the encoder and finish the file."""
        if self._container is None:
            return
        for packet in self._stream.encode():
            self._container.mux(packet)
        self._container.close()
        self._container = None

    def __enter__(self) -> H264Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
