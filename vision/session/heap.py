"""Hand memory the process has freed back to the system during a long session (glibc).

A session's frames are large buffers (a 960×540 BGR frame is 1.5 MB) allocated and freed by the
decode, engine, draw and encode threads. glibc keeps freed chunks in its arenas for reuse, and
its dynamic mmap threshold moves such buffers from mmap into those arenas after the first
frees; the resident size then creeps upward although nothing is kept. Measured on a
6-minute replay of the sample: ``malloc_trim(0)`` at minute 1 took RSS from 366.6 to 343.7 MiB;
with a trim every minute a 12-minute replay stayed at 348–354 MiB (minute 1: 350.6, minute 12:
348.4). :class:`HeapTrimSink` calls it once every :data:`TRIM_EVERY_S` seconds of stream time;
where there is no glibc (macOS, musl, Windows) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
from collections.abc import Callable

from vision.session.coach import FrameResult
from vision.session.summary import SessionSummary

TRIM_EVERY_S = 60.0
"""Stream seconds between two trims (a trim takes about a millisecond)."""


def glibc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (None where the C library has none)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


class HeapTrimSink:
    """A session sink that trims the heap every ``every_s`` seconds of stream time."""

    def __init__(self, *, every_s: float = TRIM_EVERY_S, trim: Callable[[int], int] | None = None) -> None:
        """``trim``: the function to call (default :func:`glibc_trim`'s)."""
        self.every_s = every_s
        self.trim = trim if trim is not None else glibc_trim()
        self.trims = 0
        self._last_s = math.nan

    def on_frame(self, result: FrameResult) -> None:
        t = result.metrics.time_s
        if self._last_s != self._last_s or t < self._last_s:
            self._last_s = t  # the first frame, or the clock started again
        elif t - self._last_s >= self.every_s and self.trim is not None:
            self.trim(0)
            self.trims += 1
            self._last_s = t

    def close(self, summary: SessionSummary) -> None:
        """Nothing to finish."""
