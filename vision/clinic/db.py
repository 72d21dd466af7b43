"""Opening the clinic database: engine setup, migrations, transactions, error translation.

One :class:`Database` per process (or per test); it owns its SQLAlchemy engine, so there is no
module-level state. SQLite runs in WAL mode with ``BEGIN IMMEDIATE`` transactions (a writer
waits up to ``busy_timeout_s`` for another instead of failing) and foreign keys on; a commit
survives the writing process being killed. PostgreSQL is reached through psycopg 3.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from vision.clinic.config import resolve_data_dir, resolve_db_url
from vision.clinic.errors import StorageError
from vision.clinic.models import WalkSession, utcnow

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_PG_LOCK_KEY = 0x5257_434C  # "RWCL": advisory lock serialising migrations and first-run setup


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    """What :meth:`Database.open` did to sessions left open by a dead recorder."""

    interrupted_session_ids: tuple[int, ...] = ()


class Database:
    """An open clinic database. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, engine: Engine, data_dir: Path) -> None:
        self.engine = engine
        self.data_dir = data_dir
        """Folder for files beside the database (raw videos); created on open."""
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.recovery = RecoveryReport()

    # ---- opening --------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        data_dir: str | Path | None = None,
        busy_timeout_s: float = 10.0,
        stale_after_s: float = 120.0,
        migrate: bool = True,
    ) -> Database:
        """Open (creating if needed) the database, bring its schema to the newest version and
        mark sessions whose recorder died as ``interrupted``.

        ``url``: SQLAlchemy URL (else ``$RETROWALK_DB_URL``, else SQLite in the data folder).
        ``busy_timeout_s``: how long a write waits for a lock held by another process.
        ``stale_after_s``: a ``recording`` session whose recorder has not committed for this
        long (or whose recorder process on this machine is gone) counts as interrupted.
        Raises :class:`StorageError` with a readable sentence on any failure.
        """
        folder = resolve_data_dir(data_dir)
        resolved = resolve_db_url(url, folder)
        try:
            parsed = make_url(resolved)
        except ArgumentError as exc:
            raise StorageError(f"The database address {resolved!r} is not a valid URL.") from exc
        where = _describe(resolved)
        folders = [folder]
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            folders.append(Path(parsed.database).expanduser().parent)
        for path in folders:
            try:
                path.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise StorageError(f"Cannot create the folder {path}: {exc.strerror or exc}.") from exc
        try:
            engine = _make_engine(resolved, busy_timeout_s)
        except (NoSuchModuleError, ImportError) as exc:
            raise StorageError(
                f"No database driver is installed for {parsed.drivername!r} addresses "
                "(use sqlite:/// or postgresql://, with psycopg installed for PostgreSQL)."
            ) from exc
        db = cls(engine, folder)
        try:
            if migrate:
                db._upgrade(where)
            db.recovery = db.recover_interrupted(stale_after_s=stale_after_s)
        except BaseException:
            engine.dispose()
            raise
        return db

    def _upgrade(self, where: str) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
        with translate_errors(where), self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(select(func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
            cfg.attributes["connection"] = conn
            try:
                command.upgrade(cfg, "head")
            except CommandError as exc:
                raise StorageError(
                    f"The database {where} has a schema this version of RetroWalk does not know "
                    f"(probably written by a newer version): {exc}."
                ) from exc

    def close(self) -> None:
        """Release all connections."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def where(self) -> str:
        """Human description of the database location (password hidden)."""
        return _describe(self.engine.url.render_as_string(hide_password=True))

    @property
    def video_dir(self) -> Path:
        """Folder holding opted-in raw videos."""
        return self.data_dir / "videos"

    # ---- transactions ---------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[OrmSession]:
        """An ORM session in one transaction: committed on normal exit, rolled back on error.

        Database failures surface as :class:`StorageError`; other exceptions pass through.
        """
        with translate_errors(self.where), self._sessions.begin() as tx:
            yield tx

    def serialize(self, tx: OrmSession) -> None:
        """Serialise this transaction against others calling it (first-run setup, migrations).

        SQLite transactions are already exclusive writers; PostgreSQL takes an advisory lock.
        """
        if self.dialect == "postgresql":
            tx.execute(select(func.pg_advisory_xact_lock(_PG_LOCK_KEY)))

    # ---- crash recovery -------------------------------------------------------------------
    def recover_interrupted(self, *, stale_after_s: float = 120.0) -> RecoveryReport:
        """Mark ``recording`` sessions whose recorder is gone as ``interrupted``.

        A recorder on this machine is gone when its process no longer exists; one elsewhere
        when it has not committed for ``stale_after_s`` seconds. Stored data stays readable.
        """
        from vision.clinic.summary import finalize_from_stored  # import here: summary imports models

        now = utcnow()
        host = socket.gethostname()
        done: list[int] = []
        with self.transaction() as tx:
            open_rows = tx.scalars(select(WalkSession).where(WalkSession.status == "recording")).all()
            for row in open_rows:
                beat = row.heartbeat_at or row.started_at
                local = row.recorder_host == host and row.recorder_pid is not None and os.name == "posix"
                if local:
                    gone = not pid_alive(row.recorder_pid or 0)
                else:
                    gone = now - beat > timedelta(seconds=stale_after_s)
                if gone:
                    row.status = "interrupted"
                    row.ended_at = beat
                    finalize_from_stored(tx, row)
                    done.append(row.id)
        return RecoveryReport(tuple(done))


def _make_engine(url: str, busy_timeout_s: float) -> Engine:
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout_s})
    timeout_ms = int(busy_timeout_s * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" hook own transactions
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {timeout_ms:d}")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA foreign_keys = ON")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (on this machine; always True off POSIX)."""
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _describe(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"file {parsed.database}" if parsed.database else "in-memory database"
    if parsed.get_backend_name() != "postgresql":
        return f"{parsed.drivername} database {parsed.database or ''}".strip()
    return f"server {parsed.host or 'localhost'}:{parsed.port or 5432} (database {parsed.database})"


_SQLITE_MESSAGES: tuple[tuple[str, str], ...] = (
    (
        "locked",
        "The database {where} is locked by another program. Close other RetroWalk windows "
        "(or wait for them to finish saving) and try again.",
    ),
    ("busy", "The database {where} is busy with another program. Try again in a moment."),
    (
        "not a database",
        "The database {where} is damaged or is not a RetroWalk database. Restore it "
        "from a backup, or move it aside to start a new one.",
    ),
    (
        "malformed",
        "The database {where} is damaged. Restore it from a backup, or move it aside to start a new one.",
    ),
    ("unable to open", "Cannot open the database {where}: check that its folder exists and is writable."),
    ("readonly", "The database {where} is read-only: check the file's permissions."),
    ("read-only", "The database {where} is read-only: check the file's permissions."),
    ("disk is full", "The disk holding the database {where} is full. Free some space and try again."),
    ("disk i/o", "The disk holding the database {where} reported an input/output error."),
    (
        "connection refused",
        "Cannot reach the database {where}: the connection was refused (is the server running?).",
    ),
    ("could not translate host", "Cannot reach the database {where}: unknown host name."),
    ("password authentication failed", "The database {where} refused the user name or password."),
    ("does not exist", "The database {where} refused the request: {detail}."),
    ("timeout", "The database {where} did not answer in time."),
)


def storage_message(exc: BaseException, where: str) -> str:
    """A one-sentence description of a database failure for people, not programmers."""
    orig = getattr(exc, "orig", None) or exc
    detail = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    low = detail.lower()
    for needle, template in _SQLITE_MESSAGES:
        if needle in low:
            return template.format(where=where, detail=detail)
    return f"The database {where} reported an error: {detail}."


@contextmanager
def translate_errors(where: str) -> Iterator[None]:
    """Re-raise SQLAlchemy errors (and their OS errors) as :class:`StorageError`."""
    try:
        yield
    except (SQLAlchemyError, sqlite3.Error) as exc:
        raise StorageError(storage_message(exc, where)) from exc
