"""Pure review computations: adherence by calendar week, trends, comparisons, formatting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from vision.clinic.config import Programme
from vision.clinic.records import SessionInfo
from vision.clinic.review import build_trend, compare_sessions, compute_adherence, format_value, week_start

MONDAY = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)  # a Monday


def session(started_at: datetime, minutes: float, status: str = "complete", sid: int = 1) -> SessionInfo:
    return SessionInfo(
        id=sid, patient_id=1, started_at=started_at, ended_at=None, duration_s=60.0 * minutes, source="live",
        status=status, model_version=None, settings={}, summary=None, fps=30.0, image_size=(640, 480),
        frames_stored=0, has_video=False, cadence_spm=100.0, forefoot_share=0.5,
    )  # fmt: skip


def test_week_start_is_monday_in_the_given_zone() -> None:
    assert week_start(MONDAY) == date(2026, 3, 2)
    sunday_late = datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc)
    assert week_start(sunday_late) == date(2026, 2, 23)
    assert week_start(sunday_late, timezone(timedelta(hours=2))) == date(2026, 3, 2)


def test_adherence_counts_complete_weeks_since_the_patient_joined() -> None:
    prog = Programme(sessions_per_week=3, minutes_per_session=10)
    sessions = [
        session(MONDAY, 12),  # week 1: 2 qualifying of 3 (one too short)
        session(MONDAY + timedelta(days=2), 10),
        session(MONDAY + timedelta(days=4), 9.9),
        *(session(MONDAY + timedelta(weeks=1, days=d), 15) for d in range(4)),  # week 2: 4 >= 3
        session(MONDAY + timedelta(weeks=3), 11),  # current week (incomplete), not in the ratio
    ]
    now = MONDAY + timedelta(weeks=3, days=1)
    adh = compute_adherence(sessions, prog, patient_since=MONDAY - timedelta(days=1), now=now, weeks=4)
    # The patient joined on the Sunday before week 1, so that partial week counts as 0 sessions.
    assert [w.qualifying_sessions for w in adh.weeks] == [0, 2, 4, 0]
    assert adh.ratio == pytest.approx((0 + 2 / 3 + 1 + 0) / 4)
    assert adh.sessions_per_week == pytest.approx(6 / 4)
    assert adh.this_week.qualifying_sessions == 1 and adh.this_week.minutes == pytest.approx(11)
    assert adh.weeks[1].minutes == pytest.approx(31.9)
    fresh = compute_adherence(sessions, prog, patient_since=now, now=now)
    assert fresh.ratio is None and fresh.weeks == ()


def test_trend_skips_sessions_still_recording_and_sorts_by_date() -> None:
    a = session(MONDAY + timedelta(days=1), 10, sid=1)
    b = session(MONDAY, 5, status="interrupted", sid=2)
    c = session(MONDAY + timedelta(days=2), 1, status="recording", sid=3)
    trend = build_trend(7, [a, b, c])
    assert [p.session_id for p in trend.points] == [2, 1]
    assert trend.series("minutes") == [5.0, 10.0]
    with pytest.raises(KeyError):
        trend.series("password_hash")


def test_compare_and_format() -> None:
    a = session(MONDAY, 10)
    b = replace(a, id=2, cadence_spm=110.0, forefoot_share=None, view="side")
    rows = {r.key: r for r in compare_sessions(a, b).rows}
    assert rows["cadence_spm"].delta == 10.0 and rows["forefoot_share"].delta is None
    assert format_value(0.756, "%") == "76%" and format_value(None, "") == "–" and format_value(3, "") == "3"
