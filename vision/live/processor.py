"""Live frame processing with bounded latency: newest frame wins, older ones are dropped.

The frame source (the WebRTC callback, or the local-camera loop) calls :meth:`LiveProcessor.handle`
for every frame: it puts the frame into a one-slot mailbox (replacing a frame still waiting
there, which is then *dropped*) and draws the latest processed result onto the frame it was
given — so the video keeps its frame rate while the pose engine runs as fast as it can in a
worker thread (onnxruntime with 1 thread by default). Nothing is ever queued: latency stays
bounded by one inference plus the wait for the current one to finish.

Per processed frame the worker runs the pose engine, then the session's
:class:`~vision.session.coach.CoachSession` (core → cues → setup advice → counters → the sinks
that keep the session). Times: every frame's capture time (seconds) is made relative to the
session's first frame (:class:`~vision.session.clock.StreamClock`), so all stored times are
seconds from the session start.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vision.engine.base import PoseBackend
from vision.feedback import Cue, CueKind, Translator, fold_ascii
from vision.live.annotate import Overlay, draw_overlay, status_items
from vision.live.settings import LiveSettings
from vision.live.stats import LatencyWindow, RateMeter
from vision.live.store import LiveRecording, RecordingResult, open_recording
from vision.session.clock import StreamClock
from vision.session.coach import CoachSession, CoachSettings, FrameResult
from vision.session.counters import CounterValues
from vision.session.heap import HeapTrimSink
from vision.session.summary import RunFacts, SessionSummary

log = logging.getLogger(__name__)

STATS_INTERVAL_S = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveSnapshot:
    """The live state for the page (copied under a lock; safe to read from any thread)."""

    ready: bool
    """The pose engine is loaded."""
    error: str | None
    elapsed_s: float
    """Wall-clock seconds since the first frame."""
    frames_received: int
    frames_processed: int
    frames_dropped: int
    fps: float
    """Frames processed per second (last 2 s)."""
    latency_p50_ms: float
    latency_p95_ms: float
    """Arrival of a frame → its result ready (ms)."""
    counters: CounterValues | None
    cue: Cue | None
    guidance: tuple[str, ...]
    halted: CueKind | None
    """FALL or STUMBLE once the session was stopped for safety."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionResult:
    """What a finished live session leaves: the last snapshot, the summary, where it is kept."""

    snapshot: LiveSnapshot
    summary: SessionSummary | None
    recording: RecordingResult | None
    halted: CueKind | None


