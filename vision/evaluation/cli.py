"""``retrowalk eval DIR… [--json OUT] [--write-docs docs/accuracy.md] [--jobs N] [--seeds A:B]``."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``eval`` subcommand on ``retrowalk``'s subparsers."""
    p = sub.add_parser("eval", help="score the coach against labelled clips (rendered and real)")
    p.add_argument("paths", type=Path, nargs="+", help="folders of labelled clips, or clips")
    p.add_argument("--json", type=Path, help="write every number (per clip and per group) here")
    p.add_argument("--write-docs", type=Path, help="write the Markdown page (e.g. docs/accuracy.md)")
    p.add_argument("--jobs", type=int, default=None, help="clips analysed at once (default: cores)")
    p.add_argument("--threads", type=int, default=1, help="onnxruntime threads per clip (default 1)")
    p.add_argument("--seeds", help="rendered clips with a seed in A:B (half-open) only, e.g. 100:200")
    p.add_argument("--cache", type=Path, help="cache folder (default ~/.cache/retrowalk/eval)")
    p.add_argument("--no-cache", action="store_true", help="analyse every clip again, keep nothing")
    p.add_argument(
        "--cached-only",
        action="store_true",
        help="score only the clips whose poses are in the cache (the rest are listed as skipped)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vision.evaluation.clips import find_clips, parse_seeds
    from vision.evaluation.evaluate import default_cache_dir, evaluate
    from vision.evaluation.report import RunFacts, render_markdown, render_text, write_json

    found = find_clips(list(args.paths), parse_seeds(args.seeds))
    if not found.clips:
        print("error: no labelled clips in the paths given", file=sys.stderr)
        return 2
    cache = None if args.no_cache else (args.cache or default_cache_dir())
    if args.cached_only:
        if cache is None:
            print("error: --cached-only needs the cache", file=sys.stderr)
            return 2
        found = _kept_only(found, cache, args.threads)
    jobs = args.jobs or os.cpu_count() or 1
    t0 = time.perf_counter()

    def done(o) -> None:
        state = "error: " + o.error if o.error else ("cached" if o.cached else f"{o.score.analysis_s:.1f} s")
        print(f"  {o.labels_name}: {state}", file=sys.stderr)

    print(f"{len(found.clips)} labelled clips, {jobs} at once", file=sys.stderr)
    outcomes = evaluate(found.clips, cache_dir=cache, jobs=jobs, threads=args.threads, on_done=done)
    scores = [o.score for o in outcomes if o.score is not None]
    facts = RunFacts(
        command="retrowalk eval " + " ".join(shlex.quote(a) for a in sys.argv[2:])
        if sys.argv[1:2] == ["eval"]
        else "retrowalk eval " + " ".join(str(p) for p in args.paths),
        seeds=args.seeds or "all",
        wall_s=time.perf_counter() - t0,
        jobs=jobs,
        threads=args.threads,
        from_cache=sum(o.cached for o in outcomes),
        failures=tuple((o.labels_name, o.error) for o in outcomes if o.error),
        skipped=tuple((str(p), why) for p, why in found.skipped),
    )
    print(render_text(scores))
    for name, why in facts.failures:
        print(f"failed: {name}: {why}", file=sys.stderr)
    if args.json:
        write_json(args.json, scores, facts)
    if args.write_docs:
        args.write_docs.write_text(render_markdown(scores, facts))
    return 0 if scores else 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="retrowalk")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["eval", *(sys.argv[1:] if argv is None else argv)])
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())


def _kept_only(found, cache: Path, threads: int):
    """``found`` with the clips whose poses are not cached moved to its skipped list."""
    from dataclasses import replace

    from vision.evaluation.evaluate import poses_kept

    flags = [poses_kept(c, cache, threads) for c in found.clips]
    kept = tuple(c for c, ok in zip(found.clips, flags, strict=True) if ok)
    why = "poses not cached (--cached-only)"
    left = tuple((c.video, why) for c, ok in zip(found.clips, flags, strict=True) if not ok)
    return replace(found, clips=kept, skipped=(*found.skipped, *left))
