"""Analyze one video end to end: pose → coaching core → annotated video, tables, plots, report.

Frames stream through four threads joined by short queues, so that both cores of a small machine
stay busy: a decoder thread reads ahead and scales each frame for the engine and for the
annotated video; the main thread runs the pose engine (with a short look-ahead for the subject
choice); a post thread runs the core, the tables and the drawing; an encoder thread writes the
annotated H.264 video. Only the small output copy of a frame waits for the look-ahead, so memory
stays bounded whatever the length; the outputs are written into a hidden temporary folder and
moved into place only when complete.
"""

from __future__ import annotations

import os
import resource
import shutil
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import cv2
import numpy as np

import vision
from vision.analysis import plots
from vision.analysis.annotate import Annotator
from vision.analysis.h264 import H264Writer
from vision.analysis.report import write_report
from vision.analysis.stages import NoTimes, Stage, StageTimes, close_all, prefetch
from vision.analysis.tables import FramesCsv, summary_dict, write_json, write_steps_csv
from vision.analysis.types import FILE_NAMES, AnalysisResult, Progress
from vision.core import CoachConfig, Direction, StreamingAnalyzer
from vision.engine.factory import create_backend
from vision.engine.lookahead import LookaheadTracker
from vision.landmarks import LM
from vision.model_files import verify_models
from vision.pose_frame import PoseFrame
from vision.video import iter_video, probe_video

ProgressCallback = Callable[[Progress], None]

#: libx264 settings of the annotated video. The quality is set by crf 23 in any case; "superfast"
#: with macroblock-tree rate control gives files about the size of "veryfast" ones at half the
#: CPU time (≈2.4 against ≈4.5 ms per 960×540 frame), and one thread wastes the least CPU.
VIDEO_PRESET = "superfast"
VIDEO_X264_PARAMS = "mbtree=1:rc-lookahead=10"
VIDEO_THREADS = 1
#: Decoder and encoder threads run at this ``nice`` so that the pose thread, the critical path,
#: gets a core whenever it is ready.
BACKGROUND_NICENESS = 5


class AnalysisError(RuntimeError):
    """The video was read but cannot give a result (e.g. nobody in it)."""


@dataclass(slots=True)
class _Frame:
    """A decoded frame as the pipeline carries it: the engine's copy and the output's copy."""

    index: int
    timestamp_s: float
    work: np.ndarray | None
    out: np.ndarray
    scale: float  # engine pixels → video pixels


def _out_size(w: int, h: int, max_side: int) -> tuple[int, int]:
    k = min(1.0, max_side / max(w, h))
    return max(2, round(w * k / 2) * 2), max(2, round(h * k / 2) * 2)


def _decoded(path: Path, work_max_side: int, out_size: tuple[int, int], timer: StageTimes):
    """The video's frames, each scaled for the engine and for the annotated video."""
    frames = iter_video(path)
    while True:
        t0 = timer.now()
        frame = next(frames, None)
        if frame is None:
            return
        t0 = timer.lap("decode", t0)
        image = frame.image
        work, scale = image, 1.0
        if max(image.shape[:2]) > work_max_side:
            scale = max(image.shape[:2]) / work_max_side
            work = cv2.resize(image, None, fx=1 / scale, fy=1 / scale, interpolation=cv2.INTER_AREA)
        if (image.shape[1], image.shape[0]) == out_size:
            out = image.copy()
        else:
            out = cv2.resize(image, out_size, interpolation=cv2.INTER_AREA)
        timer.lap("scale", t0)
        yield _Frame(frame.index, frame.timestamp_s, work, out, scale)


