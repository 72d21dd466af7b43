"""The patient's home access code on the patient page: issue (code, copy button, QR code),
current expiry, revoke. The code is shown only in the run that issued it and until hidden."""

from __future__ import annotations

import io

import segno
import streamlit as st

from vision.clinic import ClinicianAccess
from vision.clinic.records import PatientInfo
from vision.ui.clinic.views import when
from vision.ui.common.lang import tr

MAX_MINUTES = 120
"""Largest minutes-per-session a programme form accepts."""
QR_SCALE = 8
"""Pixels per QR module of the shown code."""
QR_WIDTH_PX = 220
"""Width the QR image is shown at, in CSS pixels."""


def qr_png(text: str, *, scale: int = QR_SCALE) -> bytes:
    """A PNG of a QR code holding ``text`` (made locally by ``segno``; error correction M)."""
    buf = io.BytesIO()
    segno.make_qr(text, error="m").save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()


def home_code_panel(me: ClinicianAccess, patient: PatientInfo) -> None:
    """The home access code part of the patient's settings."""
    t, pid = tr(), patient.id
    shown_key = f"rwr_new_code_{pid}"
    st.subheader(t("clinic.home.title"))
    c1, c2 = st.columns(2)
    if c1.button(t("clinic.home.issue"), key=f"rwr_code_{pid}"):
        st.session_state[shown_key] = me.issue_home_code(pid)
        patient = me.get_patient(pid)
    if patient.has_home_code and c2.button(t("clinic.home.revoke"), key=f"rwr_revoke_{pid}"):
        me.revoke_home_code(pid)
        st.session_state.pop(shown_key, None)
        st.rerun()
    code = st.session_state.get(shown_key)
    until = when(patient.home_code_expires_at, t)
    if code and patient.has_home_code:
        st.caption(t("clinic.home.help", until=until) + " " + t("clinic.home.copy_help"))
        left, right = st.columns([3, 2])
        with left:
            st.code(code, language=None)  # the code block carries Streamlit's copy button
            if st.button(t("clinic.home.hide"), key=f"rwr_hide_code_{pid}"):
                del st.session_state[shown_key]
                st.rerun()
        right.image(qr_png(code), caption=t("clinic.home.qr"), width=QR_WIDTH_PX)
    elif patient.has_home_code:
        st.caption(t("clinic.home.current", until=until))
    else:
        st.caption(t("clinic.home.none"))
