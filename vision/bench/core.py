"""Micro-benchmark of the streaming core: microseconds per ``StreamingAnalyzer.update`` call.

The input is a synthetic backward walker (side view, 30 fps, 1.5 px noise, a glance every 4.8 s)
kept in the middle of the image as on a treadmill, so every metric and detector stays active.
"""

from __future__ import annotations

import os
import time

import numpy as np

from vision.core.analyzer import StreamingAnalyzer
from vision.landmarks import LM
from vision.pose_frame import PoseFrame


def _frames(n_frames: int, fps: float = 30.0) -> list[PoseFrame]:
    """``n_frames`` frames looping a 4-stride clip (exactly periodic gait, one glance per loop)."""
    from vision.synth.gait import GaitSpec, GlanceSpec, generate_gait

    cadence = 100.0
    loop_s = 4 * 120.0 / cadence
    spec = GaitSpec(
        direction="backward",
        strike="forefoot",
        fps=fps,
        duration_s=loop_s,
        speed_mps=0.5,
        cadence_spm=cadence,
        glances=(GlanceSpec(start_s=1.5, duration_s=1.2, yaw_deg=60.0, side="left"),),
        image_size=(1280, 720),
        subject_height_px=420.0,
        camera_distance_m=20.0,
        noise_px=1.5,
        seed=7,
    )
    clip = generate_gait(spec).frames
    n_loop = len(clip)
    w = spec.image_size[0]
    out = []
    for i in range(n_frames):
        f = clip[i % n_loop]
        # Treadmill: keep the pelvis at the image centre, so the clip loops seamlessly.
        xy = f.xy.copy()
        hip = 0.5 * (xy[LM.LEFT_HIP, 0] + xy[LM.RIGHT_HIP, 0])
        xy[:, 0] += 0.5 * w - hip
        out.append(
            PoseFrame(
                i,
                i / fps,
                f.image_size,
                xy=xy,
                z=f.z,
                visibility=f.visibility,
                presence=np.ones_like(f.presence),
                world=f.world,
                subject_id=f.subject_id,
                score=f.score,
                num_people=f.num_people,
            )
        )
    return out


def bench_core(n_frames: int = 3000) -> dict:
    """Time the streaming core on ``n_frames`` frames.

    Returns ``{"n_frames", "us_per_frame_median", "us_per_frame_p90", "us_per_frame_p99",
    "us_per_frame_mean", "cpu_us_per_frame_median", "cpu_us_per_frame_p90", "cpu_us_per_frame_mean",
    "load_avg_1min", "events", "steps"}``: microseconds, wall time per update
    (``time.perf_counter_ns``) and this process's CPU time per update (``time.process_time_ns``,
    which a shared machine's other load does not inflate; its clock ticks are coarser, so its
    median is only meaningful over many frames), and the 1-minute load average at the end.
    """
    frames = _frames(n_frames)
    an = StreamingAnalyzer()
    # Warm-up on a separate analyzer (imports, caches), then time a fresh one.
    warm = StreamingAnalyzer()
    for f in frames[: min(200, len(frames))]:
        warm.update(f)
    dts = np.empty(len(frames), dtype=np.int64)
    cpus = np.empty(len(frames), dtype=np.int64)
    n_events = 0
    clock, cpu_clock = time.perf_counter_ns, time.process_time_ns
    for i, f in enumerate(frames):
        c0 = cpu_clock()
        t0 = clock()
        _, ev = an.update(f)
        dts[i] = clock() - t0
        cpus[i] = cpu_clock() - c0
        n_events += len(ev)
    us = dts / 1000.0
    cpu_us = cpus / 1000.0
    return {
        "n_frames": len(frames),
        "us_per_frame_median": float(np.median(us)),
        "us_per_frame_p90": float(np.percentile(us, 90)),
        "us_per_frame_p99": float(np.percentile(us, 99)),
        "us_per_frame_mean": float(np.mean(us)),
        "cpu_us_per_frame_median": float(np.median(cpu_us)),
        "cpu_us_per_frame_p90": float(np.percentile(cpu_us, 90)),
        "cpu_us_per_frame_mean": float(np.mean(cpu_us)),
        "load_avg_1min": _load_avg(),
        "events": n_events,
        "steps": len(an.summary().steps),
    }


def _load_avg() -> float:
    """The 1-minute load average (NaN where the platform has none)."""
    try:
        return float(os.getloadavg()[0])
    except (AttributeError, OSError):
        return float("nan")


def main(argv: list[str] | None = None) -> int:
    """``python -m vision.bench core``: print the figures of :func:`bench_core` (no options)."""
    if argv:
        raise SystemExit(f"vision.bench core takes no options, got {argv}")
    print(bench_core())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
