"""The job queue on the clinic database: submit, claim (atomically), heartbeat, finish, fail,
and re-queue of jobs whose worker died.

A claim is one transaction that picks the oldest queued row and flips it to ``running`` only if
it is still queued: under SQLite's ``BEGIN IMMEDIATE`` the transaction is the only writer; on
PostgreSQL the row is taken ``FOR UPDATE SKIP LOCKED``, so two workers never get the same job.
Every later write of a worker names the worker (``host:pid``) and succeeds only while the job is
still its own: a worker presumed dead that wakes up cannot overwrite the next attempt.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select, update

from vision.clinic.db import Database
from vision.clinic.models import utcnow
from vision.jobs.config import JobsConfig
from vision.jobs.models import AnalysisJob
from vision.jobs.uploads import store_upload


@dataclass(frozen=True, slots=True)
class JobView:
    """A job as the app and the worker see it (paths absolute, summary parsed)."""

    id: int
    status: str
    owner: str
    file_name: str
    upload: Path
    subject_index: int | None
    lang: str
    """Language of the report, plots and annotated video."""
    progress: float
    attempts: int
    max_attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    worker: str | None
    error: str | None
    out_dir: Path | None
    summary: dict | None

    @property
    def active(self) -> bool:
        """Queued or running (the page keeps polling)."""
        return self.status in ("queued", "running")


def worker_id() -> str:
    """This process as a worker: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


