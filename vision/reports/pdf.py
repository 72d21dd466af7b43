"""PDF reports (fpdf2): one session, or one patient over a period.

All text goes through plain ``cell``/``multi_cell``/``table`` calls with markdown off and no
HTML, so names and notes are printed literally, never interpreted. A Unicode TTF (DejaVu Sans,
shipped with matplotlib) is embedded so that any name prints; without it, text falls back to
Latin-1 with ``?`` for other characters. Every text is in the report's language (``lang``:
``en``, ``de``; messages ``pdf.*``), dates and numbers in its format.
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
from vision.clinic.summary import METRICS
from vision.feedback.dates import DASH, format_date, format_datetime, format_number, format_percent
from vision.feedback.i18n import TABLES, Translator
from vision.feedback.values import (
    RATE_FROM_S,
    forefoot_share_text,
    metric_label,
    metric_value,
    shown_value,
    strike_counts_of,
    unit_text,
)
from vision.reports.charts import session_chart_png, trend_chart_png

MAX_TABLE_ROWS = 300
_KNOWN = TABLES["en"]
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _Report(FPDF):
    """A4 portrait with a title line and page numbers."""

    def __init__(self, title: str, tr: Translator) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report_title = title
        self.tr = tr
        self.unicode = (_FONT_DIR / "DejaVuSans.ttf").is_file() and (
            _FONT_DIR / "DejaVuSans-Bold.ttf"
        ).is_file()
        if self.unicode:
            self.add_font("dejavu", "", str(_FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("dejavu", "B", str(_FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.family = "dejavu" if self.unicode else "helvetica"
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(title)
        self.set_lang(tr.lang)
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
        self.cell(0, 6, self.tr("pdf.page", n=self.page_no(), total="{nb}"), align="C")

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
            self.para(self.tr("pdf.more_rows", n=len(rows) - len(shown)), 8)

    def png(self, data: bytes) -> None:
        self.image(io.BytesIO(data), w=self.epw)

    def when(self, moment: datetime | None) -> str:
        """A date and time in the report's language, with ``UTC``."""
        return DASH if moment is None else f"{format_datetime(moment, self.tr.lang)} UTC"

    def num(self, value: float | None, digits: int = 1) -> str:
        return format_number(value, self.tr.lang, digits)


