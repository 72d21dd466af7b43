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
from vision.clinic.review import format_value
from vision.clinic.summary import METRICS
from vision.feedback.i18n import Translator

EN = Translator("en")
STEP_SHOWN_EPS_S = 1e-3
"""A step counts as shown from its contact time minus this (float noise of the replay time)."""

#: Trend panels: (series key, title, scale to display units, unit label).
TREND_PANELS: tuple[tuple[str, str, float, str], ...] = (
    ("minutes", "Walking minutes", 1.0, "min"),
    ("forefoot_share", "Forefoot strikes", 100.0, "%"),
    ("cadence_spm", "Cadence", 1.0, "steps/min"),
    ("upright_share", "Upright posture", 100.0, "%"),
    ("glances_per_min", "Glances per minute", 1.0, "/min"),
    ("over_rotations", "Over-rotations", 1.0, "count"),
)


def when(moment: datetime | None) -> str:
    """``YYYY-MM-DD HH:MM`` (UTC) or a dash."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "–"


def adherence_text(adherence: Adherence) -> str:
    """One line: sessions per week against the programme, and the ratio."""
    prog = adherence.programme
    target = f"{prog.sessions_per_week}×/week of ≥ {prog.minutes_per_session:g} min"
    if adherence.ratio is None:
        now = adherence.this_week.qualifying_sessions
        return f"Programme {target}; no complete week yet (this week: {now})."
    return (
        f"Programme {target}; {adherence.sessions_per_week:.1f} qualifying sessions/week over the last "
        f"{len(adherence.weeks)} complete weeks = {100 * adherence.ratio:.0f}% adherence "
        f"(this week: {adherence.this_week.qualifying_sessions})."
    )


def patient_list_frame(rows: Sequence[PatientOverview]) -> pd.DataFrame:
    """The patient list: name, reference, sessions, last session, adherence, this week."""
    return pd.DataFrame(
        {
            "patient": [r.patient.display_name for r in rows],
            "reference": [r.patient.external_ref or "" for r in rows],
            "sessions": [r.sessions_total for r in rows],
            "last session (UTC)": [when(r.last_session.started_at if r.last_session else None) for r in rows],
            "sessions/week": [
                "–" if r.adherence.sessions_per_week is None else f"{r.adherence.sessions_per_week:.1f}"
                for r in rows
            ],
            "target/week": [r.patient.programme.sessions_per_week for r in rows],
            "adherence %": [
                None if r.adherence.ratio is None else round(100 * r.adherence.ratio) for r in rows
            ],
            "this week": [r.adherence.this_week.qualifying_sessions for r in rows],
        }
    )


def sessions_frame(sessions: Sequence[SessionInfo]) -> pd.DataFrame:
    """A patient's sessions, one row each, in the given order."""
    return pd.DataFrame(
        {
            "date (UTC)": [s.started_at.strftime("%a %d %b %Y %H:%M") for s in sessions],
            "length": [length_text(s.duration_s) for s in sessions],
            "status": [s.status for s in sessions],
            "source": [s.source for s in sessions],
            "steps": [s.steps for s in sessions],
            "cadence": [None if s.cadence_spm is None else round(s.cadence_spm, 1) for s in sessions],
            "forefoot %": [_pct(s.forefoot_share) for s in sessions],
            "upright %": [_pct(s.upright_share) for s in sessions],
            "glances/min": [_round(s.glances_per_min) for s in sessions],
            "over-rotations": [s.over_rotations for s in sessions],
        }
    )


def _pct(share: float | None) -> float | None:
    return None if share is None else round(100.0 * share)


def _round(value: float | None, nd: int = 1) -> float | None:
    return None if value is None else round(value, nd)


def trend_frame(trend: Trend) -> pd.DataFrame:
    """Long table for the trend charts: ``date, session_id, metric, value`` (display units;
    unknown values are left out)."""
    rows = []
    for key, title, scale, _unit in TREND_PANELS:
        for p, v in zip(trend.points, trend.series(key), strict=True):
            if v is not None:
                rows.append(
                    {"date": p.started_at, "session_id": p.session_id, "metric": title, "value": v * scale}
                )
    return pd.DataFrame(rows, columns=["date", "session_id", "metric", "value"])


def step_numbers(steps: Iterable[StepInfo]) -> dict[int, int]:
    """Step id -> the step's number as people count it (1-based)."""
    return {s.id: s.step_index + 1 for s in steps}


