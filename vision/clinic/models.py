"""ORM models (SQLAlchemy 2, typed ``Mapped[]``) of the clinic database.

Time columns are UTC (:class:`UTCDateTime`); times inside a session are seconds from the
session's first frame (``*_s``). Text from users (names, notes) is stored as-is, never
interpreted. Deleting a patient deletes their sessions and everything below them
(``ON DELETE CASCADE``). The schema is created by the Alembic scripts in ``migrations/``;
``tests/clinic/test_db.py`` checks that the two agree.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SESSION_SOURCES = ("live", "upload", "import")
AUDIT_ACTIONS = ("view", "export", "change")


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and returned as aware UTC on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("Naive datetimes are ambiguous; pass a timezone-aware datetime.")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


def parent_key(table: str, **options: Any) -> MappedColumn[Any]:
    """A reference to ``table.id``: the row is deleted with that row (``ON DELETE CASCADE``)."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), **options)


def made_now(**options: Any) -> MappedColumn[Any]:
    """A UTC time that defaults to the moment the row is written."""
    return mapped_column(UTCDateTime, default=utcnow, **options)


class Base(DeclarativeBase):
    """Declarative base holding the shared metadata (with constraint naming rules)."""

    metadata = MetaData(naming_convention=NAMING)


class Clinician(Base):
    """A clinician account. Passwords are stored only as argon2 hashes."""

    __tablename__ = "clinicians"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(Text)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = made_now()
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    """Consecutive failed logins since the last success or lock expiry."""
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Patient(Base):
    """A patient, owned by exactly one clinician."""

    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinician_id: Mapped[int] = parent_key("clinicians", index=True)
    display_name: Mapped[str] = mapped_column(Text)
    external_ref: Mapped[str | None] = mapped_column(Text)
    """Free identifier from the clinic's records (untrusted text)."""
    video_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    """Whether raw video of this patient's sessions may be kept."""
    sessions_per_week: Mapped[int | None] = mapped_column(Integer)
    """Programme override; ``None`` means the clinic default."""
    minutes_per_session: Mapped[float | None] = mapped_column(Float)
    """Programme override in minutes; ``None`` means the clinic default."""
    home_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    """SHA-256 hex of the patient's home access code (see :mod:`vision.clinic.homecodes`)."""
    home_code_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the home access code stops working (``None``: a code issued before codes expired)."""
    created_at: Mapped[datetime] = made_now()


class WalkSession(Base):
    """One exercise session: its settings, its state and its summary metrics."""

    __tablename__ = "walk_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = parent_key("patients", index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    source: Mapped[str] = mapped_column(String(16))
    """``live`` (camera), ``upload`` (video analysed in the app) or ``import`` (analyze folder)."""
    status: Mapped[str] = mapped_column(String(16))
    """``recording``, ``complete`` or ``interrupted`` (process died while recording)."""
    model_version: Mapped[str | None] = mapped_column(String(200))
    settings_json: Mapped[str] = mapped_column(Text, default="{}")
    summary_json: Mapped[str | None] = mapped_column(Text)
    """The full summary dict as JSON (the columns below are copies of its main metrics)."""
    fps: Mapped[float | None] = mapped_column(Float)
    image_width: Mapped[int | None] = mapped_column(Integer)
    image_height: Mapped[int | None] = mapped_column(Integer)
    frames_stored: Mapped[int] = mapped_column(Integer, default=0)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """Time of the recorder's last commit."""
    recorder_host: Mapped[str | None] = mapped_column(String(255))
    recorder_pid: Mapped[int | None] = mapped_column(Integer)
    video_file: Mapped[str | None] = mapped_column(Text)
    """Raw video file name inside ``<data_dir>/videos`` (only with the patient's opt-in)."""

    steps: Mapped[int | None] = mapped_column(Integer)
    cadence_spm: Mapped[float | None] = mapped_column(Float)
    forefoot_share: Mapped[float | None] = mapped_column(Float)
    flat_share: Mapped[float | None] = mapped_column(Float)
    heel_share: Mapped[float | None] = mapped_column(Float)
    upright_share: Mapped[float | None] = mapped_column(Float)
    glances: Mapped[int | None] = mapped_column(Integer)
    glances_per_min: Mapped[float | None] = mapped_column(Float)
    over_rotations: Mapped[int | None] = mapped_column(Integer)
    detection_rate: Mapped[float | None] = mapped_column(Float)
    direction: Mapped[str | None] = mapped_column(String(16))
    view: Mapped[str | None] = mapped_column(String(32))


