"""Synthetic walker with exact labels: ``generate_gait(GaitSpec) -> GaitSequence``.

One kinematic model serves two uses: ground truth for the coaching metrics (a PoseFrame sequence
with exact step, strike, glance, lean and fall labels) and the figure drawn by
:mod:`vision.synth.render` for sample videos.

Model (units: metres, seconds, degrees unless noted). Feet follow prescribed footprints
(:mod:`vision.synth.feet`); the pelvis moves at ``speed_mps`` with a vertical bob fitted so the
stance knee stays ≥ 6° flexed; knees come from two-link IK; the trunk leans by
``trunk_lean_deg``; arms swing with the opposite leg; the head yaws for glances and pitches by
``head_flexion_deg``. BACKWARD walking is forward gait reversed in time: the walker faces +X and
travels toward −X, contacts the floor toe-first (``strike="forefoot"``) and lifts off heel-last.

Event conventions (exact by construction):

- ``contact_time_s`` is the instant the contacting part of the foot (toe for forefoot, heel for
  heel, both for flat strikes) reaches the floor; ``contact_frame`` is the FIRST frame whose
  timestamp is ≥ that instant. From then until the foot is flat, the contacting landmark lies
  exactly on the floor (height 0), and before the instant it is strictly above the floor.
- ``liftoff_time_s`` is the instant the last part of the foot (toe walking forward, heel walking
  backward) leaves the floor; ``liftoff_frame`` is the first frame with timestamp ≥ that instant,
  or −1 when that is after the clip ends (the time is still given) or when the walker falls
  before lifting the foot (then the time is NaN).
- Glance ``start_frame``/``end_frame`` are the first/last frames inside [start, start + duration];
  ``peak_frame`` is the frame nearest the middle of the hold (where |yaw| = ``yaw_deg``).
- ``fall_frame`` is the first frame with timestamp ≥ ``fall_at_s``; no steps start after it.

Coordinates: ``joints3d`` is in the walker frame (X facing, Y up, Z the walker's right, floor
Y = 0, origin under the middle of the path). PoseFrame fields follow ``vision.pose_frame``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.landmarks import LM
from vision.pose_frame import PoseFrame
from vision.synth.body import Body
from vision.synth.camera import Camera, place_camera
from vision.synth.feet import FootPlan
from vision.synth.observe import observe, to_frames
from vision.synth.skeleton import Rig, build_rig
from vision.synth.spec import GaitSpec, GlanceSpec

__all__ = [
    "GENERATOR_VERSION",
    "GaitSequence",
    "GaitSpec",
    "GaitTruth",
    "GlanceSpec",
    "GlanceTruth",
    "StepTruth",
    "generate_gait",
]

GENERATOR_VERSION = "1.0"


@dataclass(frozen=True)
class StepTruth:
    """One foot contact (see the module docstring for the frame conventions)."""

    foot: str
    """"left" or "right"."""
    contact_frame: int
    contact_time_s: float
    liftoff_frame: int
    liftoff_time_s: float
    strike: str
    """"forefoot", "flat" or "heel": which part of the foot touched the floor first."""


@dataclass(frozen=True)
class GlanceTruth:
    """One look over the shoulder, in frames; ``peak_yaw_deg`` is unsigned, ``side`` its sign."""

    start_frame: int
    end_frame: int
    peak_frame: int
    peak_yaw_deg: float
    side: str


@dataclass(frozen=True, eq=False)
class GaitTruth:
    """Exact labels of a :class:`GaitSequence`; per-frame arrays have length T."""

    steps: tuple[StepTruth, ...]
    glances: tuple[GlanceTruth, ...]
    direction: str
    trunk_lean_deg: np.ndarray
    """(T,) hip-midpoint→shoulder-midpoint inclination from vertical in the sagittal plane,
    + toward the facing direction (degrees)."""
    head_yaw_deg: np.ndarray
    """(T,) head yaw relative to the facing direction, + = toward the walker's left (degrees)."""
    fall_frame: int | None
    timestamps_s: np.ndarray
    """(T,) frame times in seconds (jittered when ``vfr_jitter_s`` > 0)."""
    xy_px: np.ndarray
    """(T, 33, 2) exact landmark projections in pixels (no noise, no NaN, no drops)."""
    foot_on_floor: np.ndarray
    """(T, 2) bool, left/right foot in contact with the floor."""
    dropped: np.ndarray
    """(T,) bool, frames reported as ``PoseFrame.absent``."""
    occluded_foot: np.ndarray
    """(T,) 0/1 = left/right foot hidden behind the body (``occlude_far_foot``), else −1."""
    travel: str
    """Image direction of travel ("left_to_right"/"right_to_left"); "toward_camera"/"away_from_camera"
    in front view; "none" when standing."""
    view: str
    cadence_spm: float
    speed_mps: float
    step_length_m: float


@dataclass(frozen=True, eq=False)
class GaitSequence:
    """Frames, labels and the 3D model they came from."""

    spec: GaitSpec
    frames: tuple[PoseFrame, ...]
    truth: GaitTruth
    joints3d: np.ndarray
    """(T, 33, 3) landmarks in metres, walker frame (see module docstring)."""
    camera: Camera
    rig: Rig
    body: Body


