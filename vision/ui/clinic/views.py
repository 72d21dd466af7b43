"""Pure conversions from the clinic records to the tables and texts the pages show.

No Streamlit here (unit-tested directly). Table cells are plain values: ``st.dataframe`` shows
them as text, so user text (names, references) needs no escaping there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import numpy as np
import pandas as pd

from vision.clinic.records import (
    Adherence,
    AuditInfo,
    Comparison,
    GlanceInfo,
    NoteInfo,
    PatientOverview,
    SessionInfo,
    StepInfo,
    Trend,
)
from vision.clinic.summary import METRICS
from vision.feedback.dates import DASH, format_datetime, format_number, format_percent, format_signed
from vision.feedback.i18n import Translator
from vision.feedback.values import duration_text, metric_label, metric_value, shown_value, unit_text

EN = Translator("en")
STEP_SHOWN_EPS_S = 1e-3
"""A step counts as shown from its contact time minus this (float noise of the replay time)."""

#: Trend panels: (series key, scale to display units, unit). Titles are ``metric.<key>``.
TREND_PANELS: tuple[tuple[str, float, str], ...] = (
    ("minutes", 1.0, "min"),
    ("forefoot_share", 100.0, "%"),
    ("cadence_spm", 1.0, "steps/min"),
    ("upright_share", 100.0, "%"),
    ("glances_per_min", 1.0, "/min"),
    ("over_rotations", 1.0, "count"),
)


def when(moment: datetime | None, tr: Translator = EN) -> str:
    """Date and time in the language (``Wed 2 Dec 2026, 14:05``; UTC), or a dash."""
    return format_datetime(moment, tr.lang)


def adherence_text(adherence: Adherence, tr: Translator = EN) -> str:
    """One line: sessions per week against the programme, and the ratio."""
    prog = adherence.programme
    minutes = format_number(prog.minutes_per_session, tr.lang, 0)
    target = tr("clinic.adherence.target", per_week=prog.sessions_per_week, minutes=minutes)
    now = adherence.this_week.qualifying_sessions
    if adherence.ratio is None:
        return tr("clinic.adherence.none", target=target, now=now)
    return tr(
        "clinic.adherence.line",
        target=target,
        rate=format_number(adherence.sessions_per_week, tr.lang, 1),
        weeks=len(adherence.weeks),
        pct=format_percent(adherence.ratio, tr.lang),
        now=now,
    )


def patient_list_frame(rows: Sequence[PatientOverview], tr: Translator = EN) -> pd.DataFrame:
    """The patient list: name, reference, sessions, last session, adherence (%), this week."""
    return pd.DataFrame(
        {
            tr("clinic.col.patient"): [r.patient.display_name for r in rows],
            tr("clinic.col.reference"): [r.patient.external_ref or "" for r in rows],
            tr("clinic.col.sessions"): [r.sessions_total for r in rows],
            tr("clinic.col.last_session"): [
                when(r.last_session.started_at if r.last_session else None, tr) for r in rows
            ],
            tr("clinic.col.sessions_week"): [
                format_number(r.adherence.sessions_per_week, tr.lang, 1) for r in rows
            ],
            tr("clinic.col.target_week"): [r.patient.programme.sessions_per_week for r in rows],
            tr("clinic.col.adherence"): [
                None if r.adherence.ratio is None else round(100 * r.adherence.ratio) for r in rows
            ],
            tr("clinic.col.this_week"): [r.adherence.this_week.qualifying_sessions for r in rows],
        }
    )


def sessions_frame(sessions: Sequence[SessionInfo], tr: Translator = EN) -> pd.DataFrame:
    """A patient's sessions, one row each, in the given order."""
    return pd.DataFrame(
        {
            tr("clinic.col.date"): [when(s.started_at, tr) for s in sessions],
            tr("clinic.col.length"): [length_text(s.duration_s, tr) for s in sessions],
            tr("clinic.col.status"): [tr(f"clinic.status.{s.status}") for s in sessions],
            tr("clinic.col.source"): [tr(f"clinic.source.{s.source}") for s in sessions],
            tr("clinic.col.steps"): [s.steps for s in sessions],
            tr("clinic.col.cadence"): [format_number(s.cadence_spm, tr.lang, 1) for s in sessions],
            tr("clinic.col.forefoot"): [_pct(s.forefoot_share) for s in sessions],
            tr("clinic.col.upright"): [_pct(s.upright_share) for s in sessions],
            tr("clinic.col.glances_min"): [format_number(s.glances_per_min, tr.lang, 1) for s in sessions],
            tr("clinic.col.over_rotations"): [s.over_rotations for s in sessions],
        }
    )