class LiveProcessor:
    """One live session's processing (see the module docstring). Start, feed, snapshot, stop."""

    def __init__(
        self,
        settings: LiveSettings,
        *,
        backend: PoseBackend | None = None,
        backend_factory: Callable[[], PoseBackend] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.tr = Translator(settings.lang)
        self.backend = backend
        self._factory = backend_factory or self._default_backend
        self._clock = clock
        self.session = CoachSession(
            CoachSettings(cues=settings.cues, lang=settings.lang), sinks=[HeapTrimSink()]
        )
        self.recording: LiveRecording | None = None
        self._cond = threading.Condition()
        self._lock = threading.Lock()
        self._slot: tuple[np.ndarray, float, float] | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._overlay: Overlay | None = None
        self._ready = False
        self._error: str | None = None
        self._halted: CueKind | None = None
        self._received = 0
        self._processed = 0
        self._dropped = 0
        self._first_wall = math.nan
        self._last_wall = math.nan
        self._started_wall = clock()
        self._stream_time = StreamClock()
        self._offset = math.inf
        self._latency = LatencyWindow()
        self._capture_latency = LatencyWindow()
        self._work = LatencyWindow()
        self._rate = RateMeter()
        self._cue: Cue | None = None
        self._guidance: tuple[str, ...] = ()
        self._counter_values: CounterValues | None = None
        self._last_stats = -math.inf
        self._subject_request: int | bool | None = False

    def _default_backend(self) -> PoseBackend:
        from vision.engine.factory import create_backend

        return create_backend(self.settings.backend, threads=self.settings.threads)

    # ---- lifecycle ---------------------------------------------------------------------------
    def start(self) -> LiveProcessor:
        """Start the worker (it loads the pose engine first if none was given)."""
        if self._thread is None:
            self._started_wall = self._clock()
            self._thread = threading.Thread(target=self._run, name="retrowalk-live", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout_s: float = 10.0) -> SessionResult:
        """Stop the worker, finish the summary and the stored session."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout_s)
        summary = rec = None
        if self._processed:
            run = RunFacts(
                source="live",
                language=self.settings.lang,
                frames_processed=self._processed,
                halted=self._halted.value if self._halted else None,
                cues=len(self.session.cues.history),
            )
            summary = self.session.close(run)
            if self.recording is not None:
                rec = self.recording.result(summary)
        self._write_stats(force=True)
        return SessionResult(snapshot=self.snapshot(), summary=summary, recording=rec, halted=self._halted)

    def request_subject(self, index: int | None) -> None:
        """Follow person ``index`` (left to right) from the next frame; None: automatic."""
        with self._lock:
            self._subject_request = index

    # ---- frame source side -------------------------------------------------------------------
    def submit(self, image_bgr: np.ndarray, capture_time_s: float | None = None) -> None:
        """Offer a frame to the worker (never blocks; a frame still waiting is dropped)."""
        now = self._clock()
        t = now if capture_time_s is None else float(capture_time_s)
        with self._cond:
            self._received += 1
            if self._first_wall != self._first_wall:
                self._first_wall = now
            self._last_wall = now
            if self._slot is not None:
                self._dropped += 1
            self._slot = (image_bgr, t, now)
            self._cond.notify()

    def render(self, image_bgr: np.ndarray) -> np.ndarray:
        """Draw the latest result onto ``image_bgr`` (in place) and return it."""
        with self._lock:
            ov = self._overlay
        s = self.settings
        draw_overlay(
            image_bgr,
            ov,
            status=s.show_status_on_video,
            cue=s.show_cues_on_video,
            waiting_text=fold_ascii(self.tr("status.starting")),
        )
        return image_bgr

    def handle(self, image_bgr: np.ndarray, capture_time_s: float | None = None) -> np.ndarray:
        """Submit a copy of the frame for processing and return the frame with the overlay."""
        self.submit(image_bgr.copy(), capture_time_s)
        return self.render(image_bgr)

    def frame_age(self) -> tuple[int, float]:
        """(frames received, seconds since the last one arrived — or since :meth:`start` when
        none has yet): how the camera watchdog of :class:`vision.live.LiveHolder` sees a stall."""
        now = self._clock()
        with self._cond:
            n, last = self._received, self._last_wall
        return n, now - (last if n else self._started_wall)

    def snapshot(self) -> LiveSnapshot:
        """The state now, for the page."""
        now = self._clock()
        with self._lock:
            return LiveSnapshot(
                ready=self._ready,
                error=self._error,
                elapsed_s=now - self._first_wall if self._first_wall == self._first_wall else 0.0,
                frames_received=self._received,
                frames_processed=self._processed,
                frames_dropped=self._dropped,
                fps=self._rate.rate(now),
                latency_p50_ms=self._latency.percentile_ms(50),
                latency_p95_ms=self._latency.percentile_ms(95),
                counters=self._counter_values,
                cue=self._cue,
                guidance=self._guidance,
                halted=self._halted,
            )

    # ---- worker ------------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            if self.backend is None:
                self.backend = self._factory()
            else:
                self.backend.reset()
            with self._lock:
                self._ready = True
            while True:
                with self._cond:
                    while self._slot is None and not self._stopping:
                        self._cond.wait(0.5)
                    if self._stopping:
                        return
                    item, self._slot = self._slot, None
                if self._halted is None:
                    try:
                        self._process(*item)
                    except Exception as exc:  # shown on the page; the video keeps flowing
                        self._fail(exc)
                self._write_stats()
        except Exception as exc:
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        if self._error is None:
            log.exception("live processing failed")
        with self._lock:
            self._error = f"{type(exc).__name__}: {exc}"

    def _process(self, image: np.ndarray, capture_t: float, arrival: float) -> None:
        began = self._clock()
        backend = self.backend
        assert backend is not None
        with self._lock:
            req, self._subject_request = self._subject_request, False
        if req is not False:
            backend.select_subject(index=req if isinstance(req, int) else None)
        pose = backend.process(image, self._stream_time(capture_t))
        if self.settings.record and self.recording is None:
            self.recording = self._open_recording(pose.image_size)
            for sink in self.recording.sinks:
                self.session.add_sink(sink)
        scale = 1.0
        if self.recording is not None and pose.image_size[0]:
            scale = self.recording.image_size[0] / pose.image_size[0]
        keep = image if self.settings.keep_video else None
        result = self.session.feed(pose, image=keep, to_video_scale=scale)
        overlay = self._overlay_of(result, backend)
        done = self._clock()
        self._offset = min(self._offset, arrival - capture_t)
        cue = result.cue
        with self._lock:
            self._overlay = overlay
            self._processed += 1
            self._latency.add(done - arrival)
            self._work.add(done - began)
            self._capture_latency.add(done - (capture_t + self._offset))
            self._rate.tick(done)
            self._cue = cue
            self._guidance = result.guidance
            self._counter_values = result.counters
            if cue is not None and cue.critical:
                self._halted = cue.kind

    def _overlay_of(self, result: FrameResult, backend: PoseBackend) -> Overlay:
        """What the video shows until the next frame is processed."""
        others = [(i, p) for i, p in enumerate(backend.people()) if not p.is_subject]
        items = status_items(
            result.metrics, result.counters, self.tr, no_glance_s=self.settings.cues.no_glance_s
        )
        words = result.cue_words
        return Overlay(
            pose=result.pose,
            items=items,
            cue_text=fold_ascii(words) if words else None,
            others=tuple(np.asarray(p.box, np.float32) for _, p in others),
            other_labels=tuple(f"#{i}" for i, _ in others),
            alert=result.cue is not None and result.cue.critical,
        )

    def _open_recording(self, image_size: tuple[int, int]) -> LiveRecording:
        from vision.clinic.config import resolve_data_dir

        s = self.settings
        settings = {"language": s.lang, "no_glance_s": s.cues.no_glance_s, "goal_s": s.cues.goal_s}
        return open_recording(
            resolve_data_dir(s.data_dir),
            image_size,
            clinic_start=s.clinic_start,
            keep_video=s.keep_video,
            settings=settings,
            model_version=getattr(self.backend, "name", None),
            upright_limit_deg=self.session.config.upright_max_lean_deg,
            lang=s.lang,
        )

    def _write_stats(self, force: bool = False) -> None:
        path = self.settings.stats_path
        now = self._clock()
        if path is None or (not force and now - self._last_stats < STATS_INTERVAL_S):
            return
        self._last_stats = now
        snap = self.snapshot()
        c = snap.counters
        with self._lock:
            cap50 = self._capture_latency.percentile_ms(50)
            cap95 = self._capture_latency.percentile_ms(95)
            lat_max = self._latency.max_ms()
            work50, work95 = self._work.percentile_ms(50), self._work.percentile_ms(95)
        data = {
            "ready": snap.ready,
            "error": snap.error,
            "elapsed_s": snap.elapsed_s,
            "frames_received": snap.frames_received,
            "frames_processed": snap.frames_processed,
            "frames_dropped": snap.frames_dropped,
            "fps_processed": snap.fps,
            "latency_ms": {"p50": snap.latency_p50_ms, "p95": snap.latency_p95_ms, "max": lat_max},
            "capture_latency_ms": {"p50": cap50, "p95": cap95},
            "processing_ms": {"p50": work50, "p95": work95},
            "cues": [(q.kind.value, q.key) for q in self.session.cues.history],
            "steps": c.steps if c else 0,
            "glances": c.glances if c else 0,
            "skeleton": bool(self._overlay is not None and self._overlay.pose.present),
            "halted": snap.halted.value if snap.halted else None,
        }
        _atomic_write(Path(path), json.dumps(data, allow_nan=True))


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    tmp.replace(path)
