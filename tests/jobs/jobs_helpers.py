"""Helpers of the job tests: a worker process of this checkout, waiting on a job's state."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from vision.jobs.queue import JobQueue, JobView

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_videos" / "backward_walk_side.mp4"


def start_worker(db_url: str, data_dir: Path, *extra: str, log: Path) -> subprocess.Popen:
    """``python -m vision.cli worker`` of this checkout on the given database."""
    env = {k: v for k, v in os.environ.items() if k != "RETROWALK_RAY_ADDRESS"}
    env["PYTHONPATH"] = str(REPO)
    cmd = [sys.executable, "-m", "vision.cli", "worker", "--db", db_url, "--data-dir", str(data_dir), *extra]
    with log.open("ab") as fh:
        return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT)


def wait_for(
    queue: JobQueue, job_id: int, ok: Callable[[JobView], bool], timeout_s: float, what: str
) -> JobView:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = queue.get(job_id)
        if job is not None and ok(job):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not get {what} within {timeout_s} s: {queue.get(job_id)}")


def require_ray():
    """``ray``, or a skip outside CI (in CI, where the extra is installed, a failure)."""
    if os.environ.get("CI") == "true":
        import ray

        return ray
    return pytest.importorskip("ray")


def short_clip(source: Path, path: Path, frames: int) -> Path:
    """The first ``frames`` frames of ``source`` as an H.264 MP4."""
    from vision.analysis.h264 import H264Writer
    from vision.video import iter_video

    images = [f.image for f in iter_video(source) if f.index < frames]
    h, w = images[0].shape[:2]
    with H264Writer(path, (w, h), 30.0) as out:
        for i, image in enumerate(images):
            out.write(image, i / 30.0)
    return path
