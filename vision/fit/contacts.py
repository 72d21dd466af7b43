"""Measure the contact delay: how much later than the fitted rest time the sole first touches the floor.

``python -m vision.fit.contacts --corpus /work/corpus --cache /work/cache/eval --seeds 0:110
--out contacts.json``

The core does not read the result: ``StepTuning.contact_delay_s`` stays 0 because the shared
real clips did not confirm it (see its docstring).

Reads the engine's poses of each clip from the eval's pose cache (clips not cached are skipped:
the engine never runs here), runs the core on them with no delay and matches each detected
contact to the labelled contact of the same foot within ``MATCH_S``. Only contacts while walking
count (in a walk segment, outside turns). The delay is the median of label time − detected
time: the constant shift with the least absolute timing error. The per-frame-rate medians are
written too, to show that the shift is one of time, not of frames.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

from vision.fit.common import contact_events, fit_parser, match_times, write_fit

MATCH_S = 0.25
"""A detected contact further than this from every labelled one of its foot is not matched, s."""


def _walking(doc: dict) -> np.ndarray:
    """(frame_count,) bool: the frame is in a walk segment."""
    walk = np.zeros(int(doc["frame_count"]), dtype=bool)
    for s in doc.get("segments") or ():
        if s.get("activity") == "walk":
            walk[int(s["start_frame"]) : int(s["end_frame"]) + 1] = True
    return walk


def residuals(doc: dict, contacts: list[tuple[str, float]]) -> list[float]:
    """Label − detected contact time (s) of the walking contacts matched one to one, closest first.

    ``contacts``: (foot, time_s) of the detected contacts."""
    walk = _walking(doc)
    labelled = [
        (s["foot"], float(s["contact_time_s"]))
        for s in doc.get("steps") or ()
        if s.get("contact_time_s") is not None and walk[min(int(s["contact_frame"]), walk.size - 1)]
    ]
    pairs = match_times(labelled, contacts, within_s=MATCH_S)
    return [labelled[p.label][1] - contacts[p.detected][1] for p in pairs]


def collect(corpus: Path, cache: Path, seeds: range) -> dict[float, list[float]]:
    """Residuals per frame rate of every cached rendered clip with a seed in ``seeds``."""
    from vision.core.config import CoachConfig
    from vision.evaluation.clips import find_clips
    from vision.evaluation.run import track_path

    base = CoachConfig()
    core = dataclasses.replace(base, steps=dataclasses.replace(base.steps, contact_delay_s=0.0))
    out: dict[float, list[float]] = {}
    for c in find_clips([corpus], seeds).clips:
        path = track_path(c.video, cache)
        if c.kind != "rendered" or not path.exists():
            continue
        contacts = [(e.foot.value, e.time_s) for e in contact_events(path, core)]
        doc = json.loads(c.video.with_suffix(".json").read_text())
        out.setdefault(float(doc["fps"]), []).extend(residuals(doc, contacts))
    return out


def main(argv: list[str] | None = None) -> int:
    from vision.evaluation.clips import parse_seeds

    args = fit_parser("python -m vision.fit.contacts").parse_args(argv)
    per_fps = collect(args.corpus, args.cache, parse_seeds(args.seeds))
    every = np.array([r for rs in per_fps.values() for r in rs])
    if not every.size:
        print("error: no cached rendered clips with walking contacts", file=sys.stderr)
        return 2
    doc = {
        "contact_delay_s": round(float(np.median(every)), 4),
        "provenance": {
            "contacts": int(every.size),
            "median_by_fps_s": {f"{f:g}": round(float(np.median(v)), 4) for f, v in sorted(per_fps.items())},
            "contacts_by_fps": {f"{f:g}": len(v) for f, v in sorted(per_fps.items())},
            "mad_s": round(float(np.median(np.abs(every - np.median(every)))), 4),
        },
    }
    write_fit(args.out, doc, prog="python -m vision.fit.contacts", argv=argv, seeds=args.seeds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