def frame_times(spec: GaitSpec, rng: np.random.Generator) -> np.ndarray:
    """Frame timestamps in seconds: i / fps plus uniform jitter (clamped to ±0.45 frame); t[0] = 0."""
    n = spec.num_frames
    t = np.arange(n) / spec.fps
    j = min(spec.vfr_jitter_s, 0.45 / spec.fps)
    if j > 0:
        t = t + rng.uniform(-j, j, n)
        t[0] = 0.0
    return t


def _first_frame_at_or_after(times: np.ndarray, t: float) -> int:
    return int(np.searchsorted(times, t - 1e-12, side="left"))


def _steps(plan: FootPlan, spec: GaitSpec, times: np.ndarray) -> tuple[StepTruth, ...]:
    t_end = times[-1] if spec.fall_at_s is None else min(times[-1], spec.fall_at_s - 1e-9)
    out = []
    for foot, tc, tl in plan.contacts(times[0], t_end):
        lifts = spec.fall_at_s is None or tl < spec.fall_at_s
        in_clip = lifts and tl <= times[-1]
        out.append(
            StepTruth(
                foot="left" if foot == 0 else "right",
                contact_frame=_first_frame_at_or_after(times, tc),
                contact_time_s=float(tc),
                liftoff_frame=_first_frame_at_or_after(times, tl) if in_clip else -1,
                liftoff_time_s=float(tl) if lifts else float("nan"),
                strike=spec.strike,
            )
        )
    return tuple(out)


def _glances(spec: GaitSpec, times: np.ndarray, yaw_deg: np.ndarray) -> tuple[GlanceTruth, ...]:
    out = []
    for g in spec.glances:
        end = g.start_s + g.duration_s
        if end < times[0] or g.start_s > times[-1]:
            continue
        peak = int(np.argmin(np.abs(times - (g.start_s + 0.5 * g.duration_s))))
        out.append(
            GlanceTruth(
                start_frame=_first_frame_at_or_after(times, g.start_s),
                end_frame=int(np.searchsorted(times, end + 1e-12, side="right")) - 1,
                peak_frame=peak,
                peak_yaw_deg=float(abs(yaw_deg[peak])),
                side=g.side,
            )
        )
    return tuple(out)


def trunk_lean_deg(joints: np.ndarray) -> np.ndarray:
    """(T,) sagittal trunk inclination (degrees, + toward facing) of walker-frame landmarks."""
    hip = 0.5 * (joints[:, LM.LEFT_HIP] + joints[:, LM.RIGHT_HIP])
    sh = 0.5 * (joints[:, LM.LEFT_SHOULDER] + joints[:, LM.RIGHT_SHOULDER])
    v = sh - hip
    return np.rad2deg(np.arctan2(v[:, 0], v[:, 1]))


def _travel_label(spec: GaitSpec) -> str:
    if spec.direction == "standing":
        return "none"
    if spec.view == "front":
        toward = (spec.travel_sign > 0) == spec.facing_camera
        return "toward_camera" if toward else "away_from_camera"
    return spec.travel


def generate_gait(spec: GaitSpec) -> GaitSequence:
    """Synthesize a walker for ``spec``: deterministic for ``spec.seed``."""
    rng_t, rng_obs = np.random.default_rng(spec.seed).spawn(2)
    body = Body.from_height(spec.height_m)
    plan = FootPlan.from_spec(spec, body)
    times = frame_times(spec, rng_t)
    rig = build_rig(times, spec, body, plan)
    path_x = plan.pelvis_x(np.array([0.0, spec.duration_s]))
    camera = place_camera(spec, (float(path_x[0]), float(path_x[1])))
    obs = observe(rig, camera, spec, rng_obs)
    frames = to_frames(obs, times, tuple(spec.image_size))
    fall_frame = None if spec.fall_at_s is None else _first_frame_at_or_after(times, spec.fall_at_s)
    if fall_frame is not None and fall_frame >= len(times):
        fall_frame = None
    steps = _steps(plan, spec, times)
    truth = GaitTruth(
        steps=steps,
        glances=_glances(spec, times, rig.head_yaw_deg),
        direction=spec.direction,
        trunk_lean_deg=trunk_lean_deg(rig.joints),
        head_yaw_deg=rig.head_yaw_deg,
        fall_frame=fall_frame,
        timestamps_s=times,
        xy_px=obs.xy_px,
        foot_on_floor=rig.feet.stance,
        dropped=obs.dropped,
        occluded_foot=obs.occluded_foot,
        travel=_travel_label(spec),
        view=spec.view,
        cadence_spm=0.0 if plan.standing else spec.cadence_spm,
        speed_mps=0.0 if plan.standing else spec.speed_mps,
        step_length_m=0.0 if plan.standing else spec.speed_mps * 60.0 / spec.cadence_spm,
    )
    return GaitSequence(
        spec=spec, frames=frames, truth=truth, joints3d=rig.joints, camera=camera, rig=rig, body=body
    )
