"""Clinician accounts: argon2 password hashes, first-run setup, and login with lockout.

There is no default account or password: :func:`setup_first_clinician` creates the first
(administrator) account, and only while no account exists. After ``LockoutPolicy.max_failures``
consecutive wrong passwords an account is locked for ``lock_minutes`` (tracked in the
database, so it holds across processes and restarts). A failed login gets one message
whatever the reason (unknown name, wrong password, locked account) and costs one argon2
verification in every case, so neither the text nor the time tells whether a name exists.
Patients' home codes are in :mod:`vision.clinic.homecodes` (re-exported here).
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select

from vision.clinic.access import ClinicianAccess
from vision.clinic.config import (
    DEFAULT_LOCKOUT,
    DEFAULT_PASSWORD_POLICY,
    DEFAULT_PROGRAMME,
    LockoutPolicy,
    PasswordPolicy,
    Programme,
)
from vision.clinic.db import Database
from vision.clinic.errors import AccountLocked, AuthenticationFailed, SetupError, ValidationError
from vision.clinic.homecodes import home_code_hash, new_home_code, open_home
from vision.clinic.logins import end_all_logins
from vision.clinic.models import Clinician, utcnow
from vision.clinic.records import ClinicianInfo, clinician_info
from vision.feedback.i18n import t

__all__ = [
    "change_password",
    "check_password_strength",
    "create_clinician",
    "hash_password",
    "home_code_hash",
    "login",
    "login_failed_message",
    "needs_setup",
    "new_home_code",
    "normalize_username",
    "open_home",
    "setup_first_clinician",
    "unlock",
    "verify_password",
]
_HASHER = PasswordHasher()  # stateless (parameters only)
# A real argon2id hash of a throwaway string, verified for unknown user names (equal timing).
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$vz+6yBvIg5ELOB9kpYJEQw$UEwdU0sC3i/KTjbzitHQCMdOngAXqOu7Pvhy7MpxEPk"
)


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (salted; parameters encoded in the string)."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; False on mismatch or a damaged hash."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def normalize_username(username: str) -> str:
    """User names compare case-insensitively, without surrounding spaces."""
    name = unicodedata.normalize("NFKC", str(username)).strip().casefold()
    if not 1 <= len(name) <= 80 or any(
        unicodedata.category(ch).startswith("C") or ch.isspace() for ch in name
    ):
        raise ValidationError(key="clinic.err.username")
    return name


def check_password_strength(
    password: str, username: str, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY
) -> None:
    """Raise :class:`ValidationError` when ``password`` is too short, too long or the user name."""
    if not isinstance(password, str) or len(password) < policy.min_length:
        raise ValidationError(key="clinic.err.password_short", n=policy.min_length)
    if len(password) > policy.max_length:
        raise ValidationError(key="clinic.err.password_long", n=policy.max_length)
    if password.strip().casefold() == username.strip().casefold():
        raise ValidationError(key="clinic.err.password_is_name")


def needs_setup(db: Database) -> bool:
    """True while no clinician account exists (the UI then shows the first-run page)."""
    with db.transaction() as tx:
        return not tx.scalar(select(func.count()).select_from(Clinician))


def create_clinician(
    db: Database,
    username: str,
    password: str,
    display_name: str,
    *,
    is_admin: bool = False,
    policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
    only_if_first: bool = False,
) -> ClinicianInfo:
    """Create an account (no access check: call via :func:`setup_first_clinician` or
    :meth:`ClinicianAccess.create_clinician`). Raises :class:`ValidationError` for a taken
    name or weak password, :class:`SetupError` when ``only_if_first`` and accounts exist."""
    name = normalize_username(username)
    check_password_strength(password, name, policy)
    display = str(display_name).strip() or name
    pw_hash = hash_password(password)
    with db.transaction() as tx:
        db.serialize(tx)
        count = tx.scalar(select(func.count()).select_from(Clinician)) or 0
        if only_if_first and count:
            raise SetupError(key="clinic.err.setup_done")
        if tx.scalar(select(Clinician.id).where(Clinician.username == name)) is not None:
            raise ValidationError(key="clinic.err.username_taken", name=name)
        row = Clinician(username=name, display_name=display, password_hash=pw_hash, is_admin=is_admin)
        tx.add(row)
        tx.flush()
        return clinician_info(row)


def setup_first_clinician(
    db: Database,
    username: str,
    password: str,
    display_name: str,
    *,
    policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
) -> ClinicianInfo:
    """First run: create the first (administrator) account. Refused once any account exists."""
    return create_clinician(
        db, username, password, display_name, is_admin=True, policy=policy, only_if_first=True
    )


def login(
    db: Database,
    username: str,
    password: str,
    *,
    lockout: LockoutPolicy = DEFAULT_LOCKOUT,
    programme: Programme = DEFAULT_PROGRAMME,
    now: datetime | None = None,
) -> ClinicianAccess:
    """Check the password and return the clinician's scoped :class:`ClinicianAccess`.

    Raises :class:`AuthenticationFailed` (unknown name or wrong password) or its subclass
    :class:`AccountLocked` (too many failures; ``until`` says when it opens again), all with
    the same message (:func:`login_failed_message`). ``programme``: the clinic's default
    programme for adherence.
    """
    now = now or utcnow()
    try:
        name = normalize_username(username)
    except ValidationError:
        name = ""
    message = login_failed_message(lockout)
    said = {"key": "clinic.login.failed", **failed_params(lockout)}
    failure: AuthenticationFailed | None = None
    with db.transaction() as tx:
        row = tx.scalars(select(Clinician).where(Clinician.username == name).with_for_update()).first()
        if row is None:
            verify_password(_DUMMY_HASH, password)  # same time as a real check
            failure = AuthenticationFailed(message, **said)
        elif row.locked_until is not None and now < row.locked_until:
            verify_password(_DUMMY_HASH, password)  # same time as a real check
            failure = AccountLocked(message, row.locked_until, **said)
        else:
            if row.locked_until is not None:  # lock expired: start counting afresh
                row.locked_until, row.failed_logins = None, 0
            if verify_password(row.password_hash, password):
                row.failed_logins, row.last_login_at = 0, now
                if _HASHER.check_needs_rehash(row.password_hash):
                    row.password_hash = hash_password(password)
                access = ClinicianAccess(db, clinician_info(row), programme=programme)
            else:
                row.failed_logins += 1
                if row.failed_logins >= lockout.max_failures:
                    row.locked_until = now + timedelta(minutes=lockout.lock_minutes)
                    failure = AccountLocked(message, row.locked_until, **said)
                else:
                    failure = AuthenticationFailed(message, **said)
    if failure is not None:  # raised after the commit, so the failure count is kept
        raise failure
    return access


def login_failed_message(lockout: LockoutPolicy = DEFAULT_LOCKOUT) -> str:
    """The one message of every failed login (it never says whether the name exists), in English."""
    return t("clinic.login.failed", "en", **failed_params(lockout))


def failed_params(lockout: LockoutPolicy = DEFAULT_LOCKOUT) -> dict[str, object]:
    """The parameters of the failed-login message ``clinic.login.failed``."""
    return {"attempts": lockout.max_failures, "minutes": f"{lockout.lock_minutes:g}"}


def change_password(
    db: Database,
    username: str,
    old_password: str,
    new_password: str,
    *,
    policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
) -> None:
    """Change a password after checking the old one (counts as a login attempt); every
    login kept across reloads for this account ends (other browsers must log in again)."""
    access = login(db, username, old_password)
    check_password_strength(new_password, access.clinician.username, policy)
    new_hash = hash_password(new_password)
    with db.transaction() as tx:
        row = tx.get(Clinician, access.clinician.id)
        if row is None:
            raise AuthenticationFailed(key="clinic.login.failed", **failed_params(DEFAULT_LOCKOUT))
        row.password_hash = new_hash
    end_all_logins(db, access.clinician.id)


def unlock(db: Database, clinician_id: int) -> None:
    """Clear a lockout (administrator action, exposed via :meth:`ClinicianAccess.unlock_clinician`)."""
    with db.transaction() as tx:
        row = tx.get(Clinician, clinician_id)
        if row is not None:
            row.locked_until, row.failed_logins = None, 0
