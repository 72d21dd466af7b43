"""Run the coach on labelled clips (in parallel) and score each: the eval's driver.

Each clip is analysed through the adapter (``run.analyze_clip``, cached); a time-reversed clip
is first made from its source (``reversal.reversed_video``, cached). A clip the analysis
rejects (unreadable, nobody found) is kept as a failure with its message, out of the totals.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from vision.core import CoachConfig
from vision.evaluation.config import EvalConfig
from vision.evaluation.labels import ClipLabels
from vision.evaluation.metrics import ClipScore, score_clip


@dataclass(frozen=True)
class Outcome:
    """One clip's score, or why it has none; ``cached``: the analysis came from the cache."""

    labels_name: str
    score: ClipScore | None
    error: str | None
    cached: bool


def default_cache_dir() -> Path:
    """``$RETROWALK_CACHE/eval`` or ``~/.cache/retrowalk/eval``."""
    root = os.environ.get("RETROWALK_CACHE")
    return Path(root) / "eval" if root else Path.home() / ".cache" / "retrowalk" / "eval"


def evaluate_clip(
    labels: ClipLabels,
    cache_dir: Path | None,
    threads: int,
    cfg: EvalConfig,
    coach: CoachConfig | None = None,
) -> Outcome:
    """Analyse and score one clip (the core tuned by ``coach``)."""
    from vision.analysis.pipeline import AnalysisError
    from vision.evaluation.reversal import reversed_video
    from vision.evaluation.run import analyze_clip
    from vision.video import VideoError

    try:
        video = labels.video
        if labels.reversed:
            video = reversed_video(
                video, cache_dir or Path(os.environ.get("TMPDIR", "/tmp")) / "retrowalk-eval"
            )
        pred, cached = analyze_clip(video, cache_dir, threads=threads, config=coach)
    except (VideoError, AnalysisError) as exc:
        return Outcome(labels.name, None, str(exc), False)
    return Outcome(labels.name, score_clip(labels, pred, cfg), None, cached)


def poses_kept(labels: ClipLabels, cache_dir: Path, threads: int = 1) -> bool:
    """True when the engine's poses of the clip (or of its reversed copy) are in the cache."""
    from vision.evaluation.run import track_path

    video = kept_video(labels, cache_dir)
    if not video.exists():
        return False
    return track_path(video, cache_dir, threads=threads).exists()


def kept_video(labels: ClipLabels, cache_dir: Path) -> Path:
    """The video the clip's poses are kept for: the source, or its reversed copy in the cache."""
    from vision.evaluation.reversal import reversed_path

    return reversed_path(labels.video, cache_dir) if labels.reversed else labels.video


def evaluate(
    clips: tuple[ClipLabels, ...],
    *,
    cache_dir: Path | None,
    jobs: int = 1,
    threads: int = 1,
    cfg: EvalConfig | None = None,
    coach: CoachConfig | None = None,
    on_done=None,
) -> list[Outcome]:
    """Outcomes in the order of ``clips``; ``jobs`` processes of ``threads`` onnxruntime threads
    (the same default whatever ``jobs``, so that the table does not depend on it);
    ``coach``: the core's tuning (default: as shipped); ``on_done(outcome)`` is called as each
    finishes."""
    cfg = cfg or EvalConfig()
    jobs = max(1, min(jobs, len(clips) or 1))
    if jobs == 1:
        out = []
        for c in clips:
            out.append(evaluate_clip(c, cache_dir, threads, cfg, coach))
            if on_done:
                on_done(out[-1])
        return out
    with ProcessPoolExecutor(jobs, mp_context=mp.get_context("spawn")) as pool:
        futures = [pool.submit(evaluate_clip, c, cache_dir, threads, cfg, coach) for c in clips]
        out = []
        for f in futures:
            out.append(f.result())
            if on_done:
                on_done(out[-1])
        return out
