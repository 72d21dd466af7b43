"""Hand memory the process has freed back to the system during a long session (glibc).

A session's frames are large buffers (a 960×540 BGR frame is 1.5 MB) allocated and freed by the
decode, engine, draw and encode threads. glibc keeps freed chunks in its arenas for reuse, and
its dynamic mmap threshold moves such buffers from mmap into those arenas after the first
frees; the resident size then creeps upward for an hour (+33 MiB in the 60-minute replay soak,
`python -m vision.bench.soak`) although nothing is kept: ``malloc_trim(0)`` gave it all back in
that soak (366.6 → 343.7 MiB after one minute, and flat after it). :class:`HeapTrimSink` calls it
once every :data:`TRIM_EVERY_S` seconds of stream time; where there is no glibc (macOS, musl,
Windows) it does nothing.
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
