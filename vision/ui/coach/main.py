"""The Streamlit app: sidebar settings, then one of the pages (live coach, analyze, my sessions;
the clinician pages of ``vision.ui.clinic``).

Run with ``retrowalk app`` (:mod:`vision.ui.coach.launch`) or ``streamlit run app.py``. Page modules
only draw; the work happens in ``vision.live`` (live processing, storage), ``vision.feedback``
(cues, texts, speech) and ``vision.analysis`` (offline analysis).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from vision.ui.clinic import mount as mount_clinic
from vision.ui.coach import guard, state
from vision.ui.coach.analyze_page import analyze_page
from vision.ui.coach.live_page import live_page
from vision.ui.coach.sessions_page import sessions_page
from vision.ui.common.database import database
from vision.ui.common.icon import page_icon
from vision.ui.common.lang import tr as translator


def _with_settings(page: Callable[[], None]) -> Callable[[], None]:
    """``page`` with the patient's settings drawn in the sidebar first (only the coach's pages
    show them; the clinic's pages do not)."""

    def run() -> None:
        st.session_state["rw_ui"] = state.sidebar()
        page()

    run.__name__ = page.__name__
    return run


def main() -> None:
    """Entry point called by ``app.py``."""
    # The icon is an image served by this app (a ":material/...:" favicon is fetched from Google).
    st.set_page_config(page_title="RetroWalk Coach", page_icon=page_icon(), layout="wide")
    state.language_picker()
    state.keep_settings()
    tr = translator()
    guard.collect_orphan()  # a live session whose page was reloaded or closed: keep it, say so
    pages = [
        st.Page(
            _with_settings(live_page),
            title=tr("nav.live"),
            icon=":material/videocam:",
            url_path="live",
            default=True,
        ),
        st.Page(
            _with_settings(analyze_page), title=tr("nav.analyze"), icon=":material/movie:", url_path="analyze"
        ),
        st.Page(
            _with_settings(sessions_page),
            title=tr("nav.sessions"),
            icon=":material/history:",
            url_path="sessions",
        ),
    ]
    sections = {tr("nav.coach"): pages, tr("nav.clinic"): mount_clinic(database)}
    nav = st.navigation(sections, position="top")
    guard.render_notice(tr)
    nav.run()


if __name__ == "__main__":  # ``streamlit run vision/ui/coach/main.py`` (what ``retrowalk app`` does)
    main()
