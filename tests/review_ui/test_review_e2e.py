"""End to end: the review pages in a real Streamlit server, driven by headless Chromium.

The data folder is seeded with a session imported from a real ``retrowalk analyze`` run on the
bundled sample video (its video kept). Screenshots go to ``$RETROWALK_ARTIFACTS/review_ui``
(else the test's temporary folder). Skipped when Playwright or /usr/bin/chromium is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from clinic_e2e import T, login, require_chromium, shot, start_server
from review_seed import ALICE_PW, BOB_PW, XSS, Seeded, seed

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_videos" / "backward_walk_side.mp4"
ENTRY = Path(__file__).resolve().parent / "review_entry.py"

require_chromium()


@pytest.fixture(scope="module")
def analysis_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real ``retrowalk analyze`` folder of the bundled sample (about 15 s)."""
    from vision.analysis import analyze_video

    out = tmp_path_factory.mktemp("analysis") / "backward_walk_side"
    analyze_video(SAMPLE, out)
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, analysis_dir: Path) -> Iterator[tuple[str, Seeded]]:
    data = tmp_path_factory.mktemp("clinic") / "data"
    ids = seed(data, analysis_dir, SAMPLE)
    srv = start_server(data, ENTRY)
    try:
        yield srv.url, ids
    finally:
        srv.stop()


