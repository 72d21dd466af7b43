"""Audit log, kept logins and home codes: what is recorded, what expires, what is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, text, update

from vision.clinic import io, logins
from vision.clinic.access import ClinicianAccess
from vision.clinic.config import HomeCodePolicy, LoginPolicy, resolve_login_policy
from vision.clinic.db import Database
from vision.clinic.errors import NotFound, PermissionDenied, StorageError
from vision.clinic.homecodes import ALPHABET, HomeCodeRefused, format_code, new_home_code, open_home
from vision.clinic.models import AuditEvent, Patient, utcnow


# ---- audit log -------------------------------------------------------------------------------
def test_views_exports_and_changes_are_logged_with_who_and_when(
    db: Database, admin: ClinicianAccess, other: ClinicianAccess
) -> None:
    before = utcnow()
    jane = admin.create_patient("Jane")
    admin.get_patient(jane.id)
    admin.get_patient(jane.id)  # a rerun of the page: no second view record
    with admin.start_session(jane.id, fps=30.0) as rec:
        rec.add_step("left", 0.5, strike="forefoot")
    sid = admin.list_sessions(jane.id)[0].id
    admin.timeline(sid)
    io.session_tables(admin, sid)
    admin.update_patient(jane.id, display_name="Jane D")
    log = admin.audit_log()
    got = [(e.action, e.patient_id, e.session_id, e.detail) for e in reversed(log)]
    assert got == [
        ("change", jane.id, None, "patient added"),
        ("view", jane.id, None, "patient"),
        ("change", jane.id, None, "session added (live)"),
        ("view", jane.id, sid, "session"),
        ("export", jane.id, sid, "session tables"),
        ("change", jane.id, None, "edited: name"),
    ]
    assert {e.username for e in log} == {"admin"} and all(before <= e.at <= utcnow() for e in log)
    with pytest.raises(PermissionDenied):
        other.audit_log()
    with pytest.raises(NotFound):  # no export record on someone else's session
        other.record_export("session CSV", session_id=sid)
    assert len(admin.audit_log(patient_id=jane.id)) == 6


def test_the_audit_log_cannot_be_edited_or_deleted(db: Database, admin: ClinicianAccess) -> None:
    admin.create_patient("Jane")
    assert not any(hasattr(admin, name) for name in ("edit_audit", "delete_audit", "update_audit"))
    for statement in (update(AuditEvent).values(detail="nothing happened"), delete(AuditEvent)):
        with pytest.raises(StorageError, match="append-only"), db.transaction() as tx:
            tx.execute(statement)
    with db.transaction() as tx:
        assert tx.execute(text("SELECT detail FROM audit_events")).scalars().all() == ["patient added"]


def test_the_record_outlives_the_patient(db: Database, admin: ClinicianAccess) -> None:
    jane = admin.create_patient("Jane")
    admin.delete_patient(jane.id)
    assert [e.detail for e in admin.audit_log(patient_id=jane.id)] == ["patient deleted", "patient added"]


# ---- logins kept across reloads --------------------------------------------------------------
def test_a_login_token_resumes_until_logout(db: Database, admin: ClinicianAccess) -> None:
    token = logins.start_login(db, admin)
    assert len(token) >= 43
    again = logins.resume_login(db, token)
    assert again is not None and again.clinician.id == admin.clinician.id
    assert logins.resume_login(db, token + "x") is None and logins.resume_login(db, "") is None
    logins.end_login(db, token)
    assert logins.resume_login(db, token) is None


def test_a_login_expires_and_goes_idle(db: Database, admin: ClinicianAccess) -> None:
    now = utcnow()
    policy = LoginPolicy(max_hours=2.0, idle_minutes=30.0)
    token = logins.start_login(db, admin, policy=policy, now=now)
    for minutes in (29, 58, 87, 116):  # used every 29 min: stays alive until the 2 h limit
        assert logins.resume_login(db, token, policy=policy, now=now + timedelta(minutes=minutes))
    assert logins.resume_login(db, token, policy=policy, now=now + timedelta(minutes=121)) is None
    idle = logins.start_login(db, admin, policy=policy, now=now)
    assert logins.resume_login(db, idle, policy=policy, now=now + timedelta(minutes=31)) is None


def test_a_password_change_ends_kept_logins(db: Database, admin: ClinicianAccess) -> None:
    from clinic_helpers import ADMIN_PW

    from vision.clinic import auth

    token = logins.start_login(db, admin)
    auth.change_password(db, "admin", ADMIN_PW, "another long passphrase")
    assert logins.resume_login(db, token) is None


def test_login_hours_come_from_the_environment() -> None:
    assert resolve_login_policy({"RETROWALK_LOGIN_HOURS": "0.5"}).max_hours == 0.5
    assert resolve_login_policy({"RETROWALK_LOGIN_HOURS": "soon"}).max_hours == LoginPolicy().max_hours
    assert resolve_login_policy({}).max_hours == 8.0


# ---- home codes ------------------------------------------------------------------------------
def test_home_codes_are_short_and_free_of_look_alikes() -> None:
    for ch in "0O1IL2Z5S8BQDUV":
        assert ch not in ALPHABET
    codes = {new_home_code()[0] for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        plain = code.replace("-", "")
        assert len(plain) == 10 and set(plain) <= set(ALPHABET) and code[5] == "-"
    assert len(new_home_code(HomeCodePolicy(length=8))[0].replace("-", "")) == 8
    assert format_code("abcde fghij") == "ABCDE-FGHIJ"


def test_a_home_code_is_typed_loosely_and_expires(db: Database, admin: ClinicianAccess) -> None:
    jane = admin.create_patient("Jane")
    code = admin.issue_home_code(jane.id)
    assert open_home(db, " " + code.lower().replace("-", " ") + " ").patient_id == jane.id
    expires = admin.get_patient(jane.id).home_code_expires_at
    assert expires is not None and timedelta(days=29) < expires - utcnow() <= timedelta(days=30)
    with pytest.raises(HomeCodeRefused):
        open_home(db, code, now=expires + timedelta(seconds=1))
    with db.transaction() as tx:  # a code from before codes expired keeps working
        tx.execute(update(Patient).values(home_code_expires_at=None))
    assert open_home(db, code, now=utcnow() + timedelta(days=400)).patient_id == jane.id


def test_home_code_redemption_is_rate_limited(db: Database, admin: ClinicianAccess) -> None:
    jane = admin.create_patient("Jane")
    code = admin.issue_home_code(jane.id)
    policy = HomeCodePolicy(max_failures_per_client=3, max_failures_total=5, window_minutes=15.0)
    now = utcnow()
    messages = set()
    for _ in range(5):  # the same wrong code again and again (a page rerun) is one guess
        with pytest.raises(HomeCodeRefused) as info:
            open_home(db, "AAAAA-AAAAA", client="10.0.0.9", policy=policy, now=now)
        messages.add(str(info.value))
    assert open_home(db, code, client="10.0.0.9", policy=policy, now=now).patient_id == jane.id
    for wrong in ("CCCCC-CCCCC", "EEEEE-EEEEE"):
        with pytest.raises(HomeCodeRefused):
            open_home(db, wrong, client="10.0.0.9", policy=policy, now=now)
    with pytest.raises(HomeCodeRefused) as info:  # the right code, from the blocked address
        open_home(db, code, client="10.0.0.9", policy=policy, now=now)
    messages.add(str(info.value))
    assert len(messages) == 1  # the same words for a wrong code and for a blocked address
    assert open_home(db, code, client="10.0.0.7", policy=policy, now=now).patient_id == jane.id
    for wrong in ("AAAAA-AAAAA", "CCCCC-CCCCC"):
        with pytest.raises(HomeCodeRefused):
            open_home(db, wrong, client="10.0.0.8", policy=policy, now=now)
    with pytest.raises(HomeCodeRefused):  # 5 failures from all addresses: everyone waits
        open_home(db, code, client="10.0.0.7", policy=policy, now=now)
    later = now + timedelta(minutes=16)
    assert open_home(db, code, client="10.0.0.9", policy=policy, now=later).patient_id == jane.id
