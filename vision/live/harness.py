"""Running the app against a fake camera: Y4M clips, a Streamlit server, headless Chromium.

Used by the browser benchmark (:mod:`vision.bench.browser`) and the end-to-end tests.
Chromium plays a ``.y4m`` file as its webcam (``--use-file-for-fake-video-capture``, looped).
Nothing here is needed to run the app itself; Playwright is imported only by
:func:`launch_browser`.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
WEBRTC_IFRAME = 'iframe[title="streamlit_webrtc.component.webrtc_streamer"]'

BROWSER_ARGS = (
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-loopback-in-peer-connection",
    "--autoplay-policy=no-user-gesture-required",
)


def chromium_path() -> str | None:
    """The Chromium executable (``/usr/bin/chromium``, else one on PATH), or None."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


def letterbox(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """``image`` scaled to fit ``size`` (w, h) on a grey background, aspect kept."""
    w, h = size
    ih, iw = image.shape[:2]
    k = min(w / iw, h / ih)
    nw, nh = max(1, round(iw * k)), max(1, round(ih * k))
    out = np.full((h, w, 3), 90, np.uint8)
    x0, y0 = (w - nw) // 2, (h - nh) // 2
    out[y0 : y0 + nh, x0 : x0 + nw] = cv2.resize(image, (nw, nh), interpolation=cv2.INTER_AREA)
    return out


def write_y4m(
    path: Path, frames: Iterable[np.ndarray], size: tuple[int, int] = (640, 480), *, fps: int = 30
) -> int:
    """Write BGR frames (letterboxed to ``size``) as a Y4M (I420) file; returns the frame count.

    Header ``YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg``, then ``FRAME`` + Y, U, V planes.
    About 460 KB per 640×480 frame: make it in a temporary folder, never commit it.
    """
    w, h = size
    n = 0
    with Path(path).open("wb") as f:
        f.write(f"YUV4MPEG2 W{w} H{h} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for image in frames:
            if image.shape[1::-1] != (w, h):
                image = letterbox(image, size)
            f.write(b"FRAME\n")
            f.write(cv2.cvtColor(image, cv2.COLOR_BGR2YUV_I420).tobytes())
            n += 1
    return n


def y4m_from_video(
    src: Path, dst: Path, size: tuple[int, int] = (640, 480), *, max_frames: int | None = None
) -> int:
    """A Y4M fake-camera clip from a video file (first ``max_frames`` frames)."""
    from vision.video import iter_video

    def frames() -> Iterable[np.ndarray]:
        for f in iter_video(src):
            if max_frames is not None and f.index >= max_frames:
                return
            yield f.image

    return write_y4m(dst, frames(), size)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_loopback_alias() -> None:
    """Give loopback a second address (127.0.0.2): aioice skips 127.0.0.1, so on a machine
    whose only interface is loopback ICE would find no route. Needs root; errors are ignored."""
    if shutil.which("ip") is None:
        return
    subprocess.run(["ip", "addr", "add", "127.0.0.2/8", "dev", "lo"], capture_output=True, check=False)


@dataclass
class Server:
    """A Streamlit server of ``app.py`` started by :func:`start_server`."""

    proc: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop the server (its process group) and wait for it."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""


def start_server(
    env: dict[str, str],
    log_path: Path,
    *,
    port: int | None = None,
    timeout_s: float = 60.0,
    script: Path | None = None,
    extra_flags: Iterable[str] = (),
    drop_env: Iterable[str] = (),
) -> Server:
    """``streamlit run`` of ``script`` (default ``app.py``) headless on a free port.

    Returns once ``/_stcore/health`` is ok; ``drop_env`` names variables removed from the child's
    environment.
    """
    port = port or free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script or REPO / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *extra_flags,
    ]
    child_env = {**os.environ, **env}
    for name in drop_env:
        child_env.pop(name, None)
    with Path(log_path).open("wb") as log:  # the child keeps its own handle
        proc = subprocess.Popen(
            cmd,
            cwd=REPO,
            env=child_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(proc, port, Path(log_path))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited ({proc.returncode}):\n{server.log()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"streamlit did not become healthy in {timeout_s:.0f} s:\n{server.log()[-3000:]}")


def launch_browser(playwright, y4m: Path | None = None, extra_args: Iterable[str] = ()):
    """Headless Chromium (the system one) with ``y4m`` as its camera. Never downloads a browser."""
    args = list(BROWSER_ARGS) + list(extra_args)
    if y4m is not None:
        args.append(f"--use-file-for-fake-video-capture={y4m}")
    exe = chromium_path()
    if exe is None:
        raise RuntimeError("Chromium not found: run .ci/install_browser.sh")
    return playwright.chromium.launch(executable_path=exe, args=args, headless=True)


#: Script run in every page before its own: records what speech synthesis is asked to say.
SPEECH_RECORDER = (
    "window.__spoken=[];(function(){var s=window.speechSynthesis;if(!s)return;var o=s.speak.bind(s);"
    "s.speak=function(u){window.__spoken.push({text:u.text,lang:u.lang});try{o(u);}catch(e){}};})();"
)


#: Script run in every frame before its own: keeps the camera streams the page opened in
#: ``window.__rwStreams`` (so that a test can end their tracks, as an unplugged camera does).
STREAM_RECORDER = (
    "window.__rwStreams=[];(function(){var m=navigator.mediaDevices;if(!m||!m.getUserMedia)return;"
    "var g=m.getUserMedia.bind(m);m.getUserMedia=function(c){return g(c).then(function(s){"
    "window.__rwStreams.push(s);return s;});};})();"
)

#: Ends every camera track of a frame that ran :data:`STREAM_RECORDER`, firing ``ended`` as an
#: unplugged camera does (``stop()`` alone does not fire it); returns how many tracks it ended.
UNPLUG_CAMERA = (
    "() => { let n = 0; for (const s of window.__rwStreams || []) for (const t of s.getTracks()) "
    "{ t.stop(); t.dispatchEvent(new Event('ended')); n++; } return n; }"
)


def wait_until(cond: Callable[[], object], timeout_s: float, what: str, *, every_s: float = 0.25):
    """``cond()``'s first true value, polled every ``every_s``; AssertionError after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(every_s)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")


def read_stats(path: Path) -> dict:
    """The live statistics JSON (``RETROWALK_LIVE_STATS``), or ``{}`` while there is none."""
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return {}


def open_camera(page, base_url: str, timeout_ms: float = 30000) -> None:
    """Open the live page and accept the safety advice (up to the camera)."""
    page.goto(f"{base_url}/")
    page.get_by_text("I have read the advice").click(timeout=timeout_ms)
    page.get_by_role("button", name="Continue to the camera").click(timeout=timeout_ms)


def press_start(page, stats_path: Path, *, tries: int = 3, first_frame_s: float = 15.0) -> None:
    """Press START in the WebRTC component and wait for the session's first processed frame.

    A fresh WebRTC connection sometimes drops: then STOP and START again, ``tries`` times at most.
    """
    Path(stats_path).unlink(missing_ok=True)
    frame = page.frame_locator(WEBRTC_IFRAME)
    frame.get_by_role("button", name="START").click(timeout=30000)
    for _attempt in range(tries):
        try:
            wait_until(
                lambda: read_stats(stats_path).get("frames_processed", 0) > 0,
                first_frame_s,
                "the first processed frame",
            )
            return
        except AssertionError:
            stop = frame.get_by_role("button", name="STOP")
            if stop.count():
                stop.click()
                time.sleep(1.0)
            Path(stats_path).unlink(missing_ok=True)
            frame.get_by_role("button", name="START").click(timeout=30000)
    raise AssertionError(f"no frame processed after {tries} tries")


def start_live(page, base_url: str, timeout_ms: float = 30000) -> None:
    """Open the live page, accept the safety advice and press START in the WebRTC component."""
    open_camera(page, base_url, timeout_ms)
    frame = page.frame_locator(WEBRTC_IFRAME)
    frame.get_by_role("button", name="START").click(timeout=timeout_ms)
