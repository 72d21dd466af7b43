"""The worker: a job finishes after its first worker is killed with SIGKILL mid-analysis; a
clip that is not a video fails at once, saying why; a job run as a Ray task."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest
from jobs_helpers import SAMPLE, require_ray, short_clip, start_worker, wait_for

from vision.cluster.address import ClusterTarget
from vision.cluster.config import ClusterConfig
from vision.cluster.runtime import ray_session
from vision.jobs.queue import JobQueue
from vision.jobs.runners import LocalRunner, RayRunner
from vision.jobs.worker import serve
from vision.session.formats import ANALYZE_FILES, FILE_NAMES


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_job_whose_worker_is_killed_finishes_after_a_retry(
    db_url: str, queue: JobQueue, tmp_path: Path
) -> None:
    job = queue.submit(SAMPLE.read_bytes(), file_name="walk.mp4", owner="tab")
    log = tmp_path / "worker.log"
    first = start_worker(db_url, queue.data_dir, "--heartbeat", "0.3", log=log)
    try:
        running = wait_for(
            queue, job.id, lambda j: j.status == "running" and j.progress > 0.05, 180, "progress"
        )
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    assert running.attempts == 1 and running.worker.endswith(f":{first.pid}")
    assert queue.get(job.id).status == "running"  # nobody told the database
    assert job.upload.exists()  # the clip is still there for the retry
    second = start_worker(db_url, queue.data_dir, "--once", "--heartbeat", "0.3", log=log)
    assert second.wait(300) == 0, log.read_text()[-3000:]
    done = queue.get(job.id)
    assert done.status == "done", (done, log.read_text()[-3000:])
    assert done.attempts == 2 and done.worker.endswith(f":{second.pid}")
    assert done.error is None and done.progress == 1.0
    assert done.summary["direction"] == "backward" and done.summary["steps"] >= 8
    assert (done.out_dir / "steps.csv").read_text().startswith("step,foot,")
    assert not job.upload.exists()  # removed only once the result was stored


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sigterm_gives_the_running_job_back(db_url: str, queue: JobQueue, tmp_path: Path) -> None:
    job = queue.submit(SAMPLE.read_bytes(), file_name="walk.mp4", owner="tab")
    log = tmp_path / "worker.log"
    worker = start_worker(db_url, queue.data_dir, "--heartbeat", "0.3", log=log)
    try:
        wait_for(queue, job.id, lambda j: j.status == "running" and j.progress > 0.02, 180, "progress")
    finally:
        worker.send_signal(signal.SIGTERM)
        code = worker.wait(60)
    assert code == 0, log.read_text()[-2000:]
    back = queue.get(job.id)
    assert (back.status, back.attempts, back.worker) == ("queued", 0, None)
    assert job.upload.exists()


def test_a_file_that_is_not_a_video_fails_once_with_the_reason(queue: JobQueue) -> None:
    job = queue.submit(b"hello, I am a spreadsheet" * 40, file_name="notes.mp4", owner="tab")
    assert serve(queue, LocalRunner(threads=1), stop=threading.Event(), once=True) == 1
    failed = queue.get(job.id)
    assert failed.status == "failed" and failed.attempts == 1
    assert "notes.mp4" in failed.error and str(failed.upload) not in failed.error
    assert failed.upload.exists()  # kept: a failed job's clip is not thrown away


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_job_runs_as_a_ray_task(queue: JobQueue, tmp_path: Path) -> None:
    require_ray()
    clip = short_clip(SAMPLE, tmp_path / "short.mp4", 60)
    job = queue.submit(clip.read_bytes(), file_name="short walk.mp4", owner="tab", lang="de")
    assert job.lang == "de"
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    cfg = ClusterConfig()
    with ray_session(ClusterTarget(None), num_cpus=1, config=cfg) as ray:
        runner = RayRunner(ray, target=ClusterTarget(None), config=cfg, poll_s=0.2)
        assert serve(queue, runner, stop=threading.Event(), once=True) == 1
    done = queue.get(job.id)
    assert done.status == "done", done.error
    # The user's file name and language reach the worker's outputs (not the stored upload's).
    assert done.summary["video"]["file"] == "short walk.mp4" and done.summary["language"] == "de"
    assert (done.out_dir / FILE_NAMES["report"]).read_text().startswith("# ") and "short walk.mp4" in (
        done.out_dir / FILE_NAMES["report"]
    ).read_text()
    assert {p.name for p in done.out_dir.iterdir()} == {FILE_NAMES[k] for k in ANALYZE_FILES}
