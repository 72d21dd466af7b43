"""App tests: the ``e2e`` marker (headless Chromium), the artifacts folder for screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_ARTIFACTS: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: end-to-end test in headless Chromium (skipped when Chromium is missing)"
    )


@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``$RETROWALK_TEST_ARTIFACTS`` or a temporary folder (printed at the end)."""
    env = os.environ.get("RETROWALK_TEST_ARTIFACTS")
    path = Path(env) if env else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    _ARTIFACTS.append(path)
    return path


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    for path in _ARTIFACTS:
        shots = sorted(p.name for p in path.glob("*.png"))
        if shots:
            terminalreporter.write_line(f"app test screenshots in {path}: {', '.join(shots)}")
