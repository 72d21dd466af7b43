"""The Streamlit app: sidebar settings, then one of the pages (live coach, analyze, my sessions;
the clinician review pages of ``vision.review_ui`` when present).

Run with ``retrowalk app`` (:mod:`vision.app.launch`) or ``streamlit run app.py``. Page modules
only draw; the work happens in ``vision.live`` (live processing, storage), ``vision.feedback``
(cues, texts, speech) and ``vision.analysis`` (offline analysis).
"""

from __future__ import annotations

import streamlit as st

from vision.app import guard, state
from vision.app.analyze_page import analyze_page
from vision.app.icon import page_icon
from vision.app.live_page import live_page
from vision.app.sessions_page import sessions_page

try:  # the clinician review pages (vision/review_ui), when that package is there
    from vision.review_ui import mount as _mount_review
except ImportError:  # pragma: no cover - depends on the installed tree
    _mount_review = None


def main() -> None:
    """Entry point called by ``app.py``."""
    # The icon is an image served by this app (a ":material/...:" favicon is fetched from Google).
    st.set_page_config(page_title="RetroWalk Coach", page_icon=page_icon(), layout="wide")
    ui = state.sidebar()
    st.session_state["rw_ui"] = ui
    tr = state.tr()
    guard.collect_orphan()  # a live session whose page was reloaded or closed: keep it, say so
    pages = [
        st.Page(live_page, title=tr("nav.live"), icon=":material/videocam:", url_path="live", default=True),
        st.Page(analyze_page, title=tr("nav.analyze"), icon=":material/movie:", url_path="analyze"),
        st.Page(sessions_page, title=tr("nav.sessions"), icon=":material/history:", url_path="sessions"),
    ]
    sections = {tr("nav.coach"): pages}
    if _mount_review is not None:
        sections[tr("nav.clinic")] = _mount_review(state.database)
    nav = st.navigation(sections, position="top")
    guard.render_notice(tr)
    nav.run()


if __name__ == "__main__":  # ``streamlit run vision/app/main.py`` (what ``retrowalk app`` does)
    main()
