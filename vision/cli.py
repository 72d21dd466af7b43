"""The ``retrowalk`` command: analyze, replay, track, bench, bench-analyze, samples, synth, eval,
app, worker."""

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


def _analyze(args: argparse.Namespace) -> int:
    """Analyze one or more videos (files or folders) into output folders."""
    from vision.analysis.batch import analyze_many, expand_inputs, write_table
    from vision.analysis.pipeline import AnalysisError, analyze_video
    from vision.analysis.progress_bar import ProgressBar
    from vision.engine.providers import DeviceError
    from vision.model_files import ModelFileError
    from vision.video import VideoError

    videos = expand_inputs(args.videos)
    if not videos:
        print("error: no video files given (or the folders hold none)", file=sys.stderr)
        return 2
    subject = {}
    if args.subject:
        if "," in args.subject:
            x, y = (float(v) for v in args.subject.split(","))
            subject["subject_point"] = (x, y)
        else:
            subject["subject_index"] = int(args.subject)
    opts = {
        "backend": args.backend,
        "video_max_side": args.video_max_side,
        "device": args.device,
        "lang": args.lang,
        **subject,
    }
    try:
        cluster = _cluster_target(args.cluster)
        if args.device != "cpu":
            from vision.engine.providers import providers_for

            providers_for(args.device)  # says at once when the GPU build is missing
    except (ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if cluster is None and len(videos) == 1 and not args.videos[0].is_dir():
        out = args.out or Path("results") / videos[0].stem
        try:
            result = analyze_video(
                videos[0], out, progress=ProgressBar(videos[0].name), threads=args.threads, **opts
            )
        except (VideoError, AnalysisError, ModelFileError, DeviceError) as exc:
            print(f"\nerror: {exc}", file=sys.stderr)
            return 2
        print(f"{videos[0].name}: {_one_line(result.summary, args.lang)} -> {result.out_dir}")
        return 0
    out_root = args.out or Path("results")
    out_root.mkdir(parents=True, exist_ok=True)
    if cluster is not None:
        items = _analyze_on_cluster(videos, out_root, cluster, args.jobs, opts)
        if items is None:
            return 2
    else:
        items = analyze_many(videos, out_root, workers=args.jobs, **opts)
    write_table(out_root / "batch_summary.csv", items)
    for it in items:
        print(f"{'ok   ' if it.ok else 'ERROR'} {it.video}: {it.message if not it.ok else it.out_dir}")
    print(f"summary table: {out_root / 'batch_summary.csv'}")
    return 0 if all(it.ok for it in items) else 2


def _one_line(s, lang: str) -> str:
    """A summary in one line for the terminal, in ``lang`` (``--lang``)."""
    from vision.feedback import Translator
    from vision.session.report import console_line
    from vision.session.summary import strike_counts

    counts = strike_counts(s.step_records) if s.step_records else None
    return console_line(s, Translator(lang), counts)


def _replay(args: argparse.Namespace) -> int:
    """One recording through the live coach, as a camera would feed it (no look-ahead, no pacing)."""
    from vision.analysis.pipeline import AnalysisError, replay_video
    from vision.analysis.progress_bar import ProgressBar
    from vision.feedback import Translator
    from vision.feedback.values import plural
    from vision.model_files import ModelFileError
    from vision.video import VideoError

    out = args.out or Path("results") / f"{args.video.stem}-replay"
    try:
        result = replay_video(
            args.video,
            out,
            progress=ProgressBar(args.video.name),
            backend=args.backend,
            threads=args.threads,
            lang=args.lang,
            video_max_side=args.video_max_side,
        )
    except (VideoError, AnalysisError, ModelFileError) as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 2
    cues = plural("value.cues", len(result.drawn_cues), Translator(args.lang))
    print(f"{args.video.name}: {_one_line(result.summary, args.lang)}, {cues} -> {result.out_dir}")
    return 0


def _cluster_target(value: str | None):
    """None for a local run; ``--cluster`` given without a value means ``$RETROWALK_RAY_ADDRESS``."""
    if value is None:
        return None
    from vision.cluster.address import parse_target

    return parse_target(value)


def _analyze_on_cluster(videos: list[Path], out_root: Path, target, jobs: int | None, opts: dict):
    from vision.cluster.batch import analyze_many_on_ray
    from vision.cluster.runtime import ClusterError

    print(f"analysing {len(videos)} videos on {target.describe()}", file=sys.stderr)
    try:
        return analyze_many_on_ray(videos, out_root, target=target, workers=jobs, **opts)
    except ClusterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _worker(args: argparse.Namespace) -> int:
    from vision.jobs.worker import main as worker_main

    return worker_main(args)


def main(argv: list[str] | None = None) -> int:
    from vision.feedback.i18n import LANGUAGES

    parser = argparse.ArgumentParser(prog="retrowalk", description="RetroWalk Coach: backward-walking coach.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyze videos: annotated video, tables, plots, report")
    p.add_argument("videos", type=Path, nargs="+", help="video files or folders of videos")
    p.add_argument("--out", type=Path, help="output folder (one video) or root folder (several)")
    p.add_argument("--subject", help="who to follow: an index (left to right) or a point X,Y in pixels")
    p.add_argument("--backend", choices=["onnx", "mediapipe"], default="onnx")
    p.add_argument("--threads", type=int, default=2, help="onnxruntime threads (one video)")
    p.add_argument("--jobs", type=int, default=None, help="videos analysed at once (default: cores)")
    p.add_argument("--video-max-side", type=int, default=960, help="longer side of the annotated video (px)")
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of the cues on the video, the plots and the report (default en)",
    )
    p.add_argument(
        "--cluster",
        nargs="?",
        const="",
        metavar="local|ADDRESS",
        help="run the clips as Ray tasks: 'local' (embedded Ray, --jobs CPUs), HOST:PORT or ray://HOST:PORT "
        "(no value: $RETROWALK_RAY_ADDRESS); always writes ROOT/<stem>/ and batch_summary.csv",
    )
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu", help="pose engine device (onnx)")
    p.set_defaults(func=_analyze)

    p = sub.add_parser("replay", help="a recording through the live coach: the analyze folder plus cues.csv")
    p.add_argument("video", type=Path)
    p.add_argument("--out", type=Path, help="output folder (default: results/<name>-replay)")
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of the cues, the plots and the report (default en)",
    )
    p.add_argument("--backend", choices=["onnx", "mediapipe"], default="onnx")
    p.add_argument("--threads", type=int, default=2, help="onnxruntime threads")
    p.add_argument("--video-max-side", type=int, default=960, help="longer side of the annotated video (px)")
    p.set_defaults(func=_replay)

    p = sub.add_parser("worker", help="run queued analysis jobs of the app (see docs/cluster.md)")
    from vision.jobs.cli_args import add_worker_arguments

    add_worker_arguments(p)
    p.set_defaults(func=_worker)

    p = sub.add_parser("track", help="pose of the subject per frame, as CSV")
    p.add_argument("video", type=Path)
    p.add_argument("--out", type=Path, help="CSV file (default: standard output)")
    p.add_argument("--backend", choices=["onnx", "mediapipe"], default="onnx")
    p.add_argument("--threads", type=int, default=2)
    p.set_defaults(func=_track)

    p = sub.add_parser("bench", help="benchmark the pose backends and the coaching core")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=lambda a: __import__("vision.bench.backends", fromlist=["main"]).main(a.rest))

    p = sub.add_parser("bench-analyze", help="benchmark the offline analysis (speed, memory, stages)")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=lambda a: __import__("vision.bench.analyze", fromlist=["main"]).main(a.rest))

    from vision.evaluation.cli import add_parser as add_eval_parser

    add_eval_parser(sub)  # eval: score the coach against labelled clips
    from vision.ui.coach import launch  # no Streamlit import: that happens in the server it starts

    p = sub.add_parser("app", help="start the web app (live coach, analysis, clinic) in the browser")
    p.add_argument("--address", default=launch.DEFAULT_ADDRESS, help="0.0.0.0: open to the network")
    p.add_argument("--port", type=int, default=launch.DEFAULT_PORT)
    p.set_defaults(func=lambda a: launch.run_app(address=a.address, port=a.port))

    p = sub.add_parser("samples", help="re-render the bundled sample videos")
    p.set_defaults(func=lambda a: __import__("vision.synth.make_samples", fromlist=["main"]).main())

    p = sub.add_parser("synth", help="digital-human clips with exact labels: corpus, clip, labels, sample")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=lambda a: __import__("vision.synth.human.cli", fromlist=["main"]).main(a.rest))

    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["bench-analyze"]:  # its options go through untouched (REMAINDER drops leading ones)
        from vision.bench.analyze import main as bench_analyze

        return bench_analyze(argv[1:])
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
