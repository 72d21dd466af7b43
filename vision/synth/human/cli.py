"""``retrowalk synth``: ``corpus --seeds A:B --out DIR [--jobs N]``, ``clip``, ``labels``, ``sample``."""

from __future__ import annotations

import argparse
from pathlib import Path


def _seeds(text: str) -> range:
    a, _, b = text.partition(":")
    return range(int(a), int(b)) if b else range(int(a), int(a) + 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="retrowalk synth", description="Digital-human clips with exact labels."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("corpus", help="render clips for seeds A:B (B excluded) in parallel")
    p.add_argument("--seeds", type=_seeds, required=True, help="A:B")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--jobs", type=int, default=2, help="worker processes")
    p = sub.add_parser("clip", help="render one seed's clip")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("labels", help="rewrite the label files of seeds A:B without rendering")
    p.add_argument("--seeds", type=_seeds, required=True)
    p.add_argument("--out", type=Path, required=True)
    sub.add_parser("sample", help="re-render sample_videos/human_backward_living_room.mp4")
    args = parser.parse_args(argv)
    if args.command == "corpus":
        from vision.synth.human.corpus import render_corpus

        reports = render_corpus(args.seeds, args.out, jobs=args.jobs)
        return 0 if all(r.error is None for r in reports) else 1
    if args.command == "clip":
        from vision.synth.human.clip import render_clip, sample_clip

        print(render_clip(sample_clip(args.seed), args.out))
        return 0
    if args.command == "labels":
        from vision.synth.human.clip import sample_clip, write_labels

        for s in args.seeds:
            print(write_labels(sample_clip(s), args.out))
        return 0
    from vision.synth.human.sample import main as sample_main

    return sample_main()


if __name__ == "__main__":
    raise SystemExit(main())
