"""Logins kept across page reloads: server-side login sessions behind an opaque token.

:func:`start_login` makes a 256-bit random token for a logged-in clinician; the page hands it
to the browser as an HttpOnly cookie (see :mod:`vision.ui.clinic.cookies`). Only the token's
SHA-256 is stored. :func:`resume_login` turns a token back into the clinician's
:class:`ClinicianAccess` while the login is neither expired (``LoginPolicy.max_hours`` after
the login), idle (``idle_minutes`` without use), revoked (logout) nor its account locked.
:func:`end_login` revokes it on the server, so a copied cookie is dead after logout.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select, update

from vision.clinic.access import ClinicianAccess
from vision.clinic.config import DEFAULT_LOGIN, DEFAULT_PROGRAMME, LoginPolicy, Programme
from vision.clinic.db import Database
from vision.clinic.models import Clinician, LoginSession, utcnow
from vision.clinic.records import clinician_info

TOKEN_BYTES = 32
"""Random bytes of a login token (256 bits)."""
MAX_TOKEN_CHARS = 100
"""Longer strings are not tokens and are refused without a database look-up."""


def token_hash(token: str) -> str:
    """SHA-256 hex of a login token (a fast hash is safe for 256 random bits)."""
    return hashlib.sha256(str(token).encode("utf-8")).hexdigest()


def start_login(
    db: Database, access: ClinicianAccess, *, policy: LoginPolicy = DEFAULT_LOGIN, now: datetime | None = None
) -> str:
    """A new login token for ``access``'s clinician, valid for ``policy.max_hours``."""
    now = now or utcnow()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with db.transaction() as tx:
        tx.add(
            LoginSession(
                token_hash=token_hash(token),
                clinician_id=access.clinician.id,
                created_at=now,
                last_used_at=now,
                expires_at=now + timedelta(hours=policy.max_hours),
            )
        )
    return token


def resume_login(
    db: Database,
    token: str | None,
    *,
    policy: LoginPolicy = DEFAULT_LOGIN,
    programme: Programme = DEFAULT_PROGRAMME,
    now: datetime | None = None,
) -> ClinicianAccess | None:
    """The clinician of a live login token (and marks it used), else ``None``."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    now = now or utcnow()
    with db.transaction() as tx:
        found = tx.execute(
            select(LoginSession, Clinician)
            .join(Clinician, Clinician.id == LoginSession.clinician_id)
            .where(LoginSession.token_hash == token_hash(token))
        ).first()
        if found is None:
            return None
        login, clinician = found
        idle_until = login.last_used_at + timedelta(minutes=policy.idle_minutes)
        locked = clinician.locked_until is not None and now < clinician.locked_until
        if login.revoked_at is not None or now >= login.expires_at or now >= idle_until or locked:
            return None
        login.last_used_at = now
        return ClinicianAccess(db, clinician_info(clinician), programme=programme)


def touch_login(db: Database, token: str, *, now: datetime | None = None) -> None:
    """Mark a login as used now (for the idle limit); nothing happens for a dead token."""
    _update_live(db, LoginSession.token_hash == token_hash(token), last_used_at=now or utcnow())


def end_login(db: Database, token: str | None, *, now: datetime | None = None) -> None:
    """Revoke a login on the server (logout); the token never works again."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return
    _update_live(db, LoginSession.token_hash == token_hash(token), revoked_at=now or utcnow())


def end_all_logins(db: Database, clinician_id: int, *, now: datetime | None = None) -> None:
    """Revoke every kept login of one clinician (after a password change)."""
    _update_live(db, LoginSession.clinician_id == int(clinician_id), revoked_at=now or utcnow())


def _update_live(db: Database, which: ColumnElement[bool], **values: Any) -> None:
    """Set ``values`` on the logins that ``which`` selects and that are not revoked."""
    with db.transaction() as tx:
        tx.execute(update(LoginSession).where(which, LoginSession.revoked_at.is_(None)).values(**values))
