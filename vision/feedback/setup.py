"""Camera-setup guidance: is the whole person in view, and does the view allow each metric?

:func:`assess` looks at one frame (the subject's landmarks and the core's
``FrameMetrics.not_measurable``) and returns i18n keys (``setup.*``), most important first.
:class:`SetupAdvisor` reports only what has lasted ``hold_s`` seconds, so advice does not
flicker. Pure Python.
"""

from __future__ import annotations

import math

import numpy as np

from vision.core.events import FrameMetrics, View
from vision.core.view import HEAD_YAW, STRIKE, TRUNK_LEAN
from vision.landmarks import LM
from vision.pose_frame import PoseFrame

_HEAD = (int(LM.NOSE), int(LM.LEFT_EAR), int(LM.RIGHT_EAR))
_FEET = (
    int(LM.LEFT_ANKLE),
    int(LM.RIGHT_ANKLE),
    int(LM.LEFT_HEEL),
    int(LM.RIGHT_HEEL),
    int(LM.LEFT_FOOT_INDEX),
    int(LM.RIGHT_FOOT_INDEX),
)
_SIDES = (int(LM.LEFT_SHOULDER), int(LM.RIGHT_SHOULDER), int(LM.LEFT_HIP), int(LM.RIGHT_HIP))

MIN_PRESENCE = 0.5
"""A landmark with a lower presence (probability of being inside the image) counts as cut off."""
MIN_HEIGHT_FRAC = 0.25
"""A person shorter than this share of the image height is too far away to measure well."""
EDGE_MARGIN_FRAC = 0.01
"""Landmarks within this share of the image side of an edge count as cut off."""


def _inside(pose: PoseFrame, idx: tuple[int, ...]) -> np.ndarray:
    """Per landmark: present and inside the image (with a small margin)."""
    w, h = pose.image_size
    xy = pose.xy[list(idx)]
    pres = np.nan_to_num(pose.presence[list(idx)], nan=0.0)
    mx, my = EDGE_MARGIN_FRAC * w, EDGE_MARGIN_FRAC * h
    with np.errstate(invalid="ignore"):
        ok = (xy[:, 0] >= mx) & (xy[:, 0] <= w - mx) & (xy[:, 1] >= my) & (xy[:, 1] <= h - my)
    return ok & (pres >= MIN_PRESENCE)


def assess(pose: PoseFrame, metrics: FrameMetrics | None = None) -> list[str]:
    """Setup advice keys for one frame, most important first (empty when all is well)."""
    if not pose.present:
        return ["setup.no_person"]
    out: list[str] = []
    head_ok = bool(_inside(pose, _HEAD).any())
    feet_ok = bool(_inside(pose, _FEET).any())
    body_ok = bool(_inside(pose, _SIDES).any())
    if not body_ok:
        out.append("setup.body_cut")
    if not head_ok:
        out.append("setup.head_cut")
    if not feet_ok:
        out.append("setup.feet_cut")
    if head_ok and feet_ok:
        box = pose.bbox(min_visibility=0.0)
        if box is not None and (box[3] - box[1]) < MIN_HEIGHT_FRAC * pose.image_size[1]:
            out.append("setup.too_far")
    if pose.num_people > 1:
        out.append("setup.several_people")
    if metrics is not None and metrics.present:
        nm = metrics.not_measurable
        if metrics.view == View.FRONTAL and (STRIKE in nm or TRUNK_LEAN in nm):
            out.append("setup.view_frontal")
        elif metrics.view == View.OBLIQUE and STRIKE in nm:
            out.append("setup.view_oblique")
        elif metrics.view == View.UNKNOWN:
            out.append("setup.view_unknown")
        if HEAD_YAW in nm and metrics.view != View.UNKNOWN:
            out.append("setup.face_hidden")
    return out


class SetupAdvisor:
    """Setup advice that has held for ``hold_s`` seconds (stream time), most important first."""

    def __init__(self, hold_s: float = 1.0) -> None:
        self.hold_s = hold_s
        self._since: dict[str, float] = {}

    def reset(self) -> None:
        self._since.clear()

    def update(self, pose: PoseFrame, metrics: FrameMetrics | None = None) -> tuple[str, ...]:
        """Feed one frame; returns the advice keys that have lasted long enough."""
        t = float(pose.timestamp_s)
        now = assess(pose, metrics)
        self._since = {k: self._since.get(k, t) for k in now}
        return tuple(k for k in now if t - self._since[k] >= self.hold_s or not math.isfinite(t))
