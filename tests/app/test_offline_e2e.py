"""End to end in headless Chromium: no request leaves the machine from any page.

The app is started as a user starts it (``retrowalk app``, from a folder outside the repository)
on a seeded clinic data folder. Every request of every frame (HTTP, WebSocket) is listed; one to
any address but the app's own fails the test (and is blocked, so nothing leaks while it runs).
Pages: live coach (browser camera with WebRTC, and the demo camera), analyze (a clip uploaded and
its results shown), my sessions, and the clinic pages after a clinician's login (patients, a
patient, a session, compare, accounts).
The WebRTC peer connection is checked for outside STUN/TURN servers too (ICE is not HTTP).
Screenshots: ``offline_*.png`` in the artifacts folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.app.conftest import short_clip
from vision.live import harness

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "review_ui"))  # review_seed: the clinic test data
T = 30_000  # ms, per wait

#: Script run in every frame first: keeps the configuration of every RTCPeerConnection.
RTC_RECORDER = (
    "(function(){var O=window.RTCPeerConnection;if(!O)return;window.__rtcConfigs=[];"
    "var W=function(c){window.__rtcConfigs.push(JSON.stringify(c||{}));"
    "return new O(...arguments);};W.prototype=O.prototype;window.RTCPeerConnection=W;})();"
)


class Traffic:
    """Every URL the pages asked for, and those that were not the app's own."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.urls: list[str] = []
        self.outside: list[str] = []

    def local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return parts.scheme in ("http", "ws") and parts.hostname == "127.0.0.1" and parts.port == self.port

    def seen(self, url: str) -> None:
        self.urls.append(url)
        if not self.local(url):
            self.outside.append(url)

    def route(self, route) -> None:
        if self.local(route.request.url):
            route.continue_()
        else:  # listed by the request event; blocked here
            route.abort()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[harness.Server, dict]]:
    """``retrowalk app`` run from a folder outside the repository, on a seeded data folder."""
    if harness.chromium_path() is None:
        pytest.skip("Chromium is not installed (run .ci/install_browser.sh)")
    pytest.importorskip("playwright")
    pytest.importorskip("streamlit_webrtc")
    from review_seed import ALICE_PW, seed

    harness.ensure_loopback_alias()  # a second loopback address for ICE (see harness)
    tmp = tmp_path_factory.mktemp("offline")
    data = tmp / "data"
    ids = seed(data, None)
    y4m = tmp / "camera.y4m"
    from vision.bundled import sample_clip

    harness.y4m_from_video(sample_clip(), y4m, max_frames=90)
    port = harness.free_port()
    env = {**os.environ, "RETROWALK_DATA_DIR": str(data), "RETROWALK_LIVE_STATS": str(tmp / "stats.json")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])
    for name in ("RETROWALK_DB_URL", "RETROWALK_ICE_SERVERS", "RETROWALK_LOCAL_CAMERA"):
        env.pop(name, None)
    cwd = tmp / "elsewhere"
    cwd.mkdir()
    log_path = tmp / "app.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "vision.cli", "app", "--port", str(port)],
            cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    server = harness.Server(proc, port, log_path)
    try:
        harness.wait_until(lambda: _healthy(server), 60, "the app to start")
    except AssertionError:
        server.stop()
        pytest.fail(f"retrowalk app did not start:\n{server.log()[-3000:]}")
    clip = short_clip(sample_clip(), tmp / "walk_3s.mp4", 90)
    info = {"ids": ids, "password": ALICE_PW, "y4m": y4m, "stats": tmp / "stats.json", "clip": clip}
    yield server, info
    server.stop()


def _healthy(server: harness.Server) -> bool:
    import urllib.request

    if server.proc.poll() is not None:
        raise AssertionError(f"retrowalk app exited:\n{server.log()[-3000:]}")
    try:
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _open_clinic_page(pg, url: str, heading: str, password: str) -> None:
    """Open a clinic page, logging in when it asks (a new browser session does)."""
    pg.goto(url)
    # The login form is told by its button: the accounts page has a "User name" field of its own.
    login = pg.get_by_role("button", name="Log in", exact=True)
    pg.get_by_role("heading", name=heading).or_(login).first.wait_for(timeout=T)
    if login.count():
        pg.get_by_label("User name").fill("alice")
        pg.get_by_label("Password", exact=True).fill(password)
        login.click()
    pg.get_by_role("heading", name=heading).first.wait_for(timeout=T)


def _shot(pg, folder: Path, name: str) -> None:
    pg.wait_for_timeout(800)  # fonts, icons and charts finish loading
    pg.screenshot(path=str(folder / f"offline_{name}.png"), full_page=True)


