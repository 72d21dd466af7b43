"""The audit log page (administrators): who viewed, exported or changed which patient's data.

Read-only: the page draws a table and a patient filter; there is no control that edits or
deletes a record (and the data layer has no such call)."""

from __future__ import annotations

import streamlit as st

from vision.clinic import ClinicianAccess
from vision.ui.clinic.views import audit_frame
from vision.ui.common.lang import tr

SHOWN_RECORDS = 500
"""Newest records listed on the page."""


def render(me: ClinicianAccess) -> None:
    """The audit log, newest first, optionally for one patient."""
    t = tr()
    st.title(t("clinic.audit.title"))
    if not me.clinician.is_admin:
        st.info(t("clinic.audit.admin_only"))
        return
    st.caption(t("clinic.audit.caption"))
    records = me.audit_log(limit=SHOWN_RECORDS)
    names = me.audit_patient_names(r.patient_id for r in records if r.patient_id is not None)
    choices: list[int | None] = [None, *sorted(names, key=lambda i: names[i].casefold())]
    who = st.selectbox(
        t("clinic.audit.patient"),
        choices,
        format_func=lambda i: t("clinic.audit.all") if i is None else names[i],
        key="rwr_audit_patient",
    )
    if who is not None:
        records = me.audit_log(patient_id=who, limit=SHOWN_RECORDS)
    if not records:
        st.info(t("clinic.audit.none"))
        return
    st.dataframe(audit_frame(records, names, t), hide_index=True, width="stretch")
