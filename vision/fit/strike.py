"""Fit the strike classifier's limits (:func:`vision.core.strike.classify_strike`) on the rendered corpus.

``python -m vision.fit.strike --corpus /work/corpus2 --cache /work/cache/eval --seeds 0:60
--out strike.json``

Runs the core on the clips' kept poses (the eval's pose cache; clips not cached are skipped,
the engine never runs here), matches every detected contact to the labelled contact of its foot
(the eval's matching) and keeps the contact's :class:`~vision.core.events.StrikeEvidence` with
the labelled class. The limits are then chosen by coordinate descent over the grids of
:data:`GRIDS` to minimise, averaged over the three labelled classes, the share of errors +
:data:`REJECT_COST` × the share called ``unknown`` (Chow's rule: a reject is worth less than an
error but is not free). The average over classes, not over contacts, keeps the corpus' mix of
strikes (more heel than flat) out of the limits: a walker's own mix is not the generator's.
The result has every limit, its score on the fit seeds, and the score of the limits the core
has now. Results and the choice made from them: docs/strike.md.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vision.fit.common import contact_events, fit_parser, match_times, write_fit

MATCH_S = 0.25
"""A detected contact further than this from every labelled one of its foot is not matched, s."""
REJECT_COST = 0.45
"""Cost of calling a contact ``unknown``, in errors (0: reject all doubt; 0.5: never reject).
Near 0.5 because the coach's budget of unknowns (≤ 15 % of steps, issue 12) is mostly spent
before this rule: 21 % of the fit seeds' contacts have no side-view evidence at all."""
ROUNDS = 4
"""Coordinate-descent passes over the limits."""
GRIDS: dict[str, tuple[str, tuple[float, ...]]] = {
    "strike_heel_min_deg": ("", tuple(np.round(np.arange(-6.0, 14.01, 0.5), 2))),
    "strike_forefoot_max_deg": ("", tuple(np.round(np.arange(-20.0, -1.99, 0.5), 2))),
    "strike_order_s": ("steps", (0.03, 0.05, 0.07, 0.1, 0.15, 1e9)),
    "near_flat_factor": ("steps", (0.0, 0.25, 0.5, 0.75, 1.0)),
    "strike_unknown_band_deg": ("steps", (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)),
}
"""Limit name → (config section, "" for :class:`CoachConfig` itself; values tried)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Sample:
    """One matched contact: its labelled class and the evidence the core had."""

    label: str
    angle_deg: float
    before_deg: float
    after_deg: float
    order_s: float
    clip: str


def collect(corpus: Path, cache: Path, seeds: range) -> list[Sample]:
    """The matched contacts with evidence of every cached rendered clip with a seed in ``seeds``."""
    from vision.evaluation.clips import find_clips
    from vision.evaluation.run import track_path

    out: list[Sample] = []
    for c in find_clips([corpus], seeds).clips:
        path = track_path(c.video, cache)
        if c.kind != "rendered" or not path.exists():
            continue
        found = contact_events(path)
        doc = json.loads(c.video.with_suffix(".json").read_text())
        labelled = [s for s in doc.get("steps") or () if s.get("contact_time_s") is not None]
        pairs = match_times(
            [(s["foot"], float(s["contact_time_s"])) for s in labelled],
            [(e.foot.value, e.time_s) for e in found],
            within_s=MATCH_S,
        )
        for p in pairs:
            ev = found[p.detected].evidence
            if ev is not None and labelled[p.label].get("strike") in ("heel", "flat", "forefoot"):
                out.append(
                    Sample(
                        label=labelled[p.label]["strike"],
                        angle_deg=ev.angle_deg,
                        before_deg=ev.before_deg,
                        after_deg=ev.after_deg,
                        order_s=ev.order_s,
                        clip=c.video.stem,
                    )
                )
    return out


def with_limits(limits: dict[str, float]):
    """A :class:`CoachConfig` with ``limits`` (names of :data:`GRIDS`) set."""
    from vision.core.config import CoachConfig

    cfg = CoachConfig()
    steps = dataclasses.replace(cfg.steps, **{k: v for k, v in limits.items() if GRIDS[k][0] == "steps"})
    top = {k: v for k, v in limits.items() if GRIDS[k][0] == ""}
    return dataclasses.replace(cfg, steps=steps, **top)


def current_limits() -> dict[str, float]:
    """The limits the core has now."""
    from vision.core.config import CoachConfig

    cfg = CoachConfig()
    return {k: float(getattr(cfg.steps if sec == "steps" else cfg, k)) for k, (sec, _) in GRIDS.items()}


def score(samples: Iterable[Sample], limits: dict[str, float]) -> dict[str, float]:
    """Accuracy of classified contacts, unknown share, the cost and the confusion counts."""
    from vision.core.strike import classify_strike

    cfg = with_limits(limits)
    conf: Counter[str] = Counter()
    for s in samples:
        got = classify_strike(s.angle_deg, s.order_s, cfg=cfg, before=s.before_deg, after=s.after_deg)
        conf[f"{s.label}->{got.value}"] += 1
    n = sum(conf.values())
    unknown = sum(v for k, v in conf.items() if k.endswith("->unknown"))
    right = sum(v for k, v in conf.items() if k.split("->")[0] == k.split("->")[1])
    per_class = []
    for label in {k.split("->")[0] for k in conf}:
        row = {k.split("->")[1]: v for k, v in conf.items() if k.startswith(f"{label}->")}
        total, rejected = sum(row.values()), row.get("unknown", 0)
        per_class.append((total - rejected - row.get(label, 0) + REJECT_COST * rejected) / total)
    return {
        "accuracy_classified": right / max(1, n - unknown),
        "unknown_share": unknown / max(1, n),
        "cost": float(np.mean(per_class)) if per_class else 0.0,
        "contacts": n,
        "confusion": dict(sorted(conf.items())),
    }


JOINT = ("strike_heel_min_deg", "strike_forefoot_max_deg")
"""Limits searched together, on their full 2-D grid (they trade the flat class between them)."""


def _moves(limits: dict[str, float]) -> list[list[dict[str, float]]]:
    """One coordinate-descent pass: the joint grid of :data:`JOINT`, then each other limit."""
    h_grid, f_grid = GRIDS[JOINT[0]][1], GRIDS[JOINT[1]][1]
    moves = [[{JOINT[0]: float(h), JOINT[1]: float(f)} for h in h_grid for f in f_grid if f < h]]
    moves += [[{name: float(v)} for v in grid] for name, (_, grid) in GRIDS.items() if name not in JOINT]
    return moves


def fit(samples: list[Sample]) -> dict[str, float]:
    """Coordinate descent from the current limits; a move must lower the cost (ties keep)."""
    limits = current_limits()
    cost = score(samples, limits)["cost"]
    for _ in range(ROUNDS):
        changed = False
        for options in _moves(limits):
            costs = [score(samples, {**limits, **o})["cost"] for o in options]
            j = int(np.argmin(costs))
            if costs[j] < cost - 1e-12:
                limits, cost, changed = {**limits, **options[j]}, costs[j], True
        if not changed:
            break
    return limits


def main(argv: list[str] | None = None) -> int:
    from vision.evaluation.clips import parse_seeds

    ap = fit_parser("python -m vision.fit.strike")
    ap.add_argument("--samples", type=Path, help="also write the matched contacts' evidence here")
    args = ap.parse_args(argv)
    samples = collect(args.corpus, args.cache, parse_seeds(args.seeds))
    if not samples:
        print("error: no cached rendered clips with matched side-view contacts", file=sys.stderr)
        return 2
    if args.samples:
        args.samples.write_text(json.dumps([dataclasses.asdict(s) for s in samples]) + "\n")
    now, limits = current_limits(), fit(samples)
    doc = {
        "limits": limits,
        "provenance": {
            "reject_cost": REJECT_COST,
            "labels": dict(Counter(s.label for s in samples)),
            "clips": len({s.clip for s in samples}),
            "fitted": score(samples, limits),
            "current": {"limits": now, **score(samples, now)},
        },
    }
    write_fit(args.out, doc, prog="python -m vision.fit.strike", argv=argv, seeds=args.seeds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
