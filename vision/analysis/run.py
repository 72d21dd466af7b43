"""The threads of one video run (see :mod:`vision.analysis.pipeline`): decode, pose, post, encode.

:class:`VideoRun` owns the pose engine, the encoder and the :class:`CoachSession` with its
sinks (the result folder, the annotated video, any extra ones); it only moves frames between
threads, in order. Each method does one stage.
"""

from __future__ import annotations

import resource
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import cv2
import numpy as np

import vision
from vision.analysis.h264 import H264Writer
from vision.analysis.stages import Stage, StageTimes, close_all, prefetch
from vision.analysis.types import Progress, RunOptions
from vision.engine.base import PoseBackend
from vision.engine.factory import create_backend
from vision.engine.lookahead import LookaheadTracker
from vision.model_files import file_sha256
from vision.pose_frame import PoseFrame
from vision.session.clock import StreamClock
from vision.session.coach import CoachSession, CoachSettings, FrameResult, Sink
from vision.session.folder import FolderOptions, ResultFolderSink
from vision.session.formats import FILE_NAMES
from vision.session.summary import (
    EncodingFacts,
    ModelFacts,
    ProcessingFacts,
    RunFacts,
    SessionSummary,
    VideoFacts,
)
from vision.session.video_sink import AnnotatedVideoSink, DrawnCue
from vision.video import VideoInfo, iter_video

#: libx264 settings of the annotated video. The quality is set by crf 23 in any case; "superfast"
#: with macroblock-tree rate control gives files about the size of "veryfast" ones at half the
#: CPU time (≈2.4 against ≈4.5 ms per 960×540 frame), and one thread wastes the least CPU.
VIDEO_PRESET = "superfast"
VIDEO_X264_PARAMS = "mbtree=1:rc-lookahead=10"
VIDEO_THREADS = 1
#: Decoder and encoder threads run at this ``nice`` so that the pose thread, the critical path,
#: gets a core whenever it is ready.
BACKGROUND_NICENESS = 5
PROGRESS_INTERVAL_S = 0.25
"""Shortest wall time between two progress reports."""
FEW_FRAMES_SHARE = 0.2
"""Below this share of frames with the subject, the summary carries a warning."""


@dataclass(slots=True, kw_only=True)
class _Frame:
    """A decoded frame as the pipeline carries it: the engine's copy and the output's copy."""

    index: int
    timestamp_s: float
    work: np.ndarray | None
    out: np.ndarray
    scale: float  # engine pixels → video pixels


def out_size(w: int, h: int, max_side: int) -> tuple[int, int]:
    """Even (w, h) of the annotated video, the longer side at most ``max_side``."""
    k = min(1.0, max_side / max(w, h))
    return max(2, round(w * k / 2) * 2), max(2, round(h * k / 2) * 2)


def _decoded(path: Path, work_max_side: int, size: tuple[int, int], *, timer: StageTimes) -> Iterator[_Frame]:
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
        if (image.shape[1], image.shape[0]) == size:
            out = image.copy()
        else:
            out = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        timer.lap("scale", t0)
        yield _Frame(index=frame.index, timestamp_s=frame.timestamp_s, work=work, out=out, scale=scale)


class _Camera:
    """Replay's pose step: each frame straight through the engine, in stream time (no look-ahead)."""

    def __init__(self, backend: PoseBackend) -> None:
        self.backend = backend
        self._clock = StreamClock()

    def push(self, image: np.ndarray, timestamp_s: float) -> list[PoseFrame]:
        return [self.backend.process(image, self._clock(timestamp_s))]

    def flush(self) -> list[PoseFrame]:
        return []


