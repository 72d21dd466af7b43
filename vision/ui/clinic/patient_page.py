"""One patient (``?patient=ID``): adherence, trend charts across sessions, the session list,
reports and exports, import of an analysis folder, and the patient's settings."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from vision.clinic import ClinicianAccess, Programme, ValidationError
from vision.clinic.records import PatientInfo
from vision.feedback.dates import DASH, format_date, format_percent
from vision.feedback.i18n import Translator
from vision.ui.clinic.charts import trend_panels
from vision.ui.clinic.homecode import MAX_MINUTES, home_code_panel
from vision.ui.clinic.nav import go, link
from vision.ui.clinic.state import query_id
from vision.ui.clinic.transfer import download_buttons, import_form, patient_exports
from vision.ui.clinic.views import (
    ROW_CLICK,
    adherence_text,
    length_text,
    selected_row,
    sessions_frame,
    trend_frame,
    when,
)
from vision.ui.common.escape import md_escape
from vision.ui.common.lang import tr

_IMPORTED_KEY = "rwr_imported_session"


def render(me: ClinicianAccess) -> None:
    """The patient page; without a valid ``?patient=`` it offers a patient picker."""
    pid = query_id("patient")
    if pid is None:
        _pick_patient(me)
        return
    patient = me.get_patient(pid)  # NotFound (also for another clinician's patient) -> message
    t = tr()
    link("patients", t("clinic.patient.all"))
    st.title(md_escape(patient.display_name), anchor=False)
    if patient.external_ref:
        st.caption(t("clinic.patient.reference", ref=md_escape(patient.external_ref)))
    sessions = me.list_sessions(pid)
    adherence = me.adherence(pid)
    c = st.columns(4)
    c[0].metric(t("clinic.patient.m_sessions"), len(sessions))
    c[1].metric(t("clinic.patient.m_adherence"), format_percent(adherence.ratio, t.lang))
    c[2].metric(
        t("clinic.patient.m_week"),
        f"{adherence.this_week.qualifying_sessions} / {patient.programme.sessions_per_week}",
    )
    last = format_date(sessions[-1].started_at, t.lang, weekday=False) if sessions else DASH
    c[3].metric(t("clinic.patient.m_last"), last)
    st.caption(adherence_text(adherence, t))
    tabs = st.tabs(
        [t(f"clinic.patient.tab_{k}") for k in ("trends", "sessions", "exports", "import", "settings")]
    )
    with tabs[0]:
        _trends(me, pid, t)
    with tabs[1]:
        _sessions(pid, sessions, t)
    with tabs[2]:
        _exports(me, pid, sessions, t)
    with tabs[3]:
        done = st.session_state.pop(_IMPORTED_KEY, None)
        if done is not None:
            length = length_text(done.duration_s, t)
            st.success(t("clinic.patient.imported", when=when(done.started_at, t), length=length))
            link("session", t("clinic.patient.open_imported"), session=done.id)
        imported = import_form(me, pid)
        if imported is not None:  # rerun so that the counts and trends above include it
            st.session_state[_IMPORTED_KEY] = imported
            st.rerun()
    with tabs[4]:
        _settings(me, patient, t)


def _pick_patient(me: ClinicianAccess) -> None:
    t = tr()
    st.title(t("clinic.patient.pick_title"))
    rows = me.list_patients()
    if not rows:
        st.info(t("clinic.patient.none"))
        link("patients", t("clinic.patient.list"))
        return
    who = st.selectbox(
        t("clinic.patient.select"),
        [r.patient for r in rows],
        format_func=lambda p: p.display_name,
        index=None,
    )
    if who is not None:
        go("patient", patient=who.id)


def _trends(me: ClinicianAccess, pid: int, t: Translator) -> None:
    df = trend_frame(me.trend(pid), t)
    if df.empty:
        st.info(t("clinic.trends.none"))
        return
    panels = trend_panels(df, t)
    for row in range(0, len(panels), 3):
        cols = st.columns(3)
        for col, (title, chart) in zip(cols, panels[row : row + 3], strict=False):
            with col:
                if chart is None:
                    st.caption(t("clinic.trends.not_measured", title=title))
                else:
                    st.altair_chart(chart, width="stretch")


def _sessions(pid: int, sessions: list, t: Translator) -> None:
    if not sessions:
        st.info(t("clinic.sessions.none"))
        return
    newest = list(reversed(sessions))
    st.caption(t("clinic.sessions.caption"))
    event = st.dataframe(
        sessions_frame(newest, t),
        on_select="rerun",
        selection_mode=ROW_CLICK,
        hide_index=True,
        key=f"rwr_sessions_table_{pid}",
    )
    picked = selected_row(event)
    if picked is not None and picked < len(newest):
        go("session", session=newest[picked].id)
    if len(sessions) >= 2:
        link("compare", t("clinic.sessions.compare"), patient=pid)


def _exports(me: ClinicianAccess, pid: int, sessions: list, t: Translator) -> None:
    today = date.today()
    first = min(sessions[0].started_at.date(), today) if sessions else today - timedelta(days=28)
    period = st.date_input(
        t("clinic.export.period"),
        value=(first, today),
        max_value=today + timedelta(days=1),
        key=f"rwr_period_{pid}",
        help=t("clinic.export.period_help"),
        format="DD.MM.YYYY" if t.lang == "de" else "YYYY/MM/DD",
    )
    start, end = (period[0], period[-1]) if isinstance(period, tuple) and period else (None, None)
    download_buttons(patient_exports(me, pid, start, end, lang=t.lang), f"rwr_dl_patient_{pid}", t)
    st.caption(t("clinic.export.single_hint"))


def _settings(me: ClinicianAccess, patient: PatientInfo, t: Translator) -> None:
    pid = patient.id
    with st.form(f"rwr_patient_edit_{pid}"):
        name = st.text_input(t("clinic.settings.name"), value=patient.display_name)
        ref = st.text_input(t("clinic.settings.ref"), value=patient.external_ref or "")
        c1, c2 = st.columns(2)
        per_week = c1.number_input(
            t("clinic.programme.per_week"),
            1,
            21,
            int(patient.programme.sessions_per_week),
            key=f"rwr_pw_{pid}",
        )
        minutes = c2.number_input(
            t("clinic.programme.minutes"),
            min_value=1,
            max_value=MAX_MINUTES,
            value=round(patient.programme.minutes_per_session),
            step=1,
            key=f"rwr_pm_{pid}",
        )
        if st.form_submit_button(t("clinic.settings.save")):
            try:
                programme = Programme(int(per_week), float(minutes))
                me.update_patient(
                    pid,
                    display_name=name,
                    external_ref=ref.strip() or None,
                    programme=None if programme == me.programme else programme,
                )
                st.rerun()
            except ValidationError as exc:
                st.error(md_escape(exc.text(tr())))
    opt_in = st.toggle(t("clinic.settings.video"), value=patient.video_opt_in, key=f"rwr_video_{pid}")
    if opt_in != patient.video_opt_in:
        me.set_video_opt_in(pid, opt_in)
        st.rerun()
    if not opt_in:
        st.caption(t("clinic.settings.no_consent"))
    home_code_panel(me, patient)
    with st.expander(t("clinic.settings.delete_title")):
        sure = st.checkbox(t("clinic.settings.delete_sure"), key=f"rwr_del_ok_{pid}")
        if st.button(t("clinic.settings.delete"), disabled=not sure, type="primary", key=f"rwr_del_{pid}"):
            me.delete_patient(pid)
            go("patients")
