"""The live processor: newest frame wins (bounded latency), overlay, safety stop, real engine."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "feedback"))
from feedback_helpers import fall, standing_pose

from vision.core import StreamingAnalyzer
from vision.feedback import CueKind
from vision.live import LiveHolder, LiveProcessor, LiveSettings
from vision.video import iter_video

SAMPLE = Path(__file__).resolve().parents[2] / "sample_videos" / "backward_walk_side.mp4"


class SlowBackend:
    """A pose backend that takes ``delay_s`` per frame and always sees the same standing person."""

    name = "fake"

    def __init__(self, delay_s: float = 0.03) -> None:
        self.delay_s = delay_s
        self.times: list[float] = []
        self.active = 0
        self.max_active = 0
        self.selected: list[int | None] = []
        self._lock = threading.Lock()

    def process(self, image, timestamp_s):
        with self._lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        time.sleep(self.delay_s)
        self.times.append(timestamp_s)
        with self._lock:
            self.active -= 1
        return standing_pose(t=timestamp_s)

    def people(self):
        return []

    def select_subject(self, *, index=None, point=None):
        self.selected.append(index)
        return True

    def reset(self):
        pass

    def close(self):
        pass


def _settings(tmp_path: Path, **kw) -> LiveSettings:
    return LiveSettings(data_dir=tmp_path, stats_path=tmp_path / "stats.json", **kw)


def test_frames_faster_than_the_engine_are_dropped_not_queued(tmp_path: Path) -> None:
    backend = SlowBackend(delay_s=0.03)
    proc = LiveProcessor(_settings(tmp_path, record=False), backend=backend).start()
    image = np.zeros((480, 640, 3), np.uint8)
    for i in range(100):  # 100 frames at 200 Hz, the engine manages ~33 Hz
        proc.handle(image, i * 0.005)
        time.sleep(0.005)
    time.sleep(0.1)
    snap = proc.snapshot()
    result = proc.stop()
    assert snap.frames_received == 100
    assert 5 <= snap.frames_processed <= 40
    assert snap.frames_processed + snap.frames_dropped == 100
    assert backend.max_active == 1
    # Newest frame wins: the latency stays near one to two inferences, never a backlog.
    assert snap.latency_p95_ms < 2 * 30 + 40
    assert backend.times == sorted(backend.times) and backend.times[0] == 0.0  # session time from 0
    assert result.summary is not None and result.recording is None
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["frames_processed"] == result.snapshot.frames_processed
    assert stats["latency_ms"]["p95"] < 100


def test_handle_returns_the_frame_with_the_overlay(tmp_path: Path) -> None:
    proc = LiveProcessor(_settings(tmp_path, record=False), backend=SlowBackend(0.0)).start()
    first = proc.handle(np.full((480, 640, 3), 128, np.uint8), 0.0)
    assert (first[:5] != 128).any()  # 'starting' strip before the first result
    deadline = time.monotonic() + 5
    while proc.snapshot().frames_processed == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    shown = proc.handle(np.full((360, 480, 3), 128, np.uint8), 0.1)  # smaller frame: scaled overlay
    assert shown.shape == (360, 480, 3) and (shown != 128).any(axis=2).mean() > 0.01
    proc.stop()


def test_fall_stops_processing_at_once(tmp_path: Path) -> None:
    backend = SlowBackend(0.0)
    proc = LiveProcessor(_settings(tmp_path, record=False), backend=backend)

    class FallingAnalyzer(StreamingAnalyzer):
        def update(self, frame):
            metrics, events = super().update(frame)
            if frame.timestamp_s >= 0.3:
                events = [*events, fall(frame.timestamp_s)]
            return metrics, events

    proc.session.analyzer = FallingAnalyzer()
    proc.start()
    for i in range(30):
        proc.handle(np.zeros((480, 640, 3), np.uint8), i / 30)
        time.sleep(1 / 30)
    snap = proc.snapshot()
    result = proc.stop()
    assert snap.halted == CueKind.FALL and result.halted == CueKind.FALL
    assert snap.cue is not None and snap.cue.critical
    assert max(backend.times) < 0.3 + 2 / 30  # nothing processed after the fall
    assert result.summary is not None and result.summary.run.halted == "fall"


def test_subject_choice_reaches_the_engine(tmp_path: Path) -> None:
    backend = SlowBackend(0.0)
    holder = LiveHolder()
    holder._backend, holder._backend_key = backend, ("onnx", 1)
    proc = holder.begin(_settings(tmp_path, record=False, subject_index=1))
    assert holder.active and proc.backend is backend
    proc.handle(np.zeros((480, 640, 3), np.uint8), 0.0)
    time.sleep(0.2)
    result = holder.finish()
    assert backend.selected == [1]
    assert result is holder.last_result and not holder.active
    assert holder.finish() is None


def test_real_engine_on_the_sample_clip(tmp_path: Path) -> None:
    """The ONNX engine (1 thread) on 3 s of the sample, paced like a camera; the session is kept."""
    if not SAMPLE.exists():
        pytest.skip("sample video missing")
    holder = LiveHolder()
    proc = holder.begin(_settings(tmp_path))
    start = time.monotonic()
    n = 0
    for f in iter_video(SAMPLE):
        if f.index >= 90:
            break
        time.sleep(max(0.0, start + f.timestamp_s - time.monotonic()))
        out = holder.process_bgr(f.image, f.timestamp_s)
        n += 1
    assert out.shape == f.image.shape
    deadline = time.monotonic() + 10
    while not proc.snapshot().ready and time.monotonic() < deadline:
        time.sleep(0.05)
    result = holder.finish()
    snap = result.snapshot
    assert snap.error is None and snap.frames_received == n
    assert snap.frames_processed >= 20
    assert snap.counters is not None and snap.counters.upright_share is not None
    rec = result.recording
    assert rec is not None and rec.folder.parent == tmp_path / "live_sessions"
    for key in ("frames_csv", "steps_csv", "summary_json", "plot_trunk_yaw", "plot_feet", "plot_strikes"):
        assert rec.files[key].exists(), key
    assert rec.summary.run.source == "live" and rec.summary.run.frames_processed == snap.frames_processed
    rows = rec.files["frames_csv"].read_text().splitlines()
    assert len(rows) == snap.frames_processed + 1
    # The pose engine is kept for the next session.
    assert holder._backend is not None
