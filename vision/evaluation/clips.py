"""Find the labelled clips in the folders and files given to ``retrowalk eval``.

A video is labelled when a JSON file describes it: ``<stem>.json`` beside it (rendered clips)
or ``labels/<stem>.json`` in its folder (the shared real clips). Videos without labels are
skipped and named. ``seeds`` (a half-open range ``A:B``) keeps the rendered clips whose seed is
in it; clips without a seed (the real ones) are always kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from vision.analysis.batch import expand_inputs
from vision.evaluation.labels import ClipLabels
from vision.evaluation.labels_rendered import is_rendered_label, read_rendered
from vision.evaluation.labels_shared import is_shared_label, read_shared


@dataclass(frozen=True, slots=True)
class Found:
    """The labelled clips found, and the videos skipped (with why)."""

    clips: tuple[ClipLabels, ...]
    skipped: tuple[tuple[Path, str], ...]


def parse_seeds(text: str | None) -> range | None:
    """``"100:200"`` → ``range(100, 200)``; ``"7"`` → ``range(7, 8)``; None → None."""
    if not text:
        return None
    a, sep, b = text.partition(":")
    return range(int(a), int(b) if sep else int(a) + 1)


def _label_file(video: Path) -> Path | None:
    for cand in (video.with_suffix(".json"), video.parent / "labels" / f"{video.stem}.json"):
        if cand.is_file():
            return cand
    return None


def labels_for(video: Path) -> list[ClipLabels] | str:
    """The labels of ``video`` (as filmed, and reversed where stated), or why there are none."""
    path = _label_file(video)
    if path is None:
        return "no label file"
    try:
        doc = json.loads(path.read_text())
        if is_rendered_label(doc):
            return [read_rendered(path, video)]
        if is_shared_label(doc):
            return read_shared(path, video)
    except (ValueError, KeyError, TypeError, IndexError) as exc:  # JSON errors are ValueErrors
        return f"{path.name}: unreadable label file ({type(exc).__name__}: {exc})"
    return f"{path.name}: not a label format the eval reads"


def find_clips(paths: list[Path], seeds: range | None = None) -> Found:
    """Every labelled clip in ``paths`` (folders expanded, sorted by name)."""
    videos = expand_inputs(paths)
    clips: list[ClipLabels] = []
    skipped: list[tuple[Path, str]] = []
    for v in videos:
        found = labels_for(v)
        if isinstance(found, str):
            skipped.append((v, found))
            continue
        for c in found:
            if seeds is not None and c.seed is not None and c.seed not in seeds:
                continue
            clips.append(c)
    return Found(tuple(clips), tuple(skipped))
