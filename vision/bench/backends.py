"""Benchmark: ``python -m vision.bench [VIDEO]``.

Runs each pose backend on the same video, one after the other, each in a fresh process (so
peak memory is its own), and prints per-frame timings, detection rate, peak memory and the
landmark agreement between the backends (distance as % of the subject's height). The
streaming coaching core is timed too, in µs per frame.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import cv2
import numpy as np

from vision.bundled import sample_clip

DEFAULT_VIDEO = sample_clip()


@dataclass
class BackendRun:
    """Timings (ms) and landmarks of one backend over one video."""

    backend: str
    frames: int
    pose_ms: list[float]
    total_ms: list[float]
    present: list[bool]
    xy: list[list[list[float]]]
    peak_rss_mb: float
    threads: int


def _run_backend(name: str, video: str, size: tuple[int, int] | None, max_frames: int, threads: int) -> dict:
    from vision.engine.factory import create_backend
    from vision.video import iter_video

    backend = create_backend(name, threads=threads, max_people=2)
    pose_ms, total_ms, present, xy = [], [], [], []
    frames = iter_video(video)
    while len(pose_ms) < max_frames:
        t0 = time.perf_counter()
        frame = next(frames, None)
        if frame is None:
            break
        image = frame.image
        if size is not None:
            image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        t1 = time.perf_counter()
        pose = backend.process(image, frame.timestamp_s)
        t2 = time.perf_counter()
        pose_ms.append((t2 - t1) * 1000)
        total_ms.append((t2 - t0) * 1000)
        present.append(pose.present)
        xy.append(pose.xy.tolist())
    backend.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return asdict(BackendRun(name, len(pose_ms), pose_ms, total_ms, present, xy, rss_mb, threads))


def landmark_agreement(a: np.ndarray, b: np.ndarray) -> tuple[float, float, int]:
    """Median and p90 landmark distance between (T, 33, 2) arrays, % of subject height; frames used.

    Height per frame is the vertical span of ``b``'s landmarks (the reference). Frames where either
    is absent, or where the two follow different people (hip midpoints apart by more than 30 % of
    the height), are left out.
    """
    ok = np.isfinite(a).all(axis=(1, 2)) & np.isfinite(b).all(axis=(1, 2))
    if not ok.any():
        return float("nan"), float("nan"), 0
    a, b = a[ok], b[ok]
    height = b[:, :, 1].max(axis=1) - b[:, :, 1].min(axis=1)
    hips_a = a[:, 23:25].mean(axis=1)
    hips_b = b[:, 23:25].mean(axis=1)
    same = np.linalg.norm(hips_a - hips_b, axis=1) < 0.3 * height
    d = np.linalg.norm(a[same] - b[same], axis=2) / height[same, None] * 100
    if d.size == 0:
        return float("nan"), float("nan"), 0
    return float(np.median(d)), float(np.percentile(d, 90)), int(same.sum())


def _stats(run: dict) -> dict:
    pose = np.array(run["pose_ms"])
    total = np.array(run["total_ms"])
    return {
        "backend": run["backend"],
        "frames": run["frames"],
        "pose_median_ms": float(np.median(pose)),
        "pose_p90_ms": float(np.percentile(pose, 90)),
        "end_to_end_median_ms": float(np.median(total)),
        "end_to_end_p90_ms": float(np.percentile(total, 90)),
        "fps_end_to_end": float(1000.0 / np.median(total)),
        "detection_rate": float(np.mean(run["present"])),
        "peak_rss_mb": run["peak_rss_mb"],
        "threads": run["threads"],
    }


def run_bench(
    video: Path,
    backends: list[str],
    size: tuple[int, int] | None,
    max_frames: int,
    threads: int,
) -> dict:
    """Benchmark the backends on ``video``; returns a JSON-ready report."""
    ctx = mp.get_context("spawn")
    runs = []
    for name in backends:
        with ctx.Pool(1) as pool:
            runs.append(pool.apply(_run_backend, (name, str(video), size, max_frames, threads)))
    report: dict = {
        "video": str(video),
        "size": f"{size[0]}x{size[1]}" if size else "original",
        "machine": {
            "cpu_count": os.cpu_count(),
            "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(),
        },
        "backends": [_stats(r) for r in runs],
    }
    if len(runs) == 2:
        med, p90, n = landmark_agreement(np.array(runs[0]["xy"]), np.array(runs[1]["xy"]))
        report["agreement"] = {
            "pair": f"{runs[0]['backend']} vs {runs[1]['backend']}",
            "median_pct_height": med,
            "p90_pct_height": p90,
            "frames": n,
        }
    try:
        from vision.bench.core import bench_core

        report["core"] = bench_core()
    except ImportError:
        pass
    return report


def format_report(report: dict) -> str:
    """The report as a Markdown table."""
    m = report["machine"]
    lines = [
        f"video: {report['video']} ({report['size']}); {m['cpu_count']} cores, {m['processor']}, "
        f"Python {m['python']}",
        "",
        "| backend | threads | frames | pose median ms | pose p90 ms | end-to-end median ms | "
        "end-to-end p90 ms | frames/s | detection rate | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for b in report["backends"]:
        lines.append(
            f"| {b['backend']} | {b['threads']} | {b['frames']} | {b['pose_median_ms']:.1f} | "
            f"{b['pose_p90_ms']:.1f} | {b['end_to_end_median_ms']:.1f} | {b['end_to_end_p90_ms']:.1f} | "
            f"{b['fps_end_to_end']:.1f} | {b['detection_rate']:.1%} | {b['peak_rss_mb']:.0f} |"
        )
    if "agreement" in report:
        a = report["agreement"]
        lines += [
            "",
            f"landmark agreement ({a['pair']}): median {a['median_pct_height']:.2f} %, "
            f"p90 {a['p90_pct_height']:.2f} % of subject height over {a['frames']} frames",
        ]
    if "core" in report:
        c = report["core"]
        lines += ["", "coaching core: " + ", ".join(f"{k} {v:.1f}" for k, v in c.items() if _num(v))]
    return "\n".join(lines)


def _num(v: object) -> bool:
    return isinstance(v, (int, float))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vision.bench", description=__doc__)
    parser.add_argument("video", nargs="?", type=Path, default=DEFAULT_VIDEO)
    parser.add_argument("--backends", default="onnx,mediapipe", help="comma-separated: onnx, mediapipe")
    parser.add_argument("--size", default="640x480", help="resize frames to WxH first, or 'original'")
    parser.add_argument("--max-frames", type=int, default=300)
    parser.add_argument("--threads", type=int, default=2, help="onnxruntime threads of the ONNX engine")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    args = parser.parse_args(argv)
    size = None if args.size == "original" else tuple(int(v) for v in args.size.lower().split("x"))
    report = run_bench(args.video, args.backends.split(","), size, args.max_frames, args.threads)
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
