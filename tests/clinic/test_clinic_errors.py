"""Errors of the clinic data layer read in the user's language: each is raised with a catalogue
key (``ClinicError(key=...)``), ``str(exc)`` stays the English sentence, ``exc.text(tr)`` is the
German one; every key raised in ``vision/clinic`` is in both catalogues."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from vision.clinic import Database
from vision.clinic.auth import check_password_strength, login_failed_message, normalize_username
from vision.clinic.config import DEFAULT_HOME_CODES
from vision.clinic.errors import AccountLocked, ClinicError, PermissionDenied, ValidationError
from vision.clinic.homecodes import HomeCodeRefused, open_home, refused_message
from vision.clinic.scope import check_text
from vision.feedback.i18n import TABLES, Translator

CLINIC = Path(__file__).resolve().parents[2] / "vision" / "clinic"
EN, DE = Translator("en"), Translator("de")


def test_a_keyed_error_is_english_as_text_and_german_for_a_german_page() -> None:
    with pytest.raises(ValidationError) as info:
        check_password_strength("short", "alice")
    assert str(info.value) == "A password needs at least 10 characters."
    assert info.value.text(EN) == str(info.value)
    assert info.value.text(DE) == "Ein Passwort braucht mindestens 10 Zeichen."
    with pytest.raises(ValidationError) as info:
        check_password_strength("alice-smith", "Alice-Smith ")
    assert info.value.text(DE) == "Das Passwort darf nicht der Benutzername sein."
    with pytest.raises(ValidationError) as info:
        normalize_username("two words")
    assert info.value.text(DE).startswith("Ein Benutzername hat 1 bis 80 Zeichen")


def test_the_field_name_is_translated_too() -> None:
    with pytest.raises(ValidationError) as info:
        check_text("   ", "@clinic.what.note")
    assert str(info.value) == "The note must not be empty."
    assert info.value.text(DE) == "Das Feld „Notiz“ darf nicht leer sein."
    with pytest.raises(ValidationError) as info:
        check_text("x" * 20_001, "@clinic.what.name")
    assert info.value.text(DE) == "Das Feld „Name“ ist zu lang (20001 Zeichen; höchstens 20000)."
    assert str(info.value) == "The patient name is too long (20001 characters; at most 20000)."


def test_an_error_without_a_key_keeps_its_words() -> None:
    plain = ClinicError("Kept as it is.")
    assert plain.key == "" and plain.text(DE) == "Kept as it is." == str(plain)


def test_login_and_home_code_refusals_in_german(db: Database) -> None:
    with pytest.raises(HomeCodeRefused) as info:
        open_home(db, "WRONGCODE", client="test")
    assert str(info.value) == refused_message()
    german = info.value.text(DE)
    assert german.startswith("Dieser Zugangscode funktioniert nicht: Vielleicht ist er vertippt")
    assert f"warten Sie {DEFAULT_HOME_CODES.window_minutes:g} Minuten" in german
    locked = AccountLocked(login_failed_message(), datetime.now(timezone.utc), key="clinic.login.failed")
    assert locked.text(DE).startswith("Falscher Benutzername oder falsches Passwort.")


def test_admin_only_refusal_in_german() -> None:
    refused = PermissionDenied(key="clinic.err.admin_audit")
    assert str(refused) == "Only an administrator can read the audit log."
    assert refused.text(DE) == "Nur eine Administratorin oder ein Administrator kann das Protokoll lesen."


def test_every_key_raised_in_the_data_layer_is_in_both_catalogues() -> None:
    keys = set()
    for path in CLINIC.rglob("*.py"):
        keys |= set(re.findall(r'key="([a-z_.]+)"', path.read_text()))
        keys |= set(re.findall(r'"@([a-z_.]+)"', path.read_text()))
    assert len(keys) >= 15, keys
    for key in sorted(keys):
        assert key in TABLES["en"] and key in TABLES["de"], key
        assert TABLES["en"][key] != TABLES["de"][key], key
