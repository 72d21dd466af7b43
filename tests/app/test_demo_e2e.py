"""End to end in headless Chromium: the demo camera coaches the bundled sample walker, with no
camera: the live skeleton on the video, steps counted in the panel, nothing kept.

Fixtures in ``conftest.py`` (skipped without Chromium or Playwright); screenshots go to the
artifacts folder (``demo_running.png``, ``demo_result.png``).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.app.test_e2e import _metric, _overlay_seen, _stats, _tall_screenshot
from vision.live import harness

pytestmark = pytest.mark.e2e

_wait = harness.wait_until
SAMPLE_FPS = 30.0
"""Frame rate of the bundled sample (frames per second)."""


def _steps(page) -> int:
    text = _metric(page, "Steps").strip()
    return int(text) if text.isdigit() else 0


def test_demo_camera_coaches_the_sample_walker(page, server, env, artifacts_dir: Path) -> None:
    harness.open_camera(page, server.url)
    page.get_by_text("Demo camera (a sample walker)").click()
    page.get_by_text("No camera needed").wait_for()
    assert page.get_by_label("Camera number (0 is the first camera)").count() == 0
    start = page.get_by_role("button", name="Start the camera")
    _wait(start.is_enabled, 10, "the start button")
    started = time.monotonic()
    start.click()
    main = page.get_by_test_id("stMainBlockContainer")
    try:
        _wait(lambda: _steps(page) >= 1, 90, "a step counted by the live coach")
    except AssertionError:
        page.screenshot(path=str(artifacts_dir / "demo_failed.png"))
        raise AssertionError(f"{_stats(env)}\n{server.log()[-2000:]}") from None
    elapsed = time.monotonic() - started
    stats = _stats(env)
    # Paced like a camera: never faster than the clip's frame rate (plus the frames in flight).
    assert 0 < stats["frames_processed"] <= SAMPLE_FPS * elapsed + SAMPLE_FPS, (stats, elapsed)
    video = page.get_by_test_id("stImage").first
    limb_pixels, _ = _overlay_seen(video.screenshot())
    assert limb_pixels > 300, limb_pixels  # the live skeleton is drawn on the sample walker
    page.screenshot(path=str(artifacts_dir / "demo_running.png"))
    main.get_by_role("button", name="Stop", exact=True).click()
    page.get_by_role("heading", name="Your session").wait_for(timeout=20000)
    _tall_screenshot(page, artifacts_dir / "demo_result.png")
    assert not list((env["data"] / "live_sessions").glob("*/summary.json"))  # a demo is not kept
