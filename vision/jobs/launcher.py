"""The app's side of the worker: is one running on this machine, and start one if not.

A running worker holds a shared lock on ``<data>/jobs/worker.lock``; an exclusive try-lock that
succeeds means none runs. The worker started here gets the app's environment (so the same data
folder and database), imports the same ``vision`` package as the app, exits after a while with
nothing to do, and exits when the app's process is gone.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import vision
from vision.jobs.config import JobsConfig
from vision.jobs.worker import lock_path

SPAWN_GRACE_S = 30.0
"""After starting a worker, do not start another for this long (seconds): it is still importing."""


def worker_running(data_dir: Path) -> bool:
    """True while some worker process on this machine serves ``data_dir``."""
    path = lock_path(data_dir)
    if not path.exists():
        return False
    with path.open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False


def ensure_worker(data_dir: Path, config: JobsConfig | None = None) -> bool:
    """Start a local worker when none runs (True when one was started now)."""
    cfg = config or JobsConfig()
    stamp = data_dir / "jobs" / "worker.started"
    if worker_running(data_dir):
        return False
    if stamp.exists() and time.time() - stamp.stat().st_mtime < SPAWN_GRACE_S:
        return False
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.touch()
    code = str(Path(vision.__file__).resolve().parents[1])
    env = {**os.environ, "RETROWALK_DATA_DIR": str(data_dir)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [code, os.environ.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "vision.cli", "worker", "--idle-exit", str(cfg.page_worker_idle_exit_s)]
    cmd += ["--parent-pid", str(os.getpid())]
    with (data_dir / "jobs" / "worker.log").open("ab") as log:
        subprocess.Popen(
            cmd, cwd=code, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    return True
