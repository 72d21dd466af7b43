"""Opening the database: migrations, configuration, and readable errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, MetaData, String, Table, update

from vision.clinic.config import Programme, resolve_data_dir, resolve_db_url
from vision.clinic.db import Database
from vision.clinic.errors import StorageError
from vision.clinic.models import Base


def test_migrations_create_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_reopening_is_idempotent(db_url: str, tmp_path: Path) -> None:
    for _ in range(2):
        Database.open(db_url, data_dir=tmp_path).close()


def test_schema_from_a_newer_version_is_refused_clearly(db: Database, db_url: str, tmp_path: Path) -> None:
    version = Table("alembic_version", MetaData(), Column("version_num", String(32)))
    with db.engine.begin() as conn:
        conn.execute(update(version).values(version_num="9999_future"))
    with pytest.raises(StorageError, match="newer version"):
        Database.open(db_url, data_dir=tmp_path)


def test_sqlite_uses_wal_and_creates_the_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nested" / "retrowalk"
    Database.open(f"sqlite:///{folder / 'x.db'}", data_dir=folder).close()
    con = sqlite3.connect(folder / "x.db")
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


def test_default_location_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RETROWALK_DB_URL", raising=False)
    monkeypatch.setenv("RETROWALK_DATA_DIR", str(tmp_path / "home-data"))
    with Database.open() as db:
        assert db.dialect == "sqlite"
        assert db.data_dir == tmp_path / "home-data"
    assert (tmp_path / "home-data" / "retrowalk.db").is_file()


def test_url_resolution_order() -> None:
    env = {"RETROWALK_DB_URL": "postgresql://u:p@h/db", "RETROWALK_DATA_DIR": "/d"}
    assert resolve_db_url("sqlite:///x.db", env=env) == "sqlite:///x.db"
    assert resolve_db_url(None, env=env) == "postgresql+psycopg://u:p@h/db"
    assert resolve_db_url(None, env={"RETROWALK_DATA_DIR": "/d"}) == "sqlite:////d/retrowalk.db"
    assert resolve_data_dir(None, env={}) == Path("~/.local/share/retrowalk").expanduser()
    with pytest.raises(ValueError):
        Programme(sessions_per_week=0)


def test_damaged_file_gives_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database at all, just some bytes" * 200)
    with pytest.raises(StorageError, match="damaged") as info:
        Database.open(f"sqlite:///{path}", data_dir=tmp_path)
    assert "Traceback" not in str(info.value)
    assert str(path) in str(info.value)


def test_locked_file_gives_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    Database.open(f"sqlite:///{path}", data_dir=tmp_path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match=r"locked|busy"):
            Database.open(f"sqlite:///{path}", data_dir=tmp_path, busy_timeout_s=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_unreachable_server_gives_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"Cannot reach|refused") as info:
        Database.open("postgresql://user:secret@127.0.0.1:1/nowhere", data_dir=tmp_path)
    assert "secret" not in str(info.value)


def test_bad_url_gives_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"not a valid URL|No database driver"):
        Database.open("nonsense://", data_dir=tmp_path)
