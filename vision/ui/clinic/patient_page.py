"""One patient (``?patient=ID``): adherence, trend charts across sessions, the session list,
reports and exports, import of an analysis folder, and the patient's settings."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from vision.clinic import ClinicianAccess, Programme, ValidationError
from vision.clinic.records import PatientInfo
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

_IMPORTED_KEY = "rwr_imported_session"


def render(me: ClinicianAccess) -> None:
    """The patient page; without a valid ``?patient=`` it offers a patient picker."""
    pid = query_id("patient")
    if pid is None:
        _pick_patient(me)
        return
    patient = me.get_patient(pid)  # NotFound (also for another clinician's patient) -> message
    link("patients", "All patients")
    st.title(md_escape(patient.display_name), anchor=False)
    if patient.external_ref:
        st.caption("Reference: " + md_escape(patient.external_ref))
    sessions = me.list_sessions(pid)
    adherence = me.adherence(pid)
    c = st.columns(4)
    c[0].metric("Sessions", len(sessions))
    c[1].metric("Adherence (4 weeks)", "–" if adherence.ratio is None else f"{100 * adherence.ratio:.0f}%")
    c[2].metric(
        "This week",
        f"{adherence.this_week.qualifying_sessions} / {patient.programme.sessions_per_week}",
    )
    c[3].metric("Last session", when(sessions[-1].started_at)[:10] if sessions else "–")
    st.caption(adherence_text(adherence))
    tabs = st.tabs(["Trends", "Sessions", "Reports & export", "Import", "Settings"])
    with tabs[0]:
        _trends(me, pid)
    with tabs[1]:
        _sessions(pid, sessions)
    with tabs[2]:
        _exports(me, pid, sessions)
    with tabs[3]:
        done = st.session_state.pop(_IMPORTED_KEY, None)
        if done is not None:
            st.success(f"Imported the session of {when(done.started_at)} ({length_text(done.duration_s)}).")
            link("session", "Open the imported session", session=done.id)
        imported = import_form(me, pid)
        if imported is not None:  # rerun so that the counts and trends above include it
            st.session_state[_IMPORTED_KEY] = imported
            st.rerun()
    with tabs[4]:
        _settings(me, patient)


def _pick_patient(me: ClinicianAccess) -> None:
    st.title("Patient")
    rows = me.list_patients()
    if not rows:
        st.info("No patients yet.")
        link("patients", "Patient list")
        return
    who = st.selectbox("Patient", [r.patient for r in rows], format_func=lambda p: p.display_name, index=None)
    if who is not None:
        go("patient", patient=who.id)


def _trends(me: ClinicianAccess, pid: int) -> None:
    df = trend_frame(me.trend(pid))
    if df.empty:
        st.info("No finished session yet: the trends appear after the first one.")
        return
    panels = trend_panels(df)
    for row in range(0, len(panels), 3):
        cols = st.columns(3)
        for col, (title, chart) in zip(cols, panels[row : row + 3], strict=False):
            with col:
                if chart is None:
                    st.caption(f"{title}: not measured yet")
                else:
                    st.altair_chart(chart, width="stretch")


def _sessions(pid: int, sessions: list) -> None:
    if not sessions:
        st.info("No sessions yet. Sessions recorded by the coach appear here; or import one.")
        return
    newest = list(reversed(sessions))
    st.caption("Newest first. Click a row to review the session.")
    event = st.dataframe(
        sessions_frame(newest),
        on_select="rerun",
        selection_mode=ROW_CLICK,
        hide_index=True,
        key=f"rwr_sessions_table_{pid}",
    )
    picked = selected_row(event)
    if picked is not None and picked < len(newest):
        go("session", session=newest[picked].id)
    if len(sessions) >= 2:
        link("compare", "Compare two sessions", patient=pid)


def _exports(me: ClinicianAccess, pid: int, sessions: list) -> None:
    today = date.today()
    first = min(sessions[0].started_at.date(), today) if sessions else today - timedelta(days=28)
    period = st.date_input(
        "Period",
        value=(first, today),
        max_value=today + timedelta(days=1),
        key=f"rwr_period_{pid}",
        help="Whole days, UTC. The report covers sessions started in this period.",
    )
    start, end = (period[0], period[-1]) if isinstance(period, tuple) and period else (None, None)
    download_buttons(patient_exports(me, pid, start, end), f"rwr_dl_patient_{pid}")
    st.caption("Single-session reports and tables are on each session's page.")


def _settings(me: ClinicianAccess, patient: PatientInfo) -> None:
    pid = patient.id
    with st.form(f"rwr_patient_edit_{pid}"):
        name = st.text_input("Name", value=patient.display_name)
        ref = st.text_input("Reference", value=patient.external_ref or "")
        c1, c2 = st.columns(2)
        per_week = c1.number_input(
            "Sessions per week", 1, 21, int(patient.programme.sessions_per_week), key=f"rwr_pw_{pid}"
        )
        minutes = c2.number_input(
            "Minutes per session",
            min_value=1,
            max_value=MAX_MINUTES,
            value=round(patient.programme.minutes_per_session),
            step=1,
            key=f"rwr_pm_{pid}",
        )
        if st.form_submit_button("Save"):
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
                st.error(md_escape(exc))
    opt_in = st.toggle("Keep raw video (patient consent)", value=patient.video_opt_in, key=f"rwr_video_{pid}")
    if opt_in != patient.video_opt_in:
        me.set_video_opt_in(pid, opt_in)
        st.rerun()
    if not opt_in:
        st.caption("Without consent no video is kept; withdrawing consent deletes the kept videos.")
    home_code_panel(me, patient)
    with st.expander("Delete this patient"):
        sure = st.checkbox("Delete the patient with all sessions, notes and videos", key=f"rwr_del_ok_{pid}")
        if st.button("Delete", disabled=not sure, type="primary", key=f"rwr_del_{pid}"):
            me.delete_patient(pid)
            go("patients")
