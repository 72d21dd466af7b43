"""The language the user chose (the coach's sidebar sets it) and its translator, for every page."""

from __future__ import annotations

import streamlit as st

from vision.feedback.i18n import LANGUAGES, Translator

LANG_KEY = "rw_lang"
"""``st.session_state`` key of the chosen language code (``en``, ``de``)."""


def lang() -> str:
    """The chosen language code (the first of ``LANGUAGES`` when none or an unknown one is set)."""
    value = st.session_state.get(LANG_KEY, LANGUAGES[0])
    return value if value in LANGUAGES else LANGUAGES[0]


def tr() -> Translator:
    """The translator of the chosen language."""
    return Translator(lang())
