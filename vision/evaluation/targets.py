"""The targets of issues 11 and 12 ("done means"), each checked against this run's numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from vision.evaluation.metrics import ClipScore
from vision.evaluation.table import DASH, Table
from vision.evaluation.totals import Figure, Totals, totals


@dataclass(frozen=True, slots=True)
class Target:
    """``value(totals)`` of the clips ``pick`` selects must be ``at_least`` (or at most) ``limit``."""

    what: str
    pick: Callable[[ClipScore], bool]
    value: Callable[[Totals], Figure]
    limit: float
    at_least: bool
    percent: bool = True
    show_n: bool = True
    """Show the count the value rests on (False for values that are themselves counts)."""


def _shared(s: ClipScore) -> bool:
    return s.kind == "shared"


def _landmark_pct(t: Totals, group: str) -> Figure:
    e = t.landmarks.get(group)
    return Figure(None, 0) if e is None else e.median_pct_height


def _count(n: int) -> Figure:
    return Figure(float(n), 1)


TARGETS: tuple[Target, ...] = (
    Target("shared: labelled contacts within ±2 frames", _shared, lambda t: dict(t.within)[2], 1.0, True),
    Target(
        "shared, filmed: classified steps heel",
        lambda s: _shared(s) and not s.reversed,
        lambda t: t.strike_accuracy,
        0.90,
        True,
    ),
    Target(
        "shared, reversed: classified steps forefoot",
        lambda s: _shared(s) and s.reversed,
        lambda t: t.strike_accuracy,
        0.95,
        True,
    ),
    Target("shared: unknown strike share", _shared, lambda t: t.unknown_share, 0.15, False),
    Target(
        "shared: same-foot repeats while walking",
        _shared,
        lambda t: _count(t.repeats),
        0,
        False,
        False,
        False,
    ),
    Target("shared: glances", _shared, lambda t: _count(t.glances_detected), 0, False, False, False),
    Target("shared: over-rotations", _shared, lambda t: _count(t.over_rotations), 0, False, False, False),
    Target(
        "gym_walk_turn and reversed: passes with the right direction",
        lambda s: s.name.startswith("gym_walk_turn"),
        lambda t: t.pass_direction,
        1.0,
        True,
    ),
    Target(
        "rendered: contacts while walking within ±1 frame",
        lambda s: s.kind == "rendered",
        lambda t: dict(t.within_walking)[1],
        0.9,
        True,
    ),
    Target(
        "rendered: strike class of classified steps",
        lambda s: s.kind == "rendered",
        lambda t: t.strike_accuracy,
        0.95,
        True,
    ),
    Target(
        "rendered: glances ≥ 30° held ≥ 0.3 s found",
        lambda s: s.kind == "rendered",
        lambda t: t.glance_recall,
        0.95,
        True,
    ),
    Target(
        "rendered: false glances per minute",
        lambda s: s.kind == "rendered",
        lambda t: t.false_glances_per_min,
        1.0,
        False,
        False,
    ),
    Target(
        "rendered: median peak-yaw error, °",
        lambda s: s.kind == "rendered",
        lambda t: t.yaw_error_deg,
        10.0,
        False,
        False,
    ),
    Target(
        "rendered: upright share of slouching clips",
        lambda s: s.kind == "rendered",
        lambda t: t.upright_share.get("slouching", Figure(None, 0)),
        0.2,
        False,
    ),
    Target(
        "rendered: upright share of upright clips",
        lambda s: s.kind == "rendered",
        lambda t: t.upright_share.get("upright", Figure(None, 0)),
        0.9,
        True,
    ),
    Target(
        "rendered: detection rate (issue 11)",
        lambda s: s.kind == "rendered",
        lambda t: t.detection_rate,
        0.98,
        True,
    ),
    *(
        Target(
            f"rendered: median {g} error, % of body height (issue 11)",
            lambda s: s.kind == "rendered",
            lambda t, g=g: _landmark_pct(t, g),
            2.0,
            False,
            False,
        )
        for g in ("ankles", "heels", "toes")
    ),
)


def _fmt(v: float, percent: bool) -> str:
    return f"{100 * v:.0f} %" if percent else f"{v:g}"


def targets_table(scores: Sequence[ClipScore]) -> Table:
    """Target, limit, measured value (and its count), met or not."""
    rows = []
    for tg in TARGETS:
        sub = [s for s in scores if tg.pick(s)]
        fig = tg.value(totals(sub)) if sub else Figure(None, 0)
        limit = ("≥ " if tg.at_least else "≤ ") + _fmt(tg.limit, tg.percent)
        if fig.value is None:
            rows.append((tg.what, limit, DASH, "not measured"))
            continue
        ok = fig.value >= tg.limit - 1e-12 if tg.at_least else fig.value <= tg.limit + 1e-12
        shown = _fmt(fig.value, tg.percent) if tg.percent else f"{fig.value:.1f}".removesuffix(".0")
        rows.append(
            (
                tg.what,
                limit,
                f"{shown} ({fig.n})" if tg.show_n else shown,
                "met" if ok else "not met",
            )
        )
    return Table(("target (issue 11 realism, issue 12)", "limit", "measured", ""), tuple(rows))
