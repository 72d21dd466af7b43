"""Tuning of Ray batches, each number with its unit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Resources of one clip's task and the memory the embedded Ray may take."""

    cpus_per_clip: float = 1.0
    """CPUs Ray reserves for one clip's task (the analysis runs its engine on one thread)."""
    gpus_per_clip: float = 0.25
    """GPUs reserved per clip with ``--device cuda`` (a quarter: four clips share one GPU)."""
    object_store_mb: int = 200
    """Object store of an embedded (``local``) Ray, in MB (videos and results pass through it)."""
    in_flight_per_cpu: int = 2
    """Clips submitted ahead per CPU of the cluster, so that a large batch does not put every video
    into the object store at once."""
    connect_timeout_s: float = 30.0
    """How long joining an existing cluster may take, in seconds."""