class _TimedSink:
    """A sink whose ``on_frame`` time goes into a stage of the :class:`StageTimes`."""

    def __init__(self, sink: Sink, stage: str, timer: StageTimes) -> None:
        self.sink, self.stage, self.timer = sink, stage, timer
        self.last_s = 0.0

    def on_frame(self, result: FrameResult) -> None:
        t0 = self.timer.now()
        self.sink.on_frame(result)
        self.last_s = self.timer.now() - t0
        self.timer.lap(self.stage, t0)

    def close(self, summary: SessionSummary) -> None:
        self.sink.close(summary)


class VideoRun:
    """One video through the engine and a coaching session (call :meth:`run` once)."""

    def __init__(
        self,
        video_path: Path,
        folder: Path,
        *,
        info: VideoInfo,
        options: RunOptions,
        model_files: dict[str, Path],
        timer: StageTimes,
    ) -> None:
        self.video_path, self.folder, self.info = video_path, folder, info
        self.opts, self.model_files, self.timer = options, model_files, timer
        self.fps = info.fps or 30.0
        self.size = out_size(info.width, info.height, options.video_max_side)
        self.frames_done = 0
        self.backend = create_backend(options.backend, threads=options.threads, device=options.device)
        if options.replay:
            self.poser = _Camera(self.backend)
        else:
            self.poser = LookaheadTracker(self.backend, round(options.lookahead_s * self.fps))
        self.writer = H264Writer(
            folder / FILE_NAMES["video"],
            self.size,
            self.fps,
            preset=VIDEO_PRESET,
            threads=VIDEO_THREADS,
            x264_params=VIDEO_X264_PARAMS,
        )
        self.encoder = Stage(self._encode, "analysis-encode", niceness=BACKGROUND_NICENESS)
        self.session = self._session()

    def _session(self) -> CoachSession:
        o, info = self.opts, self.info
        session = CoachSession(CoachSettings(core=o.coach_config, lang=o.lang))
        cfg = session.config
        folder_opts = FolderOptions(
            cues=o.replay,
            report_title=o.display_name or self.video_path.name,
            upright_limit_deg=cfg.upright_max_lean_deg,
            lang=o.lang,
        )
        self.result_folder = ResultFolderSink(self.folder, (info.width, info.height), options=folder_opts)
        self.video = AnnotatedVideoSink(
            lambda image, t: self.encoder.put((image, t)),
            duration_s=info.duration_s or 0.0,
            out_per_video_px=self.size[0] / info.width,
            lang=o.lang,
            no_glance_s=session.cues.cfg.no_glance_s,
        )
        self._timed = [
            _TimedSink(self.result_folder, "tables", self.timer),
            _TimedSink(self.video, "draw", self.timer),
        ]
        for sink in [*self._timed, *o.extra_sinks]:
            session.add_sink(sink)
        return session

    # ---- stages --------------------------------------------------------------------------------
    def _encode(self, item: tuple[np.ndarray, float]) -> None:
        t0 = self.timer.now()
        self.writer.write(*item)
        self.timer.lap("encode", t0)

    def _consume(self, job: tuple[_Frame, PoseFrame]) -> None:
        """The coaching session on one frame (the post thread, in frame order)."""
        frame, pose = job
        t0 = self.timer.now()
        self.session.feed(pose, image=frame.out, to_video_scale=frame.scale)
        sinks_s = sum(s.last_s for s in self._timed)  # timed as "tables" and "draw"
        self.timer.add("core", (self.timer.now() - t0 - sinks_s) * 1000.0)

    def _select_subject(self, frame: _Frame) -> bool:
        """Pass the asked-for subject on once people are seen; True while still to be done."""
        o = self.opts
        if not self.backend.people():
            return True
        pt = (
            None
            if o.subject_point is None
            else (o.subject_point[0] / frame.scale, o.subject_point[1] / frame.scale)
        )
        return not self.backend.select_subject(index=o.subject_index, point=pt)

    def _pose_loop(self, post: Stage, progress: Callable[[Progress], None] | None) -> None:
        """The main thread: decoded frames → pose engine → the post thread."""
        held: deque[_Frame] = deque()
        pick = self.opts.subject_index is not None or self.opts.subject_point is not None
        frames = prefetch(
            _decoded(self.video_path, self.opts.work_max_side, self.size, timer=self.timer),
            name="analysis-decode",
            niceness=BACKGROUND_NICENESS,
        )
        self._frames_iter = frames
        last_report = 0.0
        for frame in frames:
            work, frame.work = frame.work, None  # only the output copy waits for the look-ahead
            held.append(frame)
            t0 = self.timer.now()
            poses = self.poser.push(work, frame.timestamp_s)
            self.timer.lap("pose", t0)
            for pose in poses:
                post.put((held.popleft(), pose))
            if pick:
                pick = self._select_subject(frame)
            self.frames_done += 1
            now = time.perf_counter()
            total = self.info.frame_count
            if progress and (now - last_report > PROGRESS_INTERVAL_S or self.frames_done == total):
                last_report = now
                progress(self._progress(now))
        for pose in self.poser.flush():
            post.put((held.popleft(), pose))

    def _progress(self, now: float) -> Progress:
        rate = self.frames_done / max(now - self._t_start, 1e-6)
        total = self.info.frame_count
        left = None if not total else max(0, total - self.frames_done) / rate
        return Progress(frames_done=self.frames_done, frames_total=total, fps=rate, eta_s=left)

    # ---- the run -------------------------------------------------------------------------------
    def run(
        self, progress: Callable[[Progress], None] | None
    ) -> tuple[SessionSummary | None, list[DrawnCue]]:
        """All frames through; the summary (None when nobody was seen) and the cues drawn."""
        self._t_start = time.perf_counter()
        self._frames_iter = None
        post = Stage(self._consume, "analysis-post")
        failed = True
        try:
            self._pose_loop(post, progress)
            failed = False
        finally:
            close_all(
                [
                    lambda f: self._frames_iter is not None and self._frames_iter.close(),
                    lambda f: post.close(abort=f),
                    lambda f: self.encoder.close(abort=f),
                    lambda f: self.writer.close(),
                    lambda f: self.backend.close(),
                ],
                failed,
            )
        elapsed = time.perf_counter() - self._t_start
        if progress:
            n = self.frames_done
            progress(Progress(frames_done=n, frames_total=n, fps=n / max(elapsed, 1e-6), eta_s=0.0))
        if self.session.present_frames == 0:
            self.result_folder.abort()
            return None, []
        return self.session.close(self._facts(elapsed)), list(self.video.drawn_cues)

    def _facts(self, elapsed: float) -> RunFacts:
        info, o, n = self.info, self.opts, self.frames_done
        present = self.session.present_frames
        duration = self.session.analyzer.summary().duration_s or 0.0
        warnings = ()
        if present / max(n, 1) < FEW_FRAMES_SHARE:
            warnings = (f"the subject was seen in only {present} of {n} frames",)
        return RunFacts(
            source="replay" if o.replay else "analyze",
            language=o.lang,
            cues=len(self.session.cues.history),
            video=VideoFacts(
                file=o.display_name or self.video_path.name,
                width=info.width,
                height=info.height,
                fps=info.fps,
                frames=n,
                rotation_deg=info.rotation_deg,
                codec=info.codec,
            ),
            model=ModelFacts(
                backend=o.backend, files={p.name: file_sha256(p) for p in self.model_files.values()}
            ),
            annotated_video=EncodingFacts(
                codec="h264",
                encoder=f"libx264 (PyAV), preset {VIDEO_PRESET}",
                width=self.size[0],
                height=self.size[1],
            ),
            processing=ProcessingFacts(
                seconds=round(elapsed, 2),
                fps=round(n / max(elapsed, 1e-6), 2),
                realtime_factor=round(duration / max(elapsed, 1e-6), 2),
                peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                threads=o.threads,
            ),
            app_version=vision.__version__,
            created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            warnings=warnings,
        )
