"""The chosen language survives a reload: it is kept in the URL (``?lang=de``), a new session
takes it from there, and the clinic's links and page switches carry it along."""

from __future__ import annotations

from review_seed import ALICE_PW, Seeded
from streamlit.testing.v1 import AppTest
from test_review_pages import app, logged_in

from vision.clinic import Database, login
from vision.feedback.i18n import TABLES
from vision.ui.common.lang import LANG_KEY

DE = TABLES["de"]


def link_queries(at: AppTest) -> list[str]:
    return [str(e.proto.query_string) for e in at.get("page_link")]


def test_a_clinic_page_opened_with_lang_de_is_german_and_its_links_keep_it(
    seeded: tuple[Database, Seeded],
) -> None:
    db, ids = seeded
    alice = login(db, "alice", ALICE_PW)
    at = logged_in(app(db, "clinic-patient", patient=ids.patient_id, lang="de"), alice).run()
    assert not at.exception
    assert at.title[0].value == "Jane Doe"
    assert DE["clinic.patient.tab_sessions"] in [t.label for t in at.tabs]
    queries = link_queries(at)
    assert queries and all("lang=de" in q for q in queries), queries
    assert any(f"patient={ids.patient_id}" in q and "lang=de" in q for q in queries), queries


def test_the_session_choice_wins_over_the_url_and_an_unknown_code_is_english(
    seeded: tuple[Database, Seeded],
) -> None:
    db, _ = seeded
    at = app(db, "clinic", lang="de")
    at.session_state[LANG_KEY] = "en"
    at.run()
    assert at.title[0].value == TABLES["en"]["clinic.login.title"]
    unknown = app(db, "clinic", lang="xx").run()
    assert unknown.title[0].value == TABLES["en"]["clinic.login.title"]
    german = app(db, "clinic", lang="de").run()
    assert german.title[0].value == DE["clinic.login.title"]


def _params_page() -> None:
    import streamlit as st

    from vision.ui.common.lang import lang_params  # inside: AppTest runs the function's source

    st.text(repr(sorted(lang_params(session=12, a="x").items())))


def test_lang_params_add_the_chosen_language() -> None:
    at = AppTest.from_function(_params_page)
    at.query_params["lang"] = "de"
    at.run()
    assert at.text[0].value == repr([("a", "x"), ("lang", "de"), ("session", "12")])
    at = AppTest.from_function(_params_page).run()
    assert at.text[0].value == repr([("a", "x"), ("lang", "en"), ("session", "12")])
