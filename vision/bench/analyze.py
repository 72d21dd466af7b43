"""Speed of the offline analysis: ``python -m vision.bench.analyze [VIDEO] [--repeat N]``.

Runs :func:`~vision.analysis.pipeline.analyze_video` on a video, each run in a fresh process
(so the peak memory is the analysis's own), and prints the wall time, frames per second, the
real-time factor, CPU seconds per frame (all threads), peak RSS and a per-stage breakdown.

Without VIDEO it first makes a phone-like test clip: the bundled 960×540 sample scaled to
1920×1080 (bicubic) with a little sensor grain, H.264 at about 12 Mbit/s, so that decoding
costs about what a real 1080p phone clip costs (``--grain 0`` gives a clean, cheap-to-decode
clip of under 1 Mbit/s).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import statistics
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from vision.bundled import sample_clip

SAMPLE = sample_clip()
#: Which thread runs each stage of the pipeline (see :data:`vision.analysis.stages.STAGES`).
STAGE_THREAD = {
    "decode": "decoder",
    "scale": "decoder",
    "pose": "main",
    "core": "post",
    "tables": "post",
    "draw": "post",
    "encode": "encoder",
}


def make_clip(
    dst: Path,
    size: tuple[int, int] = (1920, 1080),
    *,
    source: Path = SAMPLE,
    max_frames: int | None = None,
    grain: float = 2.0,
    crf: float = 16,
    preset: str = "faster",
    seconds: float | None = None,
) -> Path:
    """Scale ``source`` to ``size`` (bicubic), add Gaussian grain of ``grain`` levels, encode H.264.

    The defaults give about 12 Mbit/s at 1080p30, like a phone's recording. ``seconds`` makes a
    clip of that length by playing ``source`` forward, then backward, and so on: the walker goes
    back and forth across the room, as in a real session.
    """

    rng = np.random.default_rng(0)
    w, h = size
    noise = [rng.normal(0.0, grain, (h, w, 1)).astype(np.int16) for _ in range(7)] if grain > 0 else []
    with av.open(str(dst), mode="w") as out:
        stream = out.add_stream("libx264", rate=Fraction(30))
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.options = {"crf": str(crf), "preset": preset, "profile": "high"}
        for i, src in enumerate(source_frames(source, seconds)):
            if max_frames is not None and i >= max_frames:
                break
            image = cv2.resize(src, size, interpolation=cv2.INTER_CUBIC)
            if noise:
                image = np.clip(image + noise[i % len(noise)], 0, 255).astype(np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return dst


def source_frames(source: Path, seconds: float | None):
    """The source's images once, or ping-ponged to ``seconds`` at 30 frames/s."""
    from vision.video import iter_video

    if seconds is None:
        yield from (f.image for f in iter_video(source))
        return
    # Kept as JPEG (quality 97, ≈30 MB for the 9 s sample) rather than as 420 MB of pixels.
    jpegs = [cv2.imencode(".jpg", f.image, [cv2.IMWRITE_JPEG_QUALITY, 97])[1] for f in iter_video(source)]
    cycle = jpegs + jpegs[-2:0:-1]
    for i in range(round(seconds * 30)):
        yield cv2.imdecode(cycle[i % len(cycle)], cv2.IMREAD_COLOR)


def _child(video: str, out_dir: str, threads: int | None) -> dict:
    """One analysis in this (fresh) process: its timings, CPU time and peak memory."""
    from vision.analysis.pipeline import analyze_video
    from vision.analysis.stages import StageTimes

    timer = StageTimes()
    kwargs = {} if threads is None else {"threads": threads}
    load = os.getloadavg()[0]
    t0, c0, m0 = time.perf_counter(), os.times(), time.thread_time()
    result = analyze_video(video, out_dir, timings=timer, **kwargs)
    wall, c1, main_cpu = time.perf_counter() - t0, os.times(), time.thread_time() - m0
    s = result.summary
    proc, frames = s.run.processing, s.run.video.frames if s.run.video else 0
    return {
        "frames": frames,
        "duration_s": s.duration_s,
        "wall_s": wall,
        "loop_s": proc.seconds if proc else wall,
        "cpu_s": (c1.user - c0.user) + (c1.system - c0.system),
        "main_cpu_s": main_cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "threads": proc.threads if proc else threads,
        "load_before": load,
        "stages": {k: v for k, v in timer.ms.items() if v},
    }


def _probe(video: Path) -> dict:
    from vision.video import probe_video

    info = probe_video(video)
    mbps = video.stat().st_size * 8 / 1e6 / info.duration_s if info.duration_s else None
    return {
        "file": str(video),
        "width": info.width,
        "height": info.height,
        "fps": info.fps,
        "frames": info.frame_count,
        "duration_s": info.duration_s,
        "codec": info.codec,
        "mbit_s": mbps,
    }


