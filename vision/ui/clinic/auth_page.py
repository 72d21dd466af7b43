"""Login, first-run setup, logout and (administrators) clinician accounts.

* First run (no account at all): a setup form creates the first, administrator account. There
  is no default password, and the form is refused once any account exists.
* Login: an unknown name, a wrong password and a locked account get the same message
  (byte for byte); the data layer still locks each account after repeated failures.
* Kept login: a successful login starts a server-side login (:mod:`vision.clinic.logins`) whose
  token the browser keeps in an HttpOnly, SameSite=Strict cookie (:mod:`vision.ui.clinic.cookies`);
  a reload reads the cookie and restores the login; logout revokes it and deletes the cookie.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vision.clinic import (
    AuthenticationFailed,
    ClinicianAccess,
    Database,
    SetupError,
    ValidationError,
    change_password,
    login,
    needs_setup,
    resume_login,
    setup_first_clinician,
    start_login,
)
from vision.clinic.config import DEFAULT_LOCKOUT, resolve_login_policy
from vision.feedback.dates import format_datetime
from vision.feedback.i18n import Translator
from vision.ui.clinic import cookies
from vision.ui.clinic.state import current_access, log_in, log_out
from vision.ui.common.escape import md_escape
from vision.ui.common.lang import tr

_TICKET_KEY = "rwr_cookie_ticket"
_FORGET_KEY = "rw_clinic_forget_cookie"
"""Set at logout (outside the ``rwr_`` keys that logout deletes): delete the cookie next run."""


def require_access(db: Database) -> ClinicianAccess | None:
    """The logged-in clinician; else draws the login (or first-run setup) form and returns
    ``None``. A successful login reruns the page with the same URL and query parameters."""
    me = current_access()
    if me is not None:
        return me
    if st.session_state.pop(_FORGET_KEY, False):
        cookies.forget_cookie_script()
    else:
        token = cookies.browser_token()
        me = resume_login(db, token, policy=resolve_login_policy()) if token else None
        if me is not None:  # a reload with a live login cookie
            log_in(me, token)
            return me
    if needs_setup(db):
        _setup_form(db)
    else:
        _login_form(db)
    return None


def _narrow() -> st.delta_generator.DeltaGenerator:
    """A centred column for the login and setup forms."""
    return st.columns([1, 2, 1])[1]


def _login_form(db: Database) -> None:
    t = tr()
    st.title(t("clinic.login.title"))
    with _narrow():
        with st.form("rwr_login_form"):
            username = st.text_input(t("clinic.login.username"), autocomplete="username")
            password = st.text_input(
                t("clinic.login.password"), type="password", autocomplete="current-password"
            )
            submitted = st.form_submit_button(t("clinic.login.submit"), type="primary")
        if not submitted:
            return
        try:
            me = login(db, username, password)
        except AuthenticationFailed:  # also AccountLocked: the same words, so nothing is told
            st.error(_failed_text())
            return
    _keep_login(db, me)
    st.rerun()


def _failed_text() -> str:
    return tr()(
        "clinic.login.failed",
        attempts=DEFAULT_LOCKOUT.max_failures,
        minutes=f"{DEFAULT_LOCKOUT.lock_minutes:g}",
    )


def _keep_login(db: Database, me: ClinicianAccess) -> None:
    """Log in this tab and, when the cookie routes are mounted, keep the login across reloads."""
    if not cookies.routes_mounted():
        log_in(me)
        return
    policy = resolve_login_policy()
    token = start_login(db, me, policy=policy)
    log_in(me, token)
    st.session_state[_TICKET_KEY] = cookies.issue_ticket(token, policy.max_hours * 3600.0)


def _setup_form(db: Database) -> None:
    t = tr()
    st.title(t("clinic.setup.title"))
    with _narrow():
        st.info(t("clinic.setup.info"))
        with st.form("rwr_setup_form"):
            username = st.text_input(t("clinic.login.username"), autocomplete="username")
            display_name = st.text_input(t("clinic.setup.display_name"))
            password = st.text_input(t("clinic.setup.password"), type="password")
            repeat = st.text_input(t("clinic.setup.repeat"), type="password")
            submitted = st.form_submit_button(t("clinic.setup.submit"), type="primary")
        if not submitted:
            return
        if password != repeat:
            st.error(t("clinic.setup.differ"))
            return
        try:
            setup_first_clinician(db, username, password, display_name)
            me = login(db, username, password)
        except (SetupError, ValidationError, AuthenticationFailed) as exc:
            st.error(md_escape(exc.text(tr())))
            return
    _keep_login(db, me)
    st.rerun()


def sidebar_account(me: ClinicianAccess) -> None:
    """Who is logged in, and the logout button, in the sidebar."""
    t = tr()
    with st.sidebar:
        st.caption(t("clinic.account.logged_in", name=md_escape(me.clinician.display_name)))
        if cookies.routes_mounted():
            st.caption(t("clinic.login.kept", hours=f"{resolve_login_policy().max_hours:g}"))
        if st.button(t("clinic.account.logout"), key="rwr_logout", icon=":material/logout:"):
            log_out()
            st.session_state[_FORGET_KEY] = True
            st.rerun()
        ticket = st.session_state.pop(_TICKET_KEY, None)
        if ticket:  # last in the sidebar: the page's own elements keep their places
            cookies.send_cookie_script(ticket)


def render_accounts(me: ClinicianAccess) -> None:
    """Own password; for administrators also the accounts list, new accounts and unlocking."""
    t = tr()
    st.title(t("clinic.accounts.title"))
    with st.expander(t("clinic.accounts.change_pw")), st.form("rwr_change_pw", clear_on_submit=True):
        old = st.text_input(t("clinic.accounts.current_pw"), type="password")
        new = st.text_input(t("clinic.accounts.new_pw"), type="password")
        again = st.text_input(t("clinic.accounts.repeat_new"), type="password")
        if st.form_submit_button(t("clinic.accounts.change_submit")):
            if new != again:
                st.error(t("clinic.accounts.new_differ"))
            else:
                try:
                    change_password(me.db, me.clinician.username, old, new)
                    st.success(t("clinic.accounts.changed"))
                except (AuthenticationFailed, ValidationError) as exc:
                    st.error(md_escape(exc.text(tr())))
    if not me.clinician.is_admin:
        st.info(t("clinic.accounts.admin_only"))
        return
    people = me.list_clinicians()
    st.dataframe(_accounts_frame(people, t), hide_index=True)
    with st.form("rwr_new_clinician", clear_on_submit=True):
        st.subheader(t("clinic.accounts.new_title"))
        username = st.text_input(t("clinic.login.username"))
        display_name = st.text_input(t("clinic.accounts.name"))
        password = st.text_input(t("clinic.accounts.initial_pw"), type="password")
        is_admin = st.checkbox(t("clinic.accounts.admin"))
        if st.form_submit_button(t("clinic.accounts.create")):
            try:
                info = me.create_clinician(username, password, display_name, is_admin=is_admin)
                st.success(t("clinic.accounts.created", name=md_escape(info.username)))
            except ValidationError as exc:
                st.error(md_escape(exc.text(tr())))
    others = [c for c in people if c.id != me.clinician.id]
    if others:
        st.subheader(t("clinic.accounts.unlock_title"))
        who = st.selectbox(
            t("clinic.accounts.account"), others, format_func=lambda c: c.username, key="rwr_unlock_who"
        )
        if st.button(t("clinic.accounts.unlock"), key="rwr_unlock") and who is not None:
            me.unlock_clinician(who.id)
            st.success(t("clinic.accounts.unlocked", name=md_escape(who.username)))


def _accounts_frame(people: list, t: Translator) -> pd.DataFrame:
    """The clinician accounts table (administrators see it)."""
    return pd.DataFrame(
        {
            t("clinic.accounts.col_username"): [c.username for c in people],
            t("clinic.accounts.col_name"): [c.display_name for c in people],
            t("clinic.accounts.col_admin"): [c.is_admin for c in people],
            t("clinic.accounts.col_last_login"): [
                format_datetime(c.last_login_at, t.lang) if c.last_login_at else t("clinic.accounts.never")
                for c in people
            ],
        }
    )
