"""One rendered clip: body + motion + camera + room + render + labels.

``sample_clip(seed) -> ClipSpec`` draws everything from the seed; ``render_clip(spec, out_dir)``
writes ``<name>.mp4`` (H.264) and ``<name>.json`` (labels, ``docs/labels.md``). The walking lane
runs along world X near z = 0; the camera stands on the +Z side.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from vision.analysis.h264 import H264Writer
from vision.synth.human.body import BodySpec, HumanBody, build_body
from vision.synth.human.camera import (
    FOV_LAPTOP_WIDE_DEG,
    FOV_NORMAL_DEG,
    FOV_PHONE_PORTRAIT_DEG,
    K1_LAPTOP_WIDE,
    CameraSpec,
)
from vision.synth.human.degrade import Degrade, FrameNoise
from vision.synth.human.labels import ClipMeta, build_labels, contact_events
from vision.synth.human.motion import Motion, MotionSpec, animate
from vision.synth.human.room import RoomSpec, build_room, random_room
from vision.synth.human.sampling import lane_turns, sample_body, sample_motion
from vision.synth.human.scene import LightSpec, random_lights

GENERATOR = "vision.synth.human (MakeHuman CC0 body, project gait model, moderngl renderer)"
GENERATOR_VERSION = "2.3"
LENSES = {
    "normal": (FOV_NORMAL_DEG, 0.0),
    "wide": (FOV_LAPTOP_WIDE_DEG, K1_LAPTOP_WIDE),
    "portrait": (FOV_PHONE_PORTRAIT_DEG, 0.0),
}
LANDSCAPE_SIZES = ((640, 480), (960, 540), (1280, 720), (1920, 1080))
LANDSCAPE_ODDS = (0.7, 0.22, 0.06, 0.02)
PORTRAIT_SIZES = ((540, 960), (720, 1280))
PORTRAIT_DISTANCE_M = (3.5, 5.0)
"""A phone held upright stands farther back, or the walker would hardly fit its narrow picture."""
FPS_CHOICES = (15.0, 24.0, 25.0, 30.0, 60.0)
FPS_ODDS = (0.15, 0.2, 0.2, 0.4, 0.05)
SECOND_PERSON_SHARE = 0.15
TREADMILL_SHARE = 0.08
LANDING_SPEED_SHARE_RANGE = (0.25, 0.6)
"""Swing ankle speed at landing / its mean swing speed (uniform per clip): a heel lands at
about 1 m/s in normal walking (Lockhart et al. 2003), whose swing averages 2.5-3 m/s."""
LIFTOFF_SPEED_SHARE_RANGE = (0.3, 0.7)
"""The same at lift-off."""
LANDING_BRAKE_SHARE_RANGE = (0.12, 0.25)
"""Share of the swing spent braking before the contact: the real heel in ``../shared``
sports2d_demo still travels at 6-11 torso lengths per second two frames (67 ms) before it lands."""
CONTACT_SLIDE_S_RANGE = (0.06, 0.13)
"""Time the foot travels on after a walking contact (s, uniform per clip, its own stream): the
real heel of ``../shared`` sports2d_demo moves about 12, 7 and 1 px (torso 126 px) in the three
frames after its labelled contacts, crops showing the sandal sliding and rolling flat."""
SECOND_PERSON_LANE_Z_M = -1.2
"""The passer-by walks this far behind the subject's lane (metres)."""
ENCODER_PRESET = "superfast"
"""libx264 preset of the clips."""
LANE_MARGIN_M = 0.5
"""The walker's lane stays this far inside the picture's width at each end (metres)."""
ROOM_MARGIN_M = 1.6
"""...and this much shorter than the room is wide (metres)."""
LANE_MAX_M, LANE_MIN_M = 6.0, 1.5
LOOK_AT_HEIGHT_SHARE = 0.5
"""The camera aims at this share of body height over the lane's middle."""


@dataclass(frozen=True, kw_only=True)
class Passerby:
    """A second person walking forward behind the subject."""

    body: BodySpec
    motion: MotionSpec
    place: tuple[float, float, float]


@dataclass(frozen=True, kw_only=True)
class ClipSpec:
    name: str
    seed: int
    fps: float
    body: BodySpec
    motion: MotionSpec
    place: tuple[float, float, float]
    """(x, z, heading rad) of the walker's path middle; heading π/2 faces +X."""
    camera: CameraSpec
    lens: str
    camera_yaw_deg: float
    camera_distance_m: float
    room: RoomSpec
    lights: LightSpec
    degrade: Degrade = field(default_factory=Degrade)
    passerby: Passerby | None = None

    @property
    def num_frames(self) -> int:
        return max(1, round(self.motion.duration_s * self.fps))


