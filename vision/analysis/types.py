"""Value types of the offline analysis: progress reports and the result of one video."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vision.session.summary import SessionSummary
from vision.session.video_sink import DrawnCue


@dataclass(frozen=True, slots=True, kw_only=True)
class Progress:
    """How far an analysis is: frames done, of how many (None if unknown), speed, time left (s)."""

    frames_done: int
    frames_total: int | None
    fps: float
    eta_s: float | None

    @property
    def fraction(self) -> float | None:
        """Share done in [0, 1], or None when the total is unknown."""
        if not self.frames_total:
            return None
        return min(1.0, self.frames_done / self.frames_total)


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysisResult:
    """Where the outputs of one analysed (or replayed) video are, and its summary."""

    out_dir: Path
    summary: SessionSummary
    files: dict[str, Path] = field(default_factory=dict)
    drawn_cues: list[DrawnCue] = field(default_factory=list)
    """The cues the annotated video shows, in order (see :mod:`vision.session.video_sink`)."""
