"""The targets of issues 11 and 12 ("done means"), each checked against this run's numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import KW_ONLY, dataclass

from vision.evaluation.metrics import ClipScore
from vision.evaluation.table import DASH, Table
from vision.evaluation.totals import Figure, Totals, totals


@dataclass(frozen=True, slots=True)
class Target:
    """``value(totals)`` of the clips ``pick`` selects must be ``at_least`` or ``at_most`` its limit."""

    what: str
    pick: Callable[[ClipScore], bool]
    value: Callable[[Totals], Figure]
    _: KW_ONLY
    at_least: float | None = None
    at_most: float | None = None
    percent: bool = True
    show_n: bool = True
    """Show the count the value rests on (False for values that are themselves counts)."""

    def __post_init__(self) -> None:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError(f"target {self.what!r}: give exactly one of at_least and at_most")

    @property
    def limit(self) -> float:
        """The bound, whichever side it is on."""
        return self.at_least if self.at_least is not None else float(self.at_most or 0.0)


def _shared(s: ClipScore) -> bool:
    return s.kind == "shared"


def _rendered(s: ClipScore) -> bool:
    return s.kind == "rendered"


def _landmark_pct(t: Totals, group: str) -> Figure:
    e = t.landmarks.get(group)
    return Figure(None, 0) if e is None else e.median_pct_height


def _none_on_shared(what: str, count: Callable[[Totals], int]) -> Target:
    """A count over the shared clips that must be zero."""
    return Target(what, _shared, lambda t: Figure(float(count(t)), 1), at_most=0, percent=False, show_n=False)


TARGETS: tuple[Target, ...] = (
    Target("shared: labelled contacts within ±2 frames", _shared, lambda t: dict(t.within)[2], at_least=1.0),
    Target(
        "shared, filmed: classified steps of the labelled class (heel forward)",
        lambda s: _shared(s) and not s.reversed,
        lambda t: t.strike_accuracy,
        at_least=0.90,
    ),
    Target(
        "shared, reversed: classified steps of the labelled class (forefoot backward)",
        lambda s: _shared(s) and s.reversed,
        lambda t: t.strike_accuracy,
        at_least=0.95,
    ),
    Target("shared: unknown strike share", _shared, lambda t: t.unknown_share, at_most=0.15),
    _none_on_shared("shared: same-foot repeats while walking", lambda t: t.repeats),
    _none_on_shared("shared: glances", lambda t: t.glances_detected),
    _none_on_shared("shared: over-rotations", lambda t: t.over_rotations),
    Target(
        "gym_walk_turn and reversed: passes with the right direction",
        lambda s: s.name.startswith("gym_walk_turn"),
        lambda t: t.pass_direction,
        at_least=1.0,
    ),
    Target(
        "rendered: contacts while walking within ±1 frame",
        _rendered,
        lambda t: dict(t.within_walking)[1],
        at_least=0.9,
    ),
    Target(
        "rendered: strike class of classified steps", _rendered, lambda t: t.strike_accuracy, at_least=0.95
    ),
    Target("rendered: glances ≥ 30° held ≥ 0.3 s found", _rendered, lambda t: t.glance_recall, at_least=0.95),
    Target(
        "rendered: false glances per minute",
        _rendered,
        lambda t: t.false_glances_per_min,
        at_most=1.0,
        percent=False,
    ),
    Target(
        "rendered: median peak-yaw error, °",
        _rendered,
        lambda t: t.yaw_error_deg,
        at_most=10.0,
        percent=False,
    ),
    Target(
        "rendered: upright share of slouching clips",
        _rendered,
        lambda t: t.upright_share.get("slouching", Figure(None, 0)),
        at_most=0.2,
    ),
    Target(
        "rendered: upright share of upright clips",
        _rendered,
        lambda t: t.upright_share.get("upright", Figure(None, 0)),
        at_least=0.9,
    ),
    Target("rendered: detection rate (issue 11)", _rendered, lambda t: t.detection_rate, at_least=0.98),
    *(
        Target(
            f"rendered: median {g} error, % of body height (issue 11)",
            _rendered,
            lambda t, g=g: _landmark_pct(t, g),
            at_most=2.0,
            percent=False,
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
        at_least = tg.at_least is not None
        limit = ("≥ " if at_least else "≤ ") + _fmt(tg.limit, tg.percent)
        if fig.value is None:
            rows.append((tg.what, limit, DASH, "not measured"))
            continue
        ok = fig.value >= tg.limit - 1e-12 if at_least else fig.value <= tg.limit + 1e-12
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
