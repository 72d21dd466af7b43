"""German everywhere: every page (clinic and coach) rendered in German shows no text of the
English catalogue that German words differently; the German report and plots neither. The
checker itself is shown to flag a planted English text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from german_check import english_leftovers, visible_strings
from review_seed import ALICE_PW, BOB_PW, Seeded
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash
from test_review_pages import app, logged_in

from vision.clinic import Database, login
from vision.feedback.i18n import TABLES, Translator
from vision.ui.common.escape import md_escape
from vision.ui.common.lang import LANG_KEY

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def german(at: AppTest) -> AppTest:
    at.session_state[LANG_KEY] = "de"
    return at.run()


def assert_german(at: AppTest) -> list[str]:
    assert not at.exception, at.exception
    shown = visible_strings(at)
    assert len(shown) > 5
    leftovers = english_leftovers(shown)
    assert not leftovers, leftovers
    return shown


CLINIC_PAGES = [
    ("clinic", {}),
    ("clinic-patient", {"patient": "patient_id"}),
    ("clinic-patient", {}),
    ("clinic-session", {"session": "session_id"}),
    ("clinic-session", {}),
    ("clinic-compare", {"a": "other_session_id", "b": "session_id"}),
    ("clinic-compare", {"patient": "patient_id"}),
    ("clinic-accounts", {}),
    ("clinic-audit", {}),
]


@pytest.mark.parametrize(("url_path", "query"), CLINIC_PAGES)
def test_clinic_pages_in_german(seeded: tuple[Database, Seeded], url_path: str, query: dict) -> None:
    db, ids = seeded
    alice = login(db, "alice", ALICE_PW)
    alice.create_patient("Zed Ohne")  # an empty patient too
    params = {k: getattr(ids, v) for k, v in query.items()}
    at = german(logged_in(app(db, url_path, **params), alice))
    shown = assert_german(at)
    assert not at.error
    english = logged_in(app(db, url_path, **params), alice).run()
    assert len(english_leftovers(visible_strings(english))) >= 3  # the same page in English is flagged
    if url_path == "clinic-session" and query:
        assert "Zeitachse" in shown and "Wiedergabe" in shown and "links" in shown  # a step's foot
        # The cadence in whole steps per minute: "90,8 /Min." was cut to "90,8 /M…" in its column.
        cadence = next(m.value for m in at.metric if m.label == "Kadenz")
        assert re.fullmatch(r"\d+ /Min\.", cadence), cadence


def test_login_non_admin_and_setup_in_german(seeded: tuple[Database, Seeded], tmp_path: Path) -> None:
    db, _ = seeded
    shown = assert_german(german(app(db)))
    assert "Anmeldung für Therapeuten" in shown
    at = german(app(db))
    at.text_input[0].input("nobody")
    at.text_input[1].input("wrong password")
    at.button[0].click().run()
    assert at.error and "Falscher Benutzername" in at.error[0].value
    assert_german(at)
    assert_german(german(logged_in(app(db, "clinic-accounts"), login(db, "bob", BOB_PW))))
    empty = Database.open(data_dir=tmp_path / "empty")
    assert "Ersteinrichtung" in assert_german(german(app(empty)))
    empty.close()


@pytest.fixture
def coach(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("RETROWALK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("RETROWALK_LOCAL_CAMERA", raising=False)
    monkeypatch.setenv("RETROWALK_DB_URL", f"sqlite:///{tmp_path / 'clinic.db'}")
    return AppTest.from_file(APP, default_timeout=60)


@pytest.mark.parametrize("url_path", ["live", "analyze", "sessions", "clinic"])
def test_coach_pages_in_german(coach: AppTest, url_path: str) -> None:
    coach._page_hash = calc_hash(url_path)
    assert_german(german(coach))


def _result_page(folder: str, lang: str) -> None:
    """A test double of the result part of the Analyze page: a finished analysis' folder."""
    from pathlib import Path

    import streamlit as st

    from vision.feedback.i18n import Translator
    from vision.session.summary_json import read_summary
    from vision.ui.coach.results import (
        render_plots,
        render_steps,
        render_summary,
        session_files,
        strike_counts_csv,
    )

    tr = Translator(lang)
    files = session_files(Path(folder))
    render_summary(read_summary(files["summary_json"]), tr, strike_counts_csv(files["steps_csv"]))
    render_plots(files, tr)
    render_steps(files["steps_csv"], tr)
    st.markdown(Path(folder, "report.md").read_text())
    if lang == "en":  # the planted English texts
        st.button(tr("clinic.login.submit"))
        st.caption("Kadenz: " + tr("value.strike.heel"))


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled sample clip analysed in German and in English."""
    from vision.analysis import analyze_video

    clip = Path(__file__).resolve().parents[2] / "sample_videos" / "backward_walk_side.mp4"
    out = {}
    for lang in ("de", "en"):
        out[lang] = tmp_path_factory.mktemp(f"analysis-{lang}")
        analyze_video(clip, out[lang], lang=lang, display_name="Mein Gang.mp4", threads=1)
    return out


def test_analysis_result_and_report_in_german(analysed: dict[str, Path]) -> None:
    at = AppTest.from_function(_result_page, args=(str(analysed["de"]), "de"), default_timeout=30).run()
    shown = assert_german(at)
    report = (analysed["de"] / "report.md").read_text()
    assert report.startswith("# RetroWalk-Coach-Bericht: Mein Gang.mp4")
    assert "eingeordneten Schritte" in report and "![" in report
    assert "Vorfuß" in shown and "Schritte/Min." in " ".join(shown)
    assert not english_leftovers(report.splitlines())


def test_the_checker_flags_planted_english(analysed: dict[str, Path]) -> None:
    at = AppTest.from_function(_result_page, args=(str(analysed["en"]), "en"), default_timeout=30).run()
    keys = {key for key, _ in english_leftovers(visible_strings(at))}
    assert {"clinic.login.submit", "report.advice.forefoot", "steps.col.knee_flexion_peak_deg"} <= keys
    assert "value.strike.heel" not in keys  # a short word inside a longer text is not flagged
    assert english_leftovers(["Kadenz: heel"]) == []
    assert ("value.strike.heel", "heel") in english_leftovers(["heel"])


def test_german_plots_have_no_english_labels(
    analysed: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib.text import Text

    from vision.session import plots

    figures = []
    monkeypatch.setattr(plots, "_save", lambda fig, path, **kw: figures.append(fig))
    series = plots.Series()
    for i in range(60):
        series.add(t=i / 30, trunk_lean=2.0, head_yaw=30.0 * (i > 30), glance=20 < i < 40,
                   heel_y=(400.0, 410.0), toe_y=(405.0, 415.0))  # fmt: skip
    tr = Translator("de")
    contacts = [(0.5, "left", "forefoot"), (1.0, "right", "unknown"), (1.5, "left", "heel")]
    plots.plot_trunk_and_yaw(Path("a.png"), series, 10.0, tr=tr)
    plots.plot_feet(Path("b.png"), series, contacts=contacts, image_height=480, tr=tr)
    plots.plot_strikes(Path("c.png"), {"forefoot": 3, "unknown": 1}, tr=tr)
    labels = [t.get_text() for fig in figures for t in fig.findobj(Text) if t.get_text()]
    assert "Kopfdrehung (Grad)" in labels and "↑ nach links gedreht" in labels and "Aufsatz: Vorfuß" in labels
    assert not english_leftovers(labels)
    legends = [ax.get_legend() for fig in figures for ax in fig.axes if len(ax.get_lines()) > 1]
    assert legends and all(legend is not None for legend in legends)  # a legend on every plot of 2+ lines
    assert TABLES["de"]["plot.feet.landing"] != TABLES["en"]["plot.feet.landing"]


def test_german_pdf_reports(seeded: tuple[Database, Seeded]) -> None:
    import io

    from pypdf import PdfReader

    from vision.reports.pdf import patient_report_pdf, session_report_pdf

    db, ids = seeded
    alice = login(db, "alice", ALICE_PW)
    for data in (
        session_report_pdf(alice, ids.session_id, lang="de"),
        patient_report_pdf(alice, ids.patient_id, lang="de"),
    ):
        lines = [ln for page in PdfReader(io.BytesIO(data)).pages for ln in page.extract_text().splitlines()]
        assert any("Übung vom" in ln or "Zeitraum" in ln for ln in lines)
        leftovers = [(k, t) for k, t in english_leftovers(lines) if t.strip() != "Stand tall"]  # a stored cue
        assert not leftovers, leftovers
    english = session_report_pdf(alice, ids.session_id)
    lines = [ln for page in PdfReader(io.BytesIO(english)).pages for ln in page.extract_text().splitlines()]
    assert len(english_leftovers(lines)) >= 3


def button(at: AppTest, key: str) -> object:
    """The one button labelled with German message ``key``."""
    (found,) = [b for b in at.button if b.label == TABLES["de"][key]]
    return found


def test_data_layer_refusals_on_german_pages(seeded: tuple[Database, Seeded]) -> None:
    db, ids = seeded
    alice = login(db, "alice", ALICE_PW)
    at = german(logged_in(app(db, "clinic-accounts"), alice))
    labels = [w.label for w in at.text_input]
    at.text_input[labels.index(TABLES["de"]["clinic.login.username"], 3)].input("carol")
    at.text_input[labels.index(TABLES["de"]["clinic.accounts.name"])].input("Dr Carol")
    at.text_input[labels.index(TABLES["de"]["clinic.accounts.initial_pw"])].input("short")
    button(at, "clinic.accounts.create").click().run()
    assert [e.value for e in at.error] == [md_escape("Ein Passwort braucht mindestens 10 Zeichen.")]
    assert_german(at)
    at = german(logged_in(app(db, "clinic-patient", patient=ids.patient_id), alice))
    labels = [w.label for w in at.text_input]
    at.text_input[labels.index(TABLES["de"]["clinic.settings.name"])].input("   ")
    button(at, "clinic.settings.save").click().run()
    assert [e.value for e in at.error] == [md_escape("Das Feld „Name“ darf nicht leer sein.")]
