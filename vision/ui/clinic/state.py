"""Session state, query parameters, safe text and error display shared by the review pages.

The logged-in :class:`~vision.clinic.ClinicianAccess` lives in ``st.session_state`` (one per
browser tab), with the time of the last page view for the idle timeout and the token of the
login kept across reloads (:mod:`vision.ui.clinic.cookies`, :mod:`vision.clinic.logins`).
Texts go through :func:`vision.ui.common.lang.tr` (``clinic.*`` keys); every piece of user text
shown through a Markdown-rendering element goes through :func:`vision.ui.common.escape.md_escape`.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from vision.clinic import ClinicError, ClinicianAccess, NotFound, StorageError, end_login
from vision.clinic.config import resolve_login_policy
from vision.clinic.logins import touch_login
from vision.ui.common.escape import md_escape
from vision.ui.common.lang import tr

log = logging.getLogger(__name__)

ACCESS_KEY = "rwr_access"
SEEN_KEY = "rwr_seen"
TOKEN_KEY = "rwr_token"
TOUCHED_KEY = "rwr_touched"
IDLE_LOGOUT_S = 60.0 * resolve_login_policy().idle_minutes
"""A review tab left alone this long is logged out."""

F = TypeVar("F", bound=Callable[..., Any])


def idle_expired(last_seen: float | None, now: float, idle_s: float = IDLE_LOGOUT_S) -> bool:
    """True when a login last used at ``last_seen`` (epoch s) has been idle too long at ``now``."""
    return last_seen is not None and now - last_seen > idle_s


def parse_id(value: object) -> int | None:
    """A positive integer id from a query parameter value, else ``None``."""
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    ident = int(text)
    return ident if ident > 0 else None


def query_id(name: str) -> int | None:
    """An id query parameter of the current URL (``?session=12``), ``None`` when absent/bad."""
    return parse_id(st.query_params.get(name))


def current_access() -> ClinicianAccess | None:
    """The logged-in clinician of this browser tab (``None`` after logout or idle timeout)."""
    access = st.session_state.get(ACCESS_KEY)
    if not isinstance(access, ClinicianAccess):
        return None
    now = time.time()
    if idle_expired(st.session_state.get(SEEN_KEY), now):
        log_out()
        st.info(tr()("clinic.login.idle", minutes=f"{IDLE_LOGOUT_S / 60:g}"))
        return None
    st.session_state[SEEN_KEY] = now
    token = st.session_state.get(TOKEN_KEY)
    if token and now - float(st.session_state.get(TOUCHED_KEY, 0.0)) > resolve_login_policy().touch_every_s:
        touch_login(access.db, token)  # the kept login's idle clock follows the tab
        st.session_state[TOUCHED_KEY] = now
    return access


def log_in(access: ClinicianAccess, token: str | None = None) -> None:
    """Remember ``access`` as this tab's clinician (``token``: its kept login, if any)."""
    st.session_state[ACCESS_KEY] = access
    st.session_state[SEEN_KEY] = st.session_state[TOUCHED_KEY] = time.time()
    if token:
        st.session_state[TOKEN_KEY] = token


def log_out() -> None:
    """End the kept login on the server, and forget the clinician and everything the pages
    kept for them."""
    access, token = st.session_state.get(ACCESS_KEY), st.session_state.get(TOKEN_KEY)
    if isinstance(access, ClinicianAccess) and token:
        end_login(access.db, token)
    for key in list(st.session_state.keys()):
        if str(key).startswith("rwr_"):
            del st.session_state[key]


def show_not_found() -> None:
    """The one message for a missing id and for another clinician's record (no difference)."""
    from vision.ui.clinic.nav import link  # late import: nav imports this module

    st.warning(tr()("clinic.error.not_found"))
    link("patients", tr()("clinic.error.your_patients"))


def guarded(fn: F) -> F:
    """Run a page body; data-layer errors become a message on the page, never a stack trace.

    Streamlit's own control flow (``st.stop``, ``st.rerun``, ``st.switch_page``) raises
    ``BaseException`` subclasses and passes through untouched.
    """

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NotFound:
            show_not_found()
        except StorageError as exc:
            st.error(tr()("clinic.db.unusable"))
            st.text(str(exc))
        except ClinicError as exc:
            st.error(md_escape(exc.text(tr())))
        except Exception:
            log.exception("review page failed")
            st.error(tr()("clinic.error.page"))
        return None

    return run  # type: ignore[return-value]
