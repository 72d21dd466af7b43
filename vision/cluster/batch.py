"""A batch of clips on Ray: the same output folders and ``batch_summary.csv`` as
:func:`vision.analysis.batch.analyze_many`, with no file system shared with the workers.

The caller reads each video, puts its bytes into Ray's object store (``ray.put``) and submits one
task per clip with the CPUs (and, with ``--device cuda``, the share of a GPU) it needs; at most
``in_flight_per_cpu`` clips per cluster CPU are in the store at a time. Each task returns its
result folder's files as bytes, written here into ``out_root/<stem>/`` (complete or not at all).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from vision.analysis.batch import BatchItem, plan_outputs
from vision.cluster.address import ClusterTarget
from vision.cluster.config import ClusterConfig
from vision.cluster.runtime import cluster_cpus, ray_session
from vision.cluster.tasks import ClipOutcome, run_clip

OnDone = Callable[[BatchItem], None]


def analyze_many_on_ray(
    videos: list[Path],
    out_root: Path,
    *,
    target: ClusterTarget,
    workers: int | None = None,
    config: ClusterConfig | None = None,
    on_done: OnDone | None = None,
    **options,
) -> list[BatchItem]:
    """Analyze each video on Ray into ``out_root/<video stem>/``, in input order.

    ``workers``: CPUs of an embedded Ray (default: cores); a cluster brings its own.
    ``options``: as :func:`vision.analysis.pipeline.analyze_video` (``threads`` is 1 per clip).
    """
    cfg = config or ClusterConfig()
    options = {**options, "threads": 1}
    jobs = plan_outputs(videos, out_root)
    with ray_session(target, num_cpus=workers, config=cfg) as ray:
        task = remote_clip_task(ray, cfg, device=options.get("device", "cpu"))
        window = max(1, int(cluster_cpus(ray) * cfg.in_flight_per_cpu))
        pending: dict[object, int] = {}
        items: dict[int, BatchItem] = {}
        queue = list(enumerate(jobs))
        while queue or pending:
            while queue and len(pending) < window:
                i, (video, _) = queue.pop(0)
                pending[_submit(ray, task, video, options)] = i
            ready, _ = ray.wait(list(pending), num_returns=1)
            for ref in ready:
                i = pending.pop(ref)
                video, out_dir = jobs[i]
                items[i] = store_outcome(video, out_dir, _fetch(ray, ref))
                if on_done is not None:
                    on_done(items[i])
    return [items[i] for i in range(len(jobs))]


def remote_clip_task(ray, config: ClusterConfig, *, device: str = "cpu"):
    """The Ray remote function of one clip, with the CPUs (and GPU share) it reserves."""
    gpus = config.gpus_per_clip if device == "cuda" else 0.0
    return ray.remote(_remote_clip).options(num_cpus=config.cpus_per_clip, num_gpus=gpus, max_retries=1)


def _remote_clip(video: bytes, name: str, shown_as: str, options: dict) -> ClipOutcome:
    return run_clip(video, name=name, shown_as=shown_as, options=options)


def _submit(ray, task, video: Path, options: dict):
    from vision.video import VideoError, probe_video

    try:
        probe_video(video)  # a missing or unreadable file fails here, with the local run's message
        data = video.read_bytes()
    except VideoError as exc:
        return ray.put(ClipOutcome(False, str(exc)))
    except OSError as exc:
        return ray.put(ClipOutcome(False, f"cannot read {video}: {exc.strerror or exc}"))
    return task.remote(ray.put(data), video.name, str(video), options)


def _fetch(ray, ref) -> ClipOutcome:
    try:
        return ray.get(ref)
    except Exception as exc:  # a worker crash or an unexpected error: that clip fails, the batch goes on
        cause = getattr(exc, "cause", None) or exc
        return ClipOutcome(False, f"the cluster task failed: {type(cause).__name__}: {cause}")


def store_outcome(video: Path, out_dir: Path, outcome: ClipOutcome) -> BatchItem:
    """Write an ok outcome's files into ``out_dir`` (replaced whole, never half-written)."""
    if not outcome.ok:
        return BatchItem(video=video, out_dir=out_dir, ok=False, message=outcome.message, summary=None)
    tmp = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, data in outcome.files.items():
        (tmp / Path(name).name).write_bytes(data)
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    if out_dir.exists():
        out_dir.rename(old)
    tmp.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)
    return BatchItem(video=video, out_dir=out_dir, ok=True, message="ok", summary=outcome.summary)
