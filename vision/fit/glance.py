"""Fit the glance rule's limits (start yaw, shortest glance) on labelled rendered clips.

``python -m vision.fit.glance --corpus /work/corpus23 --cache /work/cache/eval --seeds 0:60
--test-corpus /work/corpus23h --test-seeds 110:201 --shared ../shared/videos
--out glance_fit.json``

The core does not read the result: fitted on generator 2.3's seeds 0:60 the best pair (31°,
0.3 s) lost more recall than it saved false glances on seeds 110:201 (docs/glances.md), so
``CoachConfig`` keeps its limits.

For every pair on the grid (``glance_on_yaw_deg`` × ``glance_min_duration_s``, the end yaw
``GLANCE_OFF_GAP_DEG`` below the start), the core runs on the eval's kept poses of each clip of
``--seeds`` whose label states its glances, and its glances are scored as ``retrowalk eval``
scores them (one-to-one by overlap; a labelled glance counts when it reaches 30° and is held
0.3 s). The pair kept has the best F1 of precision (detected glances matching a labelled one)
and recall (counting glances found); it is then scored on ``--test-seeds`` and on the shared
real clips and their reversed copies, where nobody glances (every glance there is false). Clips
whose poses are not cached are skipped: the engine never runs here.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vision.fit.common import fit_parser, write_fit

ON_GRID_DEG = (22.0, 25.0, 28.0, 31.0, 34.0)
"""Candidate start yaws, degrees."""
MIN_S_GRID = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
"""Candidate shortest glances, seconds."""
GLANCE_OFF_GAP_DEG = 10.0
"""The glance ends this far below its start yaw (hysteresis), degrees."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Clip:
    """One clip's labels and the kept poses' frames (pose, scale to the video)."""

    labels: object
    frames: tuple


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """Glance scores of one parameter pair over a set of clips."""

    on_deg: float
    min_s: float
    found: int
    labelled: int
    matched: int
    detected: int
    minutes: float
    yaw_error_deg: float

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else float("nan")

    @property
    def precision(self) -> float:
        return self.matched / self.detected if self.detected else float("nan")

    @property
    def false_per_min(self) -> float:
        return (self.detected - self.matched) / self.minutes if self.minutes else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p == p and r == r and p + r > 0 else 0.0

    def row(self) -> dict:
        return {
            "glance_on_yaw_deg": self.on_deg,
            "glance_min_duration_s": self.min_s,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "false_per_min": round(self.false_per_min, 3),
            "f1": round(self.f1, 4),
            "median_peak_yaw_error_deg": round(self.yaw_error_deg, 2),
            "glances_detected": self.detected,
            "glances_labelled": self.labelled,
        }


def load_clips(paths: Sequence[Path], cache: Path, seeds: range | None, *, stated_only: bool) -> list[Clip]:
    """The clips in ``paths`` whose poses are kept in ``cache`` (with glances stated, if asked)."""
    from vision.evaluation.clips import find_clips
    from vision.evaluation.evaluate import kept_video
    from vision.evaluation.poses import PoseTrack
    from vision.evaluation.run import track_path

    out = []
    for c in find_clips(list(paths), seeds).clips:
        video = kept_video(c, cache)
        if not video.exists() or (stated_only and c.glances is None):
            continue
        path = track_path(video, cache)
        if not path.exists():
            continue
        out.append(Clip(labels=c, frames=tuple(PoseTrack.load(path).frames())))
    return out


def glances_of(clip: Clip, core) -> list:
    """The core's glances (``PredGlance``) on the clip's poses, tuned by ``core``."""
    from vision.core.events import GlanceEvent
    from vision.evaluation.run import PredGlance
    from vision.session.coach import CoachSession, CoachSettings

    session = CoachSession(CoachSettings(core=core))
    events = [e for pose, scale in clip.frames for e in session.feed(pose, to_video_scale=scale).events]
    return [
        PredGlance(e.start_frame, e.end_frame, e.peak_yaw_deg, e.side, e.over_rotation)
        for e in events
        if isinstance(e, GlanceEvent)
    ]


def score(clips: Sequence[Clip], on_deg: float, min_s: float) -> Score:
    """The eval's glance scores of the pair (``on_deg``, ``min_s``) over ``clips``."""
    from vision.evaluation.metrics import score_glances

    core = _tuned(on_deg, min_s)
    scores = [score_glances(c.labels, glances_of(c, core)) for c in clips]
    errors = [e for s in scores for e in s.yaw_errors]
    return Score(
        on_deg=on_deg,
        min_s=min_s,
        found=sum(s.glances_found for s in scores),
        labelled=sum(s.glances_labelled for s in scores),
        matched=sum(s.glances_detected - s.glances_false for s in scores),
        detected=sum(s.glances_detected for s in scores),
        minutes=sum(c.labels.duration_min for c in clips),
        yaw_error_deg=float(np.median(errors)) if errors else float("nan"),
    )


def main(argv: list[str] | None = None) -> int:
    from vision.core.config import CoachConfig
    from vision.evaluation.clips import parse_seeds

    ap = fit_parser("python -m vision.fit.glance")
    ap.add_argument("--test-corpus", type=Path)
    ap.add_argument("--test-seeds", default="110:201")
    ap.add_argument("--shared", type=Path)
    args = ap.parse_args(argv)
    fit_clips = load_clips([args.corpus], args.cache, parse_seeds(args.seeds), stated_only=True)
    if not fit_clips:
        print("error: no cached rendered clips with glance labels", file=sys.stderr)
        return 2
    grid = [score(fit_clips, on, m) for on in ON_GRID_DEG for m in MIN_S_GRID]
    best = max(grid, key=lambda s: s.f1)
    now = CoachConfig()
    pairs = {
        "fitted": (best.on_deg, best.min_s),
        "before": (now.glance_on_yaw_deg, now.glance_min_duration_s),
    }
    doc: dict = {
        "limits": {
            "glance_on_yaw_deg": best.on_deg,
            "glance_off_yaw_deg": best.on_deg - GLANCE_OFF_GAP_DEG,
            "glance_min_duration_s": best.min_s,
        },
        "provenance": {"clips": len(fit_clips), "grid": [s.row() for s in grid]},
    }
    if args.test_corpus:
        test = load_clips([args.test_corpus], args.cache, parse_seeds(args.test_seeds), stated_only=True)
        doc["provenance"]["test"] = {k: score(test, *p).row() for k, p in pairs.items()}
        doc["provenance"]["test"]["clips"], doc["provenance"]["test_seeds"] = len(test), args.test_seeds
    if args.shared:
        shared = load_clips([args.shared], args.cache, None, stated_only=False)
        doc["provenance"]["shared_glances"] = {
            k: {c.labels.name: len(glances_of(c, _tuned(*p))) for c in shared} for k, p in pairs.items()
        }
    write_fit(args.out, doc, prog="python -m vision.fit.glance", argv=argv, seeds=args.seeds)
    return 0


def _tuned(on_deg: float, min_s: float):
    from vision.core.config import CoachConfig

    return dataclasses.replace(
        CoachConfig(),
        glance_on_yaw_deg=on_deg,
        glance_off_yaw_deg=on_deg - GLANCE_OFF_GAP_DEG,
        glance_min_duration_s=min_s,
    )


if __name__ == "__main__":
    raise SystemExit(main())