@pytest.fixture
def page(browser: object) -> Iterator[tuple[object, list[str]]]:
    """A fresh browser context (a new Streamlit session) and the list of JS dialogs seen."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 2000}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(T)
    dialogs: list[str] = []

    def on_dialog(d: object) -> None:
        dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg, dialogs
    ctx.close()


def click_row(pg: object, row: int, table: int = 0) -> None:
    """Tick the row-selection box of ``row`` in the ``table``-th visible st.dataframe."""
    df = pg.locator("[data-testid=stDataFrame]:visible").nth(table)
    df.scroll_into_view_if_needed()
    box = df.bounding_box()
    pg.mouse.click(box["x"] + 15, box["y"] + 35 + 35 * row + 17)


def replay_caption(pg: object) -> str:
    return pg.get_by_text(re.compile(r"^Replay at ")).inner_text()


def test_clinician_reviews_a_session(
    server: tuple[str, Seeded], page: tuple, artifacts: Path, analysis_dir: Path
) -> None:
    base, ids = server
    pg, dialogs = page
    pg.goto(base + "/")
    login(pg, "alice", ALICE_PW)
    pg.get_by_role("heading", name="Patients").wait_for()
    pg.locator("[data-testid=stDataFrame]").wait_for()
    shot(pg, artifacts, "01_patients")

    click_row(pg, 0)  # Jane Doe (sorted by name)
    pg.get_by_text("Adherence (4 weeks)").wait_for()
    assert f"patient={ids.patient_id}" in pg.url
    pg.get_by_text("Forefoot landings (%)").wait_for()
    shot(pg, artifacts, "02_patient_trends")

    pg.get_by_role("tab", name="Sessions").click()
    click_row(pg, 0)  # newest: the imported analysis of the sample video
    pg.get_by_text(re.compile(r"^Replay at ")).wait_for()
    assert f"session={ids.session_id}" in pg.url
    before = replay_caption(pg)
    assert before.startswith("Replay at 0.00 s")
    image = pg.locator("[data-testid=stImage] img").first
    src_before = image.get_attribute("src")
    shot(pg, artifacts, "03_session")

    click_row(pg, 4)  # step 5
    pg.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stImage]')]"
        ".some(e => /Replay at [1-9]/.test(e.innerText))"
    )
    after = replay_caption(pg)
    assert after != before
    assert image.get_attribute("src") != src_before
    shot(pg, artifacts, "04_step_selected")
    pg.get_by_text("Video", exact=True).click()
    pg.locator("[data-testid=stVideo]").wait_for()

    pg.get_by_label("New note").fill(XSS)
    assert pg.get_by_text(re.compile(r"^Step 5 ")).count() == 1  # note goes on the picked step
    pg.get_by_role("button", name="Save note").click()
    note = pg.get_by_text(XSS, exact=True)
    note.wait_for()
    assert pg.locator("[data-testid=stMarkdownContainer] script").count() == 0
    assert pg.locator("[data-testid=stMarkdownContainer] img[src=x]").count() == 0
    pg.get_by_text(re.compile(r"· step 5$")).first.wait_for()
    pg.wait_for_timeout(500)
    assert dialogs == []
    note.scroll_into_view_if_needed()
    shot(pg, artifacts, "05_note_xss_as_text")

    with pg.expect_download() as dl:
        pg.get_by_role("button", name="PDF report").click()
    pdf_path = dl.value.path()
    from pypdf import PdfReader

    text = " ".join(p.extract_text() or "" for p in PdfReader(pdf_path).pages)
    summary = json.loads((analysis_dir / "summary.json").read_text())
    assert f"{summary['cadence_spm']:.1f}" in text  # the session's cadence (steps/min)
    assert "Jane Doe" in text
    assert "alert" in text  # the note, printed as plain text

    chart_steps = pg.locator("[data-testid=stVegaLiteChart]").first.locator(
        "path[aria-roledescription=point]"
    )
    last = chart_steps.last  # the last step on the timeline chart
    t_last = float(re.search(r"time \(s\): ([0-9.]+)", last.get_attribute("aria-label") or "").group(1))
    last.click()
    pg.get_by_text(re.compile(rf"^Replay at {t_last:.2f} s")).wait_for()

    pg.get_by_role("link", name="Compare sessions").click()
    pg.get_by_role("heading", name="Compare sessions").wait_for()
    pg.locator("[data-testid=stDataFrame]").first.wait_for()
    pg.wait_for_function("t => document.body.textContent.includes(t)", arg="change (B − A)")
    shot(pg, artifacts, "06_compare")
    assert dialogs == []


def test_import_of_an_analysis_folder(
    server: tuple[str, Seeded], page: tuple, artifacts: Path, analysis_dir: Path
) -> None:
    base, ids = server
    pg, _ = page
    pg.goto(f"{base}/clinic-patient?patient={ids.patient_id}")
    login(pg, "alice", ALICE_PW)
    pg.get_by_text("Adherence (4 weeks)").wait_for()
    pg.get_by_role("tab", name="Import").click()
    files = [str(analysis_dir / n) for n in ("summary.json", "steps.csv", "frames.csv")]
    pg.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(files)
    pg.get_by_text("frames.csv").first.wait_for()
    pg.get_by_role("button", name="Import session").click()
    pg.get_by_text(re.compile(r"^Imported the session")).wait_for()
    shot(pg, artifacts, "07_import")
    pg.get_by_role("tab", name="Reports & export").click()
    pg.get_by_role("button", name="Patient report (PDF)").wait_for()
    shot(pg, artifacts, "08_patient_reports")
    pg.get_by_role("tab", name="Settings").click()
    pg.get_by_role("button", name="Issue a new code").wait_for()
    shot(pg, artifacts, "09_patient_settings")
    pg.get_by_role("tab", name="Import").click()
    pg.get_by_role("link", name="Open the imported session").click()
    pg.get_by_text(re.compile(r"^Replay at ")).wait_for()
    pg.get_by_role("link", name="Clinician accounts").click()
    pg.get_by_text("New clinician account").wait_for()
    shot(pg, artifacts, "10_accounts")


def test_other_clinician_gets_not_found(server: tuple[str, Seeded], page: tuple, artifacts: Path) -> None:
    base, ids = server
    pg, _ = page
    pg.goto(f"{base}/clinic-session?session={ids.session_id}")
    pg.get_by_role("heading", name="Clinician login").wait_for()
    shot(pg, artifacts, "11_login")
    login(pg, "bob", BOB_PW)
    pg.get_by_text(re.compile(r"^Not found")).wait_for()
    body = pg.locator("body").inner_text()
    assert "Jane" not in body and "Replay" not in body and "Cadence" not in body
    shot(pg, artifacts, "12_other_clinician_not_found")
    pg.goto(f"{base}/clinic-session?session={ids.bob_session_id}")  # a new tab: log in again
    login(pg, "bob", BOB_PW)
    pg.get_by_text(re.compile(r"^Replay at ")).wait_for()
