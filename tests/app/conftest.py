"""App tests: the ``e2e`` marker (headless Chromium), the artifacts folder for screenshots, and the
end-to-end fixtures (one Streamlit server, data folder and browser per test module).

The E2E fixtures skip when Chromium, Playwright or streamlit-webrtc is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from vision.live import harness

_ARTIFACTS: list[Path] = []
SAMPLE = Path(__file__).resolve().parents[2] / "sample_videos" / "backward_walk_side.mp4"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: end-to-end test in headless Chromium (skipped when Chromium is missing)"
    )


@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``$RETROWALK_TEST_ARTIFACTS`` or a temporary folder (printed at the end)."""
    env = os.environ.get("RETROWALK_TEST_ARTIFACTS")
    path = Path(env) if env else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    _ARTIFACTS.append(path)
    return path


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    for path in _ARTIFACTS:
        shots = sorted(p.name for p in path.glob("*.png"))
        if shots:
            terminalreporter.write_line(f"app test screenshots in {path}: {', '.join(shots)}")


# ---- end to end (one server per test module) -----------------------------------------------------
@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fake camera (a Y4M of the sample clip), the statistics file, the data folder."""
    if harness.chromium_path() is None:
        pytest.skip("Chromium is not installed (run .ci/install_browser.sh)")
    pytest.importorskip("playwright")
    pytest.importorskip("streamlit_webrtc")
    source = SAMPLE
    tmp = tmp_path_factory.mktemp("e2e")
    if not source.exists():  # any short rendered clip does
        from vision.analysis.h264 import H264Writer

        source = tmp / "moving.mp4"
        with H264Writer(source, (640, 480), 30.0) as out:
            for i in range(90):
                img = np.full((480, 640, 3), 200, np.uint8)
                img[200:300, 5 * i : 5 * i + 40] = 30
                out.write(img, i / 30)
    y4m = tmp / "camera.y4m"
    harness.y4m_from_video(source, y4m)
    return {"tmp": tmp, "y4m": y4m, "source": source, "stats": tmp / "stats.json", "data": tmp / "data"}


@pytest.fixture(scope="module")
def server(env: dict[str, Path]) -> Iterator[harness.Server]:
    harness.ensure_loopback_alias()
    srv = harness.start_server(
        {
            "RETROWALK_LIVE_STATS": str(env["stats"]),
            "RETROWALK_DATA_DIR": str(env["data"]),
            "RETROWALK_DB_URL": f"sqlite:///{env['tmp'] / 'clinic.db'}",
            "RETROWALK_LOCAL_CAMERA": str(env["source"]),
        },
        env["tmp"] / "server.log",
    )
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def playwright(env: dict[str, Path]):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright, env: dict[str, Path], server: harness.Server):
    b = harness.launch_browser(playwright, env["y4m"])
    yield b
    b.close()


@pytest.fixture
def page(browser, env: dict[str, Path]):
    """A fresh page (its own browser context) that records speech and camera streams."""
    env["stats"].unlink(missing_ok=True)
    pg = browser.new_page(viewport={"width": 1400, "height": 1000})
    pg.add_init_script(harness.SPEECH_RECORDER)
    pg.add_init_script(harness.STREAM_RECORDER)
    yield pg
    pg.close()


def short_clip(source: Path, path: Path, frames: int) -> Path:
    """The first ``frames`` frames of ``source`` as an H.264 MP4 at ``path`` (made once)."""
    from vision.analysis.h264 import H264Writer
    from vision.video import iter_video

    if not path.exists():
        images = [f for f in iter_video(source) if f.index < frames]
        h, w = images[0].image.shape[:2]
        with H264Writer(path, (w, h), 30.0) as out:
            for f in images:
                out.write(f.image, f.timestamp_s)
    return path
