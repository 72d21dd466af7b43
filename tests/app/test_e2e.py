"""End to end in headless Chromium: the live page fed by a fake camera (a Y4M made here from the
sample clip), the local-camera mode, and the analyze page (upload → progress → results → download).

Needs Debian's Chromium (``.ci/install_browser.sh``) and the ``playwright`` package; skipped
otherwise (the fixtures are in ``conftest.py``). Screenshots go to the artifacts folder (printed
at the end of the run).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import numpy as np
import pytest

from tests.app.conftest import short_clip
from vision.feedback.i18n import TABLES
from vision.live import harness

pytestmark = pytest.mark.e2e

CUE_TEXTS = [v for k, v in TABLES["en"].items() if k.startswith("cue.")]
CUE_PATTERN = re.compile("|".join(re.escape(t.split("{")[0]) for t in CUE_TEXTS))


_wait = harness.wait_until


def _stats(env: dict[str, Path]) -> dict:
    return harness.read_stats(env["stats"])


def _metric(page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label).first
    return box.get_by_test_id("stMetricValue").inner_text()


def _overlay_seen(png: bytes) -> tuple[int, float]:
    """(pixels in the skeleton's limb colours, mean brightness of the status strip's rows)."""
    import cv2

    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR).astype(int)
    n = 0
    for bgr in ((255, 180, 60), (60, 200, 255)):  # vision.overlay LEFT_COLOUR, RIGHT_COLOUR
        n += int((np.abs(img - np.array(bgr)).sum(axis=2) < 90).sum())
    strip = img[2 : max(3, img.shape[0] // 40)].mean()
    return n, float(strip)


def _tall_screenshot(page, path: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 3000})
    time.sleep(1.0)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1400, "height": 1000})


def _start_live(page, server: harness.Server, env: dict[str, Path]) -> None:
    """Open the camera page and press START (retried: a fresh WebRTC connection may drop)."""
    harness.open_camera(page, server.url)
    try:
        harness.press_start(page, env["stats"])
    except AssertionError as exc:
        raise AssertionError(f"{exc}; server log:\n{server.log()[-2000:]}") from None


def test_live_page_with_fake_camera(page, server, env, artifacts_dir: Path) -> None:
    page.goto(server.url)
    page.get_by_text("Before you start").wait_for()
    page.screenshot(path=str(artifacts_dir / "live_start.png"))
    _start_live(page, server, env)
    # The server processes frames, draws the skeleton, gives cues; the counters move.
    _wait(lambda: _stats(env).get("frames_processed", 0) >= 60, 30, "60 processed frames")
    _wait(lambda: _stats(env).get("skeleton"), 10, "a subject with a skeleton")
    cue = page.get_by_test_id("stAlertContainer").filter(has_text=CUE_PATTERN).first
    cue.wait_for(timeout=30000)
    # The server counts a new step, then the page shows it. A loaded CI machine processes ~8
    # frames/s, and a loop of the fake camera restarts the walker's track: allow 30 s.
    steps0 = int(_stats(env).get("steps", 0))
    try:
        _wait(lambda: _stats(env).get("steps", 0) > steps0, 30, "the server to count a step")
        _wait(lambda: int(_metric(page, "Steps")) > steps0, 15, "the page's step counter to move")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; stats: {_stats(env)}; server log:\n{server.log()[-2000:]}") from None
    assert _metric(page, "Upright").endswith("%")
    video = page.frame_locator(harness.WEBRTC_IFRAME).locator("video").first
    shots = []
    for i in range(5):
        png = video.screenshot()
        (artifacts_dir / f"live_video_{i}.png").write_bytes(png)
        shots.append(_overlay_seen(png))
        time.sleep(0.3)
    assert max(n for n, _ in shots) > 40, f"no skeleton overlay in the video: {shots}"
    assert min(b for _, b in shots) < 60, f"no status strip on the video: {shots}"  # letterbox grey is 90
    page.screenshot(path=str(artifacts_dir / "live_running.png"))
    # The cue on the page is in the server's history too. Read until it shows: one CI run read
    # an empty history here after the page had shown a cue (cause not found; the message says more).
    try:
        _wait(lambda: _stats(env).get("cues"), 10, "the server's cue history")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; stats: {_stats(env)}; server log:\n{server.log()[-2000:]}") from None
    stats = _stats(env)
    assert stats["cues"] and stats["frames_received"] >= stats["frames_processed"] > 0
    assert stats["latency_ms"]["p50"] < 150
    spoken = page.evaluate("window.__spoken")
    assert spoken and all(s["lang"] == "en-GB" for s in spoken)
    # STOP: the session's summary and plots appear, and it is kept.
    page.frame_locator(harness.WEBRTC_IFRAME).get_by_role("button", name="STOP").click()
    page.get_by_role("heading", name="Your session").wait_for(timeout=20000)
    page.get_by_text(re.compile(r"^Kept in /")).wait_for()
    page.get_by_test_id("stImage").nth(2).wait_for(timeout=10000)  # the three plots
    kept = list((env["data"] / "live_sessions").glob("*/summary.json"))
    assert kept and json.loads(kept[0].read_text())["frames_processed"] > 0
    _tall_screenshot(page, artifacts_dir / "live_result.png")
    # The kept session is listed on "My sessions".
    page.goto(f"{server.url}/sessions")
    page.get_by_role("heading", name="My sessions").wait_for()
    page.get_by_test_id("stMetric").first.wait_for()
    page.get_by_test_id("stImage").nth(2).wait_for(timeout=10000)
    page.screenshot(path=str(artifacts_dir / "sessions.png"))


def test_local_camera_mode(page, server, env, artifacts_dir: Path) -> None:
    page.goto(server.url)
    page.get_by_text("I have read the advice").click()
    page.get_by_role("button", name="Continue to the camera").click()
    page.get_by_text("Camera on this computer").click()
    start = page.get_by_role("button", name="Start the camera")
    start.wait_for()
    _wait(start.is_enabled, 10, "the start button")
    start.click()
    main = page.get_by_test_id("stMainBlockContainer")
    _wait(main.get_by_role("button", name="Stop", exact=True).is_enabled, 15, "the stop button")
    try:
        _wait(lambda: _stats(env).get("frames_processed", 0) >= 60, 40, "60 frames from the local camera")
    except AssertionError:
        page.screenshot(path=str(artifacts_dir / "local_failed.png"))
        raise AssertionError(f"{_stats(env)}\n{server.log()[-2000:]}") from None
    page.get_by_test_id("stImage").first.wait_for()
    page.get_by_test_id("stMetric").first.wait_for()
    page.screenshot(path=str(artifacts_dir / "local_running.png"))
    main.get_by_role("button", name="Stop", exact=True).click()
    page.get_by_role("heading", name="Your session").wait_for(timeout=20000)
    _tall_screenshot(page, artifacts_dir / "local_result.png")


def test_analyze_page_upload_progress_results_download(page, server, env, artifacts_dir: Path) -> None:
    clip = short_clip(env["source"], env["tmp"] / "walk_3s.mp4", 90)
    page.goto(f"{server.url}/analyze")
    page.get_by_text("up to 500 MB").wait_for()
    page.locator("input[type=file]").set_input_files(str(clip))
    page.get_by_role("button", name="Analyze", exact=True).click()
    page.get_by_test_id("stProgress").first.wait_for(timeout=20000)
    page.get_by_role("heading", name="Result: walk_3s.mp4").wait_for(timeout=90000)
    video = page.locator("video").first
    video.wait_for()
    _wait(lambda: page.evaluate("v => v.readyState", video.element_handle()) >= 1, 15, "the video to load")
    page.get_by_test_id("stImage").nth(2).wait_for(timeout=10000)
    page.get_by_test_id("stDataFrame").first.wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="⬇ steps.csv").click()
    path = info.value.path()
    assert Path(path).read_text().startswith("step,foot,")
    for name in ("annotated.mp4", "frames.csv", "summary.json", "report.md", "plot_feet.png"):
        page.get_by_role("button", name=f"⬇ {name}", exact=True).wait_for(timeout=5000)
    _tall_screenshot(page, artifacts_dir / "analyze_result.png")


def test_fall_stops_the_session_with_an_alert(playwright, server, env, artifacts_dir: Path) -> None:
    """A rendered walker who falls after 3 s: the session stops at once, with an alert."""
    from dataclasses import replace

    from vision.synth.gait import generate_gait
    from vision.synth.make_samples import SAMPLES
    from vision.synth.render import render_video

    clip, y4m = env["tmp"] / "fall.mp4", env["tmp"] / "fall.y4m"
    spec = replace(SAMPLES["backward_walk_side"], duration_s=5.0, fall_at_s=3.0, glances=())
    render_video(generate_gait(spec), clip)
    harness.y4m_from_video(clip, y4m)
    env["stats"].unlink(missing_ok=True)
    browser = harness.launch_browser(playwright, y4m)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.add_init_script(harness.SPEECH_RECORDER)
        _start_live(page, server, env)
        alert = page.get_by_text(re.compile(r"(Fall|Stumble) detected: the session has stopped"))
        alert.wait_for(timeout=40000)
        assert _stats(env).get("halted") in ("fall", "stumble")
        frame = page.frame_locator(harness.WEBRTC_IFRAME)
        _wait(lambda: frame.locator("video").count() == 0, 10, "the camera to stop")
        page.get_by_role("heading", name="Your session").wait_for(timeout=10000)
        _wait(
            lambda: any("detected" in s["text"] for s in page.evaluate("window.__spoken")),
            10,
            "the alert to be spoken",
        )
        page.screenshot(path=str(artifacts_dir / "fall_alert.png"))
        page.get_by_role("button", name="I am fine: back to the start").click()
        page.get_by_text("Before you start").wait_for()
    finally:
        browser.close()
