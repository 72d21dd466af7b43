"""Tuning of the analysis job queue, each number with its unit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class JobsConfig:
    """How often a worker reports, when it counts as dead, how often a job is tried."""

    heartbeat_s: float = 2.0
    """A running job's worker writes its heartbeat (and progress) this often, in seconds."""
    stale_after_s: float = 30.0
    """A running job whose heartbeat is older than this (seconds) lost its worker: re-queued. A
    worker on the same machine whose process is gone is noticed at once."""
    max_attempts: int = 3
    """Tries per job; a job that lost its worker this many times fails, saying so."""
    poll_s: float = 1.0
    """An idle worker looks for queued jobs this often, in seconds."""
    idle_exit_s: float | None = None
    """A worker exits after this long with nothing to do (seconds; None: never)."""
    page_worker_idle_exit_s: float = 900.0
    """Idle exit of the worker the app's Analyze page starts, in seconds (it starts a new one when
    needed)."""
