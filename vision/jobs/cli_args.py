"""Options of ``python -m vision.cli worker`` (kept here so that the CLI module stays small)."""

from __future__ import annotations

import argparse


def add_worker_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="database URL (default: $RETROWALK_DB_URL, else SQLite in the data folder)")
    p.add_argument("--data-dir", help="data folder (default: $RETROWALK_DATA_DIR)")
    p.add_argument("--once", action="store_true", help="run the queued jobs, then exit")
    p.add_argument("--idle-exit", type=float, default=None, metavar="S", help="exit after S seconds idle")
    p.add_argument(
        "--ray",
        nargs="?",
        const="",
        metavar="local|ADDRESS",
        help="run each job's analysis as a Ray task (no value: $RETROWALK_RAY_ADDRESS, which also "
        "turns this on when set); default: in this process",
    )
    p.add_argument("--local", action="store_true", help="analyse here even if RETROWALK_RAY_ADDRESS is set")
    p.add_argument("--heartbeat", type=float, default=None, metavar="S", help="heartbeat period (seconds)")
    p.add_argument(
        "--stale-after", type=float, default=None, metavar="S", help="worker presumed dead after S s"
    )
    p.add_argument("--max-attempts", type=int, default=None, help="tries per job before it fails")
    p.add_argument(
        "--concurrency", type=int, default=None, help="jobs at once (default 1; Ray: cluster CPUs)"
    )
    p.add_argument("--threads", type=int, default=2, help="onnxruntime threads of a local analysis")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu", help="pose engine device (local)")
    p.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)  # the app that started it
