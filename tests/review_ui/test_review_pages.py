"""The review pages run in-process with Streamlit's AppTest (no browser): first-run setup,
login and lockout, scoping by clinician, escaping of user text, damaged database."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_seed import ALICE_PW, BOB_PW, XSS, Seeded
from streamlit.testing.v1 import AppTest

from vision.clinic import ClinicianAccess, Database, login, needs_setup

TIMEOUT = 20


def _app(source: object, url_path: str) -> None:
    import streamlit as st

    from vision.ui.clinic import mount

    pages = mount(source)
    first = [p for p in pages if p.url_path == url_path]
    st.navigation(first + [p for p in pages if p.url_path != url_path]).run()


def app(source: object, url_path: str = "clinic", **query: object) -> AppTest:
    """An AppTest of one review page (made the default page), with query parameters."""
    at = AppTest.from_function(_app, args=(source, url_path), default_timeout=TIMEOUT)
    at.query_params.update({k: str(v) for k, v in query.items()})
    return at


def logged_in(at: AppTest, access: ClinicianAccess) -> AppTest:
    at.session_state["rwr_access"] = access
    return at


def replay_caption(at: AppTest) -> str:
    """The caption of the replay image ('' when there is none)."""
    for image in at.get("image"):
        for img in image.proto.imgs:
            if img.caption.startswith("Replay at"):
                return str(img.caption)
    return ""


def texts(at: AppTest) -> str:
    """Everything the page shows as text (markdown bodies, captions, alerts, titles)."""
    parts = []
    for kind in ("title", "markdown", "caption", "error", "warning", "info", "success", "text", "subheader"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def test_first_run_setup_creates_the_first_account_only(tmp_path: Path, fast_hashing: None) -> None:
    db = Database.open(data_dir=tmp_path / "data")
    at = app(db).run()
    assert [t.value for t in at.title] == ["First-run setup"]
    assert "no default password" in texts(at).lower()
    user, name, pw, again = at.text_input
    user.input("alice")
    name.input("Dr Alice")
    pw.input("short")
    again.input("short")
    at.button[0].click().run()
    assert "at least 10 characters" in texts(at)
    assert needs_setup(db)
    at.text_input[2].input(ALICE_PW)
    at.text_input[3].input(ALICE_PW)
    at.button[0].click().run()
    assert not at.exception
    assert not needs_setup(db)
    assert "Patients" in [t.value for t in at.title]  # logged in straight away
    again_at = app(db).run()  # another browser: the setup form is gone, login instead
    assert [t.value for t in again_at.title] == ["Clinician login"]
    db.close()


def test_wrong_password_then_lockout_message(seeded: tuple[Database, Seeded]) -> None:
    db, _ = seeded
    at = app(db).run()
    assert [t.value for t in at.title] == ["Clinician login"]
    for attempt in range(5):
        at.text_input[0].input("bob")
        at.text_input[1].input(f"wrong password {attempt}")
        at.button[0].click().run()
        assert at.error, "a failed login shows an error"
    assert "locked" in at.error[0].value.lower()
    at.text_input[0].input("bob")
    at.text_input[1].input(BOB_PW)
    at.button[0].click().run()
    assert "locked" in at.error[0].value.lower()  # even the right password, while locked
    assert [t.value for t in at.title] == ["Clinician login"]


def test_login_keeps_the_page_and_its_query(seeded: tuple[Database, Seeded]) -> None:
    db, ids = seeded
    at = app(db, "clinic-session", session=ids.session_id).run()
    at.text_input[0].input("alice")
    at.text_input[1].input(ALICE_PW)
    at.button[0].click().run()
    assert not at.exception
    assert any(t.value.startswith("Session of ") for t in at.title)
    assert replay_caption(at).startswith("Replay at 0.00 s")


@pytest.mark.parametrize(
    ("url_path", "param"),
    [("clinic-session", "session"), ("clinic-patient", "patient"), ("clinic-compare", "a")],
)
def test_another_clinicians_records_are_not_found(
    seeded: tuple[Database, Seeded], url_path: str, param: str
) -> None:
    db, ids = seeded
    bob = login(db, "bob", BOB_PW)
    target = {"session": ids.session_id, "patient": ids.patient_id, "a": ids.session_id}[param]
    query = {param: target} if param != "a" else {"a": ids.bob_session_id, "b": target}
    at = logged_in(app(db, url_path, **query), bob).run()
    assert not at.exception
    assert [w.value for w in at.warning] == ["Not found: no such patient or session among yours."]
    shown = texts(at)
    assert "Jane" not in shown and "Replay" not in shown and replay_caption(at) == ""


def test_bad_ids_in_the_url_are_harmless(seeded: tuple[Database, Seeded]) -> None:
    db, _ = seeded
    alice = login(db, "alice", ALICE_PW)
    for value in ("abc", "-1", "1e3", "99999"):
        at = logged_in(app(db, "clinic-session", session=value), alice).run()
        assert not at.exception
        assert at.warning or at.info


def test_user_text_is_escaped(seeded: tuple[Database, Seeded]) -> None:
    db, ids = seeded
    alice = login(db, "alice", ALICE_PW)
    evil = alice.create_patient("<b>Eve</b> **x** [y](javascript:alert(1))")
    alice.add_note(ids.session_id, XSS)
    at = logged_in(app(db, "clinic-session", session=ids.session_id), alice).run()
    assert not at.exception
    bodies = [m.value for m in at.markdown]
    assert any("\\<script\\>alert" in b for b in bodies)
    assert not any("<script>" in b for b in bodies)
    at = logged_in(app(db, "clinic-patient", patient=evil.id), alice).run()
    title = at.title[0].value
    assert "<b>" not in title and "\\<b\\>" in title and "\\[y\\]\\(javascript" in title
    for m in at.markdown:
        assert not m.allow_html or "<b>Eve" not in m.value


def test_session_replay_follows_the_time_state(seeded: tuple[Database, Seeded]) -> None:
    db, ids = seeded
    alice = login(db, "alice", ALICE_PW)
    at = logged_in(app(db, "clinic-session", session=ids.session_id), alice).run()
    assert not at.exception
    assert replay_caption(at).startswith("Replay at 0.00 s (frame 0)")
    at.session_state[f"rwr_t_{ids.session_id}"] = 1.5
    at.run()
    assert replay_caption(at).startswith("Replay at 1.50 s (frame 45)")
    steps = alice.timeline(ids.session_id).steps
    # Step 1 was clicked, then the replay was stepped on to just after step 3's contact: a note
    # typed now goes to step 3, the step shown, and the form names it.
    at.session_state[f"rwr_step_{ids.session_id}"] = steps[0].id
    at.session_state[f"rwr_t_{ids.session_id}"] = steps[2].contact_time_s + 0.05
    at.run()
    radio = at.radio[0]
    assert radio.value == steps[2].id
    assert radio.options[0].startswith("Step 3 shown in the replay (")
    at.text_area[0].input("Watch the left heel")
    at.button(key="FormSubmitter:rwr_note_form_" + str(ids.session_id) + "-Save note").click().run()
    notes = alice.notes(ids.session_id, step_id=steps[2].id)
    assert [n.text for n in notes] == ["Watch the left heel"]
    assert alice.notes(ids.session_id, step_id=steps[0].id) == []
    at.session_state[f"rwr_t_{ids.session_id}"] = 0.0  # before the first step: whole session only
    at.run()
    assert [o for o in at.radio[0].options] == ["The whole session"]


def test_unknown_user_and_wrong_password_show_identical_messages(seeded: tuple[Database, Seeded]) -> None:
    db, _ = seeded
    shown = []
    for name in ("nobody-here", "bob"):
        at = app(db).run()
        at.text_input[0].input(name)
        at.text_input[1].input("not the password at all")
        at.button[0].click().run()
        shown.append([(e.value, e.icon) for e in at.error])
    assert shown[0] == shown[1] and len(shown[0]) == 1
    assert shown[0][0][0].startswith("Wrong user name or password. After 5 failed attempts")


def test_audit_page_lists_views_for_admins_only(seeded: tuple[Database, Seeded]) -> None:
    db, ids = seeded
    alice = login(db, "alice", ALICE_PW)
    at = logged_in(app(db, "clinic-patient", patient=ids.patient_id), alice).run()
    assert not at.exception
    admin = login(db, "alice", ALICE_PW)
    assert admin.clinician.is_admin
    at = logged_in(app(db, "clinic-audit"), admin).run()
    assert not at.exception and at.title[0].value == "Audit log"
    table = at.dataframe[0].value
    assert list(table.columns) == ["when (UTC)", "who", "action", "patient", "session", "what"]
    viewed = table[(table["action"] == "viewed") & (table["patient"] == "Jane Doe")]
    assert len(viewed) >= 1 and set(viewed["who"]) == {"alice"}
    assert [b.key for b in at.button] == ["rwr_logout"]  # nothing on the page edits a record
    assert not at.get("arrow_data_frame_editor")
    at = logged_in(app(db, "clinic-audit"), login(db, "bob", BOB_PW)).run()
    assert "Only an administrator can read the audit log." in texts(at) and not at.dataframe


def test_home_code_is_short_with_qr(seeded: tuple[Database, Seeded]) -> None:
    db, ids = seeded
    alice = login(db, "alice", ALICE_PW)
    at = logged_in(app(db, "clinic-patient", patient=ids.patient_id), alice).run()
    at.button(key=f"rwr_code_{ids.patient_id}").click().run()
    assert not at.exception
    code = at.code[0].value
    assert len(code) == 11 and code[5] == "-"
    captions = [img.caption for e in at.get("image") for img in e.proto.imgs]
    assert "QR code of the home access code" in captions
    from vision.clinic import open_home

    assert open_home(db, code).patient_id == ids.patient_id


@pytest.mark.parametrize("url_path", ["clinic", "clinic-patient", "clinic-compare", "clinic-accounts"])
def test_pages_render_for_their_clinician(seeded: tuple[Database, Seeded], url_path: str) -> None:
    db, ids = seeded
    alice = login(db, "alice", ALICE_PW)
    query = {"patient": ids.patient_id} if url_path == "clinic-patient" else {}
    at = logged_in(app(db, url_path, **query), alice).run()
    assert not at.exception
    assert not at.error
    if url_path == "clinic-patient":
        assert at.title[0].value == "Jane Doe"
        assert [m.label for m in at.metric][:2] == ["Sessions", "Adherence (4 weeks)"]
    if url_path == "clinic-accounts":
        assert any(s.value == "New clinician account" for s in at.subheader)


def test_accounts_page_for_a_non_admin(seeded: tuple[Database, Seeded]) -> None:
    db, _ = seeded
    at = logged_in(app(db, "clinic-accounts"), login(db, "bob", BOB_PW)).run()
    assert not at.exception
    assert "Only an administrator" in texts(at)


def test_logout_forgets_the_clinician(seeded: tuple[Database, Seeded]) -> None:
    db, _ = seeded
    at = logged_in(app(db), login(db, "alice", ALICE_PW)).run()
    at.sidebar.button[0].click().run()
    assert [t.value for t in at.title] == ["Clinician login"]
    assert "rwr_access" not in at.session_state


def test_damaged_database_shows_a_message(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "retrowalk.db").write_bytes(b"this is not a database" * 100)

    def broken() -> Database:
        return Database.open(data_dir=data)

    at = app(broken).run()
    assert not at.exception
    assert "cannot be opened" in at.error[0].value
    assert "damaged" in " ".join(t.value for t in at.text)


def test_database_failing_mid_page_shows_a_message(seeded: tuple[Database, Seeded]) -> None:
    db, ids = seeded
    alice = login(db, "alice", ALICE_PW)
    db.close()
    path = Path(str(db.engine.url.database))
    path.write_bytes(b"garbage" * 4096)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    at = logged_in(app(db, "clinic-patient", patient=ids.patient_id), alice).run()
    assert not at.exception
    assert any("cannot be used" in e.value or "cannot be opened" in e.value for e in at.error)
