"""Where the clinic data lives and what the exercise programme asks for.

Resolution order of the database (first match wins):

1. an explicit URL given to :meth:`vision.clinic.db.Database.open`;
2. environment variable ``RETROWALK_DB_URL`` (e.g. ``postgresql://user:pw@host/db``);
3. embedded SQLite file ``retrowalk.db`` in the data folder.

The data folder (SQLite file, opted-in raw videos) is the explicit ``data_dir`` argument, else
``RETROWALK_DATA_DIR``, else ``~/.local/share/retrowalk``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_DATA_DIR = "RETROWALK_DATA_DIR"
ENV_DB_URL = "RETROWALK_DB_URL"
DEFAULT_DATA_DIR = Path("~/.local/share/retrowalk")
SQLITE_FILENAME = "retrowalk.db"


def resolve_data_dir(data_dir: str | Path | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The data folder: the argument, else ``$RETROWALK_DATA_DIR``, else ``~/.local/share/retrowalk``."""
    env = os.environ if env is None else env
    if data_dir is not None:
        return Path(data_dir).expanduser()
    if env.get(ENV_DATA_DIR):
        return Path(env[ENV_DATA_DIR]).expanduser()
    return DEFAULT_DATA_DIR.expanduser()


def resolve_db_url(
    url: str | None = None, data_dir: str | Path | None = None, env: Mapping[str, str] | None = None
) -> str:
    """The SQLAlchemy URL to open (see the module docstring for the order).

    ``postgresql://`` and ``postgres://`` URLs are mapped to the psycopg 3 driver.
    """
    env = os.environ if env is None else env
    chosen = url or env.get(ENV_DB_URL) or ""
    if not chosen:
        path = resolve_data_dir(data_dir, env) / SQLITE_FILENAME
        return f"sqlite:///{path}"
    for prefix in ("postgresql://", "postgres://"):
        if chosen.startswith(prefix):
            return "postgresql+psycopg://" + chosen[len(prefix) :]
    return chosen


@dataclass(frozen=True, slots=True)
class Programme:
    """The prescribed exercise programme a patient's adherence is measured against."""

    sessions_per_week: int = 3
    """Sessions the patient should do per calendar week (Monday to Sunday, UTC)."""
    minutes_per_session: float = 10.0
    """Minimum walking time in minutes for a session to count towards the weekly target."""

    def __post_init__(self) -> None:
        if self.sessions_per_week < 1 or self.minutes_per_session <= 0:
            raise ValueError("A programme needs at least 1 session per week of more than 0 minutes.")


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """How many failed logins lock an account, and for how long."""

    max_failures: int = 5
    """Consecutive failed logins that lock the account."""
    lock_minutes: float = 15.0
    """Minutes the account stays locked."""


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """Minimal rules for clinician passwords (length only: passphrases beat composition rules)."""

    min_length: int = 10
    max_length: int = 1024


DEFAULT_PROGRAMME = Programme()
DEFAULT_LOCKOUT = LockoutPolicy()
DEFAULT_PASSWORD_POLICY = PasswordPolicy()
