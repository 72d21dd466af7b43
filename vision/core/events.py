"""What the coaching core reports: per-frame metrics, events (with priority) and the session summary.

Times are seconds on the stream's clock (``PoseFrame.timestamp_s``); ``frame_index`` is the frame
the event refers to. ``emitted_at_s`` is the timestamp of the frame whose update emitted the event,
so ``emitted_at_s - time_s`` is the detection delay.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, IntEnum
from types import MappingProxyType
from typing import ClassVar


class View(str, Enum):
    """Where the camera sees the subject from."""

    SIDE = "side"
    FRONTAL = "frontal"
    OBLIQUE = "oblique"
    UNKNOWN = "unknown"


class Direction(str, Enum):
    """Walking direction relative to where the subject faces."""

    BACKWARD = "backward"
    FORWARD = "forward"
    STANDING = "standing"
    TURNING = "turning"
    UNKNOWN = "unknown"


class Foot(str, Enum):
    LEFT = "left"
    RIGHT = "right"


class Strike(str, Enum):
    """Which part of the foot touches the ground first."""

    FOREFOOT = "forefoot"
    FLAT = "flat"
    HEEL = "heel"
    UNKNOWN = "unknown"
    """Not measurable (view, occlusion) — never a guess."""


class Priority(IntEnum):
    """Higher values pre-empt lower ones in the feedback queue."""

    INFO = 0
    STEP = 1
    COACHING = 2
    WARNING = 3
    CRITICAL = 4


@dataclass(frozen=True, kw_only=True, slots=True)
class InstantEvent:
    """What every event at one instant carries (a glance, which spans frames, has its own)."""

    time_s: float
    frame_index: int
    emitted_at_s: float


@dataclass(frozen=True, kw_only=True, slots=True)
class StrikeEvidence:
    """What a contact's strike class was decided from (side view; degrees relative to the
    mid-stance flat foot, positive toe up): see :func:`vision.core.strike.classify_strike`."""

    angle_deg: float
    """Median foot angle over the contact (``angle_before_s`` before to ``angle_after_s`` after)."""
    before_deg: float
    """Median foot angle over the ``landing_s`` before the contact."""
    after_deg: float
    """Median foot angle over the ``landing_s`` after the contact."""
    order_s: float
    """Heel rest time − toe rest time (s): > 0, the toe came to rest first."""


@dataclass(frozen=True, kw_only=True, slots=True)
class StepEvent(InstantEvent):
    """Initial contact (``kind='contact'``) or lift-off (``kind='liftoff'``) of one foot."""

    priority: ClassVar[Priority] = Priority.STEP
    kind: str
    foot: Foot
    confidence: float
    """0..1: how clear the event was (signal prominence, landmark visibility, view)."""
    strike: Strike = Strike.UNKNOWN
    """Strike class (contacts only; UNKNOWN for lift-offs or when not measurable)."""
    foot_angle_deg: float = float("nan")
    """Foot angle at the event relative to the flat foot, positive toe up (side view only)."""
    knee_flexion_deg: float = float("nan")
    """Knee flexion of this leg at the event (0 = straight; side view only)."""
    direction: Direction = Direction.UNKNOWN
    evidence: StrikeEvidence | None = None
    """What the strike class was decided from (contacts measured in a side view only)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class GlanceEvent:
    """A look over the shoulder: head yaw relative to the trunk beyond the glance threshold."""

    priority: ClassVar[Priority] = Priority.INFO
    start_time_s: float
    end_time_s: float
    peak_time_s: float
    start_frame: int
    end_frame: int
    peak_frame: int
    peak_yaw_deg: float
    """Signed peak yaw relative to the trunk; positive = toward the subject's left."""
    side: str
    """'left' or 'right' (the subject's side the head turned to)."""
    emitted_at_s: float
    over_rotation: bool
    confidence: float

    @property
    def duration_s(self) -> float:
        return self.end_time_s - self.start_time_s

    @property
    def time_s(self) -> float:
        return self.start_time_s


@dataclass(frozen=True, kw_only=True, slots=True)
class OverRotationEvent(InstantEvent):
    """Live alert: the current glance turns too far (``reason='yaw'``) or lasts too long ('hold')."""

    priority: ClassVar[Priority] = Priority.COACHING
    reason: str
    yaw_deg: float
    held_s: float


@dataclass(frozen=True, kw_only=True, slots=True)
class FallEvent(InstantEvent):
    """A fall (``kind='fall'``) or stumble ('stumble'): always the highest priority; ``time_s`` is the
    estimated onset of the drop."""

    priority: ClassVar[Priority] = Priority.CRITICAL
    kind: str
    confidence: float
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class LeavingFrameEvent(InstantEvent):
    """The subject walks toward an image edge and will leave the view soon."""

    priority: ClassVar[Priority] = Priority.WARNING
    edge: str
    """'left', 'right', 'top' or 'bottom'."""
    time_to_exit_s: float