def steps_frame(steps: Sequence[StepInfo], notes: Sequence[NoteInfo] = ()) -> pd.DataFrame:
    """The step table of the session page (one row per step, in order)."""
    counts: dict[int, int] = {}
    for n in notes:
        if n.step_id is not None:
            counts[n.step_id] = counts.get(n.step_id, 0) + 1
    return pd.DataFrame(
        {
            "step": [s.step_index + 1 for s in steps],
            "time (s)": [round(s.contact_time_s, 2) for s in steps],
            "foot": [s.foot for s in steps],
            "strike": [s.strike or "–" for s in steps],
            "direction": [s.direction or "–" for s in steps],
            "confidence": [_round(s.confidence, 2) for s in steps],
            "notes": [counts.get(s.id, 0) for s in steps],
        }
    )


def glances_frame(glances: Sequence[GlanceInfo]) -> pd.DataFrame:
    """The glance table of the session page."""
    return pd.DataFrame(
        {
            "start (s)": [round(g.start_s, 2) for g in glances],
            "end (s)": [round(g.end_s, 2) for g in glances],
            "length (s)": [round(g.end_s - g.start_s, 2) for g in glances],
            "side": [g.side or "–" for g in glances],
            "peak yaw (deg)": [_round(g.peak_yaw_deg) for g in glances],
        }
    )


def summary_frame(session: SessionInfo) -> pd.DataFrame:
    """The session's summary metrics as ``metric, value`` rows."""
    return pd.DataFrame(
        {
            "metric": [m.label for m in METRICS],
            "value": [
                format_value(session.minutes if m.key == "minutes" else session.metric(m.key), m.unit)
                + ("" if m.unit in ("", "%") else f" {m.unit}")
                for m in METRICS
            ],
        }
    )


def comparison_frame(cmp: Comparison) -> pd.DataFrame:
    """Two sessions side by side with the change (b − a)."""

    def show(value: object, unit: str) -> str:
        return format_value(value, unit)

    def delta(value: float | None, a: object, b: object, unit: str) -> str:
        if value is None:
            return "–"
        if unit == "%":
            return f"{100 * value:+.0f} pts"
        if isinstance(a, int) and isinstance(b, int):
            return f"{int(value):+d}"
        return f"{value:+.1f}"

    return pd.DataFrame(
        {
            "metric": [r.label + ("" if r.unit in ("", "%") else f" ({r.unit})") for r in cmp.rows],
            f"A: {when(cmp.a.started_at)}": [show(r.a, r.unit) for r in cmp.rows],
            f"B: {when(cmp.b.started_at)}": [show(r.b, r.unit) for r in cmp.rows],
            "change (B − A)": [delta(r.delta, r.a, r.b, r.unit) for r in cmp.rows],
        }
    )


def length_text(seconds: float, tr: Translator = EN) -> str:
    """A duration as people say it: ``9 s`` below a minute, ``3 min 12 s``, ``25 min`` from 10 min."""
    total = max(0, round(float(seconds)))
    m, sec = divmod(total, 60)
    if m == 0:
        return tr("clinic.length.s", s=sec)
    if m >= 10 or sec == 0:
        return tr("clinic.length.min", m=round(total / 60))
    return tr("clinic.length.min_s", m=m, s=sec)


def session_label(s: SessionInfo, tr: Translator = EN) -> str:
    """A session in a picker: weekday, date, time (UTC) and length, e.g. ``Mon 27 Nov 2026 00:45 · 9 s``."""
    date = s.started_at.strftime("%a %d %b %Y %H:%M")
    return tr("clinic.session.label", date=date, length=length_text(s.duration_s, tr))


def note_label(note: NoteInfo, numbers: dict[int, int]) -> str:
    """The heading of a note: when, and which step it is on."""
    where = "session" if note.step_id is None else f"step {numbers.get(note.step_id, '?')}"
    return f"{when(note.created_at)} · {where}"


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
            return "–"
        return names.get(r.patient_id) or tr("clinic.audit.deleted", id=r.patient_id)

    return pd.DataFrame(
        {
            tr("clinic.audit.col_when"): [r.at.strftime("%Y-%m-%d %H:%M:%S") for r in records],
            tr("clinic.audit.col_who"): [r.username for r in records],
            tr("clinic.audit.col_action"): [tr(f"clinic.audit.action.{r.action}") for r in records],
            tr("clinic.audit.col_patient"): [patient(r) for r in records],
            tr("clinic.audit.col_session"): [
                "–" if r.session_id is None else f"#{r.session_id}" for r in records
            ],
            tr("clinic.audit.col_detail"): [r.detail for r in records],
        }
    )


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
