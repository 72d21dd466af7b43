"""Helpers of the cluster tests: Ray required (never skipped in CI), short clips, the CLI in a
subprocess, a Ray head on loopback."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_videos"


def require_ray():
    """``ray``, or a skip outside CI (in CI, where the extra is installed, a failure)."""
    if os.environ.get("CI") == "true":
        import ray

        return ray
    return pytest.importorskip("ray")


def short_clip(source: Path, path: Path, frames: int) -> Path:
    """The first ``frames`` frames of ``source`` as an H.264 MP4 (the sample's size and rate)."""
    from vision.analysis.h264 import H264Writer
    from vision.video import iter_video, probe_video

    fps = probe_video(source).fps or 30.0
    images = [f.image for f in iter_video(source) if f.index < frames]
    h, w = images[0].shape[:2]
    with H264Writer(path, (w, h), fps) as out:
        for i, image in enumerate(images):
            out.write(image, i / fps)
    return path


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process that imports this checkout's ``vision``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_") and k != "RETROWALK_RAY_ADDRESS"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["RAY_USAGE_STATS_ENABLED"] = "0"
    env.update(extra)
    return env


def run_cli(args: list[str], *, env: dict[str, str] | None = None, timeout_s: float = 240) -> str:
    """``python -m vision.cli ARGS`` from the checkout; its output (asserts it succeeded)."""
    proc = subprocess.run(
        [sys.executable, "-m", "vision.cli", *args],
        cwd=REPO,
        env=env or child_env(),
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
    return proc.stdout + proc.stderr


def free_port() -> int:
    """A free TCP port on loopback (from the kernel's ephemeral range, above Ray's worker ports)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, proc: subprocess.Popen, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"ray start exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"the Ray head did not listen on {port} within {timeout_s} s")


def _wait_ready(
    ray: str, address: str, env: dict[str, str], proc: subprocess.Popen, timeout_s: float
) -> None:
    """Until ``ray status`` answers: the head's node is registered, not only its port open."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"ray start exited with {proc.returncode}")
        status = subprocess.run(
            [ray, "status", "--address", address], env=env, capture_output=True, timeout=60
        )
        if status.returncode == 0:
            return
        time.sleep(1.0)
    raise AssertionError(f"the Ray head at {address} was not ready within {timeout_s} s")


@contextmanager
def ray_head(num_cpus: int = 2) -> Iterator[tuple[str, dict[str, str]]]:
    """A Ray head on loopback, token-authenticated: (its ``HOST:PORT``, the env to join it).

    ``ray start --block`` runs in its own process group; the group is stopped after the block
    (never ``ray stop``, which would stop every Ray on the machine).
    """
    ray = shutil.which("ray", path=str(Path(sys.executable).parent)) or "ray"
    port = free_port()
    temp = tempfile.mkdtemp(prefix="rw-ray-", dir="/tmp")  # short: Ray's socket paths have a limit
    env = child_env(RAY_AUTH_MODE="token", RAY_AUTH_TOKEN=secrets.token_hex(32))
    cmd = [ray, "start", "--head", "--block", "--node-ip-address", "127.0.0.1", "--port", str(port)]
    cmd += ["--num-cpus", str(num_cpus), "--include-dashboard=false", "--disable-usage-stats"]
    cmd += ["--object-store-memory", str(200 * 1024 * 1024), "--temp-dir", temp]
    log = open(Path(temp) / "head.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_port(port, proc, 60)
        _wait_ready(ray, f"127.0.0.1:{port}", env, proc, 120)
        yield f"127.0.0.1:{port}", env
    finally:
        for sig, wait_s in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
            if proc.poll() is None:
                os.killpg(proc.pid, sig)
                try:
                    proc.wait(wait_s)
                except subprocess.TimeoutExpired:
                    continue
        log.close()
        shutil.rmtree(temp, ignore_errors=True)
