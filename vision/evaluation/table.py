"""The rows of the eval's tables as strings: metrics × groups, and one row per shared clip.

A cell is a value with the count it rests on in brackets (events, frames, points or clips, as
the row says); "–" where nothing of the kind was labelled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from vision.evaluation.labels import PRED_STRIKES, STRIKES
from vision.evaluation.metrics import ClipScore
from vision.evaluation.totals import Figure, Totals, totals

DASH = "–"


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def pct(f: Figure, digits: int = 0) -> str:
    return DASH if f.value is None else f"{100 * f.value:.{digits}f} % ({f.n})"


def num(f: Figure, digits: int = 1) -> str:
    return DASH if f.value is None else f"{f.value:.{digits}f} ({f.n})"


def groups(scores: Sequence[ClipScore]) -> list[tuple[str, list[ClipScore]]]:
    """Column groups: rendered (all, by direction, by strike), shared as filmed, shared reversed."""
    rendered = [s for s in scores if s.kind == "rendered"]
    out: list[tuple[str, list[ClipScore]]] = []
    if rendered:
        out.append(("rendered", rendered))
        for d in ("backward", "forward", "standing", "mixed"):
            sub = [s for s in rendered if s.direction == d]
            if sub and len(sub) < len(rendered):
                out.append((f"r: {d}", sub))
        for k in (*STRIKES, "mixed"):
            sub = [s for s in rendered if s.strike == k]
            if sub and len(sub) < len(rendered):
                out.append((f"r: {k}", sub))
    shared = [s for s in scores if s.kind == "shared"]
    for name, sub in (
        ("shared, filmed", [s for s in shared if not s.reversed]),
        ("shared, reversed", [s for s in shared if s.reversed]),
    ):
        if sub:
            out.append((name, sub))
    return out


def _landmark_rows(ts: list[Totals]) -> list[tuple[str, ...]]:
    rows = []
    for name in ("ankles", "heels", "toes", "all"):

        def cell(t: Totals, name: str = name) -> str:
            e = t.landmarks.get(name)
            if e is None:
                return DASH
            return (
                f"{e.median_px.value:.1f} / {e.p90_px.value:.1f} px, "
                f"{e.median_pct_height.value:.2f} % ({e.median_px.n})"
            )

        rows.append((f"landmark error {name}: median / p90, median % of height (points)", *map(cell, ts)))
    return rows


def _upright_rows(ts: list[Totals]) -> list[tuple[str, ...]]:
    postures = sorted({p for t in ts for p in t.upright_share})
    return [
        (
            f"upright share, {p} clips (clips)",
            *(pct(t.upright_share[p]) if p in t.upright_share else DASH for t in ts),
        )
        for p in postures
    ]


def _per_min(t: Totals) -> str:
    return f"{t.false_glances_per_min.value:.1f} ({t.false_glances_per_min.n}; {t.glance_minutes:.1f} min)"


ROWS: tuple[tuple[str, Callable[[Totals], str]], ...] = (
    ("clips / frames", lambda t: f"{t.clips} / {t.frames}"),
    ("contact MAE, frames (matched)", lambda t: num(t.contact_mae_frames, 2)),
    ("contacts within ±1 frame (labelled)", lambda t: pct(dict(t.within)[1])),
    ("contacts within ±2 frames (labelled)", lambda t: pct(dict(t.within)[2])),
    ("contacts while walking within ±1 frame (labelled)", lambda t: pct(dict(t.within_walking)[1])),
    ("contacts while walking within ±2 frames (labelled)", lambda t: pct(dict(t.within_walking)[2])),
    ("contacts missed (labelled) / spurious", lambda t: f"{pct(t.missed)} / {t.spurious}"),
    ("foot extreme before (−) or after contact, median ms (contacts)", lambda t: num(t.extreme_lead_ms, 0)),
    (
        "landing foot's speed into the contact frame, median torso/s (contacts)",
        lambda t: num(t.landing_speed, 1),
    ),
    ("strike accuracy of classified steps (classified)", lambda t: pct(t.strike_accuracy)),
    ("strike unknown share (steps scored)", lambda t: pct(t.unknown_share)),
    ("classified where not measurable (steps)", lambda t: pct(t.classified_unmeasurable)),
    ("same-foot repeats while walking (steps)", lambda t: pct(t.repeat_share, 1)),
    ("direction per stride (strides)", lambda t: pct(t.stride_direction)),
    ("direction per pass (passes)", lambda t: pct(t.pass_direction)),
    ("glance recall, ≥ 30° held ≥ 0.3 s (labelled)", lambda t: pct(t.glance_recall)),
    ("glance precision (detected)", lambda t: pct(t.glance_precision)),
    (
        "false glances per minute (false; minutes)",
        lambda t: DASH if t.false_glances_per_min.value is None else _per_min(t),
    ),
    ("median peak-yaw error, ° (matched glances)", lambda t: num(t.yaw_error_deg)),
    ("over-rotation precision (flagged)", lambda t: pct(t.over_rotation_precision)),
    ("glances / over-rotations detected, all clips", lambda t: f"{t.glances_detected} / {t.over_rotations}"),
    ("trunk-lean MAE, ° (frames)", lambda t: num(t.lean_mae_deg)),
)


def metrics_table(scores: Sequence[ClipScore]) -> Table:
    """Metrics (rows) × groups of clips (columns)."""
    gs = groups(scores)
    ts = [totals(g) for _, g in gs]
    rows = [(label, *(fn(t) for t in ts)) for label, fn in ROWS]
    rows += _upright_rows(ts)
    rows.append(("upright flag = per-frame label (frames)", *(pct(t.upright_agreement) for t in ts)))
    rows += _landmark_rows(ts)
    rows.append(("detection rate (frames)", *(pct(t.detection_rate, 1) for t in ts)))
    rows.append(("analysis time, s", *(f"{t.analysis_s:.0f}" for t in ts)))
    return Table(("metric", *(name for name, _ in gs)), tuple(rows))


def _expected_share(s: ClipScore) -> Figure:
    """Classified steps given the class the label expects (per pass where it says so)."""
    rows = len(s.confusion)
    classified = int(s.confusion[:, :rows].sum())
    right = int(np.trace(s.confusion[:, :rows]))
    return Figure(right / classified if classified else None, classified)


def _cadence(s: ClipScore) -> str:
    if s.cadence_spm != s.cadence_spm:
        return DASH
    if s.cadence_range_spm is None:
        return f"{s.cadence_spm:.0f}"
    lo, hi = s.cadence_range_spm
    return f"{s.cadence_spm:.0f} ({'in' if lo <= s.cadence_spm <= hi else 'outside'} {lo:.0f}-{hi:.0f})"


def _contacts(s: ClipScore, t: Totals) -> str:
    w1, w2 = dict(t.within)[1], dict(t.within)[2]
    if w1.value is None:
        return DASH
    mae = DASH if t.contact_mae_frames.value is None else f"{t.contact_mae_frames.value:.1f}"
    tol = s.contact_tolerance_frames
    own = "" if tol is None else f"; label's ±{tol}: {100 * s.within_tolerance / s.contacts_labelled:.0f} %"
    return f"{100 * w1.value:.0f} / {100 * w2.value:.0f} % ({w1.n}), {mae}{own}"


def shared_table(scores: Sequence[ClipScore]) -> Table:
    """One row per shared clip (as filmed and reversed)."""
    header = (
        "clip",
        "label states",
        "steps",
        "contacts ±1 / ±2 (labelled), MAE frames",
        "expected class of classified",
        "unknown",
        "same-foot repeats",
        "passes right",
        "glances (false/min)",
        "over-rot.",
        "upright share",
        "detected",
        "cadence /min",
        "view",
    )
    rows = []
    for s in (s for s in scores if s.kind == "shared"):
        t = totals([s])
        share = _expected_share(s) if s.confusion.sum() else Figure(None, 0)
        false = t.false_glances_per_min
        rows.append(
            (
                s.name,
                ", ".join(s.states) or DASH,
                str(s.steps_detected),
                _contacts(s, t),
                pct(share),
                pct(t.unknown_share),
                DASH if not s.steps_walking else f"{s.repeats} of {s.steps_walking}",
                DASH if not s.passes_scored else f"{s.passes_right} of {s.passes_scored}",
                f"{s.glances_detected}" + ("" if false.value is None else f" ({false.value:.1f})"),
                str(s.over_rotations),
                DASH if not s.upright_measured else f"{s.upright_frames / s.upright_measured:.2f}",
                pct(t.detection_rate),
                _cadence(s),
                s.view,
            )
        )
    return Table(header, tuple(rows))


def confusion_table(scores: Sequence[ClipScore], name: str) -> Table | None:
    """Labelled class (rows) × the coach's class (columns), summed over ``scores``."""
    conf = totals(scores).confusion
    if not conf.sum():
        return None
    rows = tuple((lab, *(str(int(v)) for v in conf[i])) for i, lab in enumerate(STRIKES) if conf[i].sum())
    return Table((f"{name}: labelled \\ coach", *PRED_STRIKES), rows)