def _pct(share: float | None) -> float | None:
    return None if share is None else round(100.0 * share)


def trend_title(key: str, unit: str, tr: Translator = EN) -> str:
    """A trend panel's title: the metric and its unit (``Cadence (steps/min)``)."""
    shown = tr("clinic.unit.count") if unit == "count" else unit_text(unit, tr)
    return f"{metric_label(key, tr)} ({shown})"


def trend_frame(trend: Trend, tr: Translator = EN) -> pd.DataFrame:
    """Long table for the trend charts: ``date, session_id, metric, value`` (display units;
    unknown values are left out; ``metric`` is the panel's title, :func:`trend_title`)."""
    rows = []
    for key, scale, unit in TREND_PANELS:
        title = trend_title(key, unit, tr)
        for p, v in zip(trend.points, trend.series(key), strict=True):
            if v is not None:
                rows.append(
                    {"date": p.started_at, "session_id": p.session_id, "metric": title, "value": v * scale}
                )
    return pd.DataFrame(rows, columns=["date", "session_id", "metric", "value"])


def step_numbers(steps: Iterable[StepInfo]) -> dict[int, int]:
    """Step id -> the step's number as people count it (1-based)."""
    return {s.id: s.step_index + 1 for s in steps}


def steps_frame(
    steps: Sequence[StepInfo], notes: Sequence[NoteInfo] = (), tr: Translator = EN
) -> pd.DataFrame:
    """The step table of the session page (one row per step, in order; numbers as text in the
    language's format)."""
    counts: dict[int, int] = {}
    for n in notes:
        if n.step_id is not None:
            counts[n.step_id] = counts.get(n.step_id, 0) + 1
    return pd.DataFrame(
        {
            tr("clinic.col.step"): [s.step_index + 1 for s in steps],
            tr("clinic.col.time_s"): [format_number(s.contact_time_s, tr.lang, 2) for s in steps],
            tr("clinic.col.foot"): [shown_value("foot", s.foot, tr) for s in steps],
            tr("clinic.col.strike"): [shown_value("strike", s.strike, tr) for s in steps],
            tr("clinic.col.direction"): [shown_value("direction", s.direction, tr) for s in steps],
            tr("clinic.col.confidence"): [format_number(s.confidence, tr.lang, 2) for s in steps],
            tr("clinic.col.notes"): [counts.get(s.id, 0) for s in steps],
        }
    )


def glances_frame(glances: Sequence[GlanceInfo], tr: Translator = EN) -> pd.DataFrame:
    """The glance table of the session page."""
    return pd.DataFrame(
        {
            tr("clinic.col.start_s"): [format_number(g.start_s, tr.lang, 2) for g in glances],
            tr("clinic.col.end_s"): [format_number(g.end_s, tr.lang, 2) for g in glances],
            tr("clinic.col.length_s"): [format_number(g.end_s - g.start_s, tr.lang, 2) for g in glances],
            tr("clinic.col.side"): [shown_value("side", g.side, tr) for g in glances],
            tr("clinic.col.peak_yaw"): [format_number(g.peak_yaw_deg, tr.lang, 1) for g in glances],
        }
    )


def summary_frame(session: SessionInfo, tr: Translator = EN) -> pd.DataFrame:
    """The session's summary metrics as ``metric, value`` rows."""
    return pd.DataFrame(
        {
            tr("clinic.col.metric"): [metric_label(m.key, tr, m.label) for m in METRICS],
            tr("clinic.col.value"): [
                metric_value(
                    session.minutes if m.key == "minutes" else session.metric(m.key),
                    m.unit,
                    tr,
                    with_unit=True,
                )
                for m in METRICS
            ],
        }
    )


