"""Value types of the offline analysis: progress reports and the result of one video."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    """Where the outputs of one analysed video are, and its summary (as in ``summary.json``)."""

    out_dir: Path
    summary: dict
    files: dict[str, Path] = field(default_factory=dict)


#: Output file names: a public interface (docs/outputs.md).
FILE_NAMES: dict[str, str] = {
    "video": "annotated.mp4",
    "frames_csv": "frames.csv",
    "steps_csv": "steps.csv",
    "summary_json": "summary.json",
    "report": "report.md",
    "plot_trunk_yaw": "plot_trunk_yaw.png",
    "plot_feet": "plot_feet.png",
    "plot_strikes": "plot_strikes.png",
}
