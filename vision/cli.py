"""The ``retrowalk`` command: ``analyze``, ``track``, ``bench``, ``samples``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _track(args: argparse.Namespace) -> int:
    """Pose only: landmarks of the subject per frame as CSV (frame, time, present, x/y per landmark)."""
    from vision.engine.factory import create_backend
    from vision.landmarks import NAMES
    from vision.video import VideoError, iter_video

    try:
        backend = create_backend(args.backend, threads=args.threads)
        out = open(args.out, "w") if args.out else sys.stdout  # noqa: SIM115 - closed below
        cols = [f"{n}_{a}" for n in NAMES for a in ("x", "y", "vis")]
        out.write(",".join(["frame", "time_s", "subject_present", "subject_id", "people", *cols]) + "\n")
        present = total = 0
        for frame in iter_video(args.video):
            pose = backend.process(frame.image, frame.timestamp_s)
            total += 1
            present += pose.present
            vals = []
            for (x, y), v in zip(pose.xy, pose.visibility, strict=True):
                vals += [f"{x:.2f}", f"{y:.2f}", f"{v:.3f}"]
            sid = "" if pose.subject_id is None else str(pose.subject_id)
            row = [str(pose.frame_index), f"{frame.timestamp_s:.4f}", str(int(pose.present)), sid]
            out.write(",".join([*row, str(pose.num_people), *vals]) + "\n")
        if out is not sys.stdout:
            out.close()
        print(f"{total} frames, subject found in {present} ({present / max(total, 1):.1%})", file=sys.stderr)
        return 0
    except VideoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="retrowalk", description="RetroWalk Coach: backward-walking coach.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("track", help="pose of the subject per frame, as CSV")
    p.add_argument("video", type=Path)
    p.add_argument("--out", type=Path, help="CSV file (default: standard output)")
    p.add_argument("--backend", choices=["onnx", "mediapipe"], default="onnx")
    p.add_argument("--threads", type=int, default=2)
    p.set_defaults(func=_track)

    p = sub.add_parser("bench", help="benchmark the pose backends and the coaching core")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=lambda a: __import__("vision.bench", fromlist=["main"]).main(a.rest))

    p = sub.add_parser("samples", help="re-render the bundled sample videos")
    p.set_defaults(func=lambda a: __import__("vision.synth.make_samples", fromlist=["main"]).main())

    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
