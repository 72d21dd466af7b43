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


PROGRAMME_MINUTES: tuple[float, ...] = (5, 6, 8, 10, 12, 14, 16, 18, 20)
"""The one exercise programme: suggested minutes per session in programme weeks 1, 2, 3…
(then the last value): start with 5 minutes, add a little each week, up to 20. The live coach's
"Today: N minutes" and the clinic's default minimum for a session to count both come from here."""
PROGRAMME_SESSIONS_PER_WEEK = 3
"""Default sessions per calendar week of the programme."""


def suggested_minutes(week: int) -> float:
    """Suggested session length in minutes in programme week ``week`` (1-based)."""
    i = min(max(int(week), 1), len(PROGRAMME_MINUTES)) - 1
    return float(PROGRAMME_MINUTES[i])


@dataclass(frozen=True, slots=True)
class Programme:
    """The prescribed exercise programme a patient's adherence is measured against."""

    sessions_per_week: int = PROGRAMME_SESSIONS_PER_WEEK
    """Sessions the patient should do per calendar week (Monday to Sunday, UTC)."""
    minutes_per_session: float = PROGRAMME_MINUTES[0]
    """Minimum walking time in minutes for a session to count towards the weekly target
    (default: the coach's first-week suggestion, so a patient who follows the coach counts)."""

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


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    """How long a clinician stays logged in (across page reloads) without logging in again."""

    max_hours: float = 8.0
    """Hours after the login at which the kept login ends, used or not."""
    idle_minutes: float = 30.0
    """Minutes without a page view after which the kept login ends."""
    touch_every_s: float = 60.0
    """Seconds between two updates of a login's last-use time (fewer database writes)."""


@dataclass(frozen=True, slots=True)
class HomeCodePolicy:
    """Patients' home access codes: length, lifetime and how often a wrong one may be tried."""

    length: int = 10
    """Characters of a code (from :data:`vision.clinic.homecodes.ALPHABET`, ~4.4 bits each)."""
    valid_days: float = 30.0
    """Days a code works after it was issued."""
    window_minutes: float = 15.0
    """Length of the window in which failed redemptions are counted."""
    max_failures_per_client: int = 5
    """Failed redemptions from one address within the window before that address is refused."""
    max_failures_total: int = 100
    """Failed redemptions from all addresses within the window before every redemption is
    refused (bounds guessing with many addresses)."""


@dataclass(frozen=True, slots=True)
class AuditPolicy:
    """How the audit log records page views."""

    view_repeat_s: float = 600.0
    """A clinician viewing the same patient or session again within this many seconds adds no
    new view record (a page rerun is not a new look)."""


ENV_LOGIN_HOURS = "RETROWALK_LOGIN_HOURS"


def resolve_login_policy(env: Mapping[str, str] | None = None) -> LoginPolicy:
    """The login policy, with ``$RETROWALK_LOGIN_HOURS`` (hours, > 0) overriding ``max_hours``."""
    env = os.environ if env is None else env
    try:
        hours = float(env.get(ENV_LOGIN_HOURS, ""))
    except ValueError:
        return DEFAULT_LOGIN
    return LoginPolicy(max_hours=hours) if hours > 0 else DEFAULT_LOGIN


DEFAULT_PROGRAMME = Programme()
DEFAULT_LOGIN = LoginPolicy()
DEFAULT_HOME_CODES = HomeCodePolicy()
DEFAULT_AUDIT = AuditPolicy()
DEFAULT_LOCKOUT = LockoutPolicy()
DEFAULT_PASSWORD_POLICY = PasswordPolicy()
