"""Fixtures of the clinic tests: the shared database (``tests/clinic_db.py``: SQLite, and
PostgreSQL when ``RETROWALK_TEST_PG_URL`` is set), cheap hashing, two logged-in clinicians."""

from __future__ import annotations

import clinic_db
import pytest
from argon2 import PasswordHasher
from clinic_helpers import ADMIN_PW, OTHER_PW

from vision.clinic import auth
from vision.clinic.access import ClinicianAccess
from vision.clinic.db import Database

db, db_url = clinic_db.db, clinic_db.db_url  # the shared database fixtures


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2id parameters so that tests run fast (real ones take ~0.15 s per hash)."""
    monkeypatch.setattr(auth, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def admin(db: Database) -> ClinicianAccess:
    """The first clinician (administrator), logged in."""
    auth.setup_first_clinician(db, "admin", ADMIN_PW, "Dr Admin")
    return auth.login(db, "admin", ADMIN_PW)


@pytest.fixture
def other(db: Database, admin: ClinicianAccess) -> ClinicianAccess:
    """A second clinician with no rights on the admin's patients, logged in."""
    admin.create_clinician("other", OTHER_PW, "Dr Other")
    return auth.login(db, "other", OTHER_PW)
