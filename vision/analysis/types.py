"""Value types of the offline analysis: run options, progress reports, the result of one video."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vision.core import CoachConfig
from vision.session.coach import Sink
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


@dataclass(frozen=True, slots=True, kw_only=True)
class RunOptions:
    """How one video is run (pixels, seconds; see :func:`analyze_video`)."""

    backend: str = "onnx"
    subject_index: int | None = None
    subject_point: tuple[float, float] | None = None
    """In the video's pixels."""
    threads: int = 2
    device: str = "cpu"
    """Pose engine device: ``cpu`` or ``cuda`` (:mod:`vision.engine.providers`)."""
    video_max_side: int = 960
    """Longer side of the annotated video (px)."""
    work_max_side: int = 1920
    """Longer side of the engine's copy of a frame (px)."""
    lookahead_s: float = 0.5
    """How long the subject choice may look ahead (s); ``replay`` uses none."""
    replay: bool = False
    """Feed the frames as a camera would (no look-ahead) and write ``cues.csv``."""
    lang: str = "en"
    """Language of the cues drawn on the video and logged in ``cues.csv``, of the plots and the report."""
    display_name: str | None = None
    """The clip's name as its user knows it (an upload's file name): the report's title and
    ``summary.json``'s ``video.file``; ``None``: the file's own name."""
    coach_config: CoachConfig | None = None
    extra_sinks: tuple[Sink, ...] = field(default=())
    """More sinks for the session (e.g. the clinic's)."""