def _camera(rng: np.random.Generator, *, height_m: float) -> tuple[CameraSpec, str, float, float, float]:
    """(camera, lens, yaw degrees, distance metres, visible width at the lane in metres)."""
    lens = str(rng.choice(list(LENSES), p=[0.6, 0.25, 0.15]))
    fov, k1 = LENSES[lens]
    if lens == "portrait":
        w, h = PORTRAIT_SIZES[int(rng.integers(0, len(PORTRAIT_SIZES)))]
    else:
        w, h = LANDSCAPE_SIZES[int(rng.choice(len(LANDSCAPE_SIZES), p=LANDSCAPE_ODDS))]
    half_h = np.tan(np.radians(fov) / 2)
    half_w = half_h * w / h
    dist = float(rng.uniform(*(PORTRAIT_DISTANCE_M if lens == "portrait" else (2.0, 5.0))))
    cam_h = float(rng.uniform(0.5, 1.5))
    yaw = float(rng.uniform(-35, 35))
    pos = (dist * np.sin(np.radians(yaw)), cam_h, dist * np.cos(np.radians(yaw)))
    look = (0.0, LOOK_AT_HEIGHT_SHARE * height_m + 0.3 * (cam_h - LOOK_AT_HEIGHT_SHARE * height_m), 0.0)
    cam = CameraSpec(
        width=w,
        height=h,
        position_m=tuple(float(v) for v in pos),
        look_at_m=look,  # type: ignore[arg-type]
        roll_deg=float(rng.normal(0, 1.5)),
        fov_deg=fov,
        k1=k1,
    )
    return cam, lens, yaw, dist, 2.0 * dist * half_w


def _foot_speeds(seed: int) -> dict[str, float]:
    """Swing speed shares at lift-off and landing and the slide after the contact, from their
    own streams (so that adding them left every other choice of a seed as it was)."""
    rng = np.random.default_rng([seed, 13])
    return {
        "liftoff_speed_share": float(rng.uniform(*LIFTOFF_SPEED_SHARE_RANGE)),
        "landing_speed_share": float(rng.uniform(*LANDING_SPEED_SHARE_RANGE)),
        "landing_brake_share": float(rng.uniform(*LANDING_BRAKE_SHARE_RANGE)),
        "contact_slide_s": float(np.random.default_rng([seed, 17]).uniform(*CONTACT_SLIDE_S_RANGE)),
    }


def sample_clip(seed: int) -> ClipSpec:
    """Every choice of one clip from ``seed``: even seeds walk backward."""
    rng = np.random.default_rng([seed, 11])
    body = sample_body(rng, seed)
    treadmill = bool(rng.random() < TREADMILL_SHARE)
    motion = sample_motion(rng, backward=seed % 2 == 0, height_m=body.height_m, treadmill=treadmill)
    faces_plus_x = bool(rng.random() < 0.5)
    heading = np.pi / 2 if faces_plus_x else -np.pi / 2
    room = random_room(seed, treadmill=treadmill)
    place = (0.0, 0.0, heading)
    if treadmill:
        x, z, yaw = room.treadmill_at  # type: ignore[misc]
        hd = np.radians(yaw) + (np.pi if motion.direction == "backward" else 0.0)
        place = (x, z, float(hd))
    cam, lens, yaw, dist, view_w = _camera(rng, height_m=body.height_m)
    lane = min(view_w - 2.0 * LANE_MARGIN_M, room.width_m - ROOM_MARGIN_M, LANE_MAX_M)
    motion = replace(
        motion,
        turns_at_s=lane_turns(motion, max(lane, LANE_MIN_M), rng, height_m=body.height_m),
        **_foot_speeds(seed),
    )
    passerby = None
    if rng.random() < SECOND_PERSON_SHARE and not treadmill:
        b2 = sample_body(rng, seed + 100_000)
        m2 = MotionSpec(
            duration_s=motion.duration_s,
            direction="forward",
            strike="heel",
            speed_mps=float(rng.uniform(0.8, 1.3)),
            cadence_spm=float(rng.uniform(100, 120)),
        )
        passerby = Passerby(
            body=b2,
            motion=m2,
            place=(float(rng.uniform(-1, 1)), SECOND_PERSON_LANE_Z_M, float(rng.choice([-1, 1]) * np.pi / 2)),
        )
    fps = float(rng.choice(FPS_CHOICES, p=FPS_ODDS))
    return ClipSpec(
        name=f"human_{seed:05d}",
        seed=seed,
        fps=fps,
        body=body,
        motion=motion,
        place=place,
        camera=cam,
        lens=lens,
        camera_yaw_deg=yaw,
        camera_distance_m=dist,
        room=room,
        lights=random_lights(seed),
        degrade=Degrade(
            noise_sigma=float(rng.uniform(0.5, 5.0)),
            blur_sigma_px=float(rng.uniform(0.0, 0.8)),
            crf=int(rng.integers(18, 33)),
        ),
        passerby=passerby,
    )


