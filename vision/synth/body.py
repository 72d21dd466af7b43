"""Segment lengths and landmark offsets of the synthetic walker, scaled to a standing height.

Ratios follow Winter's anthropometric table (Biomechanics and Motor Control of Human Movement):
hip joint 0.530 H, knee 0.285 H, ankle 0.039 H, shoulder 0.818 H, foot length 0.152 H,
upper arm 0.186 H, forearm 0.146 H, hand 0.108 H. All lengths are metres.

The walker wears shoes: a sole of 0.015 H lifts the ankle, and the shoe is 0.018 H longer than
the foot. Two sets of foot points exist (sagittal foot frame, see :meth:`Body.foot_points`):
the SOLE points (back and front of the shoe at the floor: what touches the ground) and the
ANATOMICAL heel / foot-index points inside the shoe, where BlazePose puts its landmarks on shod
feet (heel ≈ 0.022 H above the floor, toe tip ≈ 0.018 H up and 0.024 H behind the shoe tip).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Face landmarks in the head frame of a 1.70 m adult, metres, relative to the head pivot (top of
#: the neck). Axes: x anterior (nose direction), y up, z to the walker's right.
_FACE_1P70: dict[str, tuple[float, float, float]] = {
    "nose": (0.112, 0.088, 0.0),
    "left_eye_inner": (0.084, 0.122, -0.017),
    "left_eye": (0.080, 0.123, -0.032),
    "left_eye_outer": (0.072, 0.122, -0.046),
    "right_eye_inner": (0.084, 0.122, 0.017),
    "right_eye": (0.080, 0.123, 0.032),
    "right_eye_outer": (0.072, 0.122, 0.046),
    "left_ear": (-0.008, 0.106, -0.077),
    "right_ear": (-0.008, 0.106, 0.077),
    "mouth_left": (0.086, 0.056, -0.024),
    "mouth_right": (0.086, 0.056, 0.024),
}

#: Lengths and offsets as a share of the standing height H (from the ratios in the module
#: docstring; e.g. thigh = hip joint 0.530 H - knee 0.285 H).
_SHARE_OF_HEIGHT: dict[str, float] = {
    "thigh_m": 0.245,
    "shank_m": 0.246,
    "trunk_m": 0.288,
    "neck_m": 0.045,
    "upper_arm_m": 0.186,
    "forearm_m": 0.146,
    "hand_m": 0.108,
    "hip_half_width_m": 0.075,
    "shoulder_half_width_m": 0.108,
    "step_half_width_m": 0.050,
    "shoe_length_m": 0.170,
    "heel_to_ankle_m": 0.044,
    "ankle_height_m": 0.054,
}


@dataclass(frozen=True)
class Body:
    """Dimensions of the walker in metres (see module docstring for the ratios)."""

    height_m: float
    thigh_m: float
    shank_m: float
    trunk_m: float
    """Hip-joint midpoint to shoulder midpoint."""
    neck_m: float
    """Shoulder midpoint to the head pivot."""
    upper_arm_m: float
    forearm_m: float
    hand_m: float
    hip_half_width_m: float
    shoulder_half_width_m: float
    step_half_width_m: float
    """Lateral distance of each ankle from the line of progression."""
    shoe_length_m: float
    """Back of the shoe to its tip along the sole (the two sole contact points)."""
    heel_to_ankle_m: float
    """Horizontal distance from the back of the shoe forward to the ankle (malleolus)."""
    ankle_height_m: float
    """Height of the ankle landmark above the floor when the foot is flat (shod)."""
    heel_anat_m: tuple[float, float]
    """Anatomical heel landmark from the back of the sole: (forward, up)."""
    toe_anat_m: tuple[float, float]
    """Anatomical foot-index landmark from the shoe tip on the sole: (forward, up); forward < 0."""
    head_radii_m: tuple[float, float, float]
    """Semi-axes (anterior, vertical, lateral) of the head ellipsoid."""
    head_center_m: tuple[float, float, float]
    """Head ellipsoid centre in the head frame (relative to the head pivot)."""

    @classmethod
    def from_height(cls, height_m: float) -> Body:
        """Adult proportions scaled to ``height_m`` metres."""
        h = float(height_m)
        s = h / 1.70
        return cls(
            height_m=h,
            **{name: ratio * h for name, ratio in _SHARE_OF_HEIGHT.items()},
            heel_anat_m=(0.010 * h, 0.022 * h),
            toe_anat_m=(-0.024 * h, 0.018 * h),
            head_radii_m=(0.098 * s, 0.118 * s, 0.078 * s),
            head_center_m=(-0.004 * s, 0.108 * s, 0.0),
        )

    @property
    def leg_m(self) -> float:
        """Hip joint to ankle with the knee straight."""
        return self.thigh_m + self.shank_m

    def face_points(self) -> np.ndarray:
        """(11, 3) face landmarks (nose .. mouth_right, BlazePose order) in the head frame."""
        s = self.height_m / 1.70
        return np.array(list(_FACE_1P70.values())) * s

    def foot_points(self) -> np.ndarray:
        """(4, 2) sole heel, sole toe, anatomical heel, anatomical toe relative to the ankle.

        Sagittal foot frame: (forward along the foot, up), metres, foot flat.
        """
        back, tip = -self.heel_to_ankle_m, self.shoe_length_m - self.heel_to_ankle_m
        floor = -self.ankle_height_m
        return np.array(
            [
                [back, floor],
                [tip, floor],
                [back + self.heel_anat_m[0], floor + self.heel_anat_m[1]],
                [tip + self.toe_anat_m[0], floor + self.toe_anat_m[1]],
            ]
        )

    def leg_reach_m(self, knee_flexion_rad: float) -> float:
        """Hip–ankle distance when the knee is flexed by ``knee_flexion_rad`` (0 = straight)."""
        a, b = self.thigh_m, self.shank_m
        return float(np.sqrt(a * a + b * b + 2.0 * a * b * np.cos(knee_flexion_rad)))
