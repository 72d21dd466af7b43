"""What the clinic's browser tests share (their fixtures ``artifacts`` and ``browser`` are in this
folder's ``conftest.py``): the Chromium check, the Streamlit server on a seeded data folder, the
login form and screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from review_seed import Seeded, seed

from vision.live import harness

CHROMIUM = Path("/usr/bin/chromium")
T = 20_000
"""Milliseconds a browser step may wait."""
LOGIN_HEADING = "Clinician login"


def require_chromium() -> None:
    """Skip the calling test module when Playwright or the system Chromium is missing."""
    pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install -y chromium)", allow_module_level=True)


def start_server(data: Path, script: Path, *, drop_env: tuple[str, ...] = ()) -> harness.Server:
    """Streamlit serving ``script`` on the data folder ``data`` (fails the test if it won't start)."""
    try:
        return harness.start_server(
            {"RETROWALK_DATA_DIR": str(data)},
            data.parent / "streamlit.log",
            script=script,
            extra_flags=("--client.toolbarMode", "minimal", "--global.developmentMode", "false"),
            drop_env=("RETROWALK_DB_URL", *drop_env),
        )
    except RuntimeError as exc:
        pytest.fail(f"streamlit did not start: {exc}")


@contextmanager
def seeded_server(
    data: Path, script: Path, *, drop_env: tuple[str, ...] = ()
) -> Iterator[tuple[str, Seeded]]:
    """A data folder seeded with synthetic sessions (``review_seed.seed``) served by ``script``:
    ``(url, ids)``; the server stops on leaving."""
    ids = seed(data, None)
    srv = start_server(data, script, drop_env=drop_env)
    try:
        yield srv.url, ids
    finally:
        srv.stop()


def login(pg: object, user: str, password: str, *, heading: str = LOGIN_HEADING) -> None:
    """Fill the login form once its heading shows, and submit it."""
    pg.get_by_role("heading", name=heading).wait_for()
    pg.get_by_label("User name").fill(user)
    pg.locator("input[type=password]").fill(password)
    pg.get_by_role("button", name="Log in").click()


def shot(pg: object, folder: Path, name: str) -> None:
    """A screenshot ``folder/name.png``, once charts have had time to draw."""
    pg.wait_for_timeout(600)
    pg.screenshot(path=str(folder / f"{name}.png"))
