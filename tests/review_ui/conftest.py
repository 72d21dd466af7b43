"""Fixtures of the review UI tests (seeded database; the browser tests' screenshots folder and
Chromium); registers the ``e2e`` marker (browser tests)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from vision.clinic import Database, auth

sys.path.insert(0, str(Path(__file__).resolve().parent))  # review_seed, review_entry

from review_seed import Seeded, seed

from vision.live import harness


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: end-to-end browser test (Streamlit server + headless Chromium via Playwright)"
    )


@pytest.fixture
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2id parameters for in-process tests (real ones take ~0.15 s per hash)."""
    monkeypatch.setattr(auth, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def seeded(tmp_path: Path, fast_hashing: None) -> Iterator[tuple[Database, Seeded]]:
    """A data folder with synthetic sessions (no video, no analysis run) and the open database."""
    data = tmp_path / "data"
    ids = seed(data, None)
    db = Database.open(data_dir=data)
    yield db, ids
    db.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where browser tests put screenshots: ``$RETROWALK_ARTIFACTS/review_ui``, else a temporary
    folder."""
    root = os.environ.get("RETROWALK_ARTIFACTS")
    folder = Path(root) / "review_ui" if root else tmp_path_factory.mktemp("artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium for one test module (``clinic_e2e.require_chromium`` skips without it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = harness.launch_browser(p)
        yield b
        b.close()
