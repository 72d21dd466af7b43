"""End to end in headless Chromium, in German: the app (``app.py``) with Deutsch picked in the
sidebar; a clinician logs in and opens a patient and a session; a clip is analysed on the
Analyze page; a reload (F5) keeps German (``?lang=de``), on a coach page and on the clinic's.
Screenshots go to ``$RETROWALK_ARTIFACTS/review_ui`` (else a temporary folder).
Skipped when Playwright or /usr/bin/chromium is missing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from clinic_e2e import T, require_chromium, seeded_server, shot
from german_check import english_leftovers
from review_seed import ALICE_PW, Seeded
from test_review_e2e import click_row

from vision.feedback.i18n import TABLES

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_videos" / "backward_walk_side.mp4"
DE = TABLES["de"]

require_chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Seeded, Path]]:
    tmp = tmp_path_factory.mktemp("german")
    with seeded_server(tmp / "data", REPO / "app.py", drop_env=("RETROWALK_LOCAL_CAMERA",)) as (url, ids):
        yield url, ids, tmp


@pytest.fixture
def pg(browser: object) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1800})
    page = ctx.new_page()
    page.set_default_timeout(T)
    yield page
    ctx.close()


def deutsch(page: object) -> None:
    """Pick Deutsch in the sidebar's language box."""
    page.get_by_test_id("stSidebar").get_by_role("combobox").first.click()
    page.get_by_role("option", name="Deutsch").click()


def test_clinic_patient_and_session_in_german(
    server: tuple[str, Seeded, Path], pg: object, artifacts: Path
) -> None:
    base, ids, _ = server
    pg.goto(f"{base}/clinic-patient?patient={ids.patient_id}")
    pg.get_by_role("heading", name="Clinician login").wait_for()
    deutsch(pg)
    pg.get_by_role("heading", name=DE["clinic.login.title"]).wait_for()
    pg.get_by_role("heading", name="Clinician login").wait_for(state="detached")
    pg.get_by_label(DE["clinic.login.username"]).fill("alice")
    pg.get_by_label(DE["clinic.login.password"], exact=True).fill(ALICE_PW)
    pg.get_by_role("button", name=DE["clinic.login.submit"]).click()
    pg.get_by_role("heading", name="Jane Doe").wait_for()
    pg.get_by_text(DE["clinic.patient.m_adherence"]).wait_for()
    pg.get_by_text("Vorfußaufsatz (%)").first.wait_for()
    shot(pg, artifacts, "de_01_patient_trends")
    pg.get_by_role("tab", name=DE["clinic.patient.tab_sessions"]).click()
    pg.get_by_text(DE["clinic.sessions.caption"]).wait_for()
    shot(pg, artifacts, "de_02_patient_sessions")
    click_row(pg, 0)  # the newest session (a new URL would start a new session: English again)
    pg.get_by_role("heading", name=DE["clinic.timeline.title"]).wait_for()
    pg.get_by_text("Wiedergabe bei 0,00 s").wait_for()
    pg.get_by_text("(4 von 6 Schritten)", exact=True).wait_for()  # under the forefoot share (67 %)
    pg.get_by_text(DE["clinic.session.m_glances_n"], exact=True).wait_for()  # a 4 s session: the count
    shot(pg, artifacts, "de_03_session")
    body = pg.locator("body").inner_text()
    for english in ("Log out", "Timeline", "Replay at", "Save note", "Compare sessions"):
        assert english not in body, english


