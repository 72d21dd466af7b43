"""The clinician's patient list (last session, adherence) and the form to add a patient."""

from __future__ import annotations

import streamlit as st

from vision.clinic import ClinicianAccess, Programme, ValidationError
from vision.ui.clinic.homecode import MAX_MINUTES
from vision.ui.clinic.nav import go
from vision.ui.clinic.views import ROW_CLICK, patient_list_frame, selected_row
from vision.ui.common.escape import md_escape


def render(me: ClinicianAccess) -> None:
    """Patient list with search; clicking a row opens the patient."""
    st.title("Patients")
    rows = me.list_patients()
    search = st.text_input("Search by name or reference", key="rwr_patient_search").strip()
    if search:
        keep = {p.id for p in me.search_patients(search)}
        rows = [r for r in rows if r.patient.id in keep]
    if rows:
        st.caption(
            "Adherence: qualifying sessions per week over the last 4 complete weeks, against each "
            "patient's programme. Click a row to open the patient."
        )
        event = st.dataframe(
            patient_list_frame(rows),
            on_select="rerun",
            selection_mode=ROW_CLICK,
            hide_index=True,
            key="rwr_patients_table",
            column_config={
                "adherence %": st.column_config.ProgressColumn(
                    "adherence", min_value=0, max_value=100, format="%d%%"
                ),
            },
        )
        picked = selected_row(event)
        if picked is not None and picked < len(rows):
            go("patient", patient=rows[picked].patient.id)
    elif search:
        st.info("No patient matches.")
    else:
        st.info("No patients yet: add the first one below.")
    _add_patient(me)


def _add_patient(me: ClinicianAccess) -> None:
    default = me.programme
    with st.expander("Add a patient", expanded=False), st.form("rwr_add_patient", clear_on_submit=True):
        name = st.text_input("Name")
        ref = st.text_input("Reference (optional, e.g. hospital number)")
        c1, c2 = st.columns(2)
        per_week = c1.number_input(
            "Sessions per week", min_value=1, max_value=21, value=int(default.sessions_per_week)
        )
        minutes = c2.number_input(
            "Minutes per session",
            min_value=1,
            max_value=MAX_MINUTES,
            value=round(default.minutes_per_session),
            step=1,
        )
        video = st.checkbox("The patient agrees that raw video is kept")
        if not st.form_submit_button("Add patient", type="primary"):
            return
    programme = Programme(int(per_week), float(minutes))
    try:
        patient = me.create_patient(
            name,
            external_ref=ref.strip() or None,
            video_opt_in=video,
            programme=None if programme == default else programme,
        )
    except ValidationError as exc:
        st.error(md_escape(exc))
        return
    go("patient", patient=patient.id)