class StepEvent(Base):
    """One foot contact: when, which foot, how it struck."""

    __tablename__ = "step_events"
    __table_args__ = (UniqueConstraint("session_id", "step_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = parent_key("walk_sessions", index=True)
    step_index: Mapped[int] = mapped_column(Integer)
    """0-based order of the step within the session."""
    foot: Mapped[str] = mapped_column(String(8))
    contact_time_s: Mapped[float] = mapped_column(Float)
    contact_frame: Mapped[int | None] = mapped_column(Integer)
    liftoff_frame: Mapped[int | None] = mapped_column(Integer)
    strike: Mapped[str | None] = mapped_column(String(16))
    """``forefoot``, ``flat`` or ``heel``."""
    direction: Mapped[str | None] = mapped_column(String(16))
    confidence: Mapped[float | None] = mapped_column(Float)


class MetricSecond(Base):
    """Per-second summary of the per-frame metrics (second ``k`` covers ``[k, k+1)`` s)."""

    __tablename__ = "metric_seconds"

    session_id: Mapped[int] = parent_key("walk_sessions", primary_key=True)
    second: Mapped[int] = mapped_column(Integer, primary_key=True)
    frames: Mapped[int] = mapped_column(Integer)
    present_frames: Mapped[int] = mapped_column(Integer)
    trunk_lean_deg: Mapped[float | None] = mapped_column(Float)
    """Mean trunk lean over the present frames, degrees."""
    head_yaw_deg: Mapped[float | None] = mapped_column(Float)
    """Mean absolute head yaw over the present frames, degrees."""
    glance_frames: Mapped[int] = mapped_column(Integer, default=0)
    upright_share: Mapped[float | None] = mapped_column(Float)
    cadence_spm: Mapped[float | None] = mapped_column(Float)


class Glance(Base):
    """One over-the-shoulder glance, ``[start_s, end_s]``."""

    __tablename__ = "glances"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = parent_key("walk_sessions", index=True)
    start_s: Mapped[float] = mapped_column(Float)
    end_s: Mapped[float] = mapped_column(Float)
    side: Mapped[str | None] = mapped_column(String(8))
    peak_yaw_deg: Mapped[float | None] = mapped_column(Float)


class Cue(Base):
    """A coaching cue given to the patient during the session."""

    __tablename__ = "cues"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = parent_key("walk_sessions", index=True)
    time_s: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)


class LandmarkChunk(Base):
    """About one second of landmarks, compressed by :mod:`vision.clinic.replay`."""

    __tablename__ = "landmark_chunks"

    session_id: Mapped[int] = parent_key("walk_sessions", primary_key=True)
    chunk_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    t_start_s: Mapped[float] = mapped_column(Float)
    t_end_s: Mapped[float] = mapped_column(Float)
    n_frames: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Note(Base):
    """A clinician's note on a session, or on one step of it (``step_id`` set)."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = parent_key("walk_sessions", index=True)
    step_id: Mapped[int | None] = parent_key("step_events")
    clinician_id: Mapped[int] = parent_key("clinicians")
    created_at: Mapped[datetime] = made_now()
    text: Mapped[str] = mapped_column(Text)


class LoginSession(Base):
    """A clinician's login kept across page reloads (the browser holds the token in an
    HttpOnly cookie; only its SHA-256 is stored). Logout sets ``revoked_at``."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    clinician_id: Mapped[int] = parent_key("clinicians", index=True)
    created_at: Mapped[datetime] = made_now()
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime] = made_now()
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    """One access to a patient's data: who viewed, exported or changed what, when.

    Append-only: the code has no update or delete path, and database triggers (migration
    0002) refuse UPDATE and DELETE. No foreign keys, so the record outlives the clinician,
    patient or session it names (the user name is copied for that reason).
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = made_now(index=True)
    clinician_id: Mapped[int] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(16))
    """``view``, ``export`` or ``change``."""
    patient_id: Mapped[int | None] = mapped_column(Integer, index=True)
    session_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")
    """What exactly (``session PDF``, ``programme``, ``note added``...)."""


class HomeCodeFailure(Base):
    """A failed home-code redemption, kept for rate limiting (see ``HomeCodePolicy``)."""

    __tablename__ = "home_code_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = made_now(index=True)
    client: Mapped[str] = mapped_column(String(80), default="")
    """Who tried (the browser's address as the app sees it; empty when unknown)."""
    code_hash: Mapped[str] = mapped_column(String(64), default="")
    """SHA-256 of the wrong code: the same wrong code tried again is not a new guess."""
