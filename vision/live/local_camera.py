"""Local-camera mode (no WebRTC): read the camera with OpenCV on this machine, paced.

:func:`camera_frames` yields frames from a camera index (``vision.video.iter_camera``) or, for
demos and tests, from a video file played at its own speed (so it behaves like a camera).
:class:`Pacer` decides which annotated frames to push to the page (``st.image``) so the page
is updated at a steady rate instead of as fast as frames come.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np

from vision.video import VideoFrame, iter_camera, iter_video


def parse_source(text: str | int) -> int | Path:
    """A camera index (``"0"``) or a video file path (anything else)."""
    if isinstance(text, int):
        return text
    s = str(text).strip()
    return int(s) if s.isdigit() else Path(s)


def camera_frames(
    source: int | Path,
    *,
    size: tuple[int, int] | None = (640, 480),
    loop: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[VideoFrame]:
    """Frames of a camera (index) or of a video file replayed in real time (optionally looped).

    Timestamps are seconds of a monotonic clock since the first frame. Raises
    :class:`vision.video.VideoError` for a missing camera or an unusable file.
    """
    if isinstance(source, int):
        yield from iter_camera(source, size)
        return
    t0 = clock()
    offset = 0.0
    index = 0
    while True:
        last = 0.0
        for f in iter_video(source, max_side=max(size) if size else None):
            due = t0 + offset + f.timestamp_s
            wait = due - clock()
            if wait > 0:
                sleep(wait)
            last = f.timestamp_s
            yield VideoFrame(index, clock() - t0, f.image)
            index += 1
        if not loop:
            return
        offset += last + 1 / 30


class Pacer:
    """True at most ``rate_hz`` times per second (clock seconds)."""

    def __init__(self, rate_hz: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.period_s = 1.0 / rate_hz
        self._clock = clock
        self._next = -1e18

    def due(self) -> bool:
        now = self._clock()
        if now < self._next:
            return False
        self._next = max(self._next + self.period_s, now)
        return True


def jpeg(image_bgr: np.ndarray, quality: int = 80) -> bytes:
    """JPEG bytes of a BGR image (for ``st.image``)."""
    ok, buf = cv2.imencode(".jpg", image_bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return buf.tobytes()
