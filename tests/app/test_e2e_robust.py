"""End to end in headless Chromium: what goes wrong on a real laptop. A camera that stops mid-session,
a reload mid-session, a second tab, an upload that is not a video — each gives a clear message,
the app keeps running and the session so far is kept. Screenshots of every message go to the
artifacts folder (fixtures in ``conftest.py``; skipped without Chromium).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.app.conftest import short_clip
from vision.live import harness

pytestmark = pytest.mark.e2e

CAMERA_LOST = "The camera stopped sending pictures."
INTERRUPTED = "Your previous session was interrupted"
BUSY = "A live session is already running in another tab or window."


def _kept(env: dict[str, Path]) -> set[Path]:
    return {p.parent for p in (env["data"] / "live_sessions").glob("*/summary.json")}


def _processed(env: dict[str, Path]) -> int:
    return harness.read_stats(env["stats"]).get("frames_processed", 0)


def _start(page, server: harness.Server, env: dict[str, Path], frames: int = 10) -> None:
    """Open the camera page, press START, wait for ``frames`` processed frames."""
    harness.open_camera(page, server.url)
    _press_start(page, server, env, frames)


def _press_start(page, server: harness.Server, env: dict[str, Path], frames: int = 10) -> None:
    try:
        harness.press_start(page, env["stats"])
    except AssertionError as exc:
        raise AssertionError(f"{exc}; server log:\n{server.log()[-2000:]}") from None
    harness.wait_until(lambda: _processed(env) >= frames, 30, f"{frames} processed frames")


def _stop(page) -> None:
    """Press STOP and wait for the session's results; a STOP lost while the component re-renders
    (a busy machine) is pressed once more."""
    stop = page.frame_locator(harness.WEBRTC_IFRAME).get_by_role("button", name="STOP")
    stop.click()
    results = page.get_by_role("heading", name="Your session")
    try:
        results.wait_for(timeout=20000)
    except Exception:  # playwright's TimeoutError
        if stop.count():
            stop.click()
        results.wait_for(timeout=30000)


def _summary(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text())


def test_dropped_camera_says_so_keeps_the_session_and_can_start_again(
    page, server, env, artifacts_dir: Path
) -> None:
    _start(page, server, env)
    before = _kept(env)
    # Unplug: end the camera tracks inside the WebRTC component (the connection stays up, the
    # server just gets no more frames, as with a real unplugged webcam).
    frame = page.locator(harness.WEBRTC_IFRAME).element_handle().content_frame()
    assert frame.evaluate(harness.UNPLUG_CAMERA) >= 1
    message = page.get_by_text(CAMERA_LOST)
    message.wait_for(timeout=20000)  # 3 s without frames, then the page's next refresh
    page.get_by_role("heading", name="Your session").wait_for(timeout=20000)
    new = harness.wait_until(lambda: _kept(env) - before, 10, "the kept session")
    assert len(new) == 1 and _summary(next(iter(new)))["frames_processed"] > 0
    start = page.frame_locator(harness.WEBRTC_IFRAME).get_by_role("button", name="START")
    start.wait_for(timeout=20000)  # the camera component was stopped too
    assert message.is_visible()
    page.screenshot(path=str(artifacts_dir / "camera_lost.png"))
    # The app keeps working: start again (a fresh camera), the message goes, then stop.
    _press_start(page, server, env)
    harness.wait_until(lambda: not message.is_visible(), 10, "the message to go")
    _stop(page)
    assert len(_kept(env) - before) == 2


def test_reload_mid_session_keeps_it_and_says_so(page, server, env, artifacts_dir: Path) -> None:
    _start(page, server, env)
    before = _kept(env)
    page.reload()
    notice = page.get_by_test_id("stAlertContainer").filter(has_text=INTERRUPTED)
    notice.wait_for(timeout=30000)
    new = _kept(env) - before
    assert len(new) == 1, new
    folder = next(iter(new))
    assert _summary(folder)["frames_processed"] > 0 and (folder / "plot_feet.png").exists()
    assert folder.name in notice.inner_text()
    page.get_by_text("Before you start").wait_for()
    page.screenshot(path=str(artifacts_dir / "reload_notice.png"))
    # The app works again: a new session starts, runs and is kept.
    _start(page, server, env)
    _stop(page)
    assert len(_kept(env) - before) == 2
    # The interrupted session is listed on "My sessions".
    page.goto(f"{server.url}/sessions")
    page.get_by_role("heading", name="My sessions").wait_for()
    page.get_by_test_id("stMainBlockContainer").get_by_test_id("stSelectbox").click()
    from vision.ui.coach.sessions_page import kept_sessions, session_labels  # by date, time and length

    labels = session_labels(kept_sessions(env["data"]))
    assert len(set(labels.values())) == len(labels)  # two sessions of one minute read apart
    page.get_by_role("option", name=labels[folder], exact=True).wait_for(timeout=10000)
    page.keyboard.press("Escape")


def test_second_tab_is_told_and_does_not_compete(browser, server, env, artifacts_dir: Path) -> None:
    env["stats"].unlink(missing_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        first, second = context.new_page(), context.new_page()
        before = _kept(env)
        _start(first, server, env)
        harness.open_camera(second, server.url)
        busy = second.get_by_text(BUSY)
        busy.wait_for(timeout=20000)
        assert second.locator(harness.WEBRTC_IFRAME).count() == 0  # no camera, no START
        second.screenshot(path=str(artifacts_dir / "second_tab_busy.png"))
        # The first tab's session goes on undisturbed.
        n = _processed(env)
        harness.wait_until(lambda: _processed(env) >= n + 15, 30, "15 more frames in the first tab")
        assert harness.read_stats(env["stats"]).get("error") is None
        _stop(first)
        new = _kept(env) - before
        assert len(new) == 1 and _summary(next(iter(new)))["frames_processed"] > n
        # Once it has ended, the second tab gets the camera.
        second.frame_locator(harness.WEBRTC_IFRAME).get_by_role("button", name="START").wait_for(
            timeout=20000
        )
        assert not busy.is_visible()
    finally:
        context.close()


def test_uploads_that_are_not_videos(page, server, env, artifacts_dir: Path) -> None:
    text = env["tmp"] / "notes.txt"
    text.write_text("Shopping list: milk, bread.\n")
    renamed = env["tmp"] / "holiday.mp4"
    renamed.write_text("This is a text file with a video's name.\n")
    clip = short_clip(env["source"], env["tmp"] / "walk_2s.mp4", 60)
    page.goto(f"{server.url}/analyze")
    page.get_by_text("up to 500 MB").wait_for()
    upload = page.locator("input[type=file]")
    analyze = page.get_by_role("button", name="Analyze", exact=True)
    # A .txt: the page names the file and what it wants instead; nothing to analyse.
    upload.set_input_files(str(text))
    refused = page.get_by_test_id("stAlertContainer").filter(has_text="notes.txt is not a video file.")
    refused.wait_for(timeout=20000)
    assert "MP4" in refused.inner_text() and analyze.count() == 0
    page.screenshot(path=str(artifacts_dir / "upload_txt.png"))
    # A text file named .mp4: analysing it fails with a message naming the file.
    upload.set_input_files(str(renamed))
    harness.wait_until(lambda: not refused.is_visible() and analyze.count(), 20, "the renamed upload")
    analyze.click()
    error = page.get_by_text("This video cannot be analysed: holiday.mp4: not a video file")
    error.wait_for(timeout=30000)
    assert "retrowalk-upload" not in error.inner_text()  # not the temporary copy's path
    page.screenshot(path=str(artifacts_dir / "upload_not_video.png"))
    # The page still works: a real clip on the same page.
    upload.set_input_files(str(clip))
    harness.wait_until(lambda: not error.is_visible(), 20, "the new upload")  # its rerun cleared it
    analyze.click()
    page.get_by_role("heading", name="Result: walk_2s.mp4").wait_for(timeout=90000)
    assert not error.is_visible() and not refused.is_visible()
    time.sleep(0.5)
    page.screenshot(path=str(artifacts_dir / "upload_then_video.png"))
