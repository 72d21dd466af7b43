"""What every fit script shares: its command line (corpus, pose cache, seeds, output) and provenance."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path


def fit_parser(prog: str) -> argparse.ArgumentParser:
    """The arguments of ``python -m vision.fit.<name>``: --corpus, --cache, --seeds, --out."""
    ap = argparse.ArgumentParser(prog=prog)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--cache", type=Path, required=True, help="the eval's cache folder (poses/ inside)")
    ap.add_argument("--seeds", default="0:110")
    ap.add_argument("--out", type=Path, required=True)
    return ap


def git_commit() -> str:
    """The checkout's short commit (``unknown`` outside git)."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def utc_now() -> str:
    """The date and time for a provenance record."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def write_fit(out: Path, doc: dict, *, prog: str, argv: list[str] | None, seeds: str) -> None:
    """Write (and print) a fit's result ``doc`` with its provenance: seeds, date, commit, command."""
    prov = doc.setdefault("provenance", {})
    prov.update(
        seeds=seeds, date=utc_now(), commit=git_commit(), command=f"{prog} " + " ".join(argv or sys.argv[1:])
    )
    out.write_text(json.dumps(doc, indent=2) + "\n")
    print(json.dumps(doc, indent=2))


def contact_events(track: Path, core=None) -> list:
    """The contact :class:`~vision.core.events.StepEvent` s a :class:`CoachSession` (its core
    tuned by ``core``, a ``CoachConfig`` or None) makes of the eval's kept poses at ``track``."""
    from vision.core.events import StepEvent
    from vision.evaluation.poses import PoseTrack
    from vision.session.coach import CoachSession, CoachSettings

    session = CoachSession(CoachSettings(core=core))
    return [
        e
        for pose, scale in PoseTrack.load(track).frames()
        for e in session.feed(pose, to_video_scale=scale).events
        if isinstance(e, StepEvent) and e.kind == "contact"
    ]


def match_times(
    labelled: list[tuple[str, float]], detected: list[tuple[str, float]], *, within_s: float
) -> list:
    """The eval's one-to-one contact matching (closest first) on (foot, time s) pairs, in whole
    milliseconds; returns its pairs (``label``, ``detected`` indices)."""
    from vision.evaluation.matching import match_contacts

    ms = 1000.0
    return match_contacts(
        [(f, round(t * ms)) for f, t in labelled],
        [(f, round(t * ms)) for f, t in detected],
        round(within_s * ms),
    )
