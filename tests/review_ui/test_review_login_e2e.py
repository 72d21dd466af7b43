"""End to end in Chromium: the login kept across reloads (HttpOnly cookie, logout and expiry
end it on the server), one message for an unknown user and a wrong password, the audit log
(view and export listed with who and when; no edit path), and the home code with copy button
and QR code. The server is ``review_app.py`` (``st.App`` with the cookie routes), the data a
synthetic seed. Screenshots go to ``$RETROWALK_ARTIFACTS/review_ui`` (else a temporary folder).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from clinic_e2e import T, login, require_chromium, seeded_server, shot
from review_seed import ALICE_PW, BOB_PW, Seeded
from sqlalchemy import update

from vision.clinic import Database, open_home
from vision.clinic.models import LoginSession, utcnow

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parent / "review_app.py"

require_chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Seeded, Path]]:
    data = tmp_path_factory.mktemp("clinic-login") / "data"
    with seeded_server(data, APP, drop_env=("RETROWALK_LOGIN_HOURS",)) as (url, ids):
        yield url, ids, data


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    """A fresh browser profile (its own cookies)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1400}, accept_downloads=True)
    ctx.set_default_timeout(T)
    yield ctx
    ctx.close()


def login_cookie(ctx: object, pg: object) -> dict:
    """The login cookie once the page has set it (waits up to ``T``)."""
    for _ in range(100):
        found = [c for c in ctx.cookies() if c["name"] == "rw_clinic"]
        if found:
            return found[0]
        pg.wait_for_timeout(200)
    raise AssertionError("the login cookie was never set")


def test_login_survives_a_reload_until_logout(
    server: tuple[str, Seeded, Path], context: object, artifacts: Path
) -> None:
    base, _, _ = server
    pg = context.new_page()
    pg.goto(base + "/")
    login(pg, "alice", ALICE_PW)
    pg.get_by_role("heading", name="Patients").wait_for()
    cookie = login_cookie(context, pg)
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert 7.9 * 3600 < cookie["expires"] - utcnow().timestamp() <= 8 * 3600 + 5
    assert pg.evaluate("document.cookie").find("rw_clinic") == -1  # scripts cannot read it

    pg.reload()
    pg.get_by_role("heading", name="Patients").wait_for()
    assert pg.get_by_role("heading", name="Clinician login").count() == 0
    pg.get_by_text(re.compile(r"^You stay logged in on this browser for up to 8 hours")).wait_for()
    pg.locator("[data-testid=stDataFrame]").first.wait_for()
    shot(pg, artifacts, "10_still_logged_in_after_reload")

    pg.get_by_role("button", name="Log out").click()
    pg.get_by_role("heading", name="Clinician login").wait_for()
    for _ in range(50):  # the page asks the browser to drop the cookie
        if not [c for c in context.cookies() if c["name"] == "rw_clinic"]:
            break
        pg.wait_for_timeout(200)
    assert not [c for c in context.cookies() if c["name"] == "rw_clinic"]
    pg.reload()
    pg.get_by_role("heading", name="Clinician login").wait_for()

    context.add_cookies([{**cookie}])  # a copy of the old cookie: logout ended it on the server
    pg.reload()
    pg.get_by_role("heading", name="Clinician login").wait_for()
    pg.wait_for_timeout(800)
    assert pg.get_by_role("heading", name="Patients").count() == 0
    shot(pg, artifacts, "11_logged_out_after_reload")


