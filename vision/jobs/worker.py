"""The worker process: claims queued jobs, runs them, heartbeats, re-queues those of dead workers.

``python -m vision.cli worker`` runs jobs one at a time in this process; with ``--ray`` (or
``RETROWALK_RAY_ADDRESS`` set) each job's analysis is a Ray task and ``--concurrency`` jobs run
at once. While a job runs, a heartbeat thread writes the progress every ``heartbeat_s``; SIGTERM
or SIGINT gives the running jobs back to the queue and exits. Every worker holds a shared lock on
``<data>/jobs/worker.lock`` so that the app can tell whether one is running on this machine.
"""

from __future__ import annotations

import argparse
import fcntl
import logging
import os
import re
import signal
import threading
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from vision.clinic.db import pid_alive
from vision.jobs.config import JobsConfig
from vision.jobs.queue import JobQueue, JobView, worker_id
from vision.jobs.runners import JobFailed, LocalRunner, RayRunner, Runner

log = logging.getLogger(__name__)
LOCK_NAME = "jobs/worker.lock"


class _Stop(Exception):
    """The job must stop: the worker is stopping, or the job is no longer this worker's."""


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_NAME


def result_dir(data_dir: Path, job: JobView) -> Path:
    """``<data>/analyses/job-<id>-<name>/``: where a job's outputs go."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(job.file_name).stem).strip("_")[:40] or "video"
    return data_dir / "analyses" / f"job-{job.id}-{stem}"


def run_job(queue: JobQueue, runner: Runner, job: JobView, *, me: str, stop: threading.Event) -> str:
    """Run one claimed job to its end; returns the job's new status (or ``lost`` / ``released``)."""
    latest = {"progress": 0.0}
    lost = threading.Event()
    beating = threading.Event()

    def beat() -> None:
        while not beating.wait(queue.config.heartbeat_s):
            try:
                if not queue.heartbeat(job.id, me, latest["progress"]):
                    lost.set()
                    return
            except Exception:  # a database hiccup: try again next beat
                log.exception("heartbeat of job %s failed", job.id)

    def progress(fraction: float) -> None:
        latest["progress"] = fraction
        if lost.is_set() or stop.is_set():
            raise _Stop

    thread = threading.Thread(target=beat, name=f"job-{job.id}-heartbeat", daemon=True)
    thread.start()
    try:
        summary = runner.run(job, result_dir(queue.data_dir, job), progress)
    except _Stop:
        if lost.is_set():
            return "lost"
        queue.release(job.id, me)
        return "released"
    except JobFailed as exc:
        queue.fail(job.id, me, str(exc))
        return "failed"
    except Exception as exc:  # anything else: the job fails and says why; the worker goes on
        log.exception("job %s failed", job.id)
        queue.fail(job.id, me, f"The analysis stopped with an error: {type(exc).__name__}: {exc}")
        return "failed"
    finally:
        beating.set()
        thread.join()
    if not queue.finish(job.id, me, out_dir=result_dir(queue.data_dir, job), summary=summary):
        return "lost"
    job.upload.unlink(missing_ok=True)  # the result holds what is needed; the clip was kept until now
    return "done"


def serve(
    queue: JobQueue,
    runner: Runner,
    *,
    stop: threading.Event,
    once: bool = False,
    concurrency: int = 1,
    parent_pid: int | None = None,
) -> int:
    """Claim and run jobs until ``stop`` (or, with ``once``, until the queue is empty); jobs done."""
    me = worker_id()
    cfg = queue.config
    done = [0]
    idle_since = [time.monotonic()]

    def loop(n: int) -> None:
        who = f"{me}/{n}" if concurrency > 1 else me
        while not stop.is_set():
            queue.requeue_stale()
            job = queue.claim(who)
            if job is None:
                if once or (
                    cfg.idle_exit_s is not None and time.monotonic() - idle_since[0] > cfg.idle_exit_s
                ):
                    return
                stop.wait(cfg.poll_s)
                continue
            log.info("job %s (%s): attempt %s", job.id, job.file_name, job.attempts)
            status = run_job(queue, runner, job, me=who, stop=stop)
            log.info("job %s: %s", job.id, status)
            done[0] += status in ("done", "failed")
            idle_since[0] = time.monotonic()

    threads = [threading.Thread(target=loop, args=(n,), name=f"jobs-{n}") for n in range(concurrency)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        if parent_pid is not None and not _alive(parent_pid):
            stop.set()
        for t in threads:
            t.join(timeout=cfg.poll_s / max(1, len(threads)))
    return done[0]


def _alive(pid: int) -> bool:
    """Whether our parent ``pid`` still runs (re-parented: the app that started us is gone)."""
    return pid_alive(pid) and os.getppid() == pid


def hold_worker_lock(data_dir: Path):
    """A shared lock held while the worker runs (released by the kernel if it dies)."""
    path = lock_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = path.open("a")
    fcntl.flock(fh, fcntl.LOCK_SH)
    return fh


def _config(args: argparse.Namespace) -> JobsConfig:
    cfg = JobsConfig(idle_exit_s=args.idle_exit)
    for field, value in (
        ("heartbeat_s", args.heartbeat),
        ("stale_after_s", args.stale_after),
        ("max_attempts", args.max_attempts),
    ):
        if value is not None:
            cfg = replace(cfg, **{field: value})
    return cfg


def main(args: argparse.Namespace) -> int:
    """``python -m vision.cli worker``."""
    from vision.clinic import Database
    from vision.clinic.errors import StorageError
    from vision.cluster.address import ENV_RAY_ADDRESS, parse_target
    from vision.cluster.config import ClusterConfig
    from vision.cluster.runtime import ClusterError, cluster_cpus, ray_session

    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(process)d %(message)s")
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    use_ray = args.ray is not None or (bool(os.environ.get(ENV_RAY_ADDRESS)) and not args.local)
    try:
        db = Database.open(args.db, data_dir=args.data_dir)
    except StorageError as exc:
        log.error("%s", exc)
        return 2
    queue = JobQueue(db, _config(args))
    with ExitStack() as stack:
        stack.callback(db.close)
        stack.enter_context(hold_worker_lock(db.data_dir))
        concurrency = max(1, args.concurrency or 1)
        if use_ray:
            try:
                target = parse_target(args.ray or None)
                ray = stack.enter_context(ray_session(target, num_cpus=None, config=ClusterConfig()))
            except (ValueError, ClusterError) as exc:
                log.error("%s", exc)
                return 2
            runner: Runner = RayRunner(ray, target=target, config=ClusterConfig(), poll_s=queue.config.poll_s)
            concurrency = args.concurrency or max(1, int(cluster_cpus(ray)))
            log.info("running jobs on %s, %s at a time", target.describe(), concurrency)
        else:
            runner = LocalRunner(threads=args.threads, device=args.device)
        serve(queue, runner, stop=stop, once=args.once, concurrency=concurrency, parent_pid=args.parent_pid)
    return 0
