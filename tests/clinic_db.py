"""Database fixtures shared by the clinic and job tests (imported by their ``conftest.py``): every
database test runs on SQLite and, when ``RETROWALK_TEST_PG_URL`` is set (see
scripts/start_test_postgres.sh), on PostgreSQL too."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Column, MetaData, String, Table, create_engine

from vision.clinic.config import resolve_db_url
from vision.clinic.db import Database
from vision.clinic.models import Base

PG_ENV = "RETROWALK_TEST_PG_URL"


def reset_postgres(url: str) -> None:
    """Drop every table on ``Base.metadata`` (and Alembic's version table) from the test database."""
    engine = create_engine(resolve_db_url(url))
    try:
        Base.metadata.drop_all(engine)
        Table("alembic_version", MetaData(), Column("version_num", String(32))).drop(engine, checkfirst=True)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL per test, on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'clinic.db'}"
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set (run scripts/start_test_postgres.sh)")
    reset_postgres(url)
    return url


@pytest.fixture
def db(db_url: str, tmp_path: Path) -> Iterator[Database]:
    """An open, migrated database."""
    database = Database.open(db_url, data_dir=tmp_path / "data")
    yield database
    database.close()
