"""The session's step table, decoded again over the whole session at summary time.

The live detector decides each contact within its lag; at the end the whole session is known,
so a contact that breaks the alternation of the feet while walking (the same foot twice, sooner
than a stride) is resolved with both neighbours in view: the one further from where the
alternation puts it (midway between the other foot's contacts) is dropped.
A same-foot pair about a stride apart is kept (the other foot's contact was not seen).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from vision.core.events import Direction, StepRecord
from vision.core.tuning import GaitTuning

WALKING = (Direction.FORWARD, Direction.BACKWARD)


def median_stride_s(records: Sequence[StepRecord]) -> float:
    """Median same-foot contact interval (s) over strides with the other foot's contact between;
    NaN with none."""
    out = []
    last: dict[object, int] = {}
    for i, r in enumerate(records):
        j = last.get(r.foot)
        if j is not None and any(q.foot != r.foot for q in records[j + 1 : i]):
            out.append(r.contact_time_s - records[j].contact_time_s)
        last[r.foot] = i
    return float(np.median(out)) if out else float("nan")


def _stride_count(records: Sequence[StepRecord]) -> int:
    return sum(1 for a, b in itertools.pairwise(records) if a.foot != b.foot)


def _worse(recs: list[StepRecord], i: int) -> int:
    """Index (i or i + 1) of the repeat to drop: the one further from the midpoint of the other
    foot's contacts around the pair (where alternation puts the step); the less sure one when
    a neighbour is missing or both are as far."""
    a, b = recs[i], recs[i + 1]
    prev = next((r for r in reversed(recs[:i]) if r.foot != a.foot), None)
    nxt = next((r for r in recs[i + 2 :] if r.foot != a.foot), None)
    if prev is not None and nxt is not None:
        mid = 0.5 * (prev.contact_time_s + nxt.contact_time_s)
        da, db = abs(a.contact_time_s - mid), abs(b.contact_time_s - mid)
        if da != db:
            return i + 1 if db > da else i
    return i + 1 if b.confidence < a.confidence else i


def resolve_repeats(records: Sequence[StepRecord], tuning: GaitTuning) -> list[StepRecord]:
    """``records`` in time order without the walking same-foot repeats sooner than
    ``repeat_stride_frac`` of the median stride (see :func:`_worse` for which of each pair goes)."""
    recs = sorted(records, key=lambda r: r.contact_time_s)
    if _stride_count(recs) < tuning.min_strides:
        return recs
    stride = median_stride_s(recs)
    if stride != stride or stride < tuning.min_walk_stride_s:
        return recs
    limit = tuning.repeat_stride_frac * stride
    changed = True
    while changed:
        changed = False
        for i in range(len(recs) - 1):
            a, b = recs[i], recs[i + 1]
            if a.foot != b.foot or b.contact_time_s - a.contact_time_s >= limit:
                continue
            if a.direction not in WALKING and b.direction not in WALKING:
                continue
            del recs[_worse(recs, i)]
            changed = True
            break
    return recs
