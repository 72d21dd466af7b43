"""The bundled demo clip: the digital human walking backward in a living room, two glances.

``python -m vision.cli synth sample`` writes ``sample_videos/human_backward_living_room.mp4`` and
its labels ``.json`` (schema ``retrowalk.labels/2``, ``docs/labels.md``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from vision.synth.human.body import BodySpec
from vision.synth.human.camera import FOV_NORMAL_DEG, CameraSpec
from vision.synth.human.clip import ClipSpec, render_clip
from vision.synth.human.degrade import Degrade
from vision.synth.human.dress import HAIR_COLOURS, Clothing, Hair, Shoes
from vision.synth.human.motion import HeadTurn, MotionSpec
from vision.synth.human.room import FurnitureItem, RoomSpec
from vision.synth.human.scene import LightSpec

NAME = "human_backward_living_room"
OUT_DIR = Path(__file__).resolve().parents[3] / "sample_videos"


def sample_spec() -> ClipSpec:
    """A 67-year-old woman, 1.64 m, walking backward at 0.42 m/s, side view 3.8 m away."""
    body = BodySpec(
        sex=0.1,
        age_years=67.0,
        height_m=1.64,
        weight=0.55,
        muscle=0.4,
        skin_tone=2,
        hair=Hair(style="short", rgb=HAIR_COLOURS[4]),
        clothing=Clothing(
            top="longsleeve", bottom="trousers", top_rgb=(0.62, 0.22, 0.20), bottom_rgb=(0.18, 0.22, 0.32)
        ),
        shoes=Shoes(sole_m=0.025, upper_rgb=(0.85, 0.85, 0.88), sole_rgb=(0.30, 0.30, 0.32)),
        seed=1,
    )
    motion = MotionSpec(
        duration_s=9.0,
        direction="backward",
        strike="forefoot",
        strike_angle_deg=15.0,
        speed_mps=0.42,
        cadence_spm=92.0,
        phase0=0.3,
        glances=(
            HeadTurn(start_s=2.4, duration_s=1.2, yaw_deg=65.0, side="left"),
            HeadTurn(start_s=6.0, duration_s=1.0, yaw_deg=55.0, side="right", with_trunk=True),
        ),
    )
    room = RoomSpec(
        width_m=8.5,
        back_m=2.2,
        floor="wood",
        wall="paint",
        furniture=(
            FurnitureItem(kind="sofa", wall="back", offset_m=-1.6, rgb=(0.35, 0.42, 0.36)),
            FurnitureItem(kind="shelf", wall="back", offset_m=1.2, rgb=(0.55, 0.40, 0.26)),
            FurnitureItem(kind="plant", wall="back", offset_m=2.6),
            FurnitureItem(kind="window", wall="back", offset_m=0.0),
        ),
        seed=3,
    )
    cam = CameraSpec(
        width=640, height=480, position_m=(0.0, 0.95, 3.8), look_at_m=(0.0, 0.85, 0.0), fov_deg=FOV_NORMAL_DEG
    )
    return ClipSpec(
        name=NAME,
        seed=0,
        fps=30.0,
        body=body,
        motion=motion,
        place=(0.0, 0.0, -np.pi / 2),
        camera=cam,
        lens="normal",
        camera_yaw_deg=0.0,
        camera_distance_m=3.8,
        room=room,
        lights=LightSpec(),
        degrade=Degrade(noise_sigma=0.8, blur_sigma_px=0.4, crf=27),
    )


def main(out_dir: Path = OUT_DIR) -> int:
    print(render_clip(sample_spec(), out_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