@dataclass(frozen=True, kw_only=True, slots=True)
class DirectionEvent(InstantEvent):
    """The walking direction changed (e.g. the subject turned around or stopped)."""

    priority: ClassVar[Priority] = Priority.INFO
    direction: Direction
    previous: Direction


Event = StepEvent | GlanceEvent | OverRotationEvent | FallEvent | LeavingFrameEvent | DirectionEvent

NO_REASONS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, kw_only=True, slots=True)
class FrameMetrics:
    """Per-frame values; NaN (or None) where not measurable, with the reason in ``not_measurable``."""

    frame_index: int
    time_s: float
    present: bool
    view: View
    direction: Direction
    trunk_lean_deg: float
    """Trunk from vertical in the sagittal plane, positive = leaning toward the facing direction."""
    lateral_lean_deg: float
    """Trunk from vertical in the frontal plane, positive = toward the subject's left."""
    head_flexion_deg: float
    """Head pitch, positive = chin down (from the ear→nose line, relative to neutral)."""
    upright: bool | None
    looking_down: bool | None
    head_yaw_deg: float
    """Head yaw relative to the trunk, positive = toward the subject's left."""
    in_glance: bool
    time_since_glance_s: float
    """Seconds since the last glance ended (NaN before the first)."""
    knee_flexion_left_deg: float
    knee_flexion_right_deg: float
    pelvis_sway_frac: float
    """Mediolateral pelvis offset from its running mean, in torso lengths (frontal view)."""
    neck_flexion_deg: float
    """Shoulder→ear line from vertical, positive = ear ahead of the shoulder (side view)."""
    not_measurable: Mapping[str, str]
    """Metric name → reason it is not measured in this frame."""
    # --- posture parts (docs/posture.md): ``upright`` is none of them ------------------------
    trunk_leaning: bool | None = None
    """|Trunk lean| beyond the upright limit (None: not measured)."""
    rounded_back: bool | None = None
    """Neck carried forward of the trunk line beyond the rounded-back limit (None: not measured)."""
    neck_to_trunk_deg: float = math.nan
    """Shoulder→ear line against the hip→shoulder line, + = ear ahead (docs/posture.md)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class StepRecord:
    """One step of the session: contact, its lift-off, strike and knee angles."""

    foot: Foot
    contact_time_s: float
    contact_frame: int
    liftoff_time_s: float
    """NaN when the lift-off was not seen."""
    liftoff_frame: int
    """-1 when the lift-off was not seen."""
    strike: Strike
    foot_angle_deg: float
    knee_flexion_contact_deg: float
    knee_flexion_peak_deg: float
    """Peak knee flexion during this stance (contact to lift-off)."""
    direction: Direction
    confidence: float

    @property
    def stance_time_s(self) -> float:
        return self.liftoff_time_s - self.contact_time_s


@dataclass(frozen=True, kw_only=True, slots=True)
class SessionSummary:
    """Totals and medians of a session (a recording or the stream so far)."""

    duration_s: float
    detection_rate: float
    """Share of frames with a usable pose of the subject."""
    view: View
    direction: Direction
    steps: tuple[StepRecord, ...]
    cadence_spm: float
    step_time_s: float
    stance_time_s: float
    step_time_symmetry_pct: float
    """100 · |L − R| / mean(L, R) of the median step times; NaN without both feet."""
    stance_time_symmetry_pct: float
    strike_share: Mapping[str, float]
    """Share of contacts per strike class (measurable contacts only)."""
    knee_flexion_contact_deg: float
    knee_flexion_peak_deg: float
    glances: tuple[GlanceEvent, ...]
    glances_per_min: float
    over_rotations: int
    upright_share: float
    """Share of measured frames that are upright: trunk near vertical, head not down, back not
    rounded (docs/posture.md)."""
    looking_down_share: float
    """Share of frames with a measured head flexion that are head down (a part of upright)."""
    mean_trunk_lean_deg: float
    sway_frac: float
    """Median peak-to-peak mediolateral pelvis sway per stride, torso lengths (frontal view)."""
    falls: tuple[FallEvent, ...]
    leaving_frame_warnings: int
    not_measurable: Mapping[str, str]
    trunk_leaning_share: float = math.nan
    """Share of frames with a measured trunk lean that lean beyond the upright limit (a part)."""
    rounded_back_share: float = math.nan
    """Share of frames with a measured neck-to-trunk angle that are rounded (a part)."""