def comparison_frame(cmp: Comparison, tr: Translator = EN) -> pd.DataFrame:
    """Two sessions side by side with the change (b − a)."""

    def delta(value: float | None, a: object, b: object, unit: str) -> str:
        if value is None:
            return DASH
        if unit == "%":
            return tr("clinic.cmp.points", n=f"{100 * value:+.0f}")
        if isinstance(a, int) and isinstance(b, int):
            return f"{int(value):+d}"
        return format_signed(value, tr.lang, 1)

    def label(key: str, fallback: str, unit: str) -> str:
        return metric_label(key, tr, fallback) + ("" if unit in ("", "%") else f" ({unit_text(unit, tr)})")

    return pd.DataFrame(
        {
            tr("clinic.col.metric"): [label(r.key, r.label, r.unit) for r in cmp.rows],
            f"A: {when(cmp.a.started_at, tr)}": [metric_value(r.a, r.unit, tr) for r in cmp.rows],
            f"B: {when(cmp.b.started_at, tr)}": [metric_value(r.b, r.unit, tr) for r in cmp.rows],
            tr("clinic.col.change"): [delta(r.delta, r.a, r.b, r.unit) for r in cmp.rows],
        }
    )


def length_text(seconds: float, tr: Translator = EN) -> str:
    """A duration as people say it (:func:`vision.feedback.values.duration_text`)."""
    return duration_text(seconds, tr)


def session_label(s: SessionInfo, tr: Translator = EN) -> str:
    """A session in a picker: weekday, date, time (UTC) and length, e.g. ``Mon 27 Nov 2026, 00:45 · 9 s``."""
    date = when(s.started_at, tr)
    return tr("clinic.session.label", date=date, length=length_text(s.duration_s, tr))


def note_label(note: NoteInfo, numbers: dict[int, int], tr: Translator = EN) -> str:
    """The heading of a note: when, and which step it is on."""
    if note.step_id is None:
        where = tr("clinic.note.on_session")
    else:
        where = tr("clinic.note.on_step", n=numbers.get(note.step_id, "?"))
    return f"{when(note.created_at, tr)} · {where}"


def shown_step(steps: Sequence[StepInfo], t: float) -> StepInfo | None:
    """The step the replay shows at time ``t``: the last contact at or before ``t`` (``None``
    before the first step). A note typed now belongs to it."""
    shown = None
    for step in steps:
        if step.contact_time_s - STEP_SHOWN_EPS_S <= t:
            shown = step
    return shown


def audit_frame(records: Sequence[AuditInfo], names: dict[int, str], tr: Translator = EN) -> pd.DataFrame:
    """The audit log table: when, who, action, patient (name when still there), session, what."""

    def patient(r: AuditInfo) -> str:
        if r.patient_id is None:
            return DASH
        return names.get(r.patient_id) or tr("clinic.audit.deleted", id=r.patient_id)

    return pd.DataFrame(
        {
            tr("clinic.audit.col_when"): [r.at.strftime(AUDIT_TIME) for r in records],
            tr("clinic.audit.col_who"): [r.username for r in records],
            tr("clinic.audit.col_action"): [tr(f"clinic.audit.action.{r.action}") for r in records],
            tr("clinic.audit.col_patient"): [patient(r) for r in records],
            tr("clinic.audit.col_session"): [
                DASH if r.session_id is None else f"#{r.session_id}" for r in records
            ],
            tr("clinic.audit.col_detail"): [r.detail for r in records],
        }
    )


AUDIT_TIME = "%Y-%m-%d %H:%M:%S"
"""Audit times stay ISO-like in every language: exact, and sorted as text."""

ROW_CLICK = ["single-row", "single-cell"]
"""``st.dataframe`` selection modes with which a click anywhere on a row selects it."""


def nearest_index(timestamps: np.ndarray, t: float) -> int | None:
    """Index of the timestamp nearest to ``t`` (``None`` for an empty array)."""
    if len(timestamps) == 0:
        return None
    return int(np.argmin(np.abs(np.asarray(timestamps, dtype=np.float64) - t)))


def selected_row(selection: object) -> int | None:
    """The selected row of an ``st.dataframe`` selection state (``ROW_CLICK`` modes: the
    row's checkbox or any of its cells), else ``None``."""
    for field in ("rows", "cells"):  # a row's checkbox, or a click on any of its cells
        try:
            picked = selection["selection"][field]  # type: ignore[index]
        except (KeyError, TypeError):
            picked = getattr(getattr(selection, "selection", None), field, None)
        if picked:
            first = picked[0]
            return int(first[0] if isinstance(first, list | tuple) else first)
    return None