def analyze_video(
    video_path: str | Path,
    out_dir: str | Path,
    *,
    backend: str = "onnx",
    subject_index: int | None = None,
    subject_point: tuple[float, float] | None = None,
    progress: ProgressCallback | None = None,
    threads: int = 2,
    device: str = "cpu",
    video_max_side: int = 960,
    work_max_side: int = 1920,
    lookahead_s: float = 0.5,
    coach_config: CoachConfig | None = None,
    timings: StageTimes | None = None,
) -> AnalysisResult:
    """Analyze ``video_path`` into ``out_dir`` (created or replaced only when complete).

    ``subject_point`` is in the video's pixels. ``device``: ``cpu`` or ``cuda`` for the pose
    engine. ``timings``, when given, collects per-stage times (for the benchmark; off by default).
    Raises :class:`~vision.video.VideoError` for an unusable file and :class:`AnalysisError` when
    nobody is found in it.
    """
    video_path, out_dir = Path(video_path), Path(out_dir)
    info = probe_video(video_path)
    model_files = verify_models()
    tmp = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        summary = _run(
            video_path,
            tmp,
            info,
            backend,
            subject_index,
            subject_point,
            progress,
            threads,
            device,
            video_max_side,
            work_max_side,
            lookahead_s,
            coach_config or CoachConfig(),
            model_files,
            timings or NoTimes(),
        )
        _replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    files = {k: out_dir / name for k, name in FILE_NAMES.items() if (out_dir / name).exists()}
    return AnalysisResult(out_dir, summary, files)


