"""Accounts: first-run setup, password hashing, lockout, administrators, home codes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from clinic_helpers import ADMIN_PW, OTHER_PW
from sqlalchemy import select

from vision.clinic import auth
from vision.clinic.access import ClinicianAccess
from vision.clinic.db import Database
from vision.clinic.errors import (
    AccountLocked,
    AuthenticationFailed,
    PermissionDenied,
    SetupError,
    ValidationError,
)
from vision.clinic.models import Clinician, utcnow


def test_first_run_setup_only_once(db: Database) -> None:
    assert auth.needs_setup(db)
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "admin", "")  # no default account, no default password
    info = auth.setup_first_clinician(db, "Admin", ADMIN_PW, "Dr Admin")
    assert info.is_admin and info.username == "admin"
    assert not auth.needs_setup(db)
    with pytest.raises(SetupError):
        auth.setup_first_clinician(db, "intruder", "another long password", "Mallory")


def test_passwords_are_argon2_hashes(db: Database, admin: ClinicianAccess) -> None:
    with db.transaction() as tx:
        stored = tx.scalar(select(Clinician.password_hash).where(Clinician.username == "admin"))
    assert stored is not None and stored.startswith("$argon2id$") and ADMIN_PW not in stored


def test_default_hasher_is_strong() -> None:
    from argon2 import PasswordHasher

    assert PasswordHasher().time_cost >= 2 and PasswordHasher().memory_cost >= 19 * 1024
    assert auth.verify_password(auth._DUMMY_HASH, "wrong") is False


@pytest.mark.parametrize("password", ["", "short", "admin", "x" * 2000])
def test_weak_passwords_are_refused(db: Database, password: str) -> None:
    with pytest.raises(ValidationError):
        auth.setup_first_clinician(db, "admin", password, "Dr Admin")
    assert auth.needs_setup(db)


def test_login_is_case_insensitive_on_the_name(db: Database, admin: ClinicianAccess) -> None:
    assert auth.login(db, "  ADMIN ", ADMIN_PW).clinician.id == admin.clinician.id


def test_unknown_user_and_wrong_password_look_the_same(
    db: Database, admin: ClinicianAccess, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []
    real_verify = auth.verify_password
    monkeypatch.setattr(auth, "verify_password", lambda h, pw: verified.append(h) or real_verify(h, pw))
    messages = []
    for name, password in [("nobody", ADMIN_PW), ("admin", "not the password")] * 5:
        with pytest.raises(AuthenticationFailed) as info:
            auth.login(db, name, password)
        messages.append(str(info.value))
    # Locked now (5 failures): the locked account answers with the same bytes as an unknown name.
    with pytest.raises(AccountLocked) as locked:
        auth.login(db, "admin", ADMIN_PW)
    messages.append(str(locked.value))
    assert len(set(messages)) == 1 and messages[0] == auth.login_failed_message()
    assert "Wrong user name or password" in messages[0] and "attempts before" not in messages[0]
    assert len(verified) == 11  # one argon2 verification per attempt, whatever the case (equal time)
    assert verified[0] == verified[2] == auth._DUMMY_HASH and verified[1].startswith("$argon2id$")
    assert verified[1] != auth._DUMMY_HASH and verified[10] == auth._DUMMY_HASH  # locked: dummy too


def test_five_failures_lock_the_account_for_15_minutes(
    db_url: str, db: Database, admin: ClinicianAccess, tmp_path: Path
) -> None:
    now = utcnow()
    for _ in range(4):
        with pytest.raises(AuthenticationFailed) as info:
            auth.login(db, "admin", "guess", now=now)
        assert not isinstance(info.value, AccountLocked)
    with pytest.raises(AccountLocked) as locked:
        auth.login(db, "admin", "guess", now=now)
    assert timedelta(minutes=14) < locked.value.until - now <= timedelta(minutes=15)
    # Locked in the database: another process (another Database) sees it, the right password too.
    with Database.open(db_url, data_dir=tmp_path) as again:
        with pytest.raises(AccountLocked):
            auth.login(again, "admin", ADMIN_PW, now=now + timedelta(minutes=14))
        assert auth.login(again, "admin", ADMIN_PW, now=now + timedelta(minutes=16)).clinician.is_admin


def test_success_resets_the_failure_count(db: Database, admin: ClinicianAccess) -> None:
    for _ in range(2):
        for _ in range(4):
            with pytest.raises(AuthenticationFailed):
                auth.login(db, "admin", "guess")
        auth.login(db, "admin", ADMIN_PW)


def test_admin_can_unlock(db: Database, admin: ClinicianAccess, other: ClinicianAccess) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            auth.login(db, "other", "guess")
    with pytest.raises(AccountLocked):
        auth.login(db, "other", OTHER_PW)
    with pytest.raises(PermissionDenied):
        other.unlock_clinician(other.clinician.id)
    admin.unlock_clinician(other.clinician.id)
    assert auth.login(db, "other", OTHER_PW).clinician.username == "other"


def test_only_admins_manage_accounts(db: Database, admin: ClinicianAccess, other: ClinicianAccess) -> None:
    with pytest.raises(PermissionDenied):
        other.create_clinician("third", "third passphrase", "Dr Third")
    with pytest.raises(PermissionDenied):
        other.list_clinicians()
    with pytest.raises(ValidationError, match="taken"):
        admin.create_clinician("OTHER", "yet another passphrase", "Dup")
    assert [c.username for c in admin.list_clinicians()] == ["admin", "other"]


def test_change_password(db: Database, admin: ClinicianAccess) -> None:
    with pytest.raises(AuthenticationFailed):
        auth.change_password(db, "admin", "wrong old one", "new passphrase 123")
    auth.change_password(db, "admin", ADMIN_PW, "new passphrase 123")
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "admin", ADMIN_PW)
    auth.login(db, "admin", "new passphrase 123")


def test_home_code_gives_a_patient_scoped_handle(db: Database, admin: ClinicianAccess) -> None:
    jane, joe = admin.create_patient("Jane"), admin.create_patient("Joe")
    code = admin.issue_home_code(jane.id)
    assert len(code.replace("-", "")) == 10 and admin.get_patient(jane.id).has_home_code
    home = auth.open_home(db, code)
    assert home.patient_id == jane.id
    with home.start_session(fps=30.0) as rec:
        rec.add_cue(0.5, "lean", "Stand tall")
    admin.start_session(joe.id).close()
    assert [s.patient_id for s in home.sessions()] == [jane.id]  # never Joe's
    with pytest.raises(PermissionDenied):
        home.start_session(source="import")
    admin.revoke_home_code(jane.id)
    with pytest.raises(AuthenticationFailed):
        auth.open_home(db, code)
    with pytest.raises(AuthenticationFailed):
        auth.open_home(db, "AAAAA-AAAAA")
