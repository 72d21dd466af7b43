"""Internal tuning of the coaching core's detectors, one frozen group per detector.

These are the numbers behind the user-facing limits of :class:`~vision.core.config.CoachConfig`
(which holds one instance of each group). Units are in the names: ``_s`` seconds, ``_deg``
degrees, ``_frac`` a fraction of a body length (named in the note), ``_frames`` video frames,
``_factor`` a plain multiplier, ``_rate`` a per-sample weight of a running average.

Where the values come from: every default is the number the detector used before it was named
here (issue 13, item 5: no behaviour change — the bundled sample's step and frame tables are
byte-identical), which the accuracy tests in ``tests/core`` pin on synthetic and real clips. A
note gives the physical reason where one is known.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True, slots=True)
class FrameTuning:
    """Per-frame gating and smoothing in :class:`~vision.core.analyzer.StreamingAnalyzer`."""

    max_pose_jitter_frac: float = 0.2
    """Mean |second difference| of the pelvis x per frame (torso lengths) above which the pose is
    too jittery for confident gait events (1-2 px noise on a 100 px torso gives ≈ 0.04)."""
    lean_tau_s: float = 0.1
    """Time constant of the low-pass on trunk and lateral lean (3 frames at 30 fps)."""
    turn_suspend_s: float = 1.0
    """Glances are suspended, and gait events unsure, this long after a turn-around."""
    fall_lookback_s: float = 0.2
    """The pelvis drop speed is measured over this many seconds (6 frames at 30 fps)."""
    glitch_window_s: float = 0.5
    """A torso-size jump counts as a glitch only against a reference this recent."""
    glitch_size_factor: float = 2.0
    """A torso this many times larger (or smaller) than the reference is a detector glitch."""
    glitch_frames: int = 3
    """This many glitches in a row mean the subject really changed size (re-detected)."""
    torso_ref_rate: float = 0.2
    """Per-frame rate of the torso-size reference's running average (≈ 5 frames)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class LegTuning:
    """Leg identity, glitch rejection and the per-leg signal filters (:mod:`vision.core.legs`)."""

    track_gap_s: float = 0.25
    """A frame further than this from the last one restarts the leg tracks (no prediction)."""
    max_swap_s: float = 0.3
    """A label swap lasting longer than this means the tracks are the swapped ones."""
    swap_floor_frac: float = 0.05
    """Per-point fit error (torso lengths) below which no swap is considered (landmark noise)."""
    swap_fit_factor: float = 0.25
    """A swap needs the crossed fit's squared error under this share of the straight fit's
    (the crossed labels fit 4× better in distance² terms)."""
    glitch_frac: float = 0.3
    """Ankle/toe prediction error (torso lengths, per 1/30 s) beyond which a leg is a glitch."""
    glitch_ref_fps: float = 30.0
    """Frame rate at which ``glitch_frac`` applies; longer intervals widen it proportionally."""
    max_glitch_frames: int = 3
    """This many glitches of a leg in a row are accepted as real motion."""
    velocity_blend: float = 0.5
    """Weight of the newest frame in the tracks' velocity estimate (≈ 2-frame average)."""
    median_frames: int = 5
    """Running-median length of the Zeni signal at ≥ 22 fps (removes 1-2 frame glitches)."""
    median_frames_low_fps: int = 3
    """Running-median length below 22 fps (the same ≈ 0.13 s)."""
    low_fps_interval_s: float = 0.045
    """Frame intervals longer than this (≈ 22 fps) use the shorter median."""
    median_gap_s: float = 0.25
    """A gap longer than this restarts the running median (a value is never smeared across it)."""
    stance_balance_frac: float = 0.08
    """Half-cycles whose durations differ by less than this share of the cycle do not tell
    stance from swing (treadmill travel sign; stance is ≈ 60 % of the cycle)."""
    stance_drop_frac: float = 0.03
    """A half-cycle of the foot's motion along the travel whose mean ankle height in the image is
    this many torso lengths below the other's is the stance (the treadmill's travel sign; a
    walking swing lifts the ankle 5-15 cm on average, a torso is ≈ 0.5 m); closer, the longer
    half-cycle is (``stance_balance_frac``)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class StepTuning:
    """Refinement, confidence and strike classification of gait events (:mod:`vision.core.steps`)."""

    refine_before_s: float = 0.24
    """Seconds of signal used before a candidate extreme (about a quarter stride)."""
    refine_after_s: float = 0.30
    """Seconds of signal used after it; events are emitted this late at the earliest."""
    refine_min_frames: int = 6
    """Refinement windows span at least this many frame intervals after the extreme."""
    min_fit_samples: int = 6
    """Samples a window (and each point in it) needs for a hinge fit (3 on each side)."""
    grid_half_s: float = 0.16
    """Half-width of the sub-frame grid of candidate event times around the extreme."""
    grid_half_frames: float = 3.0
    """...or this many frame intervals, when more."""
    grid_step_frames: float = 0.25
    """Grid spacing in frame intervals (quarter-frame timing)."""
    min_gain: float = 0.3
    """A point's hinge must explain this share of the variance a plain quadratic leaves to count."""
    zeni_margin_s: float = 0.12
    """A refined event lies at most this far from the foot's extreme along the travel
    (sports2d: heel contacts −2…+1 frames from the labels)."""
    zeni_margin_frames: float = 2.0
    """...or this many frame intervals, when more."""
    contact_delay_s: float = 0.0
    """Seconds added to a contact's fitted rest time (the strike's angles stay around the rest
    time). ``python -m vision.fit.contacts`` measures it: on the rendered corpus (seeds 0:110) the
    sole first touches the floor a median 29 ms after the heel/toe hinge's rest time, the same at
    15 to 60 frames/s. Applied, it raised held-out walking contacts within ±1 frame from 47 % to
    52 %, but the shared real clips lost a contact within ±2 frames (8 → 7 of 11) and heel/forefoot
    agreement fell 73.5 → 70.6 %, so it is not applied until real labels confirm it."""
    travel_wait_s: float = 0.8
    """A candidate waits this long for the direction of travel (first steps) before it is dropped."""
    min_coverage_frac: float = 0.8
    """Share of the window's frames a point needs, or its timing is a guess."""
    cover_half_s: float = 0.2
    """An event needs ``cover_min_frac`` of the frames within this many seconds on each side."""
    cover_min_frac: float = 0.6
    """See ``cover_half_s``."""
    max_jitter_frac: float = 0.06
    """Hinge residual (torso lengths) above which landmarks are too noisy to time events."""
    hinge_conf_base: float = 0.5
    """Confidence of a clear hinge fit before its gain is added (0.5 + 0.5 · gain)."""
    extreme_conf: float = 0.55
    """Confidence of an event timed from the extreme alone (no clear fit): a fair guess."""
    oblique_conf_factor: float = 0.6
    """Confidence factor outside a side view (foreshortened heights)."""
    one_point_conf_factor: float = 0.7
    """Confidence factor when only the heel or only the toe could be fitted."""
    unsure_conf_factor: float = 0.3
    """Confidence factor near a turn, with truncated or noisy fits, or sparse samples."""
    angle_before_s: float = 0.07
    """Foot angle at contact: median from this long before the contact..."""
    angle_after_s: float = 0.1
    """...to this long after it (the landing posture lasts into early stance)."""
    landing_s: float = 0.1
    """The landing posture: seconds on each side of a contact (see ``classify_strike``)."""
    strike_order_s: float = 0.07
    """Heel and toe coming to rest this far apart tell the strike of a near-flat foot (2 frames)."""
    near_flat_factor: float = 0.5
    """Share of the heel/forefoot angle limits within which a foot counts as near flat."""
    strike_edge_margin_torso: float = 0.25
    """A heel or toe this close to a side edge of the image (torso lengths; a foot is about half
    a torso long) around a contact leaves its strike ``unknown``: the foot may be partly out of
    view, and the pose engine's guess of the hidden part is no evidence."""
    strike_unknown_band_deg: float = 0.0
    """A contact angle this close (degrees) to the heel or the forefoot limit is too weak to call:
    ``unknown`` (0: never). ``python -m vision.fit.strike`` on generator-2.1 seeds 0:60 keeps 0:
    no band was worth its unknowns."""
    phantom_stride_frac: float = 0.6
    """A less sure contact of the same foot within this share of the median stride is a phantom."""
    default_stride_s: float = 1.0
    """Stride time assumed until two strides are known."""
    stride_history: int = 8
    """Same-foot contact intervals kept for the median stride."""
    min_stance_s: float = 0.1
    """A lift-off closer than this to its contact is not that step's lift-off."""
    max_stance_s: float = 3.0
    """...nor one later than this (a missed lift-off in between)."""
    mid_stance_from_frac: float = 0.35
    """Mid-stance (flat-foot calibration) starts at this share of the stance..."""
    mid_stance_to_frac: float = 0.65
    """...and ends at this share."""
    flat_foot_rate: float = 0.3
    """Per-step rate of the flat-foot angle's running average."""
    frame_interval_s: float = 1.0 / 30.0
    """Initial frame interval estimate, s (30 fps until measured)."""
    frame_interval_rate: float = 0.05
    """Per-frame rate of the frame-interval running average."""
    max_frame_interval_s: float = 0.25
    """Longer frame intervals are gaps, not frame intervals."""


