"""Live coaching: frames from a camera → pose → core → cues, with bounded latency; storage.

- :class:`LiveProcessor` — one session: newest-frame-wins worker, overlay, counters, stats.
- :class:`LiveHolder` — per browser session; the WebRTC callback and the pages talk to it; its
  watchdog ends a session whose camera stopped sending frames.
- :mod:`vision.live.registry` — one live session per server; sessions whose page went away.
- :mod:`vision.live.store` — keeps sessions (folder, and the clinic database when a patient
  is known).
- :mod:`vision.live.local_camera` — OpenCV camera mode without WebRTC.
- :mod:`vision.live.harness` / :mod:`vision.bench.browser` — fake-camera browser runs.
"""

from vision.live.processor import LiveProcessor, LiveSnapshot, SessionResult
from vision.live.session import LiveHolder
from vision.live.settings import LiveSettings, suggested_minutes

__all__ = [
    "LiveHolder",
    "LiveProcessor",
    "LiveSettings",
    "LiveSnapshot",
    "SessionResult",
    "suggested_minutes",
]
