"""Throughput of Ray batches here: clips per minute with 1 and 2 Ray workers, and the cost of
going through Ray for one clip (scheduling, object store, results back) against a direct call.

``python -m vision.bench.cluster [--clips N] [--frames F] [--clip PATH]``. The clip is the
bundled sample (or ``--clip``), its first ``F`` frames; every analysis runs its engine on one
thread, as a batch task does. Ray's start and each worker's first clip (process start, model
load) are timed apart from the steady state. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from vision.bundled import sample_clip
from vision.cluster.address import ClusterTarget
from vision.cluster.batch import remote_clip_task
from vision.cluster.config import ClusterConfig
from vision.cluster.runtime import ray_session
from vision.cluster.tasks import run_clip

SAMPLE = sample_clip()


@dataclass(frozen=True, slots=True)
class RayRun:
    """One embedded Ray with ``workers`` CPUs: start, warm-up and steady-state times (seconds)."""

    workers: int
    start_s: float
    warmup_s: float
    batch_s: float
    clips: int
    task_s: float
    """Sum of the tasks' own times in the batch (on the workers)."""
    round_trip_s: float
    """One clip alone, submit to result back, on a warm worker."""
    round_trip_task_s: float
    """That clip's own time on the worker."""
    result_mb: float
    """Bytes of that clip's result files, in MB."""

    @property
    def gap_s(self) -> float:
        """Per clip, the batch's time not spent inside a task (scheduling, transfers), per worker."""
        return (self.batch_s * self.workers - self.task_s) / self.clips

    @property
    def clips_per_min(self) -> float:
        return 60.0 * self.clips / self.batch_s


def _clip(source: Path, frames: int, folder: Path) -> Path:
    from vision.analysis.h264 import H264Writer
    from vision.video import iter_video, probe_video

    fps = probe_video(source).fps or 30.0
    out = folder / source.name
    images = [f.image for f in iter_video(source) if f.index < frames]
    with H264Writer(out, (images[0].shape[1], images[0].shape[0]), fps) as w:
        for i, image in enumerate(images):
            w.write(image, i / fps)
    return out


def direct_times(clip: Path, repeats: int) -> list[float]:
    """Seconds per ``run_clip`` in this process (the task's own work, without Ray)."""
    data = clip.read_bytes()
    times = []
    for _ in range(repeats + 1):  # the first one loads the models: not counted
        t0 = time.perf_counter()
        outcome = run_clip(data, name=clip.name, shown_as=str(clip), options={"threads": 1})
        times.append(time.perf_counter() - t0)
        assert outcome.ok, outcome.message
    return times[1:]


def ray_run(clip: Path, *, workers: int, clips: int, config: ClusterConfig) -> RayRun:
    """``clips`` copies of ``clip`` on an embedded Ray with ``workers`` CPUs."""
    t0 = time.perf_counter()
    with ray_session(ClusterTarget(None), num_cpus=workers, config=config) as ray:
        task = remote_clip_task(ray, config)
        start = time.perf_counter() - t0
        ref = ray.put(clip.read_bytes())
        opts = {"threads": 1}
        t1 = time.perf_counter()
        warm = [task.remote(ref, clip.name, str(clip), opts) for _ in range(workers)]  # one per worker
        assert all(o.ok for o in ray.get(warm))
        warmup = time.perf_counter() - t1
        t2 = time.perf_counter()
        outs = ray.get([task.remote(ref, clip.name, str(clip), opts) for _ in range(clips)])
        batch = time.perf_counter() - t2
        assert all(o.ok for o in outs)
        t3 = time.perf_counter()
        alone = ray.get(task.remote(ray.put(clip.read_bytes()), clip.name, str(clip), opts))
        trip = time.perf_counter() - t3
    size = sum(len(b) for b in alone.files.values()) / 1e6
    return RayRun(
        workers, start, warmup, batch, clips, sum(o.seconds for o in outs), trip, alone.seconds, size
    )


def report(direct: list[float], runs: list[RayRun], *, frames: int, load: float) -> str:
    """The Markdown table; ``load``: the machine's 1-minute load average at the end."""
    d = statistics.median(direct)
    one = next(r for r in runs if r.workers == 1)
    lines = [
        f"clip: {frames} frames of the bundled sample; engine on 1 thread per clip; "
        f"{os.cpu_count()} cores, load average {load:.1f} at the end",
        "",
        "| run | clips | seconds | clips / min | s per clip |",
        "|---|---:|---:|---:|---:|",
        f"| direct call (no Ray), median of {len(direct)} | 1 | {d:.2f} | {60 / d:.1f} | {d:.2f} |",
    ]
    for r in runs:
        lines.append(
            f"| Ray, {r.workers} worker{'s' if r.workers > 1 else ''} | {r.clips} | {r.batch_s:.2f} "
            f"| {r.clips_per_min:.1f} | {r.batch_s / r.clips:.2f} |"
        )
    lines += [
        "",
        f"- Ray overhead per clip, one clip alone (put, schedule, run, {one.result_mb:.1f} MB of results "
        f"back) minus its time inside the task: {one.round_trip_s - one.round_trip_task_s:.3f} s "
        f"({one.round_trip_s:.2f} s round trip, {one.round_trip_task_s:.2f} s in the task)",
        "- time per clip between tasks in the batches (worker-seconds not inside a task): "
        + ", ".join(f"{r.gap_s:.3f} s ({r.workers} worker)" for r in runs),
        f"- 1 worker steady state vs the direct call: {one.batch_s / one.clips - d:+.2f} s per clip "
        "(the machine's load varies between the runs more than that)",
        "- embedded Ray start: " + ", ".join(f"{r.start_s:.1f} s ({r.workers} CPU)" for r in runs),
        "- first clip per worker (process start, imports, models): "
        + ", ".join(f"{r.warmup_s:.1f} s ({r.workers} worker)" for r in runs),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m vision.bench.cluster", description=__doc__.splitlines()[0])
    ap.add_argument("--clips", type=int, default=4, help="clips per Ray run (steady state)")
    ap.add_argument("--frames", type=int, default=150, help="frames of the clip")
    ap.add_argument("--repeats", type=int, default=2, help="timed direct calls")
    ap.add_argument("--clip", type=Path, default=SAMPLE)
    args = ap.parse_args(argv)
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    with tempfile.TemporaryDirectory(prefix="retrowalk-bench-") as tmp:
        clip = _clip(args.clip, args.frames, Path(tmp))
        direct = direct_times(clip, args.repeats)
        cfg = ClusterConfig()
        runs = [ray_run(clip, workers=n, clips=args.clips, config=cfg) for n in (1, 2)]
    print(report(direct, runs, frames=args.frames, load=os.getloadavg()[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
