"""The session's per-frame gait inputs, kept whole for the offline decode at summary time.

One row per valid frame: the analyzer's ring row (:mod:`vision.core.ring` channels) plus the
frame's walking direction and view codes. Appending is O(1) per frame; :meth:`GaitHistory.arrays`
turns them into dense per-frame arrays over the session's frame range (gaps as NaN).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.core import ring as rb
from vision.core.events import Direction, View

DIRECTIONS = tuple(Direction)
"""Direction codes: index into this tuple (−1 = no valid frame)."""
VIEWS = tuple(View)


@dataclass(frozen=True, kw_only=True, slots=True)
class GaitArrays:
    """Dense per-frame inputs over frames ``frame[0]..frame[-1]`` (F frames, NaN where no pose).

    ``t`` (F,) s; ``frame`` (F,) int; ``torso`` (F,) px; ``pelvis_x`` (F,) px; ``facing`` (F,) ±1/0;
    ``legs`` (F, 2, 8) the ring's per-leg columns (heel x, y, toe x, y, ankle x, y, knee, Zeni
    signal; leg 0 = left); ``direction`` (F,) and ``view`` (F,) int codes (−1 where no pose)."""

    t: np.ndarray
    frame: np.ndarray
    torso: np.ndarray
    pelvis_x: np.ndarray
    facing: np.ndarray
    legs: np.ndarray
    direction: np.ndarray
    view: np.ndarray

    @property
    def n(self) -> int:
        return int(self.frame.shape[0])


class GaitHistory:
    """Append-only store of the session's ring rows (see module docstring)."""

    __slots__ = ("_codes", "_rows")

    def __init__(self) -> None:
        self._rows: list[list[float]] = []
        self._codes: list[tuple[int, int]] = []

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, row: list[float], *, direction: Direction, view: View) -> None:
        """Keep a copy of one valid frame's ring row with its direction and view."""
        self._rows.append(list(row))
        self._codes.append((DIRECTIONS.index(direction), VIEWS.index(view)))

    def arrays(self) -> GaitArrays | None:
        """Dense arrays over the frame range (None with fewer than 2 rows)."""
        if len(self._rows) < 2:
            return None
        rows = np.asarray(self._rows, dtype=np.float64)
        codes = np.asarray(self._codes, dtype=np.int64)
        fr = rows[:, rb.C_FRAME].astype(np.int64)
        keep = np.concatenate([[True], np.diff(fr) > 0])  # frames strictly increasing
        rows, codes, fr = rows[keep], codes[keep], fr[keep]
        f0 = int(fr[0])
        n = int(fr[-1]) - f0 + 1
        dense = np.full((n, rows.shape[1]), np.nan)
        dense[fr - f0] = rows
        code = np.full((n, 2), -1, dtype=np.int64)
        code[fr - f0] = codes
        t = dense[:, rb.C_T]
        t = _fill_times(t, np.arange(n))
        legs = np.stack(
            [dense[:, rb.C_LEG0 : rb.C_LEG0 + 8], dense[:, rb.C_LEG0 + 8 : rb.C_LEG0 + 16]], axis=1
        )
        return GaitArrays(
            t=t,
            frame=np.arange(f0, f0 + n),
            torso=dense[:, rb.C_TORSO],
            pelvis_x=dense[:, rb.C_PX],
            facing=np.nan_to_num(dense[:, rb.C_FACING]),
            legs=legs,
            direction=code[:, 0],
            view=code[:, 1],
        )


def _fill_times(t: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Timestamps of frames without a pose, interpolated linearly from their neighbours."""
    ok = np.isfinite(t)
    if ok.all():
        return t
    return np.interp(idx, idx[ok], t[ok])
