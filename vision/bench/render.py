"""Benchmark of the digital-human renderer: frames per second of the renderer alone.

    python -m vision.bench.render [--frames 120] [--width 640 --height 480] [--samples 0]

Bodies are skinned beforehand (skinning is timed separately); the renderer's time covers the
normals, the upload, the floor shadow and the frame read back. Wall time depends on what else
runs on the machine, so the CPU time of the process is printed too.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from vision.synth.human.body import BodySpec, build_body
from vision.synth.human.camera import CameraSpec
from vision.synth.human.render import Renderer
from vision.synth.human.room import random_room
from vision.synth.human.scene import random_lights


def _yaw(deg: float) -> np.ndarray:
    c, s = np.cos(np.radians(deg)), np.sin(np.radians(deg))
    return np.array([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]])


def walk_frames(body, n: int) -> list[np.ndarray]:
    """Skinned vertices of the body gliding across the lane and swinging its legs (not a gait)."""
    rot = body.identity_rotations()
    out = []
    hip_l, hip_r = body.bone("upperleg01.L"), body.bone("upperleg01.R")
    for i in range(n):
        ph = 2 * np.pi * i / 30
        r = rot.copy()
        r[0] = _yaw(90.0)
        a = np.radians(20) * np.sin(ph)
        rx = lambda t: np.array([[1, 0, 0], [0, np.cos(t), -np.sin(t)], [0, np.sin(t), np.cos(t)]])  # noqa: E731
        r[hip_l], r[hip_r] = rx(a), rx(-a)
        root = body.rest_heads_m[0] + np.array([-1.5 + 3.0 * i / max(n - 1, 1), 0.0, 0.0])
        out.append(body.skin(body.pose(local_rot=r, root_m=root)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=120)
    ap.add_argument("--width", type=int, default=640)
    ap.add_argument("--height", type=int, default=480)
    ap.add_argument("--samples", type=int, default=0, help="MSAA samples (0 = none)")
    ap.add_argument("--bodies", type=int, default=1)
    args = ap.parse_args(argv)
    bodies = [build_body(BodySpec(seed=k, sex=k % 2, height_m=1.6 + 0.1 * k)) for k in range(args.bodies)]
    t0 = time.perf_counter()
    frames = [walk_frames(b, args.frames) for b in bodies]
    skin_ms = (time.perf_counter() - t0) / (args.frames * len(bodies)) * 1000
    cam = CameraSpec(width=args.width, height=args.height)
    r = Renderer(camera=cam, room=random_room(1), lights=random_lights(1), samples=args.samples)
    ids = [r.add_body(b) for b in bodies]
    r.render(vertices={i: f[0] for i, f in zip(ids, frames, strict=True)})
    w0, c0 = time.perf_counter(), time.process_time()
    for k in range(args.frames):
        r.render(vertices={i: f[k] for i, f in zip(ids, frames, strict=True)})
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(
        f"renderer {args.width}x{args.height}, {len(bodies)} body(ies), MSAA {args.samples}: "
        f"{args.frames / wall:.1f} frames/s wall ({wall / args.frames * 1000:.1f} ms/frame), "
        f"{cpu / args.frames * 1000:.1f} ms CPU/frame; skinning {skin_ms:.1f} ms/frame/body (not included)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