def _rtc_configs(pg) -> list[dict]:
    configs = []
    for frame in pg.frames:
        try:
            configs += [json.loads(c) for c in frame.evaluate("() => window.__rtcConfigs || []")]
        except Exception:  # a frame that went away
            continue
    return configs


def _live_pages(pg, base: str, info: dict, folder: Path) -> None:
    harness.open_camera(pg, base)
    harness.press_start(pg, info["stats"])
    configs = _rtc_configs(pg)
    assert configs, "no RTCPeerConnection was made"
    assert [c.get("iceServers") for c in configs] == [[]] * len(configs), configs
    _shot(pg, folder, "live_webrtc")
    pg.frame_locator(harness.WEBRTC_IFRAME).get_by_role("button", name="STOP").click()
    pg.get_by_role("heading", name="Your session").wait_for(timeout=60_000)  # finished and kept
    pg.get_by_text("Demo camera (a sample walker)").click()
    pg.get_by_text("No camera needed").wait_for(timeout=60_000)
    start = pg.get_by_role("button", name="Start the camera")
    harness.wait_until(start.is_enabled, 30, "the start button")
    start.click()
    pg.get_by_test_id("stImage").first.wait_for(timeout=T)
    pg.get_by_test_id("stMetric").first.wait_for(timeout=T)
    _shot(pg, folder, "live_demo")
    pg.get_by_test_id("stMainBlockContainer").get_by_role("button", name="Stop", exact=True).click()
    pg.get_by_role("heading", name="Your session").wait_for(timeout=T)


def _analyze_page(pg, base: str, info: dict, folder: Path) -> None:
    """Upload a 3 s clip and wait for its results (annotated video, plots, tables)."""
    pg.goto(f"{base}/analyze")
    pg.get_by_role("heading", name="Analyze a video").wait_for(timeout=T)
    pg.locator("input[type=file]").set_input_files(str(info["clip"]))
    pg.get_by_role("button", name="Analyze", exact=True).click()
    pg.locator("video").first.wait_for(timeout=120_000)
    pg.get_by_test_id("stImage").nth(2).wait_for(timeout=T)  # the plots
    _shot(pg, folder, "analyze_result")


def _clinic_pages(pg, base: str, info: dict, folder: Path) -> None:
    ids = info["ids"]
    pages = (
        ("clinic", "Patients", "clinic_patients"),
        (f"clinic-patient?patient={ids.patient_id}", "Jane Doe", "clinic_patient"),
        (f"clinic-session?session={ids.session_id}", "Session of", "clinic_session"),
        ("clinic-compare", "Compare sessions", "clinic_compare"),
        ("clinic-accounts", "Clinician accounts", "clinic_accounts"),
    )
    for path, heading, name in pages:
        _open_clinic_page(pg, f"{base}/{path}", heading, info["password"])
        for tab in pg.get_by_role("tab").all():  # every tab's content is drawn
            tab.click()
        _shot(pg, folder, name)


def test_no_request_leaves_the_machine(app, artifacts_dir: Path) -> None:
    from playwright.sync_api import sync_playwright

    server, info = app
    traffic = Traffic(server.port)
    with sync_playwright() as p:
        browser = harness.launch_browser(p, info["y4m"])
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        ctx.add_init_script(RTC_RECORDER)
        ctx.route("**/*", traffic.route)
        ctx.on("request", lambda r: traffic.seen(r.url))
        pg = ctx.new_page()
        pg.set_default_timeout(T)
        pg.on("websocket", lambda ws: traffic.seen(ws.url))
        try:
            _live_pages(pg, server.url, info, artifacts_dir)
            _analyze_page(pg, server.url, info, artifacts_dir)
            pg.goto(f"{server.url}/sessions")
            pg.get_by_role("heading", name="My sessions").wait_for(timeout=T)
            _shot(pg, artifacts_dir, "sessions")
            _clinic_pages(pg, server.url, info, artifacts_dir)
        except Exception as exc:
            pg.screenshot(path=str(artifacts_dir / "offline_failed.png"), full_page=True)
            raise AssertionError(f"{exc}\nserver log:\n{server.log()[-3000:]}") from None
        finally:
            browser.close()
            (artifacts_dir / "offline_requests.txt").write_text("\n".join(traffic.urls) + "\n")
    assert len(traffic.urls) > 50  # the pages did load (scripts, fonts, media, the WebSocket)
    assert any(u.startswith("ws://") for u in traffic.urls)
    assert any("/media/" in u for u in traffic.urls)  # images (the favicon, the demo video)
    assert traffic.outside == []
