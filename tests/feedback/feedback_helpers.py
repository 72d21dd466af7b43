"""Synthetic frames and events for the feedback tests (no video, no pose engine)."""

from __future__ import annotations

import math
from types import MappingProxyType

import numpy as np

from vision.core.events import (
    Direction,
    FallEvent,
    Foot,
    FrameMetrics,
    GlanceEvent,
    LeavingFrameEvent,
    OverRotationEvent,
    StepEvent,
    Strike,
    View,
)
from vision.landmarks import LM, NUM_LANDMARKS
from vision.pose_frame import PoseFrame

NAN = math.nan


def fm(t: float, *, present: bool = True, **kw: object) -> FrameMetrics:
    """FrameMetrics at ``t`` seconds: an upright subject walking backward in a side view."""
    values = {
        "frame_index": round(t * 30),
        "time_s": t,
        "present": present,
        "view": View.SIDE if present else View.UNKNOWN,
        "direction": Direction.BACKWARD if present else Direction.UNKNOWN,
        "trunk_lean_deg": 2.0 if present else NAN,
        "lateral_lean_deg": NAN,
        "head_flexion_deg": 5.0 if present else NAN,
        "upright": True if present else None,
        "looking_down": False if present else None,
        "head_yaw_deg": 0.0 if present else NAN,
        "in_glance": False,
        "time_since_glance_s": NAN,
        "knee_flexion_left_deg": NAN,
        "knee_flexion_right_deg": NAN,
        "pelvis_sway_frac": NAN,
        "neck_flexion_deg": NAN,
        "not_measurable": MappingProxyType({}),
    }
    values.update(kw)
    if isinstance(values["not_measurable"], dict):
        values["not_measurable"] = MappingProxyType(values["not_measurable"])
    return FrameMetrics(**values)


def contact(t: float, strike: Strike, foot: Foot = Foot.LEFT) -> StepEvent:
    return StepEvent(
        kind="contact",
        foot=foot,
        time_s=t,
        frame_index=round(t * 30),
        emitted_at_s=t + 0.2,
        confidence=0.9,
        strike=strike,
        direction=Direction.BACKWARD,
    )


def over_rotation(t: float, reason: str = "yaw") -> OverRotationEvent:
    return OverRotationEvent(
        time_s=t, frame_index=round(t * 30), emitted_at_s=t, reason=reason, yaw_deg=80.0, held_s=0.5
    )


def fall(t: float, kind: str = "fall") -> FallEvent:
    return FallEvent(
        kind=kind,
        time_s=t - 0.3,
        frame_index=round(t * 30),
        emitted_at_s=t,
        confidence=0.9,
        reason="pelvis dropped",
    )


def leaving(t: float, edge: str = "right") -> LeavingFrameEvent:
    return LeavingFrameEvent(
        time_s=t, frame_index=round(t * 30), emitted_at_s=t, edge=edge, time_to_exit_s=1.0
    )


def glance(t0: float, t1: float, over: bool = False) -> GlanceEvent:
    return GlanceEvent(
        start_time_s=t0,
        end_time_s=t1,
        peak_time_s=(t0 + t1) / 2,
        start_frame=round(t0 * 30),
        end_frame=round(t1 * 30),
        peak_frame=0,
        peak_yaw_deg=50.0,
        side="left",
        emitted_at_s=t1,
        over_rotation=over,
        confidence=0.9,
    )


def standing_pose(
    t: float = 0.0,
    size: tuple[int, int] = (640, 480),
    top: float = 60.0,
    bottom: float = 420.0,
    x: float = 320.0,
    num_people: int = 1,
) -> PoseFrame:
    """A person standing upright, head at ``top`` and soles at ``bottom`` (pixels)."""
    h = bottom - top
    y = {
        LM.NOSE: 0.06,
        LM.LEFT_EAR: 0.05,
        LM.RIGHT_EAR: 0.05,
        LM.LEFT_SHOULDER: 0.18,
        LM.RIGHT_SHOULDER: 0.18,
        LM.LEFT_HIP: 0.5,
        LM.RIGHT_HIP: 0.5,
        LM.LEFT_KNEE: 0.73,
        LM.RIGHT_KNEE: 0.73,
        LM.LEFT_ANKLE: 0.95,
        LM.RIGHT_ANKLE: 0.95,
        LM.LEFT_HEEL: 0.99,
        LM.RIGHT_HEEL: 0.99,
        LM.LEFT_FOOT_INDEX: 1.0,
        LM.RIGHT_FOOT_INDEX: 1.0,
    }
    xy = np.zeros((NUM_LANDMARKS, 2), np.float32)
    xy[:, 0] = x
    xy[:, 1] = top + 0.3 * h
    for lm, frac in y.items():
        xy[int(lm), 1] = top + frac * h
    xy[int(LM.LEFT_FOOT_INDEX), 0] = x - 0.08 * h
    xy[int(LM.RIGHT_FOOT_INDEX), 0] = x - 0.08 * h
    inside = (xy[:, 0] >= 0) & (xy[:, 0] < size[0]) & (xy[:, 1] >= 0) & (xy[:, 1] < size[1])
    presence = np.where(inside, 0.95, 0.05).astype(np.float32)
    return PoseFrame(
        round(t * 30),
        t,
        size,
        xy=xy,
        z=np.zeros(NUM_LANDMARKS, np.float32),
        visibility=presence.copy(),
        presence=presence,
        world=np.zeros((NUM_LANDMARKS, 3), np.float32),
        subject_id=1,
        score=0.9,
        num_people=num_people,
    )