def _replace_dir(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _run(
    video_path,
    tmp,
    info,
    backend_name,
    subject_index,
    subject_point,
    progress,
    threads,
    device,
    video_max_side,
    work_max_side,
    lookahead_s,
    cfg,
    model_files,
    timer,
) -> dict:
    fps = info.fps or 30.0
    pose_backend = create_backend(backend_name, threads=threads, device=device)
    tracker = LookaheadTracker(pose_backend, round(lookahead_s * fps))
    analyzer = StreamingAnalyzer(cfg)
    out_w, out_h = _out_size(info.width, info.height, video_max_side)
    annotator = Annotator(info.duration_s or 0.0, cfg)
    writer = H264Writer(
        tmp / FILE_NAMES["video"],
        out_w,
        out_h,
        fps,
        preset=VIDEO_PRESET,
        threads=VIDEO_THREADS,
        x264_params=VIDEO_X264_PARAMS,
    )
    series = plots.Series()
    held: deque[_Frame] = deque()
    pick = subject_index is not None or subject_point is not None
    t_start = time.perf_counter()
    last_report = 0.0
    frames_done = 0
    tally = {"present": 0, "backward_s": 0.0}
    prev_t: list[float] = []
    size = (info.width, info.height)

    def encode(frame: _Frame) -> None:
        t0 = timer.now()
        writer.write(frame.out, frame.timestamp_s)
        timer.lap("encode", t0)

    encoder = Stage(encode, "analysis-encode", niceness=BACKGROUND_NICENESS)

    with (tmp / FILE_NAMES["frames_csv"]).open("w", newline="") as csv_file:
        table = FramesCsv(csv_file)

        def consume(job: tuple[_Frame, PoseFrame]) -> None:
            """Core, tables and drawing of one frame (in the post thread, in frame order)."""
            frame, pose = job
            t0 = timer.now()
            metrics, events = analyzer.update(pose)
            t0 = timer.lap("core", t0)
            table.write(pose, metrics, frame.scale, size)
            tally["present"] += pose.present
            if prev_t and metrics.direction == Direction.BACKWARD:
                tally["backward_s"] += min(frame.timestamp_s - prev_t[0], 0.5)
            prev_t[:] = [frame.timestamp_s]
            series.t.append(frame.timestamp_s)
            series.trunk_lean.append(metrics.trunk_lean_deg)
            series.head_yaw.append(metrics.head_yaw_deg)
            series.glance.append(metrics.in_glance)
            xy = pose.xy * frame.scale
            series.heel_y.append((xy[LM.LEFT_HEEL, 1], xy[LM.RIGHT_HEEL, 1]))
            series.toe_y.append((xy[LM.LEFT_FOOT_INDEX, 1], xy[LM.RIGHT_FOOT_INDEX, 1]))
            t0 = timer.lap("tables", t0)
            annotator.draw(frame.out, pose, metrics, events, out_w / info.width * frame.scale)
            timer.lap("draw", t0)
            encoder.put(frame)

        post = Stage(consume, "analysis-post")
        frames = prefetch(
            _decoded(video_path, work_max_side, (out_w, out_h), timer),
            name="analysis-decode",
            niceness=BACKGROUND_NICENESS,
        )
        failed = True
        try:
            for frame in frames:
                work, frame.work = frame.work, None  # only the output copy waits for the look-ahead
                held.append(frame)
                t0 = timer.now()
                poses = tracker.push(work, frame.timestamp_s)
                timer.lap("pose", t0)
                for pose in poses:
                    post.put((held.popleft(), pose))
                if pick and pose_backend.people():
                    pt = (
                        None
                        if subject_point is None
                        else (subject_point[0] / frame.scale, subject_point[1] / frame.scale)
                    )
                    pick = not pose_backend.select_subject(index=subject_index, point=pt)
                frames_done += 1
                now = time.perf_counter()
                if progress and (now - last_report > 0.25 or frames_done == info.frame_count):
                    last_report = now
                    rate = frames_done / max(now - t_start, 1e-6)
                    left = None if not info.frame_count else max(0, info.frame_count - frames_done) / rate
                    progress(Progress(frames_done, info.frame_count, rate, left))
            for pose in tracker.flush():
                post.put((held.popleft(), pose))
            failed = False
        finally:
            close_all(
                [
                    lambda f: frames.close(),  # stops the decoder thread at once
                    lambda f: post.close(abort=f),
                    lambda f: encoder.close(abort=f),
                    lambda f: writer.close(),
                    lambda f: pose_backend.close(),
                ],
                failed,
            )

    present, backward_time = tally["present"], tally["backward_s"]
    elapsed = time.perf_counter() - t_start
    if progress:
        progress(Progress(frames_done, frames_done, frames_done / max(elapsed, 1e-6), 0.0))
    if present == 0:
        raise AnalysisError(f"{video_path}: no person was found in any of its {frames_done} frames")
    summ = analyzer.summary()
    contacts = [(s.contact_time_s, s.foot.value, s.strike.value) for s in summ.steps]
    extra = {
        "video": {
            "file": video_path.name,
            "width": info.width,
            "height": info.height,
            "fps": info.fps,
            "frames": frames_done,
            "rotation_deg": info.rotation_deg,
            "codec": info.codec,
        },
        "model": {
            "backend": backend_name,
            "files": {name: path.name for name, path in model_files.items()},
        },
        "annotated_video": {
            "codec": "h264",
            "encoder": f"libx264 (PyAV), preset {VIDEO_PRESET}",
            "width": out_w,
            "height": out_h,
        },
        "processing": {
            "seconds": round(elapsed, 2),
            "fps": round(frames_done / max(elapsed, 1e-6), 2),
            "realtime_factor": round((summ.duration_s or 0.0) / max(elapsed, 1e-6), 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "threads": threads,
        },
        "app_version": vision.__version__,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    if present / max(frames_done, 1) < 0.2:
        extra["warnings"] = [f"the subject was seen in only {present} of {frames_done} frames"]
    summary = summary_dict(summ, backward_time, extra)
    write_steps_csv(tmp / FILE_NAMES["steps_csv"], summ.steps)
    write_json(tmp / FILE_NAMES["summary_json"], summary)
    plots.plot_trunk_and_yaw(tmp / FILE_NAMES["plot_trunk_yaw"], series, cfg.upright_max_lean_deg)
    plots.plot_feet(tmp / FILE_NAMES["plot_feet"], series, contacts, info.height)
    counts: dict[str, int] = {}
    for _, _, strike in contacts:
        counts[strike] = counts.get(strike, 0) + 1
    plots.plot_strikes(tmp / FILE_NAMES["plot_strikes"], counts)
    files = {k: tmp / n for k, n in FILE_NAMES.items() if (tmp / n).exists()}
    write_report(tmp / FILE_NAMES["report"], video_path.name, summary, files)
    return summary
