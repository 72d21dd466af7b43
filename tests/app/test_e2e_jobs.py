"""End to end in headless Chromium: an analysis is a job that survives a reload, shows in another
tab through its URL, and several can be queued (fixtures in ``conftest.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import short_clip
from vision.live import harness

pytestmark = pytest.mark.e2e


def test_analysis_job_is_shown_after_a_reload_and_in_another_tab(
    page, browser, server, env, artifacts_dir: Path
) -> None:
    first = short_clip(env["source"], env["tmp"] / "walk_a.mp4", 60)
    second = short_clip(env["source"], env["tmp"] / "walk_b.mp4", 45)
    page.goto(f"{server.url}/analyze")
    page.get_by_text("up to 500 MB").wait_for()
    upload = page.locator("input[type=file]")
    progress = page.get_by_test_id("stProgress")
    for n, clip in enumerate((first, second), start=1):  # queue two; the page shows the newest
        upload.set_input_files(str(clip))
        page.get_by_text(clip.name, exact=True).first.wait_for(timeout=20000)  # the uploader has it
        harness.wait_until(lambda: progress.count() == 0, 20, "the new upload to hide the last job")
        page.get_by_role("button", name="Analyze", exact=True).click()
        progress.first.wait_for(timeout=20000)
        harness.wait_until(
            lambda n=n: f"job={n}" in page.url and "who=" in page.url, 10, "the job in the URL"
        )
        page.screenshot(path=str(artifacts_dir / f"job_{n}_queued.png"))
    url = page.url
    page.reload()  # mid-analysis: the session state is gone, the URL keeps the job
    page.get_by_role("heading", name="Result: walk_b.mp4").wait_for(timeout=240000)
    page.get_by_role("button", name="⬇ steps.csv").wait_for(timeout=10000)
    page.screenshot(path=str(artifacts_dir / "job_after_reload.png"))
    other = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        other.goto(url)  # another tab with the link: the same result and the same job list
        other.get_by_role("heading", name="Result: walk_b.mp4").wait_for(timeout=30000)
        other.get_by_text("Your recent analyses").wait_for()
        other.get_by_text("walk_a.mp4").first.wait_for()
        show = other.get_by_role("button", name="Show", exact=True)
        show.first.click()  # the older job, done by now or soon
        other.get_by_role("heading", name="Result: walk_a.mp4").wait_for(timeout=60000)
        assert "job=" in other.url
    finally:
        other.close()
