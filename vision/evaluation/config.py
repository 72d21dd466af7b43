"""Tuning numbers of the eval, each with its unit (the coach's own limits come from CoachConfig)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EvalConfig:
    """How detections are matched to labels and which labelled glances count for recall."""

    contact_window_s: float = 0.25
    """A labelled contact matches a detected contact of the same foot at most this far away
    (about 40 % of a step at 100 steps/min, so a neighbouring step is never taken)."""
    tolerances_frames: tuple[int, ...] = (1, 2)
    """Contact timing is reported as the share of labelled contacts within ± each of these."""
    glance_min_yaw_deg: float = 30.0
    """Labelled glances at least this large (peak, magnitude) count for recall (issue 12)."""
    glance_min_hold_s: float = 0.3
    """… and held at least this long (start to end)."""
    extreme_window_s: float = 0.25
    """The foot's extreme along the travel is sought this far on either side of a labelled
    contact (:mod:`vision.evaluation.kinematics`), s."""
    extreme_travel_half_s: float = 0.5
    """The pelvis travel that gives the direction is taken this far on either side, s."""
    extreme_min_travel_leg_frac: float = 0.2
    """… and counts only when the pelvis moves at least this share of the leg length (hip to
    ankle, px) in that time (a treadmill or a stand gives no direction)."""
    landmark_min_points: int = 30
    """A frame's labelled landmark extent (the body height in pixels) needs this many points."""

    def window_frames(self, fps: float) -> int:
        return max(1, round(self.contact_window_s * fps))
