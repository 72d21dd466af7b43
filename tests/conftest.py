"""Shared fixtures: where the real test videos are (``../shared/videos``), skipped when absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED_VIDEOS = Path(__file__).resolve().parents[1].parent / "shared" / "videos"
REPO = Path(__file__).resolve().parents[1]


def shared_video(name: str) -> Path:
    """Path of a shared clip; skips the test when the shared folder is not there."""
    path = SHARED_VIDEOS / name
    if not path.exists():
        pytest.skip(f"shared test video {name} not available at {SHARED_VIDEOS}")
    return path


def shared_labels(name: str) -> dict:
    """The ground-truth labels of a shared clip."""
    path = SHARED_VIDEOS / "labels" / (Path(name).stem + ".json")
    if not path.exists():
        pytest.skip(f"labels for {name} not available")
    return json.loads(path.read_text())
