"""HTML fragments for the review pages (e.g. ``st.markdown(..., unsafe_allow_html=True)``).

Every piece of stored text passes through :func:`esc` (``html.escape`` with quotes), so a note
such as ``<script>`` shows as text. Build new fragments the same way: escape each value.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from vision.clinic.records import Comparison, NoteInfo, PatientOverview, SessionInfo
from vision.clinic.review import format_value
from vision.clinic.summary import METRICS


def esc(value: object) -> str:
    """``value`` as HTML-safe text (``& < > " '`` escaped); newlines become ``<br>``."""
    return html.escape(str(value), quote=True).replace("\n", "<br>")


def note_html(note: NoteInfo) -> str:
    """One note as a ``<div>`` with its date and text."""
    when = note.created_at.strftime("%Y-%m-%d %H:%M")
    step = " (step note)" if note.step_id is not None else ""
    return f'<div class="rw-note"><small>{esc(when)}{esc(step)}</small><p>{esc(note.text)}</p></div>'


def notes_html(notes: Iterable[NoteInfo]) -> str:
    """Several notes, oldest first as given."""
    return "\n".join(note_html(n) for n in notes) or '<div class="rw-note"><em>No notes.</em></div>'


def patient_row_html(row: PatientOverview) -> str:
    """A patient-list line: name, reference, last session date, adherence."""
    p = row.patient
    last = row.last_session.started_at.strftime("%Y-%m-%d") if row.last_session else "no session yet"
    ratio = row.adherence.ratio
    adherence = "–" if ratio is None else f"{100 * ratio:.0f}%"
    ref = f" <small>({esc(p.external_ref)})</small>" if p.external_ref else ""
    return (
        f'<div class="rw-patient"><b>{esc(p.display_name)}</b>{ref} · last session {esc(last)}'
        f" · adherence {esc(adherence)}</div>"
    )


def summary_table_html(session: SessionInfo) -> str:
    """The session's summary metrics as a two-column table."""
    rows = []
    for m in METRICS:
        value = session.minutes if m.key == "minutes" else session.metric(m.key)
        rows.append(f"<tr><td>{esc(m.label)}</td><td>{esc(format_value(value, m.unit))}</td></tr>")
    return '<table class="rw-summary">' + "".join(rows) + "</table>"


def comparison_html(cmp: Comparison) -> str:
    """Two sessions side by side with the change (b - a)."""
    head = (
        f"<tr><th>metric</th><th>{esc(cmp.a.started_at.strftime('%Y-%m-%d'))}</th>"
        f"<th>{esc(cmp.b.started_at.strftime('%Y-%m-%d'))}</th><th>change</th></tr>"
    )
    body = "".join(
        f"<tr><td>{esc(r.label)}</td><td>{esc(format_value(r.a, r.unit))}</td>"
        f"<td>{esc(format_value(r.b, r.unit))}</td><td>{esc(format_value(r.delta, r.unit))}</td></tr>"
        for r in cmp.rows
    )
    return f'<table class="rw-compare">{head}{body}</table>'
