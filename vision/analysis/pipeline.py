"""Analyze or replay one video end to end: pose → coaching session → annotated video, tables,
plots, report.

Frames stream through four threads joined by short queues, so that both cores of a small machine
stay busy: a decoder thread reads ahead and scales each frame for the engine and for the
annotated video; the main thread runs the pose engine; a post thread feeds the
:class:`~vision.session.coach.CoachSession` (core, cues, counters) whose sinks write the tables
and draw the frame; an encoder thread writes the annotated H.264 video. The outputs are written
into a hidden temporary folder and moved into place only when complete.

``analyze`` gives the engine a short look-ahead for the subject choice
(:class:`~vision.engine.lookahead.LookaheadTracker`; only the small output copy of a frame
waits for it, so memory stays bounded whatever the length). ``replay`` feeds the frames exactly
as a camera would, one after the other with no look-ahead and no pacing, and also writes the
cue log ``cues.csv``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from vision.analysis.run import VideoRun
from vision.analysis.stages import NoTimes, StageTimes
from vision.analysis.types import AnalysisResult, Progress, RunOptions
from vision.model_files import verify_models
from vision.session.formats import FILE_NAMES
from vision.session.heap import HeapTrimSink
from vision.video import probe_video

ProgressCallback = Callable[[Progress], None]

__all__ = ["AnalysisError", "RunOptions", "analyze_video", "replay_video", "run_video"]


class AnalysisError(RuntimeError):
    """The video was read but cannot give a result (e.g. nobody in it)."""


def analyze_video(
    video_path: str | Path,
    out_dir: str | Path,
    *,
    progress: ProgressCallback | None = None,
    timings: StageTimes | None = None,
    **options: object,
) -> AnalysisResult:
    """Analyze ``video_path`` into ``out_dir`` (created or replaced only when complete).

    ``options`` are the fields of :class:`RunOptions`. ``timings``, when given, collects
    per-stage times (for the benchmark; off by default). Raises
    :class:`~vision.video.VideoError` for an unusable file and :class:`AnalysisError` when
    nobody is found in it.
    """
    return run_video(video_path, out_dir, options=RunOptions(**options), progress=progress, timings=timings)


def replay_video(
    video_path: str | Path,
    out_dir: str | Path,
    *,
    progress: ProgressCallback | None = None,
    **options: object,
) -> AnalysisResult:
    """``retrowalk replay``: the video through the live coach, as a camera would feed it."""
    opts = RunOptions(**{**options, "replay": True, "lookahead_s": 0.0})
    return run_video(video_path, out_dir, options=opts, progress=progress)


def run_video(
    video_path: str | Path,
    out_dir: str | Path,
    *,
    options: RunOptions,
    progress: ProgressCallback | None = None,
    timings: StageTimes | None = None,
) -> AnalysisResult:
    """Run one video with ``options`` into ``out_dir`` (see :func:`analyze_video`)."""
    video_path, out_dir = Path(video_path), Path(out_dir)
    options = replace(options, extra_sinks=(*options.extra_sinks, HeapTrimSink()))
    info = probe_video(video_path)
    model_files = verify_models()
    tmp = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        run = VideoRun(
            video_path,
            tmp,
            info=info,
            options=options,
            model_files=model_files,
            timer=timings or NoTimes(),
        )
        summary, drawn = run.run(progress)
        if summary is None:
            raise AnalysisError(f"{video_path}: no person was found in any of its {run.frames_done} frames")
        _replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    files = {k: out_dir / name for k, name in FILE_NAMES.items() if (out_dir / name).exists()}
    return AnalysisResult(out_dir=out_dir, summary=summary, files=files, drawn_cues=drawn)


def _replace_dir(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