def run_bench(video: Path, repeat: int = 3, threads: int | None = None) -> dict:
    """Analyze ``video`` ``repeat`` times, each in a fresh process; the report as a dict."""
    clip = _probe(video)
    ctx = mp.get_context("spawn")
    runs = []
    with tempfile.TemporaryDirectory(prefix="retrowalk-bench-") as tmp:
        for i in range(repeat):
            with ctx.Pool(1) as pool:
                runs.append(pool.apply(_child, (str(video), str(Path(tmp) / f"run{i}"), threads)))
    best = min(runs, key=lambda r: r["loop_s"])
    stages = {}
    for name, thread in STAGE_THREAD.items():
        ms = [x for r in runs for x in r["stages"].get(name, [])]
        if ms:
            stages[name] = {
                "thread": thread,
                "median_ms": statistics.median(ms),
                "mean_ms": statistics.fmean(ms),
            }
    cores = os.cpu_count() or 1
    for r in runs:
        r.pop("stages")
        # On an otherwise idle machine the call takes at least the main thread's CPU time and at
        # least all threads' CPU time shared out over the cores: a floor robust to other load.
        r["idle_floor_s"] = max(r["main_cpu_s"], r["cpu_s"] / cores)
    med = statistics.median
    return {
        "clip": clip,
        "cores": cores,
        "threads": runs[0]["threads"],
        "runs": runs,
        "median": {
            "loop_s": med(r["loop_s"] for r in runs),
            "fps": med(r["frames"] / r["loop_s"] for r in runs),
            "realtime_factor": med(r["duration_s"] / r["loop_s"] for r in runs),
            "wall_s": med(r["wall_s"] for r in runs),
            "wall_realtime_factor": med(r["duration_s"] / r["wall_s"] for r in runs),
            "cpu_ms_per_frame": med(r["cpu_s"] * 1000 / r["frames"] for r in runs),
            "main_cpu_ms_per_frame": med(r["main_cpu_s"] * 1000 / r["frames"] for r in runs),
            "idle_floor_realtime_factor": med(r["duration_s"] / r["idle_floor_s"] for r in runs),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        },
        "best": {
            "fps": best["frames"] / best["loop_s"],
            "realtime_factor": best["duration_s"] / best["loop_s"],
        },
        "stages": stages,
    }


def format_report(rep: dict) -> str:
    c, m = rep["clip"], rep["median"]
    rate = f", {c['mbit_s']:.1f} Mbit/s" if c.get("mbit_s") else ""
    lines = [
        f"clip: {Path(c['file']).name} {c['width']}x{c['height']} {c['codec']} {c['fps']:.2f} fps, "
        f"{c['frames']} frames, {c['duration_s']:.2f} s{rate}",
        f"machine: {rep['cores']} cores; onnxruntime threads {rep['threads']}",
    ]
    for i, r in enumerate(rep["runs"], 1):
        lines.append(
            f"run {i}: {r['loop_s']:.2f} s ({r['frames'] / r['loop_s']:.1f} fps, "
            f"{r['duration_s'] / r['loop_s']:.2f}x real time), whole call {r['wall_s']:.2f} s, "
            f"CPU {r['cpu_s'] * 1000 / r['frames']:.1f} ms/frame (main thread "
            f"{r['main_cpu_s'] * 1000 / r['frames']:.1f}), peak RSS {r['peak_rss_mb']:.0f} MB, "
            f"load before {r['load_before']:.2f}"
        )
    lines.append(
        f"median: frame loop {m['fps']:.1f} fps = {m['realtime_factor']:.2f}x real time; "
        f"whole call (with model loading, plots, report) {m['wall_s']:.2f} s = "
        f"{m['wall_realtime_factor']:.2f}x real time; CPU {m['cpu_ms_per_frame']:.1f} ms/frame "
        f"(all threads, whole call); peak RSS {m['peak_rss_mb']:.0f} MB; "
        f"best run {rep['best']['realtime_factor']:.2f}x"
    )
    lines.append(
        f"idle-machine estimate from CPU times (whole call): {m['idle_floor_realtime_factor']:.2f}x real "
        "time at best (other load slows the measured wall times above)"
    )
    lines.append("stages (ms/frame, wall time in their thread; threads overlap):")
    for name, s in rep["stages"].items():
        lines.append(f"  {name:7s} {s['thread']:8s} median {s['median_ms']:6.2f}  mean {s['mean_ms']:6.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vision.bench.analyze", description=__doc__)
    parser.add_argument("video", nargs="?", type=Path, help="video to analyze (default: a made 1080p clip)")
    parser.add_argument("--repeat", type=int, default=3, help="runs, each in a fresh process")
    parser.add_argument("--threads", type=int, default=None, help="onnxruntime threads (default: analyze's)")
    parser.add_argument("--grain", type=float, default=2.0, help="grain of the made clip (0: clean)")
    parser.add_argument(
        "--seconds", type=float, default=None, help="length of the made clip (default: the sample's 9 s)"
    )
    parser.add_argument("--save-clip", type=Path, help="keep the made clip here")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="retrowalk-clip-") as tmp:
        video = args.video
        if video is None:
            video = args.save_clip or Path(tmp) / "bench_1080p30.mp4"
            print(f"making a 1920x1080 30 fps test clip (grain {args.grain}) ...", flush=True)
            make_clip(video, grain=args.grain, seconds=args.seconds)
        rep = run_bench(video, max(1, args.repeat), args.threads)
    print(format_report(rep))
    if args.json:
        args.json.write_text(json.dumps(rep, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