def test_an_expired_login_is_logged_out(server: tuple[str, Seeded, Path], context: object) -> None:
    base, _, data = server
    pg = context.new_page()
    pg.goto(base + "/")
    login(pg, "bob", BOB_PW)
    pg.get_by_role("heading", name="Patients").wait_for()
    login_cookie(context, pg)
    pg.reload()
    pg.get_by_role("heading", name="Patients").wait_for()
    with Database.open(data_dir=data) as db, db.transaction() as tx:  # 8 hours have passed
        tx.execute(update(LoginSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    pg.reload()
    pg.get_by_role("heading", name="Clinician login").wait_for()
    pg.wait_for_timeout(800)
    assert pg.get_by_role("heading", name="Patients").count() == 0


def test_unknown_user_and_wrong_password_read_the_same(
    server: tuple[str, Seeded, Path], browser: object, artifacts: Path
) -> None:
    base, _, _ = server
    shown = []
    for user in ("nobody-at-all", "bob"):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        pg = ctx.new_page()
        pg.set_default_timeout(T)
        pg.goto(base + "/")
        login(pg, user, "certainly not the password")
        alert = pg.locator("[data-testid=stAlert]").first
        alert.wait_for()
        shown.append(alert.inner_html())
        shot(pg, artifacts, f"12_failed_login_{user}")
        ctx.close()
    assert shown[0] == shown[1]  # byte-identical, icon included
    assert "Wrong user name or password. After 5 failed attempts" in shown[0]


def test_audit_log_lists_view_and_export(
    server: tuple[str, Seeded, Path], context: object, artifacts: Path
) -> None:
    base, ids, _ = server
    pg = context.new_page()
    pg.goto(base + "/")
    login(pg, "alice", ALICE_PW)
    pg.get_by_role("heading", name="Patients").wait_for()
    table = pg.locator("[data-testid=stDataFrame]").first
    table.wait_for()
    box = table.bounding_box()
    pg.mouse.click(box["x"] + 120, box["y"] + 35 + 17)  # a cell of the first row (Jane Doe's name)
    pg.get_by_text("Adherence (4 weeks)").wait_for()
    assert f"patient={ids.patient_id}" in pg.url
    pg.get_by_role("tab", name="Reports & export").click()
    with pg.expect_download() as dl:
        pg.get_by_role("button", name="Patient report (PDF)").click()
    assert dl.value.path().stat().st_size > 1000

    pg.get_by_role("link", name="Audit log").click()
    pg.get_by_role("heading", name="Audit log").wait_for()
    pg.locator("[data-testid=stDataFrame]").first.wait_for()
    for text in ("viewed", "exported", "patient PDF", "Jane Doe", "alice", utcnow().strftime("%Y-%m-%d")):
        pg.wait_for_function("t => document.body.textContent.includes(t)", arg=text)
    main = pg.locator("[data-testid=stMain]")
    labels = [b.get_attribute("aria-label") or b.inner_text() for b in main.get_by_role("button").all()]
    assert not [x for x in labels if re.search(r"edit|delete|save|remove|change", x, re.I)], labels
    assert main.locator("[data-testid=stDataEditor], [data-testid=stForm]").count() == 0  # no editor
    shot(pg, artifacts, "13_audit_log")


def test_home_code_with_copy_button_and_qr(
    server: tuple[str, Seeded, Path], context: object, artifacts: Path
) -> None:
    base, ids, data = server
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    pg = context.new_page()
    pg.goto(f"{base}/clinic-patient?patient={ids.patient_id}")
    login(pg, "alice", ALICE_PW)
    pg.get_by_text("Adherence (4 weeks)").wait_for()
    pg.get_by_role("tab", name="Settings").click()
    pg.get_by_role("button", name="Issue a new code").click()
    code_block = pg.locator("[data-testid=stCode]:visible").first
    code_block.wait_for()
    code = code_block.inner_text().strip()
    assert re.fullmatch(r"[34679ACEFGHJKMNPRTWXY]{5}-[34679ACEFGHJKMNPRTWXY]{5}", code), code
    qr = pg.locator("[data-testid=stImage]:visible img").first
    qr.wait_for()
    assert qr.evaluate("img => img.naturalWidth") > 100
    code_block.hover()
    copy = code_block.locator("button").first
    copy.wait_for()
    copy.click()
    assert pg.evaluate("navigator.clipboard.readText()").strip() == code
    code_block.scroll_into_view_if_needed()
    shot(pg, artifacts, "14_home_code_qr")
    with Database.open(data_dir=data) as db:
        assert open_home(db, code.lower()).patient_id == ids.patient_id
