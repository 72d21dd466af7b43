"""Plain, immutable values returned by the clinic API (no ORM objects leave the data layer).

Times: ``*_at`` are timezone-aware UTC datetimes; ``*_s`` are seconds from the stream start of
the session; shares are fractions 0..1.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from vision.clinic.config import Programme
from vision.clinic.models import (
    AuditEvent,
    Clinician,
    Cue,
    Glance,
    MetricSecond,
    Note,
    Patient,
    StepEvent,
    WalkSession,
)


@dataclass(frozen=True, slots=True)
class ClinicianInfo:
    """A clinician account (no secrets)."""

    id: int
    username: str
    display_name: str
    is_admin: bool
    created_at: datetime
    last_login_at: datetime | None


@dataclass(frozen=True, slots=True)
class PatientInfo:
    """A patient as the clinician sees them."""

    id: int
    display_name: str
    external_ref: str | None
    video_opt_in: bool
    programme: Programme
    """The programme in force (patient override or clinic default)."""
    programme_is_custom: bool
    has_home_code: bool
    created_at: datetime
    home_code_expires_at: datetime | None = None
    """When the current home access code stops working (``None`` without one, or never)."""


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Sessions in one calendar week (Monday 00:00 to Sunday 24:00 in the review time zone)."""

    week_start: date
    qualifying_sessions: int
    """Sessions at least as long as the programme's minutes."""
    minutes: float
    """Walking minutes of all sessions that week."""


@dataclass(frozen=True, slots=True)
class Adherence:
    """How well the patient keeps to the programme.

    ``ratio`` is the mean over the evaluated *complete* weeks of
    ``min(1, qualifying_sessions / sessions_per_week)``; ``None`` before the first complete
    week since the patient was created.
    """

    programme: Programme
    weeks: tuple[WeekCount, ...]
    """Complete weeks evaluated, oldest first (at most the requested number)."""
    ratio: float | None
    sessions_per_week: float | None
    """Mean qualifying sessions per evaluated week."""
    this_week: WeekCount
    """The current, incomplete week."""


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One session with its summary metrics (``None`` where unknown)."""

    id: int
    patient_id: int
    started_at: datetime
    ended_at: datetime | None
    duration_s: float
    source: str
    status: str
    model_version: str | None
    settings: dict[str, Any]
    summary: dict[str, Any] | None
    fps: float | None
    image_size: tuple[int, int]
    frames_stored: int
    has_video: bool
    steps: int | None = None
    cadence_spm: float | None = None
    forefoot_share: float | None = None
    flat_share: float | None = None
    heel_share: float | None = None
    upright_share: float | None = None
    glances: int | None = None
    glances_per_min: float | None = None
    over_rotations: int | None = None
    detection_rate: float | None = None
    direction: str | None = None
    view: str | None = None

    @property
    def minutes(self) -> float:
        """Walking time in minutes."""
        return self.duration_s / 60.0

    def metric(self, key: str) -> Any:
        """A summary metric by key (see :data:`vision.clinic.summary.METRICS`)."""
        return getattr(self, key)


@dataclass(frozen=True, slots=True)
class PatientOverview:
    """A row of the clinician's patient list."""

    patient: PatientInfo
    sessions_total: int
    last_session: SessionInfo | None
    adherence: Adherence


@dataclass(frozen=True, slots=True)
class StepInfo:
    """One foot contact."""

    id: int
    step_index: int
    foot: str
    contact_time_s: float
    contact_frame: int | None
    liftoff_frame: int | None
    strike: str | None
    direction: str | None
    confidence: float | None


@dataclass(frozen=True, slots=True)
class GlanceInfo:
    """One over-the-shoulder glance."""

    id: int
    start_s: float
    end_s: float
    side: str | None
    peak_yaw_deg: float | None


@dataclass(frozen=True, slots=True)
class CueInfo:
    """A coaching cue given during the session."""

    id: int
    time_s: float
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class MetricSecondInfo:
    """Per-second metrics; second ``k`` covers ``[k, k + 1)`` s."""

    second: int
    frames: int
    present_frames: int
    trunk_lean_deg: float | None
    head_yaw_deg: float | None
    glance_frames: int
    upright_share: float | None
    cadence_spm: float | None


