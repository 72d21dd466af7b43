"""The pages without a browser (Streamlit's AppTest): start screen, languages, settings, modes."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from page_switch import open_page
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("RETROWALK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("RETROWALK_LOCAL_CAMERA", raising=False)
    monkeypatch.setenv("RETROWALK_DB_URL", f"sqlite:///{tmp_path / 'clinic.db'}")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


def test_calm_start_screen_with_safety_advice(app: AppTest) -> None:
    assert app.title[0].value == "Live coach: walking backward"
    text = _text(app)
    for words in ("flat floor", "someone nearby", "Stop at once", "dizziness", "5 minutes", "whole body"):
        assert words in text, words
    assert app.button(key="rw_continue").disabled
    app.checkbox(key="rw_confirm").check().run()
    assert not app.button(key="rw_continue").disabled


def test_everything_switches_to_german(app: AppTest) -> None:
    app.selectbox(key="rw_lang").select("de").run()
    assert app.title[0].value == "Live-Coach: Rückwärtsgehen"
    text = _text(app)
    assert "Bevor Sie beginnen" in text and "Schwindel" in text and "5 Minuten" in text
    assert app.sidebar.header[0].value == "Einstellungen"
    assert app.checkbox(key="rw_confirm").label.startswith("Ich habe die Hinweise gelesen")
    assert app.checkbox(key="rw_cue_heel_strike").label == "Aufsetzen mit der Ferse"


def test_programme_week_sets_the_goal(app: AppTest) -> None:
    app.number_input(key="rw_week").set_value(5).run()
    assert "12 minutes" in _text(app)
    assert app.session_state["rw_ui"].goal_min == 12


def test_patient_settings_only_on_the_coach_pages_and_kept_while_away(app: AppTest) -> None:
    app.number_input(key="rw_week").set_value(5).run()
    app.checkbox(key="rw_cue_praise").uncheck().run()
    open_page(app, "clinic")
    assert not app.exception
    assert [t.value for t in app.title] == ["First-run setup"]  # the clinic's page, no account yet
    assert len(app.sidebar.toggle) == 0 and len(app.sidebar.number_input) == 0
    assert len(app.sidebar.text_input) == 0  # no home code field on the clinic's pages
    assert app.selectbox(key="rw_lang").value == "en"  # the language stays on every page
    open_page(app, "live")
    assert app.number_input(key="rw_week").value == 5 and app.checkbox(key="rw_cue_praise").value is False
    assert app.session_state["rw_ui"].goal_min == 12


def test_cue_switches_and_storage_options(app: AppTest) -> None:
    app.checkbox(key="rw_cue_praise").uncheck().run()
    ui = app.session_state["rw_ui"]
    assert "praise" not in {k.value for k in ui.enabled} and "heel_strike" in {k.value for k in ui.enabled}
    live = ui.live()
    assert live.cues.no_glance_s == 20 and live.threads == 1 and live.keep_video is False
    app.text_input(key="rw_home_code").input("not-a-code").run()
    assert any("does not work" in w.value for w in app.sidebar.warning)


def test_local_camera_mode_is_offered_after_the_advice(app: AppTest, tmp_path: Path) -> None:
    app.session_state["rw_mode"] = "local"
    app.checkbox(key="rw_confirm").check().run()
    app.button(key="rw_continue").click().run()
    assert not app.exception
    assert app.radio(key="rw_mode").value == "local"
    assert app.text_input(key="rw_local_source").value == "0"
    app.text_input(key="rw_local_source").input(str(tmp_path / "missing.mp4")).run()
    app.button(key="rw_local_start").click().run()
    assert not app.exception
    assert any("camera cannot be used" in e.value for e in app.error)
    assert app.session_state["rw_local_running"] is False


def test_session_labels_and_listing(tmp_path: Path) -> None:
    from vision.feedback import Translator
    from vision.ui.coach.sessions_page import kept_sessions, session_label

    assert session_label(Path("20261127-004542-ddc2")) == "Fri 27 Nov 2026, 00:45"  # no summary yet
    assert session_label(Path("odd")) == "odd"
    timed = tmp_path / "20261127-004542-ddc2"
    timed.mkdir()
    for seconds, length in ((9.4, "9 s"), (192.0, "3 min 12 s"), (1500.0, "25 min")):
        (timed / "summary.json").write_text(f'{{"duration_s": {seconds}}}')
        assert session_label(timed) == f"Fri 27 Nov 2026, 00:45 · {length}"
    assert session_label(timed, Translator("de")) == "Fr., 27. Nov. 2026, 00:45, Dauer 25 Min."
    root = tmp_path / "live_sessions"
    for name, done in (("20260101-000000-aaaa", True), ("20260102-000000-bbbb", True), ("x", False)):
        (root / name).mkdir(parents=True)
        if done:
            (root / name / "summary.json").write_text("{}")
    assert [p.name for p in kept_sessions(tmp_path)] == ["20260102-000000-bbbb", "20260101-000000-aaaa"]


def test_sessions_of_one_minute_read_apart(tmp_path: Path) -> None:
    from vision.ui.coach.sessions_page import session_labels

    names = ("20261202-092014-aaaa", "20261202-092051-bbbb", "20261202-092051-cccc", "20261202-100000-dddd")
    folders = []
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / "summary.json").write_text('{"duration_s": 1.0}')
        folders.append(tmp_path / name)
    labels = session_labels(folders)
    assert labels[folders[0]] == "Wed 2 Dec 2026, 09:20:14 · 1 s"
    assert labels[folders[1]] == "Wed 2 Dec 2026, 09:20:51 · 1 s (20261202-092051-bbbb)"
    assert labels[folders[3]] == "Wed 2 Dec 2026, 10:00 · 1 s"  # alone in its minute: no seconds
    assert len(set(labels.values())) == 4


def test_the_language_is_kept_in_the_url_and_read_back_after_a_reload(app: AppTest) -> None:
    assert "lang" not in app.query_params  # English by default: the URL is left alone
    app.selectbox(key="rw_lang").select("de").run()
    assert app.query_params["lang"] == "de"
    reloaded = AppTest.from_file(APP, default_timeout=60)  # F5: a new session, the same URL
    reloaded.query_params.update(app.query_params)
    reloaded.run()
    assert reloaded.title[0].value == "Live-Coach: Rückwärtsgehen"
    assert reloaded.selectbox(key="rw_lang").value == "de"
    assert reloaded.sidebar.header[0].value == "Einstellungen"
    open_page(reloaded, "analyze")
    assert reloaded.query_params["lang"] == "de"
    reloaded.selectbox(key="rw_lang").select("en").run()
    assert reloaded.query_params["lang"] == "en"
    assert reloaded.title[0].value == "Analyze a video"
