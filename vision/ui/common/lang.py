"""The language the user chose (the coach's sidebar sets it) and its translator, for every page.

The choice lives in ``st.session_state`` (:data:`LANG_KEY`) and in the URL's query parameter
``lang`` (:data:`LANG_PARAM`, ``?lang=de``), so a reload (F5) or a shared link keeps it: a new
browser session without a choice of its own takes the URL's."""

from __future__ import annotations

import streamlit as st

from vision.feedback.i18n import LANGUAGES, Translator

LANG_KEY = "rw_lang"
"""``st.session_state`` key of the chosen language code (``en``, ``de``)."""

LANG_PARAM = "lang"
"""URL query parameter holding the chosen language code."""


def _known(value: object) -> str | None:
    return value if isinstance(value, str) and value in LANGUAGES else None


def lang() -> str:
    """The chosen language code: this session's choice, else the URL's ``lang``, else the first
    of ``LANGUAGES`` (an unknown code counts as none)."""
    chosen = _known(st.session_state.get(LANG_KEY))
    return chosen or _known(st.query_params.get(LANG_PARAM)) or LANGUAGES[0]


def tr() -> Translator:
    """The translator of the chosen language."""
    return Translator(lang())


def lang_params(**params: int | str) -> dict[str, str]:
    """``params`` as query parameters for a page switch or link, with the chosen language added
    (``lang_params(session=12)`` → ``{"session": "12", "lang": "de"}``)."""
    return {**{k: str(v) for k, v in params.items()}, LANG_PARAM: lang()}


def keep_lang_in_url() -> None:
    """Write the chosen language into the URL's ``lang`` (on every run, so a page switch that
    drops the query parameters gets it back). A URL without one is left as it is while the
    language is the default."""
    code = lang()
    if st.query_params.get(LANG_PARAM) != code and (code != LANGUAGES[0] or LANG_PARAM in st.query_params):
        st.query_params[LANG_PARAM] = code