def test_analyze_page_in_german(server: tuple[str, Seeded, Path], pg: object, artifacts: Path) -> None:
    from vision.analysis.h264 import H264Writer
    from vision.video import iter_video

    base, _, tmp = server
    clip = tmp / "Mein Gang.mp4"
    images = [f for f in iter_video(SAMPLE) if f.index < 75]
    h, w = images[0].image.shape[:2]
    with H264Writer(clip, (w, h), 30.0) as out:
        for f in images:
            out.write(f.image, f.timestamp_s)
    pg.goto(f"{base}/analyze")
    pg.locator("input[type=file]").wait_for(state="attached")
    deutsch(pg)
    pg.get_by_role("heading", name=DE["ui.analyze.title"]).wait_for()
    pg.locator("input[type=file]").set_input_files(str(clip))
    pg.get_by_text(clip.name, exact=True).first.wait_for()
    pg.get_by_role("button", name=DE["ui.analyze.run"], exact=True).click()
    pg.get_by_role("heading", name=f"Ergebnis: {clip.name}").wait_for(timeout=240_000)
    pg.get_by_text(DE["ui.result.duration"]).first.wait_for()
    shot(pg, artifacts, "de_04_analyze_result")
    result = pg.locator("body").inner_text()
    # a 2.5 s clip: the number of glances, not a rate; the forefoot share says what it is of
    assert DE["ui.counter.glances"] in result and DE["ui.counter.glances_min"] not in result
    assert re.search(r"\(\d+ von \d+ Schritt(en)?(; \d+ unbekannt)?\)", result), result
    pg.get_by_text(DE["ui.analyze.report"], exact=True).click()
    pg.get_by_text(f"RetroWalk-Coach-Bericht: {clip.name}").wait_for()
    pg.get_by_text(DE["ui.analyze.report"], exact=True).scroll_into_view_if_needed()
    shot(pg, artifacts, "de_05_analyze_report")
    assert pg.get_by_text("eingeordnet").count() >= 1
    body = pg.locator("body").inner_text()
    for english in ("Duration", "Steps per minute", "forefoot", "Advice", "Download"):
        assert english not in body, english


def assert_no_english(page: object) -> None:
    """The page's text holds no message of the English catalogue that German words differently."""
    lines = [line for line in page.locator("body").inner_text().splitlines() if line.strip()]
    assert len(lines) > 5
    leftovers = english_leftovers(lines)
    assert not leftovers, leftovers


def test_german_survives_a_reload(server: tuple[str, Seeded, Path], pg: object, artifacts: Path) -> None:
    base, _, _ = server
    pg.goto(f"{base}/analyze")
    pg.locator("input[type=file]").wait_for(state="attached")
    deutsch(pg)
    pg.get_by_role("heading", name=DE["ui.analyze.title"]).wait_for()
    pg.wait_for_url("**/analyze?*lang=de*")
    pg.reload()
    pg.get_by_role("heading", name=DE["ui.analyze.title"]).wait_for()
    pg.get_by_text(DE["ui.settings.title"]).first.wait_for()
    assert "lang=de" in pg.url
    shot(pg, artifacts, "de_06_analyze_after_reload")
    assert_no_english(pg)

    pg.goto(f"{base}/clinic?lang=de")  # the clinic, in German from the URL alone
    pg.get_by_role("heading", name=DE["clinic.login.title"]).wait_for()
    pg.get_by_label(DE["clinic.login.username"]).fill("alice")
    pg.get_by_label(DE["clinic.login.password"], exact=True).fill(ALICE_PW)
    pg.get_by_role("button", name=DE["clinic.login.submit"]).click()
    pg.get_by_role("heading", name=DE["clinic.patients.title"]).wait_for(timeout=3 * T)  # a busy machine
    pg.locator("[data-testid=stDataFrame]").first.wait_for()
    click_row(pg, 0)  # Jane Doe; a page switch (st.switch_page) carries lang along
    pg.wait_for_url("**/clinic-patient?*patient=*")
    assert "lang=de" in pg.url
    pg.get_by_role("heading", name="Jane Doe").wait_for()
    pg.get_by_text(DE["clinic.patient.m_adherence"]).wait_for()
    pg.reload()  # still logged in (the cookie) and still German (the URL)
    pg.get_by_text(DE["clinic.patient.m_adherence"]).wait_for()
    pg.get_by_role("tab", name=DE["clinic.patient.tab_sessions"]).wait_for()
    shot(pg, artifacts, "de_07_patient_after_reload")
    assert_no_english(pg)
