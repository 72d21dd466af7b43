"""Render the project's sample videos with exact ground truth: ``python -m vision.synth.make_samples``.

Writes, under ``sample_videos/`` (or ``--out``):

- ``backward_walk_side.mp4`` + ``.json``: backward walking, forefoot strikes, side view, two
  glances over the shoulder (one toward the camera, one away), 9 s at 30 fps, 960×540.
- ``forward_walk_heel_side.mp4`` + ``.json``: forward walking with heel strikes for contrast, 5 s.

The JSON holds the spec, step and glance labels, and per-frame landmark pixels in BlazePose's
shod-foot ("anatomical") convention, so pose engines can be scored against it.
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from vision.landmarks import NAMES
from vision.synth.gait import GENERATOR_VERSION, GaitSequence, GaitSpec, GlanceSpec, generate_gait
from vision.synth.render import RenderOptions, render_video

SIDE_CAMERA = GaitSpec(
    view="side", fps=30.0, image_size=(960, 540), subject_height_px=320.0, foot_landmarks="anatomical"
)
"""What every sample shares: a side view at 30 fps, 960×540, a 320 px tall walker, and landmarks in
BlazePose's shod-foot convention; each sample replaces the gait."""

SAMPLES: dict[str, GaitSpec] = {
    "backward_walk_side": replace(
        SIDE_CAMERA,
        direction="backward",
        strike="forefoot",
        travel="left_to_right",
        duration_s=9.0,
        speed_mps=0.40,
        cadence_spm=88.0,
        glances=(GlanceSpec(2.4, 1.2, 65.0, "left"), GlanceSpec(6.0, 1.2, 65.0, "right")),
        seed=0,
    ),
    "forward_walk_heel_side": replace(
        SIDE_CAMERA,
        direction="forward",
        strike="heel",
        travel="right_to_left",
        duration_s=5.0,
        speed_mps=0.75,
        cadence_spm=100.0,
        seed=1,
    ),
}


def _num(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 4)


def truth_json(seq: GaitSequence, video_name: str, codec: str) -> dict:
    """Ground-truth document for one rendered clip (JSON-serialisable)."""
    spec, tr = seq.spec, seq.truth
    nose_dx = seq.camera.axes[0] @ np.array([1.0, 0.0, 0.0])
    return {
        "video": video_name,
        "generator": "vision.synth (kinematic walker + OpenCV figure renderer)",
        "generator_version": GENERATOR_VERSION,
        "how_made": "python -m vision.synth.make_samples (generate_gait(spec) then render_video)",
        "codec": codec,
        "seed": spec.seed,
        "fps": spec.fps,
        "frame_count": len(seq.frames),
        "duration_s": spec.duration_s,
        "image_size": list(spec.image_size),
        "view": spec.view,
        "direction": tr.direction,
        "travel": tr.travel,
        "facing": "right" if nose_dx > 0 else "left",
        "strike": spec.strike,
        "speed_mps": spec.speed_mps,
        "cadence_spm": tr.cadence_spm,
        "step_length_m": round(tr.step_length_m, 4),
        "fall_frame": tr.fall_frame,
        "conventions": {
            "contact_frame": "first frame whose timestamp >= the instant the contacting part of the "
            "shoe sole reaches the floor",
            "liftoff_frame": "first frame whose timestamp >= the instant the last part of the sole "
            "leaves the floor; -1 if after the clip",
            "head_yaw_deg": "+ = nose toward the walker's left",
            "trunk_lean_deg": "+ = toward the facing direction",
            "landmarks_px": "BlazePose order; heel/foot_index inside the shoe where BlazePose puts them "
            "(GaitSpec.foot_landmarks='anatomical'), pixel centres at integer coordinates",
        },
        "steps": [
            {
                "foot": s.foot,
                "contact_frame": s.contact_frame,
                "contact_time_s": _num(s.contact_time_s),
                "liftoff_frame": s.liftoff_frame,
                "liftoff_time_s": _num(s.liftoff_time_s),
                "strike": s.strike,
            }
            for s in tr.steps
        ],
        "glances": [asdict(g) for g in tr.glances],
        "head_yaw_deg": np.round(tr.head_yaw_deg, 2).tolist(),
        "trunk_lean_deg": np.round(tr.trunk_lean_deg, 2).tolist(),
        "spec": {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(spec).items()},
        "landmark_names": list(NAMES),
        "landmarks_px": np.round(tr.xy_px, 1).tolist(),
    }


def make(out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Render the selected samples (all by default) into ``out_dir``; returns the MP4 paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, spec in SAMPLES.items():
        if names and name not in names:
            continue
        seq = generate_gait(spec)
        mp4 = out_dir / f"{name}.mp4"
        codec = render_video(seq, mp4, RenderOptions(seed=spec.seed))
        doc = truth_json(seq, mp4.name, codec)
        (out_dir / f"{name}.json").write_text(json.dumps(doc, separators=(",", ":")) + "\n")
        print(f"{mp4}: {mp4.stat().st_size / 1e6:.2f} MB, {len(seq.frames)} frames, codec {codec}")
        written.append(mp4)
    return written


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("sample_videos"))
    ap.add_argument("names", nargs="*", help=f"samples to render (default all): {', '.join(SAMPLES)}")
    args = ap.parse_args(argv)
    make(args.out, args.names)


if __name__ == "__main__":
    main()
