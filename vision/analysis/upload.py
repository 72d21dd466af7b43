"""An uploaded video, analysed and stored in the clinic in one pass (no CSV read back).

:func:`analyze_upload` runs ``retrowalk analyze`` with the clinic sink
(:class:`vision.session.clinic_sink.ClinicSink`) among the session's sinks: the clinic gets the
same frames, steps, glances, cues and typed summary as the result folder, as they are made.
A clinic error never costs the folder (it is reported in :attr:`UploadResult.clinic_error`);
a failed analysis ends the clinic session as ``interrupted``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vision.analysis.pipeline import ProgressCallback, RunOptions, run_video
from vision.analysis.types import AnalysisResult
from vision.session.clinic_sink import ClinicSink
from vision.video import probe_video

ClinicStarter = Callable[..., Any]
"""``start(source=, fps=, image_size=, model_version=, settings=) -> SessionRecorder``: a patient's
``start_session``, or a clinician's bound to the patient (``functools.partial``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadResult:
    """The analysis folder and where the clinic keeps the session (None after a clinic error)."""

    analysis: AnalysisResult
    clinic_session_id: int | None
    clinic_error: str | None


def engine_size(width: int, height: int, work_max_side: int) -> tuple[int, int]:
    """The size of the engine's copy of a frame (the pixels the clinic's landmarks are in)."""
    side = max(width, height)
    if side <= work_max_side:
        return width, height
    k = work_max_side / side
    return round(width * k), round(height * k)


def analyze_upload(
    video_path: str | Path,
    out_dir: str | Path,
    *,
    start_session: ClinicStarter,
    progress: ProgressCallback | None = None,
    **options: object,
) -> UploadResult:
    """Analyze ``video_path`` into ``out_dir`` and into a new ``upload`` session of the clinic."""
    from vision.clinic import ClinicError

    opts = RunOptions(**options)
    info = probe_video(Path(video_path))
    settings = {"uploaded_file": Path(video_path).name, "language": opts.lang}
    try:
        recorder = start_session(
            source="upload",
            fps=info.fps or None,
            image_size=engine_size(info.width, info.height, opts.work_max_side),
            model_version=opts.backend,
            settings=settings,
        )
        sink = ClinicSink(recorder)
    except ClinicError as exc:
        sink = ClinicSink(None, error=str(exc))
    opts = RunOptions(**{**options, "extra_sinks": (*opts.extra_sinks, sink)})
    try:
        result = run_video(video_path, out_dir, options=opts, progress=progress)
    except BaseException:
        if sink.recorder is not None and not sink.recorder.closed:
            sink.recorder.close(status="interrupted")
        raise
    return UploadResult(analysis=result, clinic_session_id=sink.session_id, clinic_error=sink.error)
