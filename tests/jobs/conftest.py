"""Fixtures of the job tests: a fresh clinic database with the jobs table, on SQLite and, when
``RETROWALK_TEST_PG_URL`` is set (scripts/start_test_postgres.sh), on PostgreSQL too."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Column, MetaData, String, Table, create_engine

import vision.jobs.models  # noqa: F401 - the jobs table on Base.metadata
from vision.clinic.config import resolve_db_url
from vision.clinic.db import Database
from vision.clinic.models import Base
from vision.jobs.config import JobsConfig
from vision.jobs.queue import JobQueue

PG_ENV = "RETROWALK_TEST_PG_URL"


def _reset_postgres(url: str) -> None:
    engine = create_engine(resolve_db_url(url))
    try:
        Base.metadata.drop_all(engine)
        Table("alembic_version", MetaData(), Column("version_num", String(32))).drop(engine, checkfirst=True)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'clinic.db'}"
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set (run scripts/start_test_postgres.sh)")
    _reset_postgres(url)
    return url


@pytest.fixture
def db(db_url: str, tmp_path: Path) -> Iterator[Database]:
    database = Database.open(db_url, data_dir=tmp_path / "data")
    yield database
    database.close()


@pytest.fixture
def queue(db: Database) -> JobQueue:
    return JobQueue(db, JobsConfig(heartbeat_s=0.2, stale_after_s=5.0, max_attempts=2, poll_s=0.1))
