"""Sessions that end on their own: the camera watchdog, one session per server, the page that went
away, and a local camera whose reads fail mid-session (AppTest with a fake capture)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "feedback"))
from feedback_helpers import standing_pose

from vision.live import LiveHolder, LiveSettings
from vision.live.registry import LiveRegistry
from vision.live.session import EndReason

APP = str(Path(__file__).resolve().parents[2] / "app.py")
IMAGE = np.zeros((480, 640, 3), np.uint8)


class FakeBackend:
    """Sees the same standing person in every frame, at once."""

    name = "fake"

    def process(self, image, timestamp_s):
        return standing_pose(t=timestamp_s)

    def people(self):
        return []

    def select_subject(self, *, index=None, point=None):
        return True

    def reset(self):
        pass

    def close(self):
        pass


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    import vision.engine.factory

    monkeypatch.setattr(vision.engine.factory, "create_backend", lambda *a, **kw: FakeBackend())


def _settings(tmp_path: Path, **kw) -> LiveSettings:
    return LiveSettings(data_dir=tmp_path, **kw)


def _feed(h: LiveHolder, n: int, t0: float = 0.0) -> None:
    for i in range(n):
        h.process_bgr(IMAGE.copy(), t0 + i / 30)
        time.sleep(1 / 30)


def _until(cond, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return False


def test_a_camera_that_stops_sending_ends_the_session_and_keeps_it(tmp_path: Path) -> None:
    h = LiveHolder()
    h.begin(_settings(tmp_path, camera_timeout_s=0.5))
    _feed(h, 20)
    assert h.active  # frames keep coming: the watchdog stays quiet
    assert _until(lambda: not h.active, 5.0), "the watchdog did not end the session"
    assert h.end_reason is EndReason.CAMERA_LOST and h.camera_ended
    rec = h.last_result.recording
    assert rec is not None and json.loads((rec.folder / "summary.json").read_text())["frames_processed"] > 0


def test_no_first_frame_ends_the_session_without_keeping_anything(tmp_path: Path) -> None:
    h = LiveHolder()
    h.begin(_settings(tmp_path, first_frame_timeout_s=0.3))
    assert _until(lambda: not h.active, 5.0)
    assert h.end_reason is EndReason.NO_CAMERA and h.last_result.summary is None


def test_the_watchdog_of_a_finished_session_leaves_the_next_one_alone(tmp_path: Path) -> None:
    h = LiveHolder()
    h.begin(_settings(tmp_path, camera_timeout_s=0.3))
    _feed(h, 3)
    h.finish()
    assert h.end_reason is EndReason.STOPPED
    h.begin(_settings(tmp_path, camera_timeout_s=0.3, first_frame_timeout_s=60))
    for i in range(30):  # 1 s of frames: the first session's watchdog must not end this one
        h.process_bgr(IMAGE.copy(), i / 30)
        time.sleep(1 / 30)
    assert h.active and h.end_reason is None
    h.finish()


def test_one_live_session_per_server(tmp_path: Path) -> None:
    connected = {"a": True, "b": True}
    reg = LiveRegistry(is_connected=lambda owner: connected.get(owner, False))
    first, second = LiveHolder(), LiveHolder()
    assert reg.claim("a", first)
    first.begin(_settings(tmp_path))
    assert reg.busy_for("b") and not reg.busy_for("a")
    assert not reg.claim("b", second)  # a second tab cannot start a competing session
    assert reg.take_orphan("b") is None  # the first tab is still there
    _feed(first, 5)
    first.finish()
    assert not reg.busy_for("b")
    reg.seen("a")
    connected["a"] = False
    assert reg.take_orphan("b") is None  # its page showed the end: no message for anybody
    assert reg.claim("b", second)


def test_a_session_whose_page_went_away_is_finished_kept_and_reported_once(tmp_path: Path) -> None:
    connected = {"a": True, "b": True}
    reg = LiveRegistry(is_connected=lambda owner: connected[owner])
    h = LiveHolder()
    assert reg.claim("a", h)
    h.begin(_settings(tmp_path, camera_timeout_s=60))
    _feed(h, 10)
    connected["a"] = False  # reloaded or closed
    assert not reg.busy_for("b")
    result = reg.take_orphan("b")
    assert not h.active and h.end_reason is EndReason.INTERRUPTED
    assert result is not None and (result.recording.folder / "summary.json").exists()
    assert reg.take_orphan("b") is None


def test_starting_over_an_orphan_keeps_it(tmp_path: Path) -> None:
    connected = {"a": False, "b": True}
    reg = LiveRegistry(is_connected=lambda owner: connected[owner])
    h = LiveHolder()
    assert reg.claim("a", h)
    h.begin(_settings(tmp_path, camera_timeout_s=60))
    _feed(h, 5)
    assert reg.claim("b", LiveHolder())
    assert not h.active and h.end_reason is EndReason.INTERRUPTED
    assert h.last_result.recording is not None


class FailingCapture:
    """A camera that gives ``frames`` pictures at 30 Hz, then fails every read (unplugged)."""

    frames = 45

    def __init__(self, device) -> None:
        self.reads = 0

    def isOpened(self) -> bool:
        return True

    def set(self, prop, value) -> bool:
        return True

    def read(self):
        self.reads += 1
        if self.reads > self.frames:
            return False, None
        time.sleep(1 / 30)
        return True, IMAGE.copy()

    def release(self) -> None:
        pass


def test_local_camera_failing_mid_session_says_so_and_keeps_the_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    import vision.video

    monkeypatch.setenv("RETROWALK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RETROWALK_DB_URL", f"sqlite:///{tmp_path / 'clinic.db'}")
    monkeypatch.delenv("RETROWALK_LOCAL_CAMERA", raising=False)
    monkeypatch.setattr(vision.video.cv2, "VideoCapture", FailingCapture)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["rw_mode"] = "local"
    at.run()
    at.checkbox(key="rw_confirm").check().run()
    at.button(key="rw_continue").click().run()
    at.button(key="rw_local_start").click().run()
    assert not at.exception
    assert at.session_state["rw_local_running"] is False
    warnings = [w.value for w in at.warning]
    assert any("camera stopped sending pictures" in w and "saved" in w for w in warnings), warnings
    assert not at.error  # not the "cannot be used" error of a camera that never worked
    assert any(h.value == "Your session" for h in at.header)
    kept = list((tmp_path / "live_sessions").glob("*/summary.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text())["frames_processed"] > 0
    # The page still works: the camera can be started again (it fails again, and says so again).
    at.button(key="rw_local_start").click().run()
    assert not at.exception and len(list((tmp_path / "live_sessions").glob("*/summary.json"))) == 2
