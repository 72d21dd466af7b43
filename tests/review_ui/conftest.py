"""Fixtures of the review UI tests; registers the ``e2e`` marker (browser tests)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from vision.clinic import Database, auth

sys.path.insert(0, str(Path(__file__).resolve().parent))  # review_seed, review_entry

from review_seed import Seeded, seed


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
