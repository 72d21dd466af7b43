"""A terminal progress bar for :class:`~vision.analysis.types.Progress` reports."""

from __future__ import annotations

import sys
from typing import TextIO

from vision.analysis.types import Progress


class ProgressBar:
    """Redraws one line: bar, frames, frames/s and time left."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 28) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self._finished = False

    def __call__(self, p: Progress) -> None:
        if self._finished:
            return
        frac = p.fraction
        if frac is None:
            bar = "?" * self.width
            pct = "  ?%"
        else:
            filled = round(frac * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            pct = f"{100 * frac:3.0f}%"
        total = "?" if p.frames_total is None else str(p.frames_total)
        eta = "--:--" if p.eta_s is None else f"{int(p.eta_s) // 60:02d}:{int(p.eta_s) % 60:02d}"
        line = f"\r{self.label} [{bar}] {pct} {p.frames_done}/{total} frames, {p.fps:5.1f} fps, {eta} left"
        self.stream.write(line)
        if frac is not None and frac >= 1.0:
            self._finished = True
            self.stream.write("\n")
        self.stream.flush()
