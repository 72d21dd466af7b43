"""The clinician's patient list (last session, adherence) and the form to add a patient."""

from __future__ import annotations

import streamlit as st

from vision.clinic import ClinicianAccess, Programme, ValidationError
from vision.ui.clinic.homecode import MAX_MINUTES
from vision.ui.clinic.nav import go
from vision.ui.clinic.views import ROW_CLICK, patient_list_frame, selected_row
from vision.ui.common.escape import md_escape
from vision.ui.common.lang import tr


def render(me: ClinicianAccess) -> None:
    """Patient list with search; clicking a row opens the patient."""
    t = tr()
    st.title(t("clinic.patients.title"))
    rows = me.list_patients()
    search = st.text_input(t("clinic.patients.search"), key="rwr_patient_search").strip()
    if search:
        keep = {p.id for p in me.search_patients(search)}
        rows = [r for r in rows if r.patient.id in keep]
    if rows:
        st.caption(t("clinic.patients.caption"))
        adherence = t("clinic.col.adherence")
        event = st.dataframe(
            patient_list_frame(rows, t),
            on_select="rerun",
            selection_mode=ROW_CLICK,
            hide_index=True,
            key="rwr_patients_table",
            column_config={
                adherence: st.column_config.ProgressColumn(
                    adherence, min_value=0, max_value=100, format="%d %%" if t.lang == "de" else "%d%%"
                ),
            },
        )
        picked = selected_row(event)
        if picked is not None and picked < len(rows):
            go("patient", patient=rows[picked].patient.id)
    elif search:
        st.info(t("clinic.patients.no_match"))
    else:
        st.info(t("clinic.patients.none"))
    _add_patient(me)


def _add_patient(me: ClinicianAccess) -> None:
    default = me.programme
    t = tr()
    with (
        st.expander(t("clinic.patients.add"), expanded=False),
        st.form("rwr_add_patient", clear_on_submit=True),
    ):
        name = st.text_input(t("clinic.patients.name"))
        ref = st.text_input(t("clinic.patients.ref"))
        c1, c2 = st.columns(2)
        per_week = c1.number_input(
            t("clinic.programme.per_week"), min_value=1, max_value=21, value=int(default.sessions_per_week)
        )
        minutes = c2.number_input(
            t("clinic.programme.minutes"),
            min_value=1,
            max_value=MAX_MINUTES,
            value=round(default.minutes_per_session),
            step=1,
        )
        video = st.checkbox(t("clinic.patients.video_consent"))
        if not st.form_submit_button(t("clinic.patients.add_submit"), type="primary"):
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
        st.error(md_escape(exc.text(tr())))
        return
    go("patient", patient=patient.id)
