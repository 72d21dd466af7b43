"""Preallocated ring buffer of per-frame channels (float64), shared by the core's detectors.

One row per frame, written in place; the buffer never grows. Channel numbers are the ``C_*``
constants below. Window reads (for event refinement, a few times per second) copy small slices.
Rows are written as Python lists (fast scalar reads); the numpy copy is brought up to date only
when a window is read, a few rows at once (one numpy row write per frame would cost more).
"""

from __future__ import annotations

import numpy as np

# Channels (columns) of the analyzer's ring buffer.
C_T = 0  # timestamp, s
C_FRAME = 1  # frame index
C_VALID = 2  # 1 when the frame had a usable pose
C_PX, C_PY = 3, 4  # pelvis (hip midpoint), px
C_TORSO = 5  # torso length, px
C_FACING = 6  # facing sign along image x (+1 right, -1 left, 0 unknown)
C_SWAP = 7  # 1 when the legs were swapped back in this frame
# Per leg track k (0 = left, 1 = right): heel, toe, ankle xy, knee flexion, Zeni signal; 8·k apart.
C_LEG0 = 8
LEG_HX, LEG_HY, LEG_TX, LEG_TY, LEG_AX, LEG_AY, LEG_KNEE, LEG_REL = range(8)
C_BOX = C_LEG0 + 16  # subject box x0, y0, x1, y1, px
N_CHANNELS = C_BOX + 4


class Ring:
    """Fixed-size ring of rows; ``head`` is the absolute index of the newest row (-1 when empty)."""

    __slots__ = ("_synced", "data", "head", "rows", "size")

    def __init__(self, size: int, channels: int = N_CHANNELS) -> None:
        self.size = size
        self.data = np.full((size, channels), np.nan, dtype=np.float64)
        """The rows as an array, up to date through absolute row ``_synced`` (see :meth:`window`)."""
        self.rows: list[list[float]] = [[float("nan")] * channels for _ in range(size)]
        """The rows as Python lists (fast scalar reads), always up to date."""
        self.head = -1
        self._synced = -1

    def push(self, row: list[float]) -> int:
        """Write the next row (a list of ``channels`` floats); returns its absolute index."""
        self.head = head = self.head + 1
        self.rows[head % self.size][:] = row
        return head

    def _sync(self) -> None:
        """Copy the rows written since the last sync (at most the whole ring) into :attr:`data`."""
        head, n = self.head, self.size
        first = max(self._synced + 1, head - n + 1)
        if first > head:
            return
        idx = [k % n for k in range(first, head + 1)]
        rows = self.rows
        self.data[idx] = [rows[k] for k in idx]
        self._synced = head

    def oldest(self) -> int:
        """Absolute index of the oldest row still held."""
        return max(0, self.head - self.size + 1)

    def value(self, abs_index: int, channel: int) -> float:
        return self.rows[abs_index % self.size][channel]

    def window(self, first: int, last: int) -> np.ndarray:
        """Rows first..last (absolute, inclusive, clipped to what is held) as an array copy."""
        first = max(first, self.oldest())
        last = min(last, self.head)
        if last < first:
            return self.data[:0].copy()
        self._sync()
        idx = np.arange(first, last + 1) % self.size
        return self.data[idx]

    def index_before(self, t_s: float, start: int | None = None) -> int:
        """Absolute index of the newest row with time ≤ ``t_s`` (searching back from ``start``)."""
        i = self.head if start is None else start
        lo = self.oldest()
        rows = self.rows
        n = self.size
        while i > lo and not rows[i % n][C_T] <= t_s:
            i -= 1
        return i

    def advance(self, j: int, t_s: float) -> int:
        """Move a trailing absolute index forward while the next row is at or before ``t_s``."""
        rows, n, head = self.rows, self.size, self.head
        lo = head - n + 1  # the oldest row held (see :meth:`oldest`)
        if lo < 0:
            lo = 0
        if j < lo:
            j = lo
        while j < head and rows[(j + 1) % n][C_T] <= t_s:
            j += 1
        return j
