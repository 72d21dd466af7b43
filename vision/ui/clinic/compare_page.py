"""Two sessions side by side (``?a=ID&b=ID``, or pick a patient and two of their sessions)."""

from __future__ import annotations

import streamlit as st

from vision.clinic import ClinicianAccess
from vision.clinic.records import SessionInfo
from vision.ui.clinic.charts import steps_chart
from vision.ui.clinic.nav import link
from vision.ui.clinic.session_page import session_length
from vision.ui.clinic.state import query_id
from vision.ui.clinic.views import comparison_frame, session_label, summary_frame, when
from vision.ui.common.lang import tr


def render(me: ClinicianAccess) -> None:
    """Comparison table (with the change B − A) and both sessions' step timelines."""
    st.title(tr()("clinic.compare.title"))
    a_id, b_id = query_id("a"), query_id("b")
    if a_id is None or b_id is None:
        picked = _pick(me)
        if picked is None:
            return
        a_id, b_id = picked
    cmp = me.compare(a_id, b_id)  # NotFound for anything not the clinician's -> message
    if cmp.a.patient_id == cmp.b.patient_id and query_id("a") is not None:
        patient = me.get_patient(cmp.a.patient_id)
        link("patient", patient.display_name, patient=patient.id)
    table = comparison_frame(cmp, tr())
    st.dataframe(table, hide_index=True, height=38 + 35 * len(table))
    cols = st.columns(2)
    for col, tag, s in ((cols[0], "A", cmp.a), (cols[1], "B", cmp.b)):
        with col:
            _side(me, tag, s)


def _pick(me: ClinicianAccess) -> tuple[int, int] | None:
    t = tr()
    patients = [r.patient for r in me.list_patients()]
    if not patients:
        st.info(t("clinic.compare.no_patients"))
        return None
    wanted = query_id("patient")
    index = next((i for i, p in enumerate(patients) if p.id == wanted), 0)
    patient = st.selectbox(
        t("clinic.compare.patient"), patients, index=index, format_func=lambda p: p.display_name
    )
    if patient is None:
        return None
    link("patient", patient.display_name, patient=patient.id)
    sessions = list(reversed(me.list_sessions(patient.id)))
    if len(sessions) < 2:
        st.info(t("clinic.compare.too_few"))
        return None
    c1, c2 = st.columns(2)

    def label(s: SessionInfo) -> str:
        return session_label(s, t)

    a = c1.selectbox(
        t("clinic.compare.a"), sessions, index=1, format_func=label, key=f"rwr_cmp_a_{patient.id}"
    )
    b = c2.selectbox(
        t("clinic.compare.b"), sessions, index=0, format_func=label, key=f"rwr_cmp_b_{patient.id}"
    )
    if a is None or b is None:
        return None
    if a.id == b.id:
        st.info(t("clinic.compare.same"))
        return None
    return a.id, b.id


def _side(me: ClinicianAccess, tag: str, s: SessionInfo) -> None:
    t = tr()
    st.subheader(f"{tag}: {when(s.started_at, t)}", anchor=False)
    link("session", t("clinic.compare.open", tag=tag), session=s.id)
    tl = me.timeline(s.id)
    if tl.steps:
        st.altair_chart(steps_chart(tl, None, session_length(tl), t), width="stretch")
    with st.expander(t("clinic.compare.summary")):
        st.dataframe(summary_frame(s, t), hide_index=True)
