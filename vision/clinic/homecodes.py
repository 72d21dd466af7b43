"""Patients' home access codes: short enough to type, expiring, and rate-limited.

A code is ``HomeCodePolicy.length`` characters from :data:`ALPHABET` (no look-alikes: no
0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V), shown in two groups (``K7CX3-9HWNA``). Typing is
forgiving: case, spaces and dashes are ignored. Only the SHA-256 of the normalised code is
stored; a failed redemption is recorded (with the caller's address and the wrong code's hash:
the same wrong code again, e.g. a page rerun, is no new guess) and, past the policy's limits
within its window, every redemption from that address, or from everyone, is refused with the
same message, so guessing a 10-character code (~44 bits) online is hopeless.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session as OrmSession

from vision.clinic.access import PatientAccess
from vision.clinic.config import DEFAULT_HOME_CODES, HomeCodePolicy
from vision.clinic.db import Database
from vision.clinic.errors import AuthenticationFailed
from vision.clinic.models import HomeCodeFailure, Patient, utcnow
from vision.feedback.i18n import t

ALPHABET = "34679ACEFGHJKMNPRTWXY"
"""Characters of a home code: digits and capitals that cannot be mistaken for one another."""
GROUP = 5
"""Characters per group when a code is shown (``XXXXX-XXXXX``)."""
MAX_CLIENT = 80
"""Longest client address kept, in characters."""


class HomeCodeRefused(AuthenticationFailed):
    """The code is wrong, expired or revoked, or too many wrong codes were tried (one message)."""


def refused_message(policy: HomeCodePolicy = DEFAULT_HOME_CODES) -> str:
    """The one message for a code that is not accepted, whatever the reason (in English)."""
    return t("clinic.err.home_refused", "en", minutes=f"{policy.window_minutes:g}")


def normalize_code(code: object) -> str:
    """The code as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in str(code).upper() if ch not in " -_\t\n")


def format_code(code: str) -> str:
    """The code for display, in groups of :data:`GROUP` characters joined by dashes."""
    plain = normalize_code(code)
    return "-".join(plain[i : i + GROUP] for i in range(0, len(plain), GROUP))


def home_code_hash(code: object) -> str:
    """SHA-256 hex of the normalised code (what the database keeps)."""
    return hashlib.sha256(normalize_code(code).encode("utf-8")).hexdigest()


def new_home_code(policy: HomeCodePolicy = DEFAULT_HOME_CODES) -> tuple[str, str]:
    """A fresh code (display form) and its stored hash."""
    plain = "".join(secrets.choice(ALPHABET) for _ in range(policy.length))
    return format_code(plain), home_code_hash(plain)


def code_expiry(now: datetime, policy: HomeCodePolicy = DEFAULT_HOME_CODES) -> datetime:
    """When a code issued at ``now`` stops working."""
    return now + timedelta(days=policy.valid_days)


def _tried_before(tx: OrmSession, client: str, digest: str, since: datetime) -> bool:
    query = select(HomeCodeFailure.id).where(
        HomeCodeFailure.client == client, HomeCodeFailure.code_hash == digest, HomeCodeFailure.at >= since
    )
    return tx.scalar(query.limit(1)) is not None


def open_home(
    db: Database,
    code: str,
    *,
    client: str = "",
    policy: HomeCodePolicy = DEFAULT_HOME_CODES,
    now: datetime | None = None,
) -> PatientAccess:
    """The patient-scoped handle for the coach at home, from the code the clinician gave.

    ``client``: the caller's address (for the per-address limit). Raises
    :class:`HomeCodeRefused` (one message for every reason) for an unknown, revoked or expired
    code, or while the failure limits are exceeded.
    """
    now = now or utcnow()
    who = str(client)[:MAX_CLIENT]
    since = now - timedelta(minutes=policy.window_minutes)
    digest = home_code_hash(code)
    with db.transaction() as tx:
        db.serialize(tx)
        tx.execute(delete(HomeCodeFailure).where(HomeCodeFailure.at < since))
        recent = select(func.count()).select_from(HomeCodeFailure).where(HomeCodeFailure.at >= since)
        total = tx.scalar(recent) or 0
        mine = tx.scalar(recent.where(HomeCodeFailure.client == who)) or 0
        limited = total >= policy.max_failures_total or mine >= policy.max_failures_per_client
        row = None if limited else tx.scalars(select(Patient).where(Patient.home_code_hash == digest)).first()
        valid = row is not None and (row.home_code_expires_at is None or now < row.home_code_expires_at)
        if not valid and not _tried_before(tx, who, digest, since):
            tx.add(HomeCodeFailure(at=now, client=who, code_hash=digest))
        patient_id = row.id if valid and row is not None else None
    if patient_id is None:
        raise HomeCodeRefused(key="clinic.err.home_refused", minutes=f"{policy.window_minutes:g}")
    return PatientAccess(db, patient_id)
