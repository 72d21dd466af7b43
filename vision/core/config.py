"""Thresholds and tuning of the coaching core, in one frozen dataclass.

Every value carries its unit in its name: ``_deg`` degrees, ``_s`` seconds, ``_hz`` hertz,
``_frac`` a fraction of a body length (see each field), ``_px`` image pixels.
The detectors' internal tuning lives in the groups at the end (:mod:`vision.core.tuning`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vision.core.posture_parts import PostureLimits, fitted_head_down_deg, load_limits
from vision.core.tuning import (
    FallTuning,
    FrameTuning,
    GaitTuning,
    HeadTuning,
    LeaveTuning,
    LegTuning,
    StepTuning,
    SummaryTuning,
    TravelTuning,
    ViewTuning,
)


@dataclass(frozen=True, kw_only=True, slots=True)
class CoachConfig:
    """Configurable limits of the coach (defaults suit an adult walking backward for knee rehab)."""

    # --- landmark quality -------------------------------------------------------------------
    min_visibility: float = 0.5
    """Landmarks with a lower visibility are treated as missing."""
    min_face_visibility: float = 0.25
    """Face landmarks (head pose fit) use this lower threshold: their positions stay plausible."""
    min_leg_visibility: float = 0.3
    """Knees, ankles, heels and toes use this threshold: the far leg in a side view is partly
    hidden behind the near one, so BlazePose rates it low while its positions stay usable."""
    min_presence: float = 0.5
    """Landmarks with a lower presence (probability of being inside the image) are missing
    (BlazePose's own cut-off for drawing a landmark)."""
    min_torso_px: float = 12.0
    """A torso (shoulder-midpoint to hip-midpoint) shorter than this means a useless pose."""

    # --- buffers and delays ---------------------------------------------------------------
    ring_frames: int = 256
    """Frames kept in the ring buffers (≥ 2 s at 120 fps); memory is fixed at construction."""
    max_gap_s: float = 0.5
    """A gap in valid frames longer than this resets gait tracking (the subject vanished)."""

    # --- calibration ------------------------------------------------------------------------
    calibration_s: float = 2.0
    """Seconds at the start used to calibrate neutral head yaw and body size."""

    # --- camera and body proportions -------------------------------------------------------
    focal_length_frac: float = 0.8
    """Assumed focal length / the image's long side (typical phone main camera ≈ 0.75-0.9)."""
    frontal_width_ratio: float = 0.63
    """(shoulder width + hip width) / (2 · torso length) of an adult seen from the front."""
    hip_width_frac: float = 0.52
    """Hip-joint width / torso length (Winter: 0.15 H / 0.288 H)."""

    # --- view ---------------------------------------------------------------------------------
    side_max_width_ratio: float = 0.28
    """Side view when (shoulder width + hip width) / (2 torso length) is below this (≲ 26°
    between the line of sight and the plane of progression)."""
    frontal_min_width_ratio: float = 0.5
    """Frontal view when that ratio is above this (azimuth ≲ 37°); in between is oblique."""
    view_hold_s: float = 0.5
    """A new view must persist this long before the reported view changes."""

    # --- posture ------------------------------------------------------------------------------
    upright_max_lean_deg: float = 10.0
    """Trunk lean (forward or backward, from vertical) beyond which posture is not upright."""
    upright_max_lateral_deg: float = 8.0
    """Lateral trunk lean (frontal view) beyond which posture is not upright."""
    head_down_max_deg: float = field(default_factory=fitted_head_down_deg)
    """Head flexion (chin down, against the trunk) beyond which the subject is 'looking at the
    feet' (fitted: vision/core/fitted/posture.json, see docs/posture.md)."""
    head_neutral_pitch_deg: float = 0.0
    """Head pitch (face template's anterior axis below horizontal) of a neutral head, degrees."""

    # --- glances ------------------------------------------------------------------------------
    glance_on_yaw_deg: float = 25.0
    """A glance starts when |head yaw relative to the trunk| exceeds this."""
    glance_off_yaw_deg: float = 15.0
    """...and ends when it falls back below this (hysteresis)."""
    glance_min_duration_s: float = 0.15
    """Shorter excursions are noise, not glances."""
    over_rotation_yaw_deg: float = 75.0
    """A glance whose peak yaw exceeds this is an over-rotation."""
    over_rotation_hold_s: float = 2.0
    """A glance held longer than this is an over-rotation."""

    # --- gait ---------------------------------------------------------------------------------
    step_min_prominence_frac: float = 0.12
    """Foot excursion relative to the pelvis (fraction of torso length) that makes a step."""
    min_travel_speed_frac_s: float = 0.25
    """Pelvis speed (torso lengths / s) above which the direction of travel comes from the pelvis."""
    strike_heel_min_deg: float = 8.0
    """Foot angle at contact (toe up, relative to flat) above which the strike is a heel strike."""
    strike_forefoot_max_deg: float = -8.0
    """Foot angle at contact below which (toe down) the strike is a forefoot strike."""

    # --- safety -------------------------------------------------------------------------------
    fall_drop_frac: float = 0.45
    """Pelvis drop below its walking height (fraction of standing hip height) that marks a fall."""
    fall_trunk_deg: float = 55.0
    """Trunk angle from vertical that marks a fall (with a drop) or a subject on the floor."""
    fall_min_drop_speed_frac_s: float = 0.8
    """Downward pelvis speed (standing hip heights / s) of a sudden drop."""
    stumble_drop_frac: float = 0.18
    """A sudden pelvis drop of this fraction of hip height that recovers is a stumble."""
    leave_horizon_s: float = 1.5
    """Warn when the subject will reach the frame edge within this time."""
    leave_margin_frac: float = 0.02
    """Image edge margin (fraction of the image side) counted as 'at the edge'."""

    # --- detector tuning (see vision.core.tuning) ------------------------------------------
    frames: FrameTuning = field(default_factory=FrameTuning)
    """Per-frame gating and smoothing of the analyzer."""
    legs: LegTuning = field(default_factory=LegTuning)
    """Leg identity, glitches and the per-leg signal filters."""
    steps: StepTuning = field(default_factory=StepTuning)
    """Gait-event refinement, confidence and strike classification."""
    falls: FallTuning = field(default_factory=FallTuning)
    """Fall and stumble detection."""
    leaving: LeaveTuning = field(default_factory=LeaveTuning)
    """Leaving-the-view warnings."""
    head: HeadTuning = field(default_factory=HeadTuning)
    """Head-yaw reference and glance filtering."""
    views: ViewTuning = field(default_factory=ViewTuning)
    """View classification, facing and sway."""
    travel: TravelTuning = field(default_factory=TravelTuning)
    """Direction of travel."""
    summary: SummaryTuning = field(default_factory=SummaryTuning)
    """Session totals."""

    # --- gait-event model (issue 12, gait helper) ---------------------------------------------
    gait: GaitTuning = field(default_factory=GaitTuning)
    """The offline step table re-decoded at summary time."""
    # --- posture parts (issue 12 item 4; fitted, see docs/posture.md) ------------------------
    posture: PostureLimits = field(default_factory=load_limits)
    """Rounded-back limit and head/neck smoothing of the upright verdict (fitted)."""
