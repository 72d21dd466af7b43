"""Clinician review pages (Streamlit) on top of :mod:`vision.clinic`.

For the app's navigation::

    from vision.ui.clinic import mount
    st.navigation({"Coach": coach_pages, "Clinic": mount()}).run()

or standalone: ``render_review()`` (see docs/review_ui.md). Pages: patient list, patient
(trends, sessions, reports, import, settings), session (timeline, replay, notes, exports),
compare, clinician accounts. Login and first-run setup are drawn by every page when nobody is
logged in.
"""

from vision.ui.clinic.nav import PAGE_SPECS, DbSource, mount, open_database, render_review

__all__ = ["PAGE_SPECS", "DbSource", "mount", "open_database", "render_review"]
