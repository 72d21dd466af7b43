"""One browser session's live coach: owns the pose engine across sessions, one processor at a time.

:class:`LiveHolder` lives in Streamlit's session state. The page calls :meth:`LiveHolder.begin`
when the camera starts and :meth:`LiveHolder.finish` when it stops; the frame source (the
WebRTC callback, from aiortc's thread) calls :meth:`LiveHolder.process_bgr` or
:meth:`LiveHolder.video_frame_callback` for every frame. The pose engine is kept between
sessions, so only the first start waits for the models to load.

A watchdog thread per session finishes it (and so keeps it) when the camera stops sending
frames for ``LiveSettings.camera_timeout_s`` — an unplugged camera, an ended track, a closed or
reloaded page: :attr:`LiveHolder.end_reason` then says why, for the page's message.
"""

from __future__ import annotations

import secrets
import threading
import time
from enum import Enum
from typing import Any

import numpy as np

from vision.engine.base import PoseBackend
from vision.live.processor import LiveProcessor, LiveSnapshot, SessionResult
from vision.live.settings import LiveSettings

WATCH_INTERVAL_S = 0.25
"""How often the camera watchdog looks at the running session."""


class EndReason(str, Enum):
    """Why the last session ended."""

    STOPPED = "stopped"
    """The page ended it (STOP, a mode switch, a safety alert)."""
    CAMERA_ENDED = "camera_ended"
    """streamlit-webrtc reported the camera track ended (STOP, connection closed)."""
    CAMERA_LOST = "camera_lost"
    """Frames stopped coming for ``camera_timeout_s`` (camera unplugged, page gone)."""
    NO_CAMERA = "no_camera"
    """No first frame within ``first_frame_timeout_s``."""
    INTERRUPTED = "interrupted"
    """Finished from another page because its own page went away (reload, tab closed)."""


class LiveHolder:
    """Thread-safe owner of the current :class:`LiveProcessor` (None between sessions)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processor: LiveProcessor | None = None
        self._backend: PoseBackend | None = None
        self._backend_key: tuple[str, int] | None = None
        self.session_uid = ""
        """Changes with every session (speech de-duplication, widget keys)."""
        self.last_result: SessionResult | None = None
        self._warming: threading.Thread | None = None
        self._finish_lock = threading.Lock()
        self.camera_ended = False
        """Set when the camera track ended (STOP, tab closed, connection lost) or stopped sending
        frames and the session was finished from there; the page clears it once the camera
        shows as stopped."""
        self.end_reason: EndReason | None = None
        """Why the last session ended (None while one runs or before the first)."""

    @property
    def active(self) -> bool:
        """True while a session runs."""
        return self._processor is not None

    @property
    def processor(self) -> LiveProcessor | None:
        return self._processor

    def warm_up(self, settings: LiveSettings) -> None:
        """Load the pose engine in the background (call when the camera page opens), so that
        the first frames after START are not spent waiting for the models."""
        key = (settings.backend, settings.threads)
        with self._lock:
            if (self._backend is not None and self._backend_key == key) or self._warming is not None:
                return

            def load() -> None:
                from vision.engine.factory import create_backend

                backend = create_backend(settings.backend, threads=settings.threads)
                with self._lock:
                    self._backend, self._backend_key = backend, key

            self._warming = threading.Thread(target=load, name="retrowalk-warm-up", daemon=True)
            self._warming.start()

    def begin(self, settings: LiveSettings) -> LiveProcessor:
        """Start a new session (finishing a running one first)."""
        if self._processor is not None:
            self.finish()
        key = (settings.backend, settings.threads)
        warming, self._warming = self._warming, None
        if warming is not None and warming.is_alive():
            # The worker thread (not the page) waits for the rest of the warm-up.
            def factory() -> PoseBackend:
                warming.join()
                if self._backend is not None and self._backend_key == key:
                    return self._backend
                from vision.engine.factory import create_backend

                return create_backend(settings.backend, threads=settings.threads)

            proc = LiveProcessor(settings, backend_factory=factory)
        else:
            backend = self._backend if self._backend_key == key else None
            proc = LiveProcessor(settings, backend=backend)
        if settings.subject_index is not None:
            proc.request_subject(settings.subject_index)
        proc.start()
        with self._lock:
            self._processor = proc
            self._backend_key = key
            self.session_uid = f"{time.time():.0f}-{secrets.token_hex(3)}"
            self.end_reason = None
        threading.Thread(target=self._watch, args=(proc,), name="retrowalk-watchdog", daemon=True).start()
        return proc

    def finish(
        self, reason: EndReason = EndReason.STOPPED, *, only: LiveProcessor | None = None
    ) -> SessionResult | None:
        """Stop the running session (if any); returns its result, also kept in :attr:`last_result`.

        ``only``: finish only if that processor is still the running one. Safe from any thread;
        a second caller waits until the first has finished (and gets None).
        """
        with self._finish_lock:
            proc = self._processor
            if proc is None or (only is not None and proc is not only):
                return None
            result = proc.stop()
            with self._lock:
                self._processor = None
                self._backend = proc.backend
                self.last_result = result
                self.end_reason = reason
            return result

    def video_ended(self) -> None:
        """streamlit-webrtc's ``on_video_ended`` (aiortc's thread): finish the session in the
        background, so that it is kept even when the tab is closed."""
        proc = self._processor
        if proc is None:
            return
        self.camera_ended = True
        threading.Thread(
            target=self.finish, args=(EndReason.CAMERA_ENDED,), kwargs={"only": proc}, daemon=True
        ).start()

    def _watch(self, proc: LiveProcessor) -> None:
        """The camera watchdog of one session (its own thread, until the session ends)."""
        s = proc.settings
        while self._processor is proc:
            time.sleep(WATCH_INTERVAL_S)
            received, age = proc.frame_age()
            if received and age > s.camera_timeout_s:
                reason = EndReason.CAMERA_LOST
            elif not received and age > s.first_frame_timeout_s:
                reason = EndReason.NO_CAMERA
            else:
                continue
            if self._processor is proc:
                self.camera_ended = True
                self.finish(reason, only=proc)
            return

    def snapshot(self) -> LiveSnapshot | None:
        proc = self._processor
        return proc.snapshot() if proc is not None else None

    # ---- frame sources -----------------------------------------------------------------------
    def process_bgr(self, image_bgr: np.ndarray, capture_time_s: float | None = None) -> np.ndarray:
        """Hand a frame to the running session and return it annotated (unchanged between sessions)."""
        proc = self._processor
        if proc is None:
            return image_bgr
        return proc.handle(image_bgr, capture_time_s)

    def video_frame_callback(self, frame: Any) -> Any:
        """streamlit-webrtc's ``video_frame_callback``: ``av.VideoFrame`` in, annotated frame out."""
        proc = self._processor
        if proc is None:
            return frame
        import av

        image = frame.to_ndarray(format="bgr24")
        t = frame.time
        out = proc.handle(image, None if t is None else float(t))
        new = av.VideoFrame.from_ndarray(out, format="bgr24")
        new.pts = frame.pts
        new.time_base = frame.time_base
        return new
