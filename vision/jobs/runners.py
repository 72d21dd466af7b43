"""How a worker analyses one job's clip: in its own process (default) or as a Ray task.

A runner calls ``progress(fraction)`` now and then; that callback raises to stop the analysis
(the job was taken away, or the worker is stopping). Deterministic failures of the clip (not a
video, nobody in it) raise :class:`JobFailed` with a sentence naming the user's file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from vision.cluster.address import ClusterTarget
from vision.cluster.config import ClusterConfig
from vision.jobs.queue import JobView
from vision.session.summary_json import to_json

ProgressFn = Callable[[float], None]


class JobFailed(Exception):
    """The clip cannot give a result; retrying would not help."""


class Runner(Protocol):
    def run(self, job: JobView, out_dir: Path, progress: ProgressFn) -> dict:
        """Analyze ``job``'s upload into ``out_dir``; its summary (as ``summary.json``)."""
        ...


def safe_name(name: str) -> str:
    """The user's file name reduced to a harmless one (letters, digits, ``._-``)."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip("._") or "video"
    return base[:80]


def job_options(job: JobView) -> dict:
    """The analysis options of ``job``: its subject, language, and the user's file name as the title."""
    return {"subject_index": job.subject_index, "lang": job.lang, "display_name": job.file_name}


class LocalRunner:
    """``analyze_video`` in this process, ``threads`` onnxruntime threads on ``device``."""

    def __init__(self, *, threads: int = 2, device: str = "cpu") -> None:
        self.threads = threads
        self.device = device

    def run(self, job: JobView, out_dir: Path, progress: ProgressFn) -> dict:
        from vision.analysis import analyze_video
        from vision.analysis.pipeline import AnalysisError
        from vision.video import VideoError

        def on_progress(p) -> None:
            progress(p.fraction or 0.0)

        try:
            result = analyze_video(
                job.upload,
                out_dir,
                progress=on_progress,
                threads=self.threads,
                device=self.device,
                **job_options(job),
            )
        except (VideoError, AnalysisError) as exc:
            raise JobFailed(str(exc).replace(str(job.upload), job.file_name)) from exc
        return to_json(result.summary)


class RayRunner:
    """One Ray task per job (the bytes through the object store); call inside ``ray_session``.

    Ray reports no per-frame progress: the job's progress stays at 0 until the task is done,
    while the worker's heartbeat goes on.
    """

    def __init__(self, ray, *, target: ClusterTarget, config: ClusterConfig, poll_s: float = 1.0) -> None:
        from vision.cluster.batch import remote_clip_task

        self.ray = ray
        self.target = target
        self.poll_s = poll_s
        self._task = remote_clip_task(ray, config, device="cpu")

    def run(self, job: JobView, out_dir: Path, progress: ProgressFn) -> dict:
        from vision.cluster.batch import store_outcome

        ray = self.ray
        options = {**job_options(job), "threads": 1}
        ref = self._task.remote(
            ray.put(job.upload.read_bytes()), safe_name(job.file_name), job.file_name, options
        )
        try:
            while not ray.wait([ref], timeout=self.poll_s)[0]:
                progress(0.0)  # raises when the job must stop
        except BaseException:
            ray.cancel(ref, force=True)
            raise
        outcome = ray.get(ref)
        if not outcome.ok:
            raise JobFailed(outcome.message)
        store_outcome(job.upload, out_dir, outcome)
        return to_json(outcome.summary) if outcome.summary is not None else {}