@dataclass(frozen=True, slots=True)
class NoteInfo:
    """A clinician note; ``step_id`` is set for a note on one step. ``text`` is verbatim."""

    id: int
    session_id: int
    step_id: int | None
    clinician_id: int
    created_at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything along a session's time axis, for the session review page."""

    session: SessionInfo
    steps: tuple[StepInfo, ...]
    glances: tuple[GlanceInfo, ...]
    cues: tuple[CueInfo, ...]
    seconds: tuple[MetricSecondInfo, ...]
    notes: tuple[NoteInfo, ...]


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One session's point on the patient's trend charts."""

    session_id: int
    started_at: datetime
    status: str
    minutes: float
    forefoot_share: float | None
    cadence_spm: float | None
    upright_share: float | None
    glances_per_min: float | None
    over_rotations: int | None


TREND_KEYS = (
    "minutes",
    "forefoot_share",
    "cadence_spm",
    "upright_share",
    "glances_per_min",
    "over_rotations",
)


@dataclass(frozen=True, slots=True)
class Trend:
    """A patient's sessions as trend series, oldest first."""

    patient_id: int
    points: tuple[TrendPoint, ...] = field(default_factory=tuple)

    def dates(self) -> list[datetime]:
        """Session start times."""
        return [p.started_at for p in self.points]

    def series(self, key: str) -> list[float | None]:
        """Values of one of :data:`TREND_KEYS`, aligned with :meth:`dates`."""
        if key not in TREND_KEYS:
            raise KeyError(f"unknown trend series {key!r}; choose from {', '.join(TREND_KEYS)}")
        return [getattr(p, key) for p in self.points]


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One metric of two sessions side by side; ``delta = b - a`` when both are numbers."""

    key: str
    label: str
    unit: str
    a: Any
    b: Any
    delta: float | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two sessions' summaries side by side."""

    a: SessionInfo
    b: SessionInfo
    rows: tuple[ComparisonRow, ...]


@dataclass(frozen=True, slots=True)
class AuditInfo:
    """One audit-log record: who did what to which patient's data, when."""

    id: int
    at: datetime
    clinician_id: int
    username: str
    action: str
    """``view``, ``export`` or ``change``."""
    patient_id: int | None
    session_id: int | None
    detail: str


# ---- conversions from ORM rows ----------------------------------------------------------------
def clinician_info(row: Clinician) -> ClinicianInfo:
    return ClinicianInfo(
        row.id, row.username, row.display_name, row.is_admin, row.created_at, row.last_login_at
    )


def patient_info(row: Patient, default: Programme) -> PatientInfo:
    custom = row.sessions_per_week is not None or row.minutes_per_session is not None
    programme = Programme(
        row.sessions_per_week if row.sessions_per_week is not None else default.sessions_per_week,
        row.minutes_per_session if row.minutes_per_session is not None else default.minutes_per_session,
    )
    return PatientInfo(
        row.id,
        row.display_name,
        row.external_ref,
        row.video_opt_in,
        programme,
        custom,
        row.home_code_hash is not None,
        row.created_at,
        row.home_code_expires_at if row.home_code_hash is not None else None,
    )


def session_info(row: WalkSession) -> SessionInfo:
    return SessionInfo(
        id=row.id,
        patient_id=row.patient_id,
        started_at=row.started_at,
        ended_at=row.ended_at,
        duration_s=row.duration_s,
        source=row.source,
        status=row.status,
        model_version=row.model_version,
        settings=json.loads(row.settings_json or "{}"),
        summary=json.loads(row.summary_json) if row.summary_json else None,
        fps=row.fps,
        image_size=(row.image_width or 0, row.image_height or 0),
        frames_stored=row.frames_stored,
        has_video=row.video_file is not None,
        steps=row.steps,
        cadence_spm=row.cadence_spm,
        forefoot_share=row.forefoot_share,
        flat_share=row.flat_share,
        heel_share=row.heel_share,
        upright_share=row.upright_share,
        glances=row.glances,
        glances_per_min=row.glances_per_min,
        over_rotations=row.over_rotations,
        detection_rate=row.detection_rate,
        direction=row.direction,
        view=row.view,
    )


def step_info(row: StepEvent) -> StepInfo:
    return StepInfo(
        row.id,
        row.step_index,
        row.foot,
        row.contact_time_s,
        row.contact_frame,
        row.liftoff_frame,
        row.strike,
        row.direction,
        row.confidence,
    )


def glance_info(row: Glance) -> GlanceInfo:
    return GlanceInfo(row.id, row.start_s, row.end_s, row.side, row.peak_yaw_deg)


def cue_info(row: Cue) -> CueInfo:
    return CueInfo(row.id, row.time_s, row.kind, row.message)


def second_info(row: MetricSecond) -> MetricSecondInfo:
    return MetricSecondInfo(
        row.second,
        row.frames,
        row.present_frames,
        row.trunk_lean_deg,
        row.head_yaw_deg,
        row.glance_frames,
        row.upright_share,
        row.cadence_spm,
    )


def note_info(row: Note) -> NoteInfo:
    return NoteInfo(row.id, row.session_id, row.step_id, row.clinician_id, row.created_at, row.text)


def audit_info(row: AuditEvent) -> AuditInfo:
    return AuditInfo(
        id=row.id,
        at=row.at,
        clinician_id=row.clinician_id,
        username=row.username,
        action=row.action,
        patient_id=row.patient_id,
        session_id=row.session_id,
        detail=row.detail,
    )
