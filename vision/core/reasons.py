"""Why a metric is not measured in a frame: the reasons the analyzer reports in
:attr:`FrameMetrics.not_measurable <vision.core.events.FrameMetrics.not_measurable>`."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from vision.core.events import View
from vision.core.frame_state import FrameState
from vision.core.view import (
    HEAD_FLEXION,
    HEAD_YAW,
    KNEE_FLEXION,
    LATERAL_LEAN,
    STRIKE,
    SWAY,
    TRUNK_LEAN,
    VIEW_LIMITS,
)

NO_SUBJECT = "no subject in this frame"
BAD_POSE = "pose incomplete (torso not found)"
BAD_TIME = "timestamp not increasing"
FACE_HIDDEN = "face and ears not seen well enough for the head pose"
TURNING = "subject turning around"
ALL_METRICS = (TRUNK_LEAN, LATERAL_LEAN, HEAD_FLEXION, HEAD_YAW, STRIKE, KNEE_FLEXION, SWAY)


def every_metric(reason: str) -> Mapping[str, str]:
    """The same reason for every metric (a frame without a usable pose)."""
    return MappingProxyType(dict.fromkeys(ALL_METRICS, reason))


R_NO_SUBJECT = every_metric(NO_SUBJECT)
R_BAD_POSE = every_metric(BAD_POSE)
R_BAD_TIME = every_metric(BAD_TIME)


class ReasonCache:
    """Reasons of a valid frame, from its view and which of its values are missing (cached: a
    handful of combinations occur)."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[tuple, Mapping[str, str]] = {}

    def __call__(self, s: FrameState) -> Mapping[str, str]:
        lean, lateral, head, yaw, head_az = s.lean, s.lateral, s.head_flex, s.yaw, s.head_az
        key = (
            s.view,
            lean != lean,
            lateral != lateral,
            head != head,
            yaw != yaw,
            s.turning,
            head_az != head_az,
        )
        r = self._cache.get(key)
        if r is None:
            r = self._cache[key] = _reasons(
                s.view, lean=lean, lateral=lateral, head=head, yaw=yaw, turning=s.turning, head_az=head_az
            )
        return r


def _reasons(
    view: View, *, lean: float, lateral: float, head: float, yaw: float, turning: bool, head_az: float
) -> Mapping[str, str]:
    d = dict(VIEW_LIMITS[view])
    if yaw != yaw:
        d[HEAD_YAW] = TURNING if turning else (FACE_HIDDEN if head_az != head_az else d.get(HEAD_YAW, ""))
    if head != head:
        if head_az != head_az:
            d[HEAD_FLEXION] = FACE_HIDDEN
        elif yaw == yaw:
            d[HEAD_FLEXION] = "head turned (glance): pitch not comparable"
        else:
            d.setdefault(HEAD_FLEXION, d.get(HEAD_YAW) or FACE_HIDDEN)
    if lean != lean:
        d.setdefault(TRUNK_LEAN, "facing direction not known yet")
    if lateral != lateral:
        d.setdefault(LATERAL_LEAN, "shoulders and hips not seen")
    return MappingProxyType({k: v for k, v in d.items() if v})
