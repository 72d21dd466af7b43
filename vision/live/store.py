"""Keeping a live session: a session folder always, the clinic database when a patient is known.

The folder (``<data dir>/live_sessions/<UTC time>-<id>/``) gets the same files as an offline
analysis (``frames.csv`` streamed and flushed to disk at least once per second, then
``steps.csv``, ``summary.json``, the plots) plus ``cues.csv``, and ``raw.mp4`` only when the
user opted in to keeping video. When a clinic handle is given (a patient's home code or a
clinician's patient), the same frames, steps, glances and cues go through
:class:`vision.clinic.SessionRecorder`, which commits at least every 0.5 s; its errors never
stop the folder from being written (the message is kept in :attr:`RecordingResult.clinic_error`).
"""

from __future__ import annotations

import csv
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from vision.analysis import plots
from vision.analysis.tables import FramesCsv, summary_dict, write_json, write_steps_csv
from vision.core.events import Event, FrameMetrics, GlanceEvent, SessionSummary, StepEvent
from vision.feedback.cues import Cue
from vision.landmarks import LM
from vision.pose_frame import PoseFrame

ClinicStarter = Callable[..., Any]
"""``start(fps=, image_size=, model_version=, settings=) -> SessionRecorder`` (a clinic handle's
``start_session``, bound to the patient)."""

_FEET = (int(LM.LEFT_HEEL), int(LM.RIGHT_HEEL), int(LM.LEFT_FOOT_INDEX), int(LM.RIGHT_FOOT_INDEX))


@dataclass(frozen=True, slots=True)
class RecordingResult:
    """Where a finished live session was kept."""

    folder: Path
    files: dict[str, Path]
    summary: dict
    clinic_session_id: int | None = None
    clinic_error: str | None = None


@dataclass
class _Series:
    """Per-frame values for the plots (the layout :mod:`vision.analysis.plots` expects)."""

    s: plots.Series = field(default_factory=plots.Series)
    contacts: list[tuple[float, str, str]] = field(default_factory=list)


def new_session_folder(data_dir: Path, now: datetime | None = None) -> Path:
    """A fresh, unique folder for one live session under ``data_dir/live_sessions``."""
    now = now or datetime.now(timezone.utc)
    name = f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
    folder = Path(data_dir) / "live_sessions" / name
    folder.mkdir(parents=True, exist_ok=False)
    return folder


