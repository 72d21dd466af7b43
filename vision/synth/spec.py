"""What to synthesize: :class:`GaitSpec` and :class:`GlanceSpec` (re-exported by ``gait``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

WalkDirection = Literal["backward", "forward", "standing"]
"""How a synthetic subject moves: walking backward or forward, or standing."""
StrikeKind = Literal["forefoot", "flat", "heel"]
"""The part of the foot that touches the floor first at each contact."""


@dataclass(frozen=True)
class GlanceSpec:
    """A look over the shoulder.

    The head yaw rises smoothly over the first 35 % of ``duration_s``, holds ``yaw_deg`` for the
    middle 30 % and returns over the last 35 %. ``side`` is the walker's side the nose turns to.
    """

    start_s: float
    duration_s: float
    yaw_deg: float
    side: Literal["left", "right"]


@dataclass(frozen=True)
class GaitSpec:
    """Parameters of one synthetic recording (units in the names: s, m, deg, px, spm)."""

    direction: WalkDirection = "backward"
    strike: StrikeKind = "forefoot"
    fps: float = 30.0
    duration_s: float = 10.0
    speed_mps: float = 0.5
    cadence_spm: float = 100.0
    """Steps per minute (both feet counted)."""
    height_m: float = 1.70
    trunk_lean_deg: float = 0.0
    """Constant trunk inclination from vertical; + = toward the facing direction."""
    head_flexion_deg: float = 0.0
    """Head pitch on the trunk; + = chin down / looking at the feet."""
    glances: tuple[GlanceSpec, ...] = ()
    view: Literal["side", "front", "oblique"] = "side"
    travel: Literal["left_to_right", "right_to_left"] = "left_to_right"
    """Image direction of pelvis travel in side and oblique views (ignored in front view)."""
    image_size: tuple[int, int] = (640, 480)
    """(width, height) in pixels."""
    subject_height_px: float = 300.0
    """Standing height in pixels at ``camera_distance_m``; sets the focal length."""
    noise_px: float = 0.0
    """Gaussian noise (standard deviation, pixels) added to observed landmarks."""
    drop_frame_rate: float = 0.0
    """Probability that a frame has no detection (PoseFrame.absent)."""
    occlude_far_foot: bool = False
    """Far-side ankle/heel/toe get low visibility, extra noise and some NaN."""
    fall_at_s: float | None = None
    """The walker stumbles at this time and goes down backward (sits, then lies on the back)."""
    vfr_jitter_s: float = 0.0
    """Uniform timestamp jitter (±, seconds, clamped below half a frame) for variable frame rate."""
    seed: int = 0
    # --- extras -------------------------------------------------------------------------------
    stance_fraction: float = 0.62
    """Fraction of the gait cycle each foot is on the floor (double support = 2·(f − 0.5))."""
    strike_angle_deg: float = 15.0
    """Foot pitch at initial contact: toe-down for forefoot, toe-up for heel strikes."""
    phase0: float = 0.3
    """Fraction of a stride before the first left contact (shifts the step timing)."""
    camera_distance_m: float = 3.0
    """Camera to the line of progression (side), to the nearest pelvis position (front)."""
    camera_height_m: float | None = None
    """Camera height above the floor; None = 0.55 · height_m. The camera looks horizontally."""
    facing_camera: bool = True
    """Front/oblique views: camera on the walker's front side (True) or back side (False)."""
    foot_landmarks: Literal["sole", "anatomical"] = "sole"
    """Where the heel / foot-index landmarks are: "sole" = the back and tip of the shoe sole (they
    touch the floor exactly at contact); "anatomical" = heel bone and toe tip inside the shoe, where
    BlazePose reports them on shod feet (≈ 3–4 cm above the floor when flat). The body, the contact
    events and the rendered video are the same either way."""
    glance_trunk_share: float = 0.2
    """Fraction of a glance's yaw made by the thorax; the neck makes the rest."""

    def __post_init__(self) -> None:
        if self.fps <= 0 or self.duration_s <= 0:
            raise ValueError("fps and duration_s must be positive")
        if not 0.5 < self.stance_fraction < 0.9:
            raise ValueError("stance_fraction must lie in (0.5, 0.9)")
        if self.cadence_spm <= 0 or self.speed_mps < 0:
            raise ValueError("cadence_spm must be positive and speed_mps non-negative")
        if self.speed_mps * 60.0 / self.cadence_spm > 0.5 * self.height_m:
            raise ValueError("step length speed·60/cadence beyond 0.5·height is out of the legs' reach")
        if not 0.0 <= self.drop_frame_rate < 1.0:
            raise ValueError("drop_frame_rate must lie in [0, 1)")

    @property
    def num_frames(self) -> int:
        """Frames in the recording: round(duration_s · fps)."""
        return max(1, round(self.duration_s * self.fps))

    @property
    def stride_s(self) -> float:
        """Duration of one stride (two steps) in seconds."""
        return 120.0 / self.cadence_spm

    @property
    def travel_sign(self) -> float:
        """Pelvis velocity along the facing axis per unit speed: +1 forward, −1 backward, 0 standing."""
        return {"forward": 1.0, "backward": -1.0, "standing": 0.0}[self.direction]
