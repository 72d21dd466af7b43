"""Pure computations behind the review pages: adherence, trends, session comparison.

No database access here: the functions take the plain records of :mod:`vision.clinic.records`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo

from vision.clinic.config import Programme
from vision.clinic.records import (
    Adherence,
    Comparison,
    ComparisonRow,
    SessionInfo,
    Trend,
    TrendPoint,
    WeekCount,
)
from vision.clinic.summary import METRICS


def week_start(moment: datetime, tz: tzinfo = timezone.utc) -> date:
    """The Monday of the calendar week holding ``moment`` in time zone ``tz``."""
    local = moment.astimezone(tz).date()
    return local - timedelta(days=local.weekday())


def compute_adherence(
    sessions: Iterable[SessionInfo],
    programme: Programme,
    *,
    patient_since: datetime,
    now: datetime,
    weeks: int = 4,
    tz: tzinfo = timezone.utc,
) -> Adherence:
    """Adherence over the last ``weeks`` complete calendar weeks (not before ``patient_since``).

    A session qualifies when it lasted at least ``programme.minutes_per_session`` minutes.
    """
    min_s = programme.minutes_per_session * 60.0
    counts: dict[date, list[float]] = {}
    for s in sessions:
        bucket = counts.setdefault(week_start(s.started_at, tz), [0, 0.0])
        bucket[0] += s.duration_s >= min_s
        bucket[1] += s.duration_s / 60.0
    current = week_start(now, tz)
    first = week_start(patient_since, tz)
    evaluated: list[WeekCount] = []
    for k in range(weeks, 0, -1):
        start = current - timedelta(weeks=k)
        if start < first:
            continue
        n, minutes = counts.get(start, [0, 0.0])
        evaluated.append(WeekCount(start, int(n), float(minutes)))
    n_now, min_now = counts.get(current, [0, 0.0])
    this_week = WeekCount(current, int(n_now), float(min_now))
    if not evaluated:
        return Adherence(programme, (), None, None, this_week)
    target = programme.sessions_per_week
    ratio = sum(min(1.0, w.qualifying_sessions / target) for w in evaluated) / len(evaluated)
    per_week = sum(w.qualifying_sessions for w in evaluated) / len(evaluated)
    return Adherence(programme, tuple(evaluated), ratio, per_week, this_week)


def build_trend(patient_id: int, sessions: Iterable[SessionInfo]) -> Trend:
    """Trend points of finished sessions (complete or interrupted), oldest first."""
    points = [
        TrendPoint(
            session_id=s.id,
            started_at=s.started_at,
            status=s.status,
            minutes=s.minutes,
            forefoot_share=s.forefoot_share,
            cadence_spm=s.cadence_spm,
            upright_share=s.upright_share,
            glances_per_min=s.glances_per_min,
            over_rotations=s.over_rotations,
        )
        for s in sorted(sessions, key=lambda s: (s.started_at, s.id))
        if s.status != "recording"
    ]
    return Trend(patient_id, tuple(points))


def compare_sessions(a: SessionInfo, b: SessionInfo, keys: Sequence[str] | None = None) -> Comparison:
    """The summary metrics of ``a`` and ``b`` side by side, with ``b - a`` differences."""
    rows = []
    for m in METRICS:
        if keys is not None and m.key not in keys:
            continue
        va, vb = a.metric(m.key), b.metric(m.key)
        numeric = isinstance(va, (int, float)) and isinstance(vb, (int, float))
        rows.append(ComparisonRow(m.key, m.label, m.unit, va, vb, float(vb - va) if numeric else None))
    return Comparison(a, b, tuple(rows))


def format_value(value: object, unit: str) -> str:
    """A metric value for people: shares as percentages, floats to one decimal, '–' if unknown."""
    if value is None:
        return "–"
    if unit == "%" and isinstance(value, (int, float)):
        return f"{100.0 * value:.0f}%"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
