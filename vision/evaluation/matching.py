"""One-to-one matching of detections to labels: contacts by time, glances by overlap.

Both are greedy on a global order (closest pairs first; ties by the earlier label), which for
these sparse, well-separated events gives the same pairs as an optimal assignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pair:
    """Label ``label`` matched to detection ``detected``; ``offset`` = detected − labelled frame."""

    label: int
    detected: int
    offset: int


def match_contacts(
    labelled: Sequence[tuple[str, int]], detected: Sequence[tuple[str, int]], window_frames: int
) -> list[Pair]:
    """Pairs of (foot, frame) contacts of the same foot at most ``window_frames`` apart."""
    cands = sorted(
        (abs(df - lf), lf, i, j, df - lf)
        for i, (lfoot, lf) in enumerate(labelled)
        for j, (dfoot, df) in enumerate(detected)
        if lfoot == dfoot and abs(df - lf) <= window_frames
    )
    used_l: set[int] = set()
    used_d: set[int] = set()
    pairs = []
    for _, _, i, j, off in cands:
        if i in used_l or j in used_d:
            continue
        used_l.add(i)
        used_d.add(j)
        pairs.append(Pair(i, j, off))
    return sorted(pairs, key=lambda p: p.label)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Frames two inclusive spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]) + 1)


def match_spans(labelled: Sequence[tuple[int, int]], detected: Sequence[tuple[int, int]]) -> list[Pair]:
    """Pairs of overlapping spans, largest overlap first (``offset`` = the overlap in frames)."""
    cands = sorted(
        ((-overlap(a, b), a[0], i, j) for i, a in enumerate(labelled) for j, b in enumerate(detected)),
    )
    used_l: set[int] = set()
    used_d: set[int] = set()
    pairs = []
    for neg, _, i, j in cands:
        if neg == 0 or i in used_l or j in used_d:
            continue
        used_l.add(i)
        used_d.add(j)
        pairs.append(Pair(i, j, -neg))
    return sorted(pairs, key=lambda p: p.label)
