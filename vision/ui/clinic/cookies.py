"""The login cookie: an HttpOnly, SameSite=Strict cookie holding an opaque login token.

A Streamlit script run cannot send HTTP headers, so the cookie is set by two small HTTP routes
mounted next to Streamlit with ``st.App(..., routes=cookie_routes())`` (Streamlit ≥ 1.53's
Starlette app; see docs/clinic.md):

* ``POST /rw-auth/cookie`` with a one-time *ticket* in the body answers ``204`` with
  ``Set-Cookie: rw_clinic=<token>; HttpOnly; SameSite=Strict; Path=/; Max-Age=…`` (``Secure``
  over HTTPS). The page's script fetches it right after the login: tickets are random, live
  60 s and work once, and the token itself never appears in the page or a URL.
* ``POST /rw-auth/forget`` answers ``204`` with a cookie that deletes it (logout).

On a reload the browser sends the cookie with Streamlit's WebSocket request, the page reads it
from ``st.context.cookies`` and :func:`vision.clinic.logins.resume_login` checks it on the
server (expiry, idle time, logout). Without the routes (a plain ``streamlit run`` of a page
script) nothing breaks: the login then lasts as long as the browser tab's session.
"""

from __future__ import annotations

import secrets
import threading
import time

import streamlit as st

COOKIE_NAME = "rw_clinic"
CLAIM_PATH = "/rw-auth/cookie"
FORGET_PATH = "/rw-auth/forget"
TICKET_TTL_S = 60.0
"""Seconds a one-time ticket may wait for the browser to claim its cookie."""
MAX_TICKETS = 1000
"""Unclaimed tickets kept at most (the oldest go first)."""

_lock = threading.Lock()
_tickets: dict[str, tuple[str, int, float]] = {}  # ticket -> (token, max-age s, deadline)
_mounted = False


def routes_mounted() -> bool:
    """True when :func:`cookie_routes` was mounted in this process (logins survive reloads)."""
    return _mounted


def issue_ticket(token: str, max_age_s: float, *, now: float | None = None) -> str:
    """A one-time ticket that the browser exchanges for the cookie holding ``token``."""
    now = time.monotonic() if now is None else now
    ticket = secrets.token_urlsafe(24)
    with _lock:
        for old in [k for k, v in _tickets.items() if v[2] < now]:
            del _tickets[old]
        while len(_tickets) >= MAX_TICKETS:
            del _tickets[next(iter(_tickets))]
        _tickets[ticket] = (token, int(max_age_s), now + TICKET_TTL_S)
    return ticket


def redeem_ticket(ticket: str, *, now: float | None = None) -> tuple[str, int] | None:
    """``(token, max-age s)`` of a live ticket (which is then used up), else ``None``."""
    now = time.monotonic() if now is None else now
    with _lock:
        found = _tickets.pop(ticket, None)
    if found is None or found[2] < now:
        return None
    return found[0], found[1]


def cookie_routes() -> list:
    """The two Starlette routes, for ``st.App(script, routes=cookie_routes())``."""
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    global _mounted
    _mounted = True

    async def claim(request: Request) -> Response:
        body = (await request.body())[:200].decode("ascii", "replace").strip()
        found = redeem_ticket(body)
        if found is None:
            return Response(status_code=403)
        token, max_age = found
        response = Response(status_code=204, headers={"Cache-Control": "no-store"})
        response.set_cookie(
            COOKIE_NAME,
            token,
            max_age=max_age,
            path="/",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    async def forget(request: Request) -> Response:
        response = Response(status_code=204, headers={"Cache-Control": "no-store"})
        response.delete_cookie(
            COOKIE_NAME, path="/", httponly=True, samesite="strict", secure=request.url.scheme == "https"
        )
        return response

    return [Route(CLAIM_PATH, claim, methods=["POST"]), Route(FORGET_PATH, forget, methods=["POST"])]


def browser_token() -> str | None:
    """The login token the browser sent with this page's connection, if any."""
    try:
        value = st.context.cookies.get(COOKIE_NAME)
    except Exception:  # no browser connection (AppTest, bare mode)
        return None
    return str(value) if value else None


def _base_path() -> str:
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def send_cookie_script(ticket: str) -> None:
    """Have the browser exchange ``ticket`` for the cookie (an invisible element)."""
    if not ticket.replace("-", "").replace("_", "").isalnum():  # our own token_urlsafe only
        raise ValueError("not a ticket")
    url = _base_path() + CLAIM_PATH
    st.html(
        f'<script>fetch("{url}", {{method: "POST", body: "{ticket}", credentials: "same-origin"}})</script>',
        unsafe_allow_javascript=True,
    )


def forget_cookie_script() -> None:
    """Have the browser delete the cookie (an invisible element)."""
    url = _base_path() + FORGET_PATH
    st.html(
        f'<script>fetch("{url}", {{method: "POST", credentials: "same-origin"}})</script>',
        unsafe_allow_javascript=True,
    )
