"""The job queue: durable uploads, atomic claims, heartbeats owned by their worker, re-queue of
jobs whose worker died (bounded), and the schema of migration 0002."""

from __future__ import annotations

import hashlib
import io
import socket
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import update

from vision.clinic.db import Database
from vision.clinic.models import Base, utcnow
from vision.jobs.models import AnalysisJob
from vision.jobs.queue import JobQueue


def test_migration_0002_creates_exactly_the_jobs_model(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    assert "analysis_jobs" in Base.metadata.tables


def test_a_job_keeps_its_language_and_gives_the_users_file_name_to_the_analysis(queue: JobQueue) -> None:
    from vision.jobs.runners import job_options

    de = queue.submit(b"x" * 10, file_name="Mein Gang.mp4", owner="tab", lang="de", subject_index=1)
    en = queue.submit(b"y" * 10, file_name="walk.mp4", owner="tab")
    assert (queue.get(de.id).lang, queue.get(en.id).lang) == ("de", "en")
    assert job_options(queue.get(de.id)) == {
        "subject_index": 1,
        "lang": "de",
        "display_name": "Mein Gang.mp4",
    }


def test_submit_stores_the_upload_before_queueing(queue: JobQueue) -> None:
    data = bytes(range(256)) * 5000  # 1.28 MB: more than one copy chunk
    job = queue.submit(io.BytesIO(data), file_name="Walk 1.MP4", owner="tab-a", subject_index=1)
    assert job.status == "queued" and job.attempts == 0 and job.max_attempts == 2
    assert job.upload.read_bytes() == data
    assert job.upload.parent == queue.data_dir / "uploads" and job.upload.suffix == ".mp4"
    assert not list(job.upload.parent.glob("*.partial"))
    with queue.db.transaction() as tx:
        row = tx.get(AnalysisJob, job.id)
        assert row.upload_bytes == len(data)
        assert row.upload_sha256 == hashlib.sha256(data).hexdigest()
    assert queue.get(job.id).file_name == "Walk 1.MP4"
    assert [j.id for j in queue.recent("tab-a")] == [job.id]
    assert queue.recent("tab-b") == []


def test_claims_are_oldest_first_and_never_shared(queue: JobQueue) -> None:
    ids = [queue.submit(b"x", file_name=f"{i}.mp4", owner="o").id for i in range(6)]
    got: list[tuple[str, int]] = []
    lock = threading.Lock()

    def claimer(name: str) -> None:
        while (job := queue.claim(name)) is not None:
            with lock:
                got.append((name, job.id))

    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(i for _, i in got) == ids  # each job exactly once
    for name, job_id in got:
        job = queue.get(job_id)
        assert (job.status, job.worker, job.attempts) == ("running", name, 1)
    assert queue.claim("late") is None


def test_only_the_owning_worker_may_write(queue: JobQueue, tmp_path: Path) -> None:
    job = queue.submit(b"x", file_name="a.mp4", owner="o")
    assert queue.claim("w1").id == job.id
    assert queue.heartbeat(job.id, "w1", 0.4)
    assert queue.get(job.id).progress == 0.4
    assert not queue.heartbeat(job.id, "w2", 0.9)
    assert not queue.fail(job.id, "w2", "no")
    out = queue.data_dir / "analyses" / "x"
    assert queue.finish(job.id, "w1", out_dir=out, summary={"steps": 7})
    done = queue.get(job.id)
    assert (done.status, done.progress, done.summary, done.out_dir) == ("done", 1.0, {"steps": 7}, out)
    assert not queue.heartbeat(job.id, "w1", 0.5)  # finished: nobody writes any more


def _age_heartbeat(queue: JobQueue, job_id: int, seconds: float) -> None:
    with queue.db.transaction() as tx:
        tx.execute(
            update(AnalysisJob)
            .where(AnalysisJob.id == job_id)
            .values(heartbeat_at=utcnow() - timedelta(seconds=seconds))
        )


def test_a_stale_job_is_requeued_then_fails_after_max_attempts(queue: JobQueue) -> None:
    job = queue.submit(b"x", file_name="a.mp4", owner="o")
    queue.claim("far-host:1")
    _age_heartbeat(queue, job.id, 2)
    assert queue.requeue_stale() == []  # younger than stale_after_s (5 s)
    _age_heartbeat(queue, job.id, 60)
    assert queue.requeue_stale() == [job.id]
    again = queue.get(job.id)
    assert again.status == "queued" and "Attempt 1 of 2 was lost" in again.error
    assert not queue.heartbeat(job.id, "far-host:1", 0.5)  # the presumed-dead worker cannot write
    assert queue.claim("far-host:2").attempts == 2
    _age_heartbeat(queue, job.id, 60)
    assert queue.requeue_stale() == [job.id]
    failed = queue.get(job.id)
    assert failed.status == "failed"
    assert failed.error.startswith(
        "The analysis was tried 2 times and each time its worker far-host:2 stopped"
    )
    assert queue.claim("far-host:3") is None


def test_a_dead_local_worker_is_noticed_at_once(queue: JobQueue) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # a pid that existed on this machine and is gone
    job = queue.submit(b"x", file_name="a.mp4", owner="o")
    queue.claim(f"{socket.gethostname()}:{proc.pid}")
    assert queue.requeue_stale() == [job.id]
    assert queue.get(job.id).status == "queued"


def test_release_gives_the_job_back_without_counting_the_attempt(queue: JobQueue) -> None:
    job = queue.submit(b"x", file_name="a.mp4", owner="o")
    queue.claim("w1")
    assert queue.release(job.id, "w1")
    back = queue.get(job.id)
    assert (back.status, back.attempts, back.worker) == ("queued", 0, None)
