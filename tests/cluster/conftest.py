"""Fixtures of the cluster tests: two short clips made from the bundled samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from cluster_helpers import SAMPLES, short_clip

CLIP_FRAMES = 60


@pytest.fixture(scope="session")
def two_clips(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The first 2 s of each bundled sample (a backward and a forward walk)."""
    folder = tmp_path_factory.mktemp("clips")
    return [
        short_clip(SAMPLES / f"{name}.mp4", folder / f"{name}.mp4", CLIP_FRAMES)
        for name in ("backward_walk_side", "forward_walk_heel_side")
    ]