def _mmss(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def _patient_lines(pdf: _Report, patient: PatientInfo) -> None:
    tr = pdf.tr
    ref = f"   {tr('pdf.ref', ref=patient.external_ref)}" if patient.external_ref else ""
    pdf.para(tr("pdf.patient", name=patient.display_name) + ref)
    prog = patient.programme
    minutes = format_number(prog.minutes_per_session, tr.lang, 0)
    pdf.para(tr("pdf.programme", per_week=prog.sessions_per_week, minutes=minutes))


def _notes(pdf: _Report, notes: list[NoteInfo], step_numbers: dict[int, int], prefix: str = "") -> None:
    tr = pdf.tr
    if not notes:
        pdf.para(tr("pdf.no_notes"))
    for n in notes:
        if n.step_id is None:
            where = tr("clinic.note.on_session")
        else:
            where = tr("clinic.note.on_step", n=step_numbers.get(n.step_id, "?"))
        pdf.para(f"{prefix}{pdf.when(n.created_at)} - {where}:", 8)
        pdf.para(n.text)
        pdf.ln(1)


def _summary_table(pdf: _Report, s: SessionInfo, counts: dict[str, int] | None) -> None:
    """The summary metrics (``counts``: steps per strike class, to say what the forefoot share is of)."""
    tr = pdf.tr
    rows = []
    for m in METRICS:
        if m.key == "glances_per_min" and s.duration_s < RATE_FROM_S:
            continue  # a rate over a short clip means nothing: the glance count row says it
        value = s.minutes if m.key == "minutes" else s.metric(m.key)
        if m.key == "forefoot_share":
            shown = forefoot_share_text(s.forefoot_share, counts, tr)
        else:
            shown = metric_value(value, m.unit, tr, with_unit=True)
        rows.append([metric_label(m.key, tr, m.label), shown])
    rows += [
        [tr("pdf.direction"), shown_value("direction", s.direction, tr)],
        [tr("pdf.view"), shown_value("view", s.view, tr)],
    ]
    pdf.rows([tr("pdf.col.metric"), tr("pdf.col.value")], rows, (60, 40))


def _cue_kind(kind: str, tr: Translator) -> str:
    return tr(f"cuekind.{kind}") if f"cuekind.{kind}" in _KNOWN else kind


def session_report_pdf(
    access: ClinicianAccess, session_id: int, *, now: datetime | None = None, lang: str = "en"
) -> bytes:
    """The PDF report of one session (in ``lang``): details, summary, timeline chart, steps, notes."""
    tr = Translator(lang)
    tl = access.timeline(session_id)
    s = tl.session
    patient = access.get_patient(s.patient_id)
    access.record_export("session PDF", session_id=session_id)
    pdf = _Report(tr("pdf.session_title"), tr)
    pdf.alias_nb_pages()
    pdf.heading(tr("pdf.session_of", when=pdf.when(s.started_at)))
    _patient_lines(pdf, patient)
    length = f"{_mmss(s.duration_s)} ({pdf.num(s.minutes)} {unit_text('min', tr)})"
    pdf.para(
        tr(
            "pdf.details",
            length=length,
            source=tr(f"clinic.source.{s.source}"),
            status=tr(f"clinic.status.{s.status}"),
            model=s.model_version or tr("pdf.unknown"),
            made=pdf.when(now or utcnow()),
        )
    )
    pdf.heading(tr("pdf.summary"))
    _summary_table(pdf, s, strike_counts_of(x.strike for x in tl.steps) if tl.steps else None)
    pdf.heading(tr("pdf.timeline"))
    pdf.png(session_chart_png(tl, width_in=7.5, lang=lang))
    numbers = {st.id: st.step_index + 1 for st in tl.steps}
    pdf.heading(tr("pdf.steps", n=len(tl.steps)))
    pdf.rows(
        ["#", *(tr(f"clinic.col.{k}") for k in ("time_s", "foot", "strike", "confidence"))],
        [
            [
                str(st.step_index + 1),
                pdf.num(st.contact_time_s, 2),
                shown_value("foot", st.foot, tr),
                shown_value("strike", st.strike, tr),
                pdf.num(st.confidence, 2),
            ]
            for st in tl.steps
        ],
        (15, 25, 25, 30, 30),
    )
    if tl.glances:
        pdf.heading(tr("pdf.glances", n=len(tl.glances)))
        pdf.rows(
            [tr("clinic.col.start_s"), tr("clinic.col.end_s"), tr("clinic.col.peak_yaw")],
            [[pdf.num(g.start_s, 2), pdf.num(g.end_s, 2), pdf.num(g.peak_yaw_deg)] for g in tl.glances],
            (30, 30, 40),
        )
    if tl.cues:
        pdf.heading(tr("pdf.cues", n=len(tl.cues)))
        pdf.rows(
            [tr("clinic.col.time_s"), tr("pdf.col.kind"), tr("pdf.col.message")],
            [[pdf.num(c.time_s), _cue_kind(c.kind, tr), c.message] for c in tl.cues],
            (20, 30, 110),
        )
    pdf.heading(tr("pdf.notes"))
    _notes(pdf, list(tl.notes), numbers)
    return bytes(pdf.output())


def patient_report_pdf(
    access: ClinicianAccess,
    patient_id: int,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    now: datetime | None = None,
    lang: str = "en",
) -> bytes:
    """The PDF report of a patient (in ``lang``) over ``since <= started_at < until``:
    adherence, trend charts, a table of sessions and the notes written on them."""
    tr = Translator(lang)
    now = now or utcnow()
    patient = access.get_patient(patient_id)
    access.record_export("patient PDF", patient_id=patient_id)
    sessions = access.list_sessions(patient_id, since=since, until=until)
    trend = access.trend(patient_id, since=since, until=until)
    adherence = access.adherence(patient_id, now=now)
    pdf = _Report(tr("pdf.patient_title"), tr)
    pdf.alias_nb_pages()
    start = pdf.when(since) if since else tr("pdf.start")
    pdf.heading(tr("pdf.period", start=start, end=pdf.when(until) if until else pdf.when(now)))
    _patient_lines(pdf, patient)
    ratio = tr("pdf.not_measurable") if adherence.ratio is None else format_percent(adherence.ratio, lang)
    pdf.para(
        tr(
            "pdf.totals",
            n=len(sessions),
            minutes=pdf.num(sum(x.minutes for x in sessions)),
            weeks=len(adherence.weeks),
            ratio=ratio,
            now=adherence.this_week.qualifying_sessions,
        )
    )
    if adherence.weeks:
        pdf.rows(
            [tr("pdf.col.week_of"), tr("pdf.col.qualifying"), tr("pdf.col.minutes")],
            [
                [format_date(w.week_start, lang), str(w.qualifying_sessions), pdf.num(w.minutes)]
                for w in adherence.weeks
            ],
            (40, 40, 30),
        )
    if trend.points:
        pdf.heading(tr("pdf.trends"))
        pdf.png(trend_chart_png(trend, lang=lang))
    pdf.heading(tr("pdf.sessions"))
    _sessions_table(pdf, sessions)
    pdf.heading(tr("pdf.notes"))
    any_notes = False
    for x in sessions:
        notes = access.notes(x.id)
        if notes:
            any_notes = True
            pdf.para(tr("pdf.session_of", when=pdf.when(x.started_at)) + ":", 9)
            steps = {st.id: st.step_index + 1 for st in access.timeline(x.id).steps}
            _notes(pdf, notes, steps, prefix="  ")
    if not any_notes:
        pdf.para(tr("pdf.no_period_notes"))
    return bytes(pdf.output())


def _sessions_table(pdf: _Report, sessions: list[SessionInfo]) -> None:
    tr = pdf.tr
    keys = ("steps", "cadence_spm", "forefoot_share", "upright_share", "glances_per_min", "over_rotations")
    units = {m.key: m.unit for m in METRICS}
    header = [tr(f"pdf.col.{k}") for k in ("date", "min")] + [tr("clinic.col.status"), tr("clinic.col.steps")]
    header += [tr(f"pdf.col.{k}") for k in ("cadence", "forefoot", "upright")]
    header += [tr("clinic.col.glances_min"), tr("pdf.col.over")]
    pdf.rows(
        header,
        [
            [
                format_datetime(x.started_at, tr.lang, weekday=False),
                pdf.num(x.minutes),
                tr(f"clinic.status.{x.status}"),
            ]
            + [metric_value(x.metric(k), units[k], tr) for k in keys]
            for x in sessions
        ],
        (30, 12, 22, 14, 18, 18, 18, 22, 18),
    )
