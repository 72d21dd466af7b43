"""Fixtures of the job tests: the shared clinic database (``tests/clinic_db.py``) with the jobs
table, and a queue on it."""

from __future__ import annotations

import clinic_db
import pytest

import vision.jobs.models  # noqa: F401 - the jobs table on Base.metadata
from vision.clinic.db import Database
from vision.jobs.config import JobsConfig
from vision.jobs.queue import JobQueue

db, db_url = clinic_db.db, clinic_db.db_url  # the shared database fixtures


@pytest.fixture
def queue(db: Database) -> JobQueue:
    return JobQueue(db, JobsConfig(heartbeat_s=0.2, stale_after_s=5.0, max_attempts=2, poll_s=0.1))
