"""Analyze one video end to end: pose → coaching core → annotated video, tables, plots, report.

Frames stream through: a decoder thread reads ahead a few frames, the main thread runs the pose
engine (with a short look-ahead for the subject choice) and the core, an encoder thread writes
the annotated H.264 video. Memory stays bounded whatever the length; the outputs are written
into a hidden temporary folder and moved into place only when complete.
"""

from __future__ import annotations

import os
import queue
import resource
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import cv2
import numpy as np

import vision
from vision.analysis import plots
from vision.analysis.annotate import Annotator
from vision.analysis.h264 import H264Writer
from vision.analysis.report import write_report
from vision.analysis.tables import FramesCsv, summary_dict, write_json, write_steps_csv
from vision.analysis.types import FILE_NAMES, AnalysisResult, Progress
from vision.core import CoachConfig, Direction, StreamingAnalyzer
from vision.engine.factory import create_backend
from vision.engine.lookahead import LookaheadTracker
from vision.landmarks import LM
from vision.model_files import verify_models
from vision.pose_frame import PoseFrame
from vision.video import VideoFrame, iter_video, probe_video

ProgressCallback = Callable[[Progress], None]


class AnalysisError(RuntimeError):
    """The video was read but cannot give a result (e.g. nobody in it)."""


def _prefetch(frames: Iterator[VideoFrame], depth: int = 4) -> Iterator[VideoFrame]:
    """Decode in a background thread, at most ``depth`` frames ahead."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def run() -> None:
        try:
            for f in frames:
                while not stop.is_set():
                    try:
                        q.put(f, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            q.put(done)
        except BaseException as exc:  # handed to the consumer
            q.put(exc)

    th = threading.Thread(target=run, daemon=True)
    th.start()
    try:
        while True:
            item = q.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


class _EncoderThread:
    """Encodes frames off the main thread; at most ``depth`` frames wait."""

    def __init__(self, writer: H264Writer, depth: int = 4) -> None:
        self._writer = writer
        self._q: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._th = threading.Thread(target=self._run, daemon=True)
        self._th.start()

    def _run(self) -> None:
        while True:
            item = self._q.get()
            if item is None:
                return
            try:
                self._writer.write(*item)
            except BaseException as exc:
                self._error = exc
                return

    def put(self, image: np.ndarray, t: float) -> None:
        if self._error:
            raise self._error
        self._q.put((image, t))

    def close(self) -> None:
        self._q.put(None)
        self._th.join()
        self._writer.close()
        if self._error:
            raise self._error


def _out_size(w: int, h: int, max_side: int) -> tuple[int, int]:
    k = min(1.0, max_side / max(w, h))
    return max(2, round(w * k / 2) * 2), max(2, round(h * k / 2) * 2)


def analyze_video(
    video_path: str | Path,
    out_dir: str | Path,
    *,
    backend: str = "onnx",
    subject_index: int | None = None,
    subject_point: tuple[float, float] | None = None,
    progress: ProgressCallback | None = None,
    threads: int = 2,
    video_max_side: int = 960,
    work_max_side: int = 1920,
    lookahead_s: float = 0.5,
    coach_config: CoachConfig | None = None,
) -> AnalysisResult:
    """Analyze ``video_path`` into ``out_dir`` (created or replaced only when complete).

    ``subject_point`` is in the video's pixels. Raises :class:`~vision.video.VideoError` for an
    unusable file and :class:`AnalysisError` when nobody is found in it.
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
            video_max_side,
            work_max_side,
            lookahead_s,
            coach_config or CoachConfig(),
            model_files,
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
    video_max_side,
    work_max_side,
    lookahead_s,
    cfg,
    model_files,
) -> dict:
    fps = info.fps or 30.0
    pose_backend = create_backend(backend_name, threads=threads)
    tracker = LookaheadTracker(pose_backend, round(lookahead_s * fps))
    analyzer = StreamingAnalyzer(cfg)
    out_w, out_h = _out_size(info.width, info.height, video_max_side)
    annotator = Annotator(info.duration_s or 0.0, cfg)
    encoder = _EncoderThread(H264Writer(tmp / FILE_NAMES["video"], out_w, out_h, fps))
    series = plots.Series()
    held: deque[tuple[VideoFrame, float]] = deque()
    pick = subject_index is not None or subject_point is not None
    t_start = time.perf_counter()
    last_report = 0.0
    frames_done = present = 0
    backward_time = 0.0
    prev_t: float | None = None
    size = (info.width, info.height)

    with (tmp / FILE_NAMES["frames_csv"]).open("w", newline="") as csv_file:
        table = FramesCsv(csv_file)

        def consume(pose: PoseFrame) -> None:
            nonlocal present, backward_time, prev_t
            frame, scale = held.popleft()
            metrics, events = analyzer.update(pose)
            table.write(pose, metrics, scale, size)
            present += pose.present
            if prev_t is not None and metrics.direction == Direction.BACKWARD:
                backward_time += min(frame.timestamp_s - prev_t, 0.5)
            prev_t = frame.timestamp_s
            series.t.append(frame.timestamp_s)
            series.trunk_lean.append(metrics.trunk_lean_deg)
            series.head_yaw.append(metrics.head_yaw_deg)
            series.glance.append(metrics.in_glance)
            xy = pose.xy * scale
            series.heel_y.append((xy[LM.LEFT_HEEL, 1], xy[LM.RIGHT_HEEL, 1]))
            series.toe_y.append((xy[LM.LEFT_FOOT_INDEX, 1], xy[LM.RIGHT_FOOT_INDEX, 1]))
            image = cv2.resize(frame.image, (out_w, out_h), interpolation=cv2.INTER_AREA)
            annotator.draw(image, pose, metrics, events, out_w / frame.image.shape[1] * scale)
            encoder.put(image, frame.timestamp_s)

        try:
            for frame in _prefetch(iter_video(video_path)):
                work = frame.image
                scale = 1.0
                if max(work.shape[:2]) > work_max_side:
                    scale = max(work.shape[:2]) / work_max_side
                    work = cv2.resize(work, None, fx=1 / scale, fy=1 / scale, interpolation=cv2.INTER_AREA)
                held.append((frame, scale))
                for pose in tracker.push(work, frame.timestamp_s):
                    consume(pose)
                if pick and pose_backend.people():
                    pt = (
                        None
                        if subject_point is None
                        else (subject_point[0] / scale, subject_point[1] / scale)
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
                consume(pose)
        finally:
            encoder.close()
            pose_backend.close()

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
        "annotated_video": {"codec": "h264", "encoder": "libx264 (PyAV)", "width": out_w, "height": out_h},
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
