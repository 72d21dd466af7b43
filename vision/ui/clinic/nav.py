"""Entry points of the clinician review pages: :func:`mount` (pages for the app's
``st.navigation``) and :func:`render_review` (a standalone review app).

Every page opens the database (the one of :mod:`vision.ui.common.database` by default), asks for a login when
nobody is logged in in this tab (first-run setup when no account exists) and keeps the URL's
query parameters, so a link such as ``/clinic-session?session=12`` works after logging in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from vision.clinic import ClinicianAccess, Database, StorageError
from vision.ui.clinic.state import guarded
from vision.ui.common.database import database
from vision.ui.common.escape import md_escape
from vision.ui.common.icon import page_icon
from vision.ui.common.lang import lang_params, tr

DbSource = Database | Callable[[], Database] | None
"""What :func:`mount` accepts: an open database, a function returning one, or ``None`` for the
app's one database (:func:`vision.ui.common.database.database`)."""

#: name -> (title, url path, icon, shown in the menu)
PAGE_SPECS: dict[str, tuple[str, str, str, bool]] = {
    "patients": ("clinic.nav.patients", "clinic", ":material/groups:", True),
    "patient": ("clinic.nav.patient", "clinic-patient", ":material/person:", False),
    "session": ("clinic.nav.session", "clinic-session", ":material/timeline:", False),
    "compare": ("clinic.nav.compare", "clinic-compare", ":material/compare_arrows:", True),
    "accounts": ("clinic.nav.accounts", "clinic-accounts", ":material/manage_accounts:", True),
    "audit": ("clinic.nav.audit", "clinic-audit", ":material/policy:", True),
}
"""Titles are translation keys (``clinic.nav.*``), shown in the chosen language."""

_PAGES: dict[str, st.Page] = {}


def open_database(source: DbSource) -> Database | None:
    """The database of ``source``; on failure a message on the page and ``None``."""
    try:
        if source is None:
            return database()
        if isinstance(source, Database):
            return source
        return source()
    except StorageError as exc:
        st.error(tr()("clinic.db.cannot_open"))
        st.text(str(exc))
    return None


def go(name: str, **params: int | str) -> None:
    """Switch to review page ``name`` with query parameters and the chosen ``lang`` (ends this run)."""
    st.switch_page(_PAGES[name], query_params=lang_params(**params))


def link(name: str, label: str, **params: int | str) -> None:
    """A link to review page ``name`` (with the chosen ``lang``); ``label`` may hold user text (escaped)."""
    st.page_link(
        _PAGES[name],
        label=md_escape(label),
        icon=PAGE_SPECS[name][2],
        query_params=lang_params(**params),
    )


def _page_body(name: str, source: DbSource) -> Callable[[], None]:
    def body() -> None:
        from vision.ui.clinic import auth_page  # late imports: pages import this module

        db = open_database(source)
        if db is None:
            return
        me = guarded(auth_page.require_access)(db)
        if me is None:
            return
        auth_page.sidebar_account(me)
        guarded(_renderer(name))(me)

    body.__name__ = f"review_{name}"
    return body


def _renderer(name: str) -> Callable[[ClinicianAccess], Any]:
    from vision.ui.clinic import (
        audit_page,
        auth_page,
        compare_page,
        patient_page,
        patients_page,
        session_page,
    )

    return {
        "patients": patients_page.render,
        "patient": patient_page.render,
        "session": session_page.render,
        "compare": compare_page.render,
        "accounts": auth_page.render_accounts,
        "audit": audit_page.render,
    }[name]


def mount(db: DbSource = None) -> list[st.Page]:
    """The review pages, for the app's ``st.navigation`` (call on every run)::

        pages = review_ui.mount()          # or mount(db) / mount(lambda: my_cached_db())
        st.navigation({"Coach": coach_pages, "Clinic": pages}).run()

    The patient and session pages are hidden from the menu (reached by links, or by URL with
    ``?patient=ID`` / ``?session=ID``).
    """
    pages = []
    for name, (title, url_path, icon, visible) in PAGE_SPECS.items():
        page = st.Page(
            _page_body(name, db),
            title=tr()(title),
            icon=icon,
            url_path=url_path,
            visibility="visible" if visible else "hidden",
        )
        _PAGES[name] = page
        pages.append(page)
    return pages


def render_review(db: DbSource = None, *, page_title: str | None = None) -> None:
    """A standalone review app: page config, navigation over :func:`mount`'s pages, run."""
    st.set_page_config(
        page_title=page_title or tr()("clinic.review.page_title"), page_icon=page_icon(), layout="wide"
    )
    st.navigation(mount(db)).run()
