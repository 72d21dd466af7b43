"""Keeping a live session: a session folder always, the clinic database when a patient is known.

The folder (``<data dir>/live_sessions/<UTC time>-<id>/``) is written by the same result folder
sink as ``retrowalk analyze`` (:mod:`vision.session.folder`, ``frames.csv`` flushed to disk at
least once per second) plus ``cues.csv``, and ``raw.mp4`` only when the user opted in to
keeping video. When a clinic handle is given (a patient's home code or a clinician's patient),
the session also goes through :class:`vision.session.clinic_sink.ClinicSink`; its errors never
stop the folder from being written (the message is kept in :attr:`RecordingResult.clinic_error`).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import cv2

from vision.session.clinic_sink import ClinicSink
from vision.session.coach import FrameResult, Sink
from vision.session.folder import FolderOptions, ResultFolderSink
from vision.session.formats import FILE_NAMES
from vision.session.summary import SessionSummary

ClinicStarter = Callable[..., Any]
"""``start(fps=, image_size=, model_version=, settings=) -> SessionRecorder`` (a clinic handle's
``start_session``, bound to the patient)."""

NOMINAL_FPS = 30.0
"""Nominal camera frame rate (frames/s) given to ``raw.mp4`` and the clinic session; frames
carry their own times."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordingResult:
    """Where a finished live session was kept."""

    folder: Path
    files: dict[str, Path]
    summary: SessionSummary
    clinic_session_id: int | None = None
    clinic_error: str | None = None


def new_session_folder(data_dir: Path, now: datetime | None = None) -> Path:
    """A fresh, unique folder for one live session under ``data_dir/live_sessions``."""
    now = now or datetime.now(timezone.utc)
    name = f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
    folder = Path(data_dir) / "live_sessions" / name
    folder.mkdir(parents=True, exist_ok=False)
    return folder


class RawVideoSink:
    """``raw.mp4``: the camera frames as they came (only when the user opted in)."""

    def __init__(self, path: Path, size: tuple[int, int]) -> None:
        from vision.analysis.h264 import H264Writer

        self.path, self.size = path, size
        self._video = H264Writer(path, size, NOMINAL_FPS)

    def on_frame(self, result: FrameResult) -> None:
        image = result.image
        if image is None:
            return
        w, h = self.size
        frame = image if image.shape[1::-1] == (w, h) else cv2.resize(image, (w, h))
        self._video.write(frame, result.metrics.time_s)

    def close(self, summary: SessionSummary) -> None:
        self._video.close()


class LiveRecording:
    """The sinks that keep one live session (folder, optional raw video, optional clinic)."""

    def __init__(
        self,
        folder: Path,
        image_size: tuple[int, int],
        *,
        clinic: ClinicSink | None = None,
        keep_video: bool = False,
        upright_limit_deg: float = 10.0,
        lang: str = "en",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``image_size`` (w, h) pixels of the first frame; ``lang``: the plots' language."""
        self.folder = Path(folder)
        self.image_size = image_size
        opts = FolderOptions(cues=True, upright_limit_deg=upright_limit_deg, lang=lang)
        self.result_folder = ResultFolderSink(self.folder, image_size, options=opts, clock=clock)
        self.raw = RawVideoSink(self.folder / FILE_NAMES["raw_video"], image_size) if keep_video else None
        self.clinic = clinic

    @property
    def sinks(self) -> list[Sink]:
        """In the order they get each frame."""
        return [s for s in (self.result_folder, self.raw, self.clinic) if s is not None]

    def result(self, summary: SessionSummary) -> RecordingResult:
        """Where the closed session is (after the sinks were closed with ``summary``)."""
        c = self.clinic
        return RecordingResult(
            folder=self.folder,
            files=dict(self.result_folder.files),
            summary=summary,
            clinic_session_id=None if c is None else c.session_id,
            clinic_error=None if c is None else c.error,
        )


def open_recording(
    data_dir: Path,
    image_size: tuple[int, int],
    *,
    clinic_start: ClinicStarter | None = None,
    keep_video: bool = False,
    settings: dict[str, Any] | None = None,
    model_version: str | None = None,
    upright_limit_deg: float = 10.0,
    lang: str = "en",
) -> LiveRecording:
    """Start keeping a session whose first frame is ``image_size`` (w, h) pixels."""
    folder = new_session_folder(data_dir)
    clinic = None
    if clinic_start is not None:
        from vision.clinic import ClinicError

        try:
            recorder = clinic_start(
                fps=NOMINAL_FPS, image_size=image_size, model_version=model_version, settings=settings or {}
            )
            clinic = ClinicSink(recorder)
        except ClinicError as exc:
            clinic = ClinicSink(None, error=str(exc))
    return LiveRecording(
        folder,
        image_size,
        clinic=clinic,
        keep_video=keep_video,
        upright_limit_deg=upright_limit_deg,
        lang=lang,
    )