@dataclass(frozen=True, kw_only=True, slots=True)
class FallTuning:
    """Fall and stumble detection (:class:`~vision.core.safety.FallDetector`)."""

    upright_max_deg: float = 25.0
    """Trunk angle from vertical under which body size and the pelvis baseline are learned."""
    learn_s: float = 1.0
    """Seconds of one person upright, without a break, before falls are watched for (their body
    size and pelvis height are the means over them)."""
    min_lookback_s: float = 0.05
    """The drop speed needs a pelvis height at least this old."""
    calm_drop_frac: float = 0.12
    """Pelvis within this share of hip height of its baseline: calm (baselines may adapt)."""
    calm_speed_frac_s: float = 0.5
    """...and moving slower than this (hip heights / s)."""
    baseline_s: float = 3.0
    """Time constant of the slow body-size and pelvis baselines."""
    min_hip_height_factor: float = 0.5
    """The learned hip height never adapts below this share of itself in one step (crouching)."""
    foreshortening_margin_deg: float = 15.0
    """Foreshortening tilt counts this many degrees less than a 2D tilt (pose-size noise)."""
    recovered_drop_frac: float = 0.15
    """After a fall, the pelvis back within this share of hip height and upright..."""
    recover_s: float = 1.5
    """...for this long re-arms the detector."""
    onset_drop_frac: float = 0.08
    """A drop of this share of hip height..."""
    onset_speed_frac_s: float = 0.3
    """...moving down faster than this (hip heights / s) marks a drop's onset (the event time)."""
    settled_drop_frac: float = 0.05
    """A pelvis back within this share of its baseline clears the onset and re-arms stumbles."""
    floor_height_frac: float = 0.35
    """Pelvis under this share of standing hip height above the feet: on the floor."""
    fast_drop_speed_factor: float = 1.5
    """A drop this many times the fall speed..."""
    fast_drop_depth_factor: float = 0.8
    """...and this share of the fall depth is a fall even without a tilt."""
    topple_drop_frac: float = 0.25
    """A trunk toppled ``topple_extra_deg`` beyond the fall angle with this drop is a fall."""
    topple_extra_deg: float = 15.0
    """See ``topple_drop_frac``."""
    on_floor_s: float = 0.15
    """Seconds on the floor (deep, without a fast drop) that make a fall."""
    stumble_conf: float = 0.6
    """Confidence of a stumble event (a drop that recovers: fairly sure)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class LeaveTuning:
    """Leaving-the-view warnings (:class:`~vision.core.safety.LeavingFrameDetector`)."""

    velocity_s: float = 0.4
    """Box-edge velocities are measured over about this many seconds..."""
    min_velocity_span_s: float = 0.15
    """...and need at least this span."""
    speed_floor_frac_s: float = 0.15
    """Edges moving slower than this (torso lengths / s) are not leaving."""
    vertical_floor_factor: float = 2.0
    """The top and bottom edges bob with the gait: their speed floor is this many times higher."""
    hit_frames: int = 3
    """Consecutive frames inside the horizon before the warning."""
    rearm_factor: float = 2.0
    """An edge further than this many horizons away re-arms its warning."""


@dataclass(frozen=True, kw_only=True, slots=True)
class HeadTuning:
    """Head-yaw reference and glance filtering (:mod:`vision.core.glance`)."""

    turn_jump_deg: float = 60.0
    """A pelvis-azimuth jump beyond this is the body turning, not a glance."""
    turn_shift_frac: float = 0.5
    """A pelvis jump of this many torso lengths is a turn or a new detection."""
    azimuth_gap_s: float = 0.3
    """Pelvis samples further apart than this restart the azimuth average."""
    azimuth_rate: float = 0.1
    """Per-frame rate of the pelvis azimuth's running average (≈ 10 frames)."""
    calib_max_bias_deg: float = 20.0
    """A calibrated yaw bias beyond this is not a neutral head: no bias then."""
    calib_max_mad_deg: float = 8.0
    """...nor one whose median absolute deviation exceeds this (glancing during calibration)."""
    calib_samples: int = 512
    """Yaw samples kept for the calibration (> 2 s at 240 fps)."""
    min_face_px: float = 0.0
    """The head's yaw is not read from a face narrower than this (ear to ear, engine pixels:
    the head solver's scale × ``HEAD_BREADTH_M``); 0: always read."""
    yaw_tau_s: float = 0.06
    """Time constant of the yaw low-pass after the 3-sample median (2 frames at 30 fps)."""
    yaw_gap_s: float = 0.3
    """A gap longer than this restarts the yaw filter."""
    glance_lost_s: float = 0.5
    """A glance whose yaw is unseen this long ends at its last seen sample."""
    back_view_depth_torso: float = 0.5
    """In a frontal or oblique view, a nose this many torso lengths deeper than the ears' midpoint
    (the pose engine's image-plane depth z) is a head seen from behind: no yaw is read, since the
    face landmarks the engine places on the back of the head have no turn to tell (a clip of
    people walking away from the camera gives about 0.9; faces toward it, below 0). Not in a side
    view, where a head turned 60° away from the camera puts the nose only ≈ 0.17 torso deeper
    (10 cm from the head's centre, a 50 cm torso)."""
    edge_margin_torso: float = 0.5
    """No glance starts or goes on while the nose, a shoulder or a hip is closer than this many
    torso lengths to the image's left or right side (or beyond it): a body cut by the edge,
    entering or leaving, has no trustworthy head turn. Half a torso (≈ 0.25 m) is about the
    half-width of the shoulders with the arms, so the trunk is whole within it."""