def _meta(spec: ClipSpec, body: HumanBody) -> ClipMeta:
    b = spec.body
    m = spec.motion
    furniture = [f.kind for f in spec.room.furniture]
    body_id = f"b{spec.seed:05d}-{b.sex:.2f}-{b.height_m:.3f}-{b.weight:.2f}-{b.age_years:.0f}"
    return ClipMeta(
        video=f"{spec.name}.mp4",
        fps=spec.fps,
        image_size=(spec.camera.width, spec.camera.height),
        seed=spec.seed,
        generator=GENERATOR,
        generator_version=GENERATOR_VERSION,
        view="side" if abs(spec.camera_yaw_deg) < 20 else "oblique",
        camera={
            "height_m": round(spec.camera.position_m[1], 3),
            "distance_m": round(spec.camera_distance_m, 3),
            "yaw_deg": round(spec.camera_yaw_deg, 2),
            "roll_deg": round(spec.camera.roll_deg, 2),
            "fov_deg": spec.camera.fov_deg,
            "lens": spec.lens,
        },
        body={
            "id": body_id,
            "sex": "male" if b.sex >= 0.5 else "female",
            "sex_value": round(b.sex, 3),
            "age_years": round(b.age_years, 1),
            "height_m": round(b.height_m, 3),
            "weight_kg": round(_weight_kg(b), 1),
            "skin_tone": b.skin_tone,
            "clothing": f"{b.clothing.top}+{b.clothing.bottom}",
            "shoes": f"sole {b.shoes.sole_m * 1000:.0f} mm",
        },
        room={
            "kind": "treadmill" if m.treadmill else ("living_room" if "sofa" in furniture else "room"),
            "floor": spec.room.floor,
            "wall": spec.room.wall,
            "furniture": furniture,
        },
        treadmill=m.treadmill,
        second_person=spec.passerby is not None,
        compression={"codec": "h264", "crf": spec.degrade.crf},
        direction=m.direction,
        strike=m.strike if m.direction != "standing" else "mixed",
        posture=m.posture,
    )


def _weight_kg(b: BodySpec) -> float:
    """Rough body mass from height and the slim..obese slider (BMI 18 → 38)."""
    return (18.0 + 20.0 * b.weight) * b.height_m**2


def animate_clip(spec: ClipSpec, body: HumanBody, times: np.ndarray) -> tuple[Motion, float]:
    """The subject's motion at ``times`` and its floor height (a treadmill belt is raised)."""
    floor = 0.0
    if spec.motion.treadmill:
        layout = build_room(spec.room).treadmill
        floor = layout.belt_top_m if layout is not None else 0.0
    return animate(body, spec.motion, times, floor_y_m=floor, place=spec.place), floor


def render_clip(spec: ClipSpec, out_dir: Path) -> Path:
    """Render ``spec`` to ``out_dir/<name>.mp4`` with labels in ``<name>.json``; returns the video."""
    from vision.synth.human.render import Renderer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    body = build_body(spec.body)
    times = np.arange(spec.num_frames) / spec.fps
    motion, _floor = animate_clip(spec, body, times)
    mats = body.pose(local_rot=motion.local_rot, root_m=motion.root_m)
    renderer = Renderer(camera=spec.camera, room=spec.room, lights=spec.lights)
    video = out_dir / f"{spec.name}.mp4"
    try:
        handle = renderer.add_body(body)
        extra = None
        if spec.passerby is not None:
            b2 = build_body(spec.passerby.body)
            m2 = animate(b2, spec.passerby.motion, times, place=spec.passerby.place)
            extra = (renderer.add_body(b2), b2, b2.pose(local_rot=m2.local_rot, root_m=m2.root_m))
        size = (spec.camera.width, spec.camera.height)
        noise = FrameNoise(spec.degrade, (size[1], size[0], 3), spec.seed)
        with H264Writer(video, size, spec.fps, crf=spec.degrade.crf, preset=ENCODER_PRESET, threads=1) as w:
            for i, t in enumerate(times):
                verts = {handle: body.skin(mats[i])}
                if extra is not None:
                    verts[extra[0]] = extra[1].skin(extra[2][i])
                img = renderer.render(vertices=verts)
                w.write(noise(img), float(t))
    finally:
        renderer.release()
    write_labels(spec, out_dir, body=body)
    return video


def write_labels(spec: ClipSpec, out_dir: Path, *, body: HumanBody | None = None) -> Path:
    """Compute and write ``<name>.json`` for ``spec`` (no rendering: the camera model projects)."""
    body = build_body(spec.body) if body is None else body
    times = np.arange(spec.num_frames) / spec.fps
    motion, floor = animate_clip(spec, body, times)
    mats = body.pose(local_rot=motion.local_rot, root_m=motion.root_m)
    landmarks_px = spec.camera.project(body.landmarks_3d(mats))
    steps = contact_events(body, spec.motion, frame_times_s=times, floor_y_m=floor, place=spec.place)
    doc = build_labels(
        body=body,
        spec=spec.motion,
        motion=motion,
        mats=mats,
        steps=steps,
        landmarks_px=landmarks_px,
        meta=_meta(spec, body),
    )
    doc["clip_spec"] = {"motion": _jsonable(asdict(spec.motion))}
    path = Path(out_dir) / f"{spec.name}.json"
    path.write_text(json.dumps(doc, separators=(",", ":")))
    return path


def _jsonable(x: object) -> object:
    """Dataclass dicts with floats rounded to 4 places."""
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if isinstance(x, float | np.floating):
        return round(float(x), 4)
    return x
