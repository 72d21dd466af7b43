"""``python -m vision.bench [NAME] [OPTIONS]``: the benchmark suite's entry (see the package's doc)."""

from __future__ import annotations

import importlib
import sys

BENCHES = ("backends", "core", "analyze", "soak", "cluster", "browser", "render")
"""Modules of :mod:`vision.bench` that ``python -m vision.bench NAME`` runs (their ``main``)."""


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark named by the first argument; without a name, the backends benchmark."""
    argv = sys.argv[1:] if argv is None else list(argv)
    name, rest = (argv[0], argv[1:]) if argv[:1] and argv[0] in BENCHES else ("backends", argv)
    return int(importlib.import_module(f"vision.bench.{name}").main(rest) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
