"""A corpus of digital-human clips rendered in parallel, reproducible from the seeds.

Each seed gives one clip (:func:`vision.synth.human.clip.sample_clip`); a clip whose video and
labels both exist is skipped, so an interrupted run resumes. Worker processes are spawned (each
makes its own EGL context). ``corpus.json``, rewritten after every clip, records the seconds each
clip took.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, kw_only=True)
class ClipReport:
    seed: int
    name: str
    frames: int
    seconds: float
    skipped: bool
    error: str | None = None


def render_seed(seed: int, out_dir: str) -> ClipReport:
    """Render one seed's clip into ``out_dir`` (a worker task)."""
    from vision.synth.human.clip import render_clip, sample_clip

    spec = sample_clip(seed)
    out = Path(out_dir)
    if (out / f"{spec.name}.mp4").exists() and (out / f"{spec.name}.json").exists():
        return ClipReport(seed=seed, name=spec.name, frames=spec.num_frames, seconds=0.0, skipped=True)
    t0 = time.perf_counter()
    try:
        render_clip(spec, out)
    except Exception as exc:  # one bad seed must not stop the corpus; it is reported
        return ClipReport(
            seed=seed,
            name=spec.name,
            frames=spec.num_frames,
            seconds=time.perf_counter() - t0,
            skipped=False,
            error=f"{type(exc).__name__}: {exc}",
        )
    return ClipReport(
        seed=seed, name=spec.name, frames=spec.num_frames, seconds=time.perf_counter() - t0, skipped=False
    )


def _summary(seeds: range, jobs: int, wall_s: float, reports: list[ClipReport]) -> dict:
    done = [r for r in reports if not r.skipped and r.error is None]
    return {
        "seeds": [seeds.start, seeds.stop],
        "jobs": jobs,
        "wall_s": round(wall_s, 1),
        "finished": len(reports),
        "rendered": len(done),
        "skipped": sum(r.skipped for r in reports),
        "errors": sum(r.error is not None for r in reports),
        "mean_s_per_clip": round(sum(r.seconds for r in done) / max(len(done), 1), 2),
        "mean_ms_per_frame": round(
            1000 * sum(r.seconds for r in done) / max(sum(r.frames for r in done), 1), 1
        ),
        "clips": [asdict(r) for r in sorted(reports, key=lambda r: r.seed)],
    }


def render_corpus(seeds: range, out_dir: Path, *, jobs: int = 2, log=print) -> list[ClipReport]:
    """Render every seed with ``jobs`` worker processes; ``out_dir/corpus.json`` after each clip."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    reports: list[ClipReport] = []
    with ProcessPoolExecutor(max_workers=max(jobs, 1), mp_context=mp.get_context("spawn")) as pool:
        futures = {pool.submit(render_seed, s, str(out_dir)): s for s in seeds}
        for fut in as_completed(futures):
            r = fut.result()
            reports.append(r)
            state = "skip" if r.skipped else ("ERROR " + str(r.error) if r.error else "ok")
            log(
                f"[{len(reports)}/{len(futures)}] {r.name}: {r.frames} frames, {r.seconds:.1f} s {state}",
                flush=True,
            )
            summary = _summary(seeds, jobs, time.perf_counter() - t0, reports)
            (out_dir / "corpus.json").write_text(json.dumps(summary, indent=1))
    return sorted(reports, key=lambda r: r.seed)
