"""Joining Ray for one call: an embedded Ray (``local``) or an existing cluster by address."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vision.cluster.address import ClusterTarget
from vision.cluster.config import ClusterConfig


class ClusterError(RuntimeError):
    """Ray is not installed, or the cluster cannot be reached."""


def _import_ray():
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no usage reports leave the machine
    try:
        import ray
    except ImportError as exc:
        raise ClusterError(
            "--cluster needs Ray: pip install 'retrowalk-coach[cluster]' (package ray)"
        ) from exc
    return ray


def _code_path() -> str:
    """The folder holding the ``vision`` package this process runs, so that embedded Ray workers
    import the same code as the caller (not another installed copy)."""
    import vision

    return str(Path(vision.__file__).resolve().parents[1])


@contextmanager
def ray_session(target: ClusterTarget, *, num_cpus: int | None, config: ClusterConfig) -> Iterator[object]:
    """Ray initialised for the block, shut down (embedded) or disconnected (cluster) after it.

    ``num_cpus``: the embedded Ray's CPUs (ignored for a cluster, which has its own).
    """
    ray = _import_ray()
    if ray.is_initialized():  # a caller (a test, the benchmark) already holds a session
        yield ray
        return
    try:
        if target.local:
            paths = [_code_path(), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
            os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))  # inherited by workers
            ray.init(
                num_cpus=num_cpus or os.cpu_count() or 1,
                num_gpus=None,
                include_dashboard=False,
                object_store_memory=config.object_store_mb * 1024 * 1024,
                log_to_driver=False,
                logging_level=logging.WARNING,
            )
        else:
            _join(ray, target.address, config.connect_timeout_s)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ClusterError(f"cannot start or join {target.describe()}: {exc}") from exc
    try:
        yield ray
    finally:
        ray.shutdown()


def _join(ray, address: str, timeout_s: float) -> None:
    """``ray.init(address=…)``, tried again until ``timeout_s`` while the cluster is still starting."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
            return
        except ConnectionError:
            if time.monotonic() > deadline:
                raise
            ray.shutdown()
            time.sleep(2.0)


def cluster_cpus(ray) -> float:
    """CPUs of the whole cluster (for the submission window)."""
    return float(ray.cluster_resources().get("CPU", 1.0))
