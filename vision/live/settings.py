"""What one live session is set up with (the suggested duration comes from the one exercise
programme, :mod:`vision.clinic.config`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vision.clinic.config import suggested_minutes
from vision.feedback.cues import CueConfig
from vision.live.store import ClinicStarter

__all__ = ["LiveSettings", "suggested_minutes"]
"""``suggested_minutes``: the one exercise programme's (:data:`vision.clinic.config.PROGRAMME_MINUTES`)."""


@dataclass(frozen=True)
class LiveSettings:
    """Settings of one live session (the pages build it from the sidebar)."""

    lang: str = "en"
    cues: CueConfig = field(default_factory=CueConfig)
    show_cues_on_video: bool = True
    """Draw the current cue on the video."""
    show_status_on_video: bool = True
    """Draw the status strip (posture, glance, last strikes) on the video."""
    record: bool = True
    """Keep the session (landmarks, metrics, summary, plots)."""
    keep_video: bool = False
    """Also keep the raw camera video (only if the user opted in)."""
    data_dir: Path | None = None
    """Where sessions are kept (None: the clinic data folder, see vision.clinic.config)."""
    clinic_start: ClinicStarter | None = field(default=None, compare=False)
    """Also record into the clinic database through this (a patient's ``start_session``)."""
    subject_index: int | None = None
    """Follow this person (index left to right) instead of the automatic choice."""
    backend: str = "onnx"
    threads: int = 1
    """Inference threads: 1 leaves the other core to the browser stream."""
    stats_path: Path | None = None
    """Write live throughput/latency statistics as JSON here (tests, benchmarks)."""
    camera_timeout_s: float = 3.0
    """No frame for this long after the first one: the camera is gone (unplugged, track ended,
    page closed), and the session is finished and kept."""
    first_frame_timeout_s: float = 30.0
    """No first frame for this long after the start: the camera sends nothing; the session ends."""