class LiveRecording:
    """Stores one live session as it happens; call :meth:`close` once at the end."""

    def __init__(
        self,
        folder: Path,
        image_size: tuple[int, int],
        *,
        clinic: Any | None = None,
        keep_video: bool = False,
        flush_interval_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``image_size`` (w, h) pixels of the first frame; ``clinic`` a ``SessionRecorder``."""
        self.folder = Path(folder)
        self.image_size = image_size
        self.clinic = clinic
        self.clinic_error: str | None = None
        self._clock = clock
        self._flush_s = flush_interval_s
        self._frames_fh = (self.folder / "frames.csv").open("w", newline="")
        self._frames = FramesCsv(self._frames_fh)
        self._cues_fh = (self.folder / "cues.csv").open("w", newline="")
        self._cues = csv.writer(self._cues_fh, lineterminator="\n")
        self._cues.writerow(["time_s", "kind", "key", "message"])
        self._last_flush = clock()
        self._series = _Series()
        self._video = None
        if keep_video:
            from vision.analysis.h264 import H264Writer

            self._video = H264Writer(self.folder / "raw.mp4", image_size[0], image_size[1], 30.0)
        self.frames = 0

    # ------------------------------------------------------------------------------------------
    def append(
        self,
        pose: PoseFrame,
        metrics: FrameMetrics,
        events: list[Event],
        cue: Cue | None = None,
        cue_message: str = "",
        image: np.ndarray | None = None,
    ) -> None:
        """Add one processed frame; ``cue`` only when a new cue started on this frame."""
        self.frames += 1
        size = pose.image_size
        scale = self.image_size[0] / size[0] if size[0] else 1.0
        self._frames.write(pose, metrics, scale, self.image_size)
        self._add_plot_values(pose, metrics, scale)
        if cue is not None:
            self._cues.writerow([f"{cue.started_s:.3f}", cue.kind.value, cue.key, cue_message])
        for e in events:
            if isinstance(e, StepEvent) and e.kind == "contact":
                self._series.contacts.append((e.time_s, e.foot.value, e.strike.value))
        if self._video is not None and image is not None:
            w, h = self.image_size
            frame = image if image.shape[1::-1] == (w, h) else cv2.resize(image, (w, h))
            self._video.write(frame, metrics.time_s)
        if self.clinic is not None and self.clinic_error is None:
            self._to_clinic(pose, metrics, events, cue, cue_message)
        now = self._clock()
        if now - self._last_flush >= self._flush_s:
            self.flush()

    def _add_plot_values(self, pose: PoseFrame, m: FrameMetrics, scale: float) -> None:
        s = self._series.s
        s.t.append(m.time_s)
        s.trunk_lean.append(m.trunk_lean_deg)
        s.head_yaw.append(m.head_yaw_deg)
        s.glance.append(bool(m.in_glance))
        ys = pose.xy[list(_FEET), 1] * scale
        s.heel_y.append((float(ys[0]), float(ys[1])))
        s.toe_y.append((float(ys[2]), float(ys[3])))

    def _to_clinic(
        self, pose: PoseFrame, m: FrameMetrics, events: list[Event], cue: Cue | None, message: str
    ) -> None:
        from vision.clinic import ClinicError
        from vision.clinic import FrameMetrics as ClinicMetrics

        try:
            self.clinic.append_frame(
                pose,
                ClinicMetrics(
                    trunk_lean_deg=m.trunk_lean_deg,
                    head_yaw_deg=m.head_yaw_deg,
                    glance=bool(m.in_glance),
                    upright=m.upright,
                ),
            )
            for e in events:
                if isinstance(e, StepEvent) and e.kind == "contact":
                    self.clinic.add_step(
                        e.foot.value,
                        e.time_s,
                        contact_frame=e.frame_index,
                        strike=e.strike.value,
                        direction=e.direction.value,
                        confidence=e.confidence,
                    )
                elif isinstance(e, GlanceEvent):
                    self.clinic.add_glance(
                        e.start_time_s, e.end_time_s, side=e.side, peak_yaw_deg=e.peak_yaw_deg
                    )
            if cue is not None:
                self.clinic.add_cue(cue.started_s, cue.kind.value, message)
        except ClinicError as exc:
            self.clinic_error = str(exc)

    def flush(self) -> None:
        """Push buffered rows to disk (called at least once per second while frames arrive)."""
        for fh in (self._frames_fh, self._cues_fh):
            fh.flush()
            os.fsync(fh.fileno())
        self._last_flush = self._clock()

    # ------------------------------------------------------------------------------------------
    def close(
        self,
        summary: SessionSummary,
        *,
        backward_s: float,
        extra: dict[str, Any] | None = None,
        upright_limit_deg: float = 10.0,
        status: str = "complete",
    ) -> RecordingResult:
        """Write the tables and plots, end the clinic session; returns where everything is."""
        self.flush()
        self._frames_fh.close()
        self._cues_fh.close()
        if self._video is not None:
            self._video.close()
        folder = self.folder
        data = summary_dict(
            summary, backward_s, {"source": "live", "frames_processed": self.frames, **(extra or {})}
        )
        files: dict[str, Path] = {
            "frames_csv": folder / "frames.csv",
            "cues_csv": folder / "cues.csv",
            "steps_csv": folder / "steps.csv",
            "summary_json": folder / "summary.json",
        }
        write_steps_csv(files["steps_csv"], summary.steps)
        write_json(files["summary_json"], data)
        ser = self._series
        if len(ser.s.t) >= 2:
            files["plot_trunk_yaw"] = folder / "plot_trunk_yaw.png"
            plots.plot_trunk_and_yaw(files["plot_trunk_yaw"], ser.s, upright_limit_deg)
            files["plot_feet"] = folder / "plot_feet.png"
            plots.plot_feet(files["plot_feet"], ser.s, ser.contacts, self.image_size[1])
        counts: dict[str, int] = {}
        for _, _, strike in ser.contacts:
            counts[strike] = counts.get(strike, 0) + 1
        files["plot_strikes"] = folder / "plot_strikes.png"
        plots.plot_strikes(files["plot_strikes"], counts)
        if self._video is not None:
            files["raw_video"] = folder / "raw.mp4"
        clinic_id = None
        if self.clinic is not None:
            clinic_id = self._close_clinic(data, status)
        return RecordingResult(folder, files, data, clinic_id, self.clinic_error)

    def _close_clinic(self, data: dict, status: str) -> int | None:
        from vision.clinic import ClinicError

        try:
            if self.clinic_error is not None:
                self.clinic.close(status="interrupted")
            else:
                self.clinic.close(data, status=status)
            return int(self.clinic.session_id)
        except ClinicError as exc:
            self.clinic_error = str(exc)
            return None


def open_recording(
    data_dir: Path,
    image_size: tuple[int, int],
    *,
    clinic_start: ClinicStarter | None = None,
    keep_video: bool = False,
    settings: dict[str, Any] | None = None,
    model_version: str | None = None,
) -> LiveRecording:
    """Start keeping a session whose first frame is ``image_size`` (w, h) pixels."""
    folder = new_session_folder(data_dir)
    clinic = None
    error = None
    if clinic_start is not None:
        from vision.clinic import ClinicError

        try:
            clinic = clinic_start(
                fps=30.0, image_size=image_size, model_version=model_version, settings=settings or {}
            )
        except ClinicError as exc:
            error = str(exc)
    rec = LiveRecording(folder, image_size, clinic=clinic, keep_video=keep_video)
    rec.clinic_error = error
    return rec
