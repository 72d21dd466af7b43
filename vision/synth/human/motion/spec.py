"""What the digital human does: :class:`MotionSpec` and its parts (units in the names)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vision.synth.spec import StrikeKind, WalkDirection


@dataclass(frozen=True, kw_only=True)
class HeadTurn:
    """A look over the shoulder: yaw of the head on the trunk, ramp 35 % / hold 30 % / ramp 35 %.

    ``side`` is the walker's side the nose turns to; ``with_trunk`` lets the thorax make
    ``trunk_share`` of the turn (the head stays ``yaw_deg`` from the shoulder line either way).
    """

    start_s: float
    duration_s: float
    yaw_deg: float
    side: Literal["left", "right"]
    with_trunk: bool = False


@dataclass(frozen=True, kw_only=True)
class Distractor:
    """A head movement that is not a glance: a nod (pitch) or a roll, smooth up and back."""

    kind: Literal["nod", "roll"]
    start_s: float
    duration_s: float
    peak_deg: float


@dataclass(frozen=True, kw_only=True)
class Pause:
    """Stop walking at ``start_s`` (feet brought together) and start again after ``duration_s``."""

    start_s: float
    duration_s: float


@dataclass(frozen=True, kw_only=True)
class MotionSpec:
    """One clip's motion. Angles in degrees; + lean = toward the facing direction."""

    duration_s: float = 10.0
    direction: WalkDirection = "backward"
    strike: StrikeKind = "forefoot"
    strike_angle_deg: float = 15.0
    """Foot pitch at initial contact: toes down (forefoot) or up (heel)."""
    speed_mps: float = 0.6
    cadence_spm: float = 100.0
    """Steps per minute, both feet counted."""
    stance_fraction: float = 0.62
    phase0: float = 0.3
    """Fraction of a stride before the first left contact."""
    posture: Literal["upright", "leaning", "slouching"] = "upright"
    trunk_lean_deg: float = 0.0
    thoracic_flexion_deg: float = 0.0
    """Upper-back rounding shared by the thoracic spine bones."""
    neck_flexion_deg: float = 0.0
    head_pitch_deg: float = 0.0
    """Head on the neck, + = chin down."""
    glances: tuple[HeadTurn, ...] = ()
    distractors: tuple[Distractor, ...] = ()
    pauses: tuple[Pause, ...] = ()
    turns_at_s: tuple[float, ...] = ()
    """Times to stop, turn round on the spot (whole body, in small steps) and walk back."""
    treadmill: bool = False
    """Pelvis stays in place; the belt carries the stance foot; hands rest on the rail."""
    stumble_at_s: float | None = None
    fall_at_s: float | None = None
    """The walker loses balance and goes down backward (sits, then lies on the back)."""
    trunk_share: float = 0.35
    """Share of a ``with_trunk`` glance made by the thorax."""
    landing_speed_share: float = 0.4
    """Horizontal speed of the swing ankle at contact, as a share of its mean swing speed (a
    real heel lands at about 1 m/s; 0 = the foot stops in the air)."""
    liftoff_speed_share: float = 0.5
    """The same at lift-off: the swing starts moving, it does not start from rest."""
    landing_brake_share: float = 0.18
    """Share of the swing spent braking from full speed to the landing speed (terminal swing:
    the foot travels at full speed until shortly before it lands)."""
    contact_slide_s: float = 0.0
    """Time the foot travels on after a walking contact, its speed falling from the landing
    speed to rest (the real heel's slide and roll-over in the image, docs/contacts.md); 0 = the
    foot is locked on the floor from the contact."""

    def __post_init__(self) -> None:
        if self.duration_s <= 0 or self.cadence_spm <= 0 or self.speed_mps < 0:
            raise ValueError("duration_s and cadence_spm must be positive, speed_mps non-negative")
        if not 0.5 < self.stance_fraction < 0.9:
            raise ValueError("stance_fraction must lie in (0.5, 0.9)")
        if not (0.0 <= self.landing_speed_share <= 1.0 and 0.0 <= self.liftoff_speed_share <= 1.0):
            raise ValueError("landing_speed_share and liftoff_speed_share must lie in [0, 1]")
        if not 0.05 <= self.landing_brake_share <= 0.5:
            raise ValueError("landing_brake_share must lie in [0.05, 0.5]")
        if not 0.0 <= self.contact_slide_s <= 0.25:
            raise ValueError("contact_slide_s must lie in [0, 0.25] s")

    @property
    def step_s(self) -> float:
        """Time from one foot's contact to the other's (seconds)."""
        return 60.0 / self.cadence_spm

    @property
    def travel_sign(self) -> float:
        """+1 walking forward, −1 backward, 0 standing (pelvis velocity along the facing axis)."""
        return {"forward": 1.0, "backward": -1.0, "standing": 0.0}[self.direction]