@dataclass(frozen=True, kw_only=True, slots=True)
class ViewTuning:
    """View classification, facing and pelvis sway (:mod:`vision.core.view`, :mod:`~.posture`)."""

    ratio_tau_s: float = 0.25
    """Smoothing time of the body width ratio."""
    hysteresis: float = 0.03
    """Width-ratio hysteresis on either side of each view boundary."""
    first_view_hold_s: float = 0.2
    """The first view is reported after this long (later changes wait ``view_hold_s``)."""
    facing_tau_s: float = 0.4
    """Smoothing time of the facing evidence."""
    facing_first_rate: float = 0.35
    """Rate of the facing average at the first frame (no interval known)."""
    facing_threshold: float = 0.35
    """Smoothed facing evidence beyond ± this decides the facing (hysteresis around 0)."""
    face_weight: float = 0.5
    """Weight of the face (ear→nose) against one foot (heel→toe) in the facing evidence."""
    min_cos_view: float = 0.5
    """The oblique-view lean correction divides by at most 1 / this (a 60° view)."""
    smoother_gap_s: float = 0.3
    """Per-frame low-passes restart after a gap longer than this."""
    sway_tau_s: float = 0.6
    """Time constant of the pelvis trend against which sway is measured (≈ one stride)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class TravelTuning:
    """Direction of travel (:mod:`vision.core.travel`)."""

    jump_frac: float = 0.5
    """A pelvis jump of this many torso lengths starts a new segment."""
    jitter_rate: float = 0.1
    """Per-frame rate of the jitter average."""
    jitter_clip_frac: float = 2.0
    """Second differences are clipped to this many torso lengths (one wild frame)."""
    velocity_s: float = 1.0
    """Pelvis velocity is measured over about this many seconds."""
    min_span_s: float = 0.3
    """...needing at least this span (side view)."""
    frontal_min_span_s: float = 0.5
    """...or this span for the body-size rate in a frontal view."""
    frontal_min_rate_per_s: float = 0.03
    """A body size changing slower than this (log size / s) is standing."""
    stepping_s: float = 1.5
    """The feet are stepping when their last extreme is this recent."""
    direction_hold_s: float = 0.5
    """A new walking direction must persist this long before it is reported."""


@dataclass(frozen=True, kw_only=True, slots=True)
class SummaryTuning:
    """Session totals (:mod:`vision.core.summary`)."""

    min_step_s: float = 0.2
    """Step times (contact to the other foot's contact) shorter than this are not steps..."""
    max_step_s: float = 2.5
    """...nor longer ones (a pause)."""
    min_stride_s: float = 0.4
    """Same-foot stride times outside this..."""
    max_stride_s: float = 5.0
    """...and this are not strides (one foot hidden)."""
    min_rate_duration_s: float = 5.0
    """Glances per minute need at least this long a session."""
    min_sway_frames: int = 10
    """Sway needs more frontal frames than this."""


# --- gait-event model (issue 12, gait helper) -------------------------------------------------
@dataclass(frozen=True, kw_only=True, slots=True)
class GaitTuning:
    """The offline step table (:mod:`vision.core.gait.table`), re-decoded at summary time."""

    repeat_stride_frac: float = 0.75
    """While walking, a contact of the same foot as the previous one, sooner than this share of
    the session's median stride (same-foot contact interval), is not a step: of the two, the less
    sure is dropped (a real stride with the other foot's contact missed is ~1.0). Fitted on the
    rendered corpus seeds 0:110 (``python -m vision.fit.gait``, 2026-12-03): contacts within ±2
    frames less repeats is flat from 0.6 to 0.8 (0.6738-0.6748, walking ±2 68.6-68.9 %, repeats
    1.2-1.4 %), so the middle of that range is kept; 0.9 loses contacts (0.6720)."""
    min_strides: int = 3
    """Strides needed for the session's median stride; fewer: no pass."""
    min_walk_stride_s: float = 0.8
    """A median stride shorter than this (cadence above 150 steps/min) is running, not walking:
    no pass (the rendered corpus walks at ≤ 125 steps/min; on the shared treadmill run at 160
    the repeats are label swaps of real steps, and dropping them lowered the cadence to 149)."""
