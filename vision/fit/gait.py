"""Choose ``GaitTuning.repeat_stride_frac`` on the rendered corpus.

``python -m vision.fit.gait --corpus /work/corpus --cache /work/cache/eval --seeds 0:110
--out gait.json``

While walking, a contact of the same foot as the previous one sooner than this share of the
median stride is not a step (:func:`vision.core.gait.table.resolve_repeats`). Each value of
:data:`CANDIDATES` runs the core again on the clips' kept poses (the eval's pose cache; clips not
cached are skipped, the engine never runs here) and is scored with the eval's own matching: the
share of labelled walking contacts detected within ±2 frames, and the share of detected walking
steps that repeat a foot. The chosen value maximises :func:`objective`; every candidate's
numbers are written with the provenance, so the choice can be checked on other seeds.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path

from vision.fit.common import fit_parser, write_fit

CANDIDATES = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
"""Shares of the median stride tried (a real stride with the other foot's contact missed is
about 1.0, so values near it would drop real steps)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Outcome:
    """The scores of one candidate on the fit seeds."""

    value: float
    within2: float
    """Share of labelled walking contacts with a detected one within ±2 frames."""
    repeats: float
    """Share of detected walking steps whose foot repeats the previous step's."""
    contacts: int
    steps: int


def objective(o: Outcome) -> float:
    """What the fit maximises: contacts found within ±2 frames, less the same-foot repeats (one
    repeat costs as much as one missed contact)."""
    return o.within2 - o.repeats


NOISE = 0.002
"""Objectives closer than this to the best (2 contacts in 1,000) are as good: the difference
is noise of the corpus, not a better limit."""


def choose(outcomes: list[Outcome]) -> Outcome:
    """Of the candidates within :data:`NOISE` of the best :func:`objective`, the one nearest the
    middle of :data:`CANDIDATES` (the least extreme)."""
    mid = 0.5 * (CANDIDATES[0] + CANDIDATES[-1])
    top = max(objective(o) for o in outcomes)
    good = [o for o in outcomes if objective(o) >= top - NOISE]
    return min(good, key=lambda o: abs(o.value - mid))


def score(corpus: Path, cache: Path, seeds: range, value: float) -> Outcome:
    """Run the core with ``repeat_stride_frac = value`` on every cached clip of ``seeds``."""
    from vision.core.config import CoachConfig
    from vision.evaluation.clips import find_clips
    from vision.evaluation.metrics import score_clip
    from vision.evaluation.poses import PoseTrack, predict_from_track
    from vision.evaluation.run import track_path
    from vision.evaluation.totals import totals

    base = CoachConfig()
    cfg = dataclasses.replace(base, gait=dataclasses.replace(base.gait, repeat_stride_frac=value))
    scores = []
    for c in find_clips([corpus], seeds).clips:
        path = track_path(c.video, cache)
        if c.kind == "rendered" and path.exists():
            scores.append(score_clip(c, predict_from_track(PoseTrack.load(path), cfg)))
    t = totals(scores)
    within2 = dict(t.within_walking)[2]
    return Outcome(
        value=value,
        within2=within2.value or 0.0,
        repeats=t.repeat_share.value or 0.0,
        contacts=within2.n,
        steps=t.repeat_share.n,
    )


def main(argv: list[str] | None = None) -> int:
    from vision.evaluation.clips import parse_seeds

    args = fit_parser("python -m vision.fit.gait").parse_args(argv)
    outcomes = [score(args.corpus, args.cache, parse_seeds(args.seeds), v) for v in CANDIDATES]
    if not outcomes[0].contacts:
        print("error: no cached rendered clips with walking contacts", file=sys.stderr)
        return 2
    best = choose(outcomes)
    doc = {
        "repeat_stride_frac": best.value,
        "candidates": [dataclasses.asdict(o) | {"objective": round(objective(o), 4)} for o in outcomes],
    }
    write_fit(args.out, doc, prog="python -m vision.fit.gait", argv=argv, seeds=args.seeds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
