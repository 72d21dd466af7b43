"""PDF reports (fpdf2): one session, or one patient over a period.

All text goes through plain ``cell``/``multi_cell``/``table`` calls with markdown off and no
HTML, so names and notes are printed literally, never interpreted. A Unicode TTF (DejaVu Sans,
shipped with matplotlib) is embedded so that any name prints; without it, text falls back to
Latin-1 with ``?`` for other characters.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from vision.clinic.access import ClinicianAccess
from vision.clinic.models import utcnow
from vision.clinic.records import NoteInfo, PatientInfo, SessionInfo
from vision.clinic.review import format_value
from vision.clinic.summary import METRICS
from vision.reports.charts import session_chart_png, trend_chart_png

MAX_TABLE_ROWS = 300
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _Report(FPDF):
    """A4 portrait with a title line and page numbers."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report_title = title
        self.unicode = (_FONT_DIR / "DejaVuSans.ttf").is_file() and (
            _FONT_DIR / "DejaVuSans-Bold.ttf"
        ).is_file()
        if self.unicode:
            self.add_font("dejavu", "", str(_FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("dejavu", "B", str(_FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.family = "dejavu" if self.unicode else "helvetica"
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(title)
        self.set_creator("RetroWalk Coach")
        self.add_page()

    def safe(self, text: object) -> str:
        """Text the current font can print (Latin-1 fallback without the Unicode font)."""
        s = str(text)
        return s if self.unicode else s.encode("latin-1", "replace").decode("latin-1")

    def header(self) -> None:
        self.set_font(self.family, "B", 9)
        self.set_text_color(90)
        self.cell(0, 6, self.safe(self.report_title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.set_text_color(120)
        self.cell(0, 6, f"page {self.page_no()}/{{nb}}", align="C")

    def heading(self, text: str) -> None:
        self.ln(2)
        self.set_font(self.family, "B", 12)
        self.cell(0, 8, self.safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, "", 9)

    def para(self, text: str, size: int = 9) -> None:
        self.set_font(self.family, "", size)
        self.multi_cell(0, 5, self.safe(text), align="L", markdown=False, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def rows(self, header: list[str], rows: list[list[str]], widths: tuple[float, ...] | None = None) -> None:
        """A table; rows past :data:`MAX_TABLE_ROWS` are left out with a line saying so."""
        self.set_font(self.family, "", 8)
        shown = rows[:MAX_TABLE_ROWS]
        with self.table(col_widths=widths, markdown=False, text_align="LEFT", line_height=4.5) as table:
            for line in [header, *shown]:
                row = table.row()
                for cell in line:
                    row.cell(self.safe(cell))
        if len(rows) > len(shown):
            self.para(f"... {len(rows) - len(shown)} more rows are in the CSV export.", 8)

    def png(self, data: bytes) -> None:
        self.image(io.BytesIO(data), w=self.epw)


def _when(moment: datetime | None) -> str:
    return "–" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def _mmss(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def _patient_lines(pdf: _Report, patient: PatientInfo) -> None:
    pdf.para(
        f"Patient: {patient.display_name}"
        + (f"   (ref. {patient.external_ref})" if patient.external_ref else "")
    )
    prog = patient.programme
    pdf.para(
        f"Programme: {prog.sessions_per_week} sessions per week of at least {prog.minutes_per_session:g} min"
    )


def _notes(pdf: _Report, notes: list[NoteInfo], step_numbers: dict[int, int], prefix: str = "") -> None:
    if not notes:
        pdf.para("No notes.")
    for n in notes:
        where = f"step {step_numbers.get(n.step_id, '?')}" if n.step_id is not None else "session"
        pdf.para(f"{prefix}{_when(n.created_at)} - {where}:", 8)
        pdf.para(n.text)
        pdf.ln(1)


def _summary_table(pdf: _Report, s: SessionInfo) -> None:
    rows = []
    for m in METRICS:
        value = s.minutes if m.key == "minutes" else s.metric(m.key)
        rows.append([m.label, format_value(value, m.unit) + _unit(m.unit)])
    rows += [["Direction", s.direction or "–"], ["View", s.view or "–"]]
    pdf.rows(["Metric", "Value"], rows, (60, 40))


def _unit(unit: str) -> str:
    return "" if unit in ("", "%") else f" {unit}"


def session_report_pdf(access: ClinicianAccess, session_id: int, *, now: datetime | None = None) -> bytes:
    """The PDF report of one session: details, summary, timeline chart, steps, notes."""
    tl = access.timeline(session_id)
    s = tl.session
    patient = access.get_patient(s.patient_id)
    access.record_export("session PDF", session_id=session_id)
    pdf = _Report("RetroWalk Coach - session report")
    pdf.alias_nb_pages()
    pdf.heading(f"Session of {_when(s.started_at)}")
    _patient_lines(pdf, patient)
    pdf.para(
        f"Duration {_mmss(s.duration_s)} ({s.minutes:.1f} min) - source {s.source} - status {s.status}"
        f" - model {s.model_version or 'unknown'} - report made {_when(now or utcnow())}"
    )
    pdf.heading("Summary")
    _summary_table(pdf, s)
    pdf.heading("Timeline")
    pdf.png(session_chart_png(tl, width_in=7.5))
    numbers = {st.id: st.step_index + 1 for st in tl.steps}
    pdf.heading(f"Steps ({len(tl.steps)})")
    pdf.rows(
        ["#", "time (s)", "foot", "strike", "confidence"],
        [
            [
                str(st.step_index + 1),
                f"{st.contact_time_s:.2f}",
                st.foot,
                st.strike or "–",
                "–" if st.confidence is None else f"{st.confidence:.2f}",
            ]
            for st in tl.steps
        ],
        (15, 25, 25, 30, 30),
    )
    if tl.glances:
        pdf.heading(f"Glances ({len(tl.glances)})")
        pdf.rows(
            ["start (s)", "end (s)", "peak |yaw| (deg)"],
            [[f"{g.start_s:.2f}", f"{g.end_s:.2f}", format_value(g.peak_yaw_deg, "")] for g in tl.glances],
            (30, 30, 40),
        )
    if tl.cues:
        pdf.heading(f"Cues given ({len(tl.cues)})")
        pdf.rows(
            ["time (s)", "kind", "message"],
            [[f"{c.time_s:.1f}", c.kind, c.message] for c in tl.cues],
            (20, 30, 110),
        )
    pdf.heading("Notes")
    _notes(pdf, list(tl.notes), numbers)
    return bytes(pdf.output())


def patient_report_pdf(
    access: ClinicianAccess,
    patient_id: int,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    now: datetime | None = None,
) -> bytes:
    """The PDF report of a patient over ``since <= started_at < until``: adherence, trend
    charts, a table of sessions and the notes written on them."""
    now = now or utcnow()
    patient = access.get_patient(patient_id)
    access.record_export("patient PDF", patient_id=patient_id)
    sessions = access.list_sessions(patient_id, since=since, until=until)
    trend = access.trend(patient_id, since=since, until=until)
    adherence = access.adherence(patient_id, now=now)
    pdf = _Report("RetroWalk Coach - patient report")
    pdf.alias_nb_pages()
    pdf.heading(f"Period {_when(since) if since else 'start'} to {_when(until) if until else _when(now)}")
    _patient_lines(pdf, patient)
    ratio = "not yet measurable" if adherence.ratio is None else f"{100 * adherence.ratio:.0f}%"
    pdf.para(
        f"{len(sessions)} sessions, {sum(x.minutes for x in sessions):.1f} min in total. "
        f"Adherence over the last {len(adherence.weeks)} complete weeks: {ratio}; "
        f"this week {adherence.this_week.qualifying_sessions} qualifying sessions."
    )
    if adherence.weeks:
        pdf.rows(
            ["week of", "qualifying sessions", "minutes"],
            [[str(w.week_start), str(w.qualifying_sessions), f"{w.minutes:.1f}"] for w in adherence.weeks],
            (40, 40, 30),
        )
    if trend.points:
        pdf.heading("Trends")
        pdf.png(trend_chart_png(trend))
    pdf.heading("Sessions")
    keys = ("steps", "cadence_spm", "forefoot_share", "upright_share", "glances_per_min", "over_rotations")
    units = {m.key: m.unit for m in METRICS}
    pdf.rows(
        ["date", "min", "status", "steps", "cadence", "forefoot", "upright", "glances/min", "over-rot."],
        [
            [_when(x.started_at)[:16], f"{x.minutes:.1f}", x.status]
            + [format_value(x.metric(k), units[k]) for k in keys]
            for x in sessions
        ],
        (30, 12, 22, 14, 18, 18, 18, 22, 18),
    )
    pdf.heading("Notes")
    any_notes = False
    for x in sessions:
        notes = access.notes(x.id)
        if notes:
            any_notes = True
            pdf.para(f"Session of {_when(x.started_at)}:", 9)
            steps = {st.id: st.step_index + 1 for st in access.timeline(x.id).steps}
            _notes(pdf, notes, steps, prefix="  ")
    if not any_notes:
        pdf.para("No notes in this period.")
    return bytes(pdf.output())
