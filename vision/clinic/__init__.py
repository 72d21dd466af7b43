"""Clinician review data layer: storage (SQLite/PostgreSQL), access control, recording, exports.

Typical use (the Streamlit pages sit on top of this)::

    db = Database.open()                      # $RETROWALK_DB_URL or SQLite in the data folder
    if needs_setup(db):
        setup_first_clinician(db, "alice", "a long passphrase", "Dr Alice")
    me = login(db, "alice", "a long passphrase")          # -> ClinicianAccess (scoped)
    patient = me.create_patient("Jane Doe")
    with me.start_session(patient.id) as rec:             # or open_home(db, code).start_session()
        rec.append_frame(pose_frame, FrameMetrics(trunk_lean_deg=4.0))
    me.trend(patient.id); me.timeline(session_id); me.landmarks(session_id, 10.0, 20.0)

See docs/clinic.md.
"""

from vision.clinic.access import ClinicianAccess, PatientAccess
from vision.clinic.auth import (
    change_password,
    login,
    needs_setup,
    setup_first_clinician,
)
from vision.clinic.config import (
    AuditPolicy,
    HomeCodePolicy,
    LockoutPolicy,
    LoginPolicy,
    PasswordPolicy,
    Programme,
)
from vision.clinic.db import Database
from vision.clinic.errors import (
    AccountLocked,
    AuthenticationFailed,
    ClinicError,
    ImportFormatError,
    NotFound,
    PermissionDenied,
    SetupError,
    StorageError,
    ValidationError,
)
from vision.clinic.homecodes import HomeCodeRefused, open_home
from vision.clinic.logins import end_login, resume_login, start_login
from vision.clinic.recorder import FrameMetrics, SessionRecorder
from vision.clinic.replay import ReplayFrames

__all__ = [
    "AccountLocked",
    "AuditPolicy",
    "AuthenticationFailed",
    "ClinicError",
    "ClinicianAccess",
    "Database",
    "FrameMetrics",
    "HomeCodePolicy",
    "HomeCodeRefused",
    "ImportFormatError",
    "LockoutPolicy",
    "LoginPolicy",
    "NotFound",
    "PasswordPolicy",
    "PatientAccess",
    "PermissionDenied",
    "Programme",
    "ReplayFrames",
    "SessionRecorder",
    "SetupError",
    "StorageError",
    "ValidationError",
    "change_password",
    "end_login",
    "login",
    "needs_setup",
    "open_home",
    "resume_login",
    "setup_first_clinician",
    "start_login",
]
