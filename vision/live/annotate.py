"""What the live video shows: skeleton, status strip (posture, glance, last strikes), the cue.

Uses the project's drawing functions (:mod:`vision.overlay`) and the status texts of
:mod:`vision.session.status` (translated, folded to ASCII for OpenCV's fonts). The pose comes from an
earlier (processed) frame and is scaled to the frame being shown, whose size may differ
(browsers lower the resolution on the fly).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from vision.overlay import BAD, WARN, StatusItem, draw_person_boxes, draw_skeleton, draw_status_strip
from vision.pose_frame import PoseFrame
from vision.session.status import fit_cue, status_items

__all__ = ["Overlay", "draw_overlay", "fit_cue", "status_items"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Overlay:
    """Everything drawn for one processed frame (pixels of that frame)."""

    pose: PoseFrame
    items: tuple[StatusItem, ...]
    cue_text: str | None
    others: tuple[np.ndarray, ...] = ()
    """Boxes (x0, y0, x1, y1) of other people."""
    other_labels: tuple[str, ...] = ()
    alert: bool = False
    """A critical alert: frame the picture in red."""


def draw_overlay(
    image: np.ndarray, ov: Overlay | None, *, status: bool, cue: bool, waiting_text: str
) -> None:
    """Draw ``ov`` onto ``image`` in place (``ov`` None: just a 'starting' strip)."""
    if ov is None:
        draw_status_strip(image, [StatusItem(waiting_text, WARN)])
        return
    h, w = image.shape[:2]
    pw, ph = ov.pose.image_size
    sx, sy = (w / pw, h / ph) if pw and ph else (1.0, 1.0)
    pose = ov.pose
    if (sx, sy) != (1.0, 1.0) and pose.present:
        pose = replace(pose, xy=pose.xy * np.array([sx, sy], dtype=np.float32))
    if ov.others:
        boxes = [b * np.array([sx, sy, sx, sy], dtype=np.float32) for b in ov.others]
        draw_person_boxes(image, boxes, list(ov.other_labels))
    draw_skeleton(image, pose)
    text = ov.cue_text if (cue or ov.alert) else None
    if text:
        text = fit_cue(text, w, h)
    if status or text:
        draw_status_strip(image, list(ov.items) if status else [], text)
    if ov.alert:
        thick = max(4, round(max(h, w) / 60))
        cv2.rectangle(image, (0, 0), (w - 1, h - 1), BAD, thick)