class JobQueue:
    """The jobs of one database; ``data_dir`` holds the uploads and the results."""

    def __init__(self, db: Database, config: JobsConfig | None = None) -> None:
        self.db = db
        self.config = config or JobsConfig()

    @property
    def data_dir(self) -> Path:
        return self.db.data_dir

    def _view(self, row: AnalysisJob) -> JobView:
        return JobView(
            id=row.id,
            status=row.status,
            owner=row.owner,
            file_name=row.file_name,
            upload=self.data_dir / row.upload_path,
            subject_index=row.subject_index,
            lang=row.lang or "en",
            progress=row.progress,
            attempts=row.attempts,
            max_attempts=row.max_attempts,
            created_at=row.created_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
            worker=row.worker,
            error=row.error,
            out_dir=None if row.out_dir is None else self.data_dir / row.out_dir,
            summary=None if row.summary_json is None else json.loads(row.summary_json),
        )

    # ---- the app's side -------------------------------------------------------------------
    def submit(
        self,
        source: BinaryIO | bytes,
        *,
        file_name: str,
        owner: str,
        subject_index: int | None = None,
        lang: str = "en",
    ) -> JobView:
        """Store the upload durably, then queue its job (results in ``lang``)."""
        stored = store_upload(self.data_dir, source, file_name)
        with self.db.transaction() as tx:
            row = AnalysisJob(
                status="queued",
                owner=owner[:80],
                file_name=file_name,
                upload_path=stored.rel_path,
                upload_bytes=stored.size,
                upload_sha256=stored.sha256,
                subject_index=subject_index,
                lang=lang,
                progress=0.0,
                attempts=0,
                max_attempts=self.config.max_attempts,
                created_at=utcnow(),
            )
            tx.add(row)
            tx.flush()
            return self._view(row)

    def get(self, job_id: int) -> JobView | None:
        with self.db.transaction() as tx:
            row = tx.get(AnalysisJob, job_id)
            return None if row is None else self._view(row)

    def recent(self, owner: str, limit: int = 10) -> list[JobView]:
        """The owner's newest jobs first."""
        with self.db.transaction() as tx:
            rows = tx.scalars(
                select(AnalysisJob)
                .where(AnalysisJob.owner == owner)
                .order_by(AnalysisJob.id.desc())
                .limit(limit)
            ).all()
            return [self._view(r) for r in rows]

    # ---- the worker's side ----------------------------------------------------------------
    def claim(self, worker: str) -> JobView | None:
        """The oldest queued job, now ``running`` for ``worker`` (None when there is none)."""
        now = utcnow()
        with self.db.transaction() as tx:
            row = tx.scalars(
                select(AnalysisJob)
                .where(AnalysisJob.status == "queued")
                .order_by(AnalysisJob.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if row is None:
                return None
            taken = tx.execute(
                update(AnalysisJob)
                .where(AnalysisJob.id == row.id, AnalysisJob.status == "queued")
                .values(
                    status="running",
                    worker=worker,
                    attempts=AnalysisJob.attempts + 1,
                    started_at=now,
                    heartbeat_at=now,
                    progress=0.0,
                )
                .execution_options(synchronize_session=False)
            )
            if taken.rowcount != 1:
                return None
            tx.refresh(row)
            return self._view(row)

    def _own(self, job_id: int, owner: str, /, **values) -> bool:
        """Update the job, in a transaction of its own, only while it runs for ``owner`` (a worker
        id); False when the job is no longer that worker's."""
        with self.db.transaction() as tx:
            res = tx.execute(
                update(AnalysisJob)
                .where(AnalysisJob.id == job_id, AnalysisJob.worker == owner, AnalysisJob.status == "running")
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            return res.rowcount == 1

    def heartbeat(self, job_id: int, worker: str, progress: float) -> bool:
        """Record that ``worker`` is alive at ``progress``; False when the job is no longer its own."""
        return self._own(job_id, worker, heartbeat_at=utcnow(), progress=min(1.0, max(0.0, progress)))

    def finish(self, job_id: int, worker: str, *, out_dir: Path, summary: dict) -> bool:
        """Mark the job done with its result folder (inside the data folder) and summary."""
        rel = out_dir.resolve().relative_to(self.data_dir.resolve()).as_posix()
        return self._own(
            job_id,
            worker,
            status="done",
            progress=1.0,
            finished_at=utcnow(),
            out_dir=rel,
            summary_json=json.dumps(summary),
            error=None,
        )

    def fail(self, job_id: int, worker: str, error: str) -> bool:
        """Mark the job failed (not retried) with the reason, in words."""
        return self._own(job_id, worker, status="failed", finished_at=utcnow(), error=error)

    def release(self, job_id: int, worker: str) -> bool:
        """Give a job back to the queue (the worker is stopping); the attempt does not count."""
        return self._own(
            job_id, worker, status="queued", attempts=AnalysisJob.attempts - 1, worker=None, progress=0.0
        )

    def requeue_stale(self) -> list[int]:
        """Jobs whose worker died: back to ``queued``, or ``failed`` after ``max_attempts``.

        A worker is dead when its heartbeat is older than ``stale_after_s``, or at once when it
        ran on this machine and its process is gone. Returns the ids it changed.
        """
        now = utcnow()
        limit = now - timedelta(seconds=self.config.stale_after_s)
        host = socket.gethostname()
        changed: list[int] = []
        with self.db.transaction() as tx:
            for row in tx.scalars(select(AnalysisJob).where(AnalysisJob.status == "running")).all():
                beat = row.heartbeat_at or row.started_at or row.created_at
                if not (beat < limit or _dead_here(row.worker, host)):
                    continue
                lost = f"its worker {row.worker} stopped (last heartbeat {beat:%H:%M:%S} UTC)"
                if row.attempts >= row.max_attempts:
                    row.status, row.finished_at = "failed", now
                    row.error = f"The analysis was tried {row.attempts} times and each time {lost}."
                else:
                    row.status, row.progress = "queued", 0.0
                    row.error = f"Attempt {row.attempts} of {row.max_attempts} was lost: {lost}; retrying."
                changed.append(row.id)
        return changed


def _dead_here(worker: str | None, host: str) -> bool:
    if not worker or os.name != "posix":
        return False
    name, _, pid = worker.rpartition(":")
    if name != host or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
