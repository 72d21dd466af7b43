"""What the live video shows: skeleton, status strip (posture, glance, last strikes), the cue.

Uses the project's drawing functions (:mod:`vision.overlay`); texts are translated and folded to
ASCII for OpenCV's fonts. The pose comes from an earlier (processed) frame and is scaled to the
frame being shown, whose size may differ (browsers lower the resolution on the fly).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from vision.core.events import FrameMetrics
from vision.feedback.i18n import Translator, fold_ascii
from vision.live.counters import CounterValues
from vision.overlay import (
    BAD,
    CENTRE_COLOUR,
    GOOD,
    WARN,
    StatusItem,
    draw_person_boxes,
    draw_skeleton,
    draw_status_strip,
)
from vision.pose_frame import PoseFrame

_STRIKE_COLOUR = {"forefoot": GOOD, "flat": WARN, "heel": BAD, "unknown": CENTRE_COLOUR}


@dataclass(frozen=True, slots=True)
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


def status_items(
    m: FrameMetrics, c: CounterValues, tr: Translator, no_glance_s: float
) -> tuple[StatusItem, ...]:
    """The status strip: posture, head, glance, last strikes, steps (translated, ASCII)."""
    items: list[StatusItem] = []
    if not m.present:
        return (StatusItem(fold_ascii(tr("status.no_person")), WARN),)
    if m.upright is True:
        items.append(StatusItem(fold_ascii(tr("status.upright")), GOOD))
    elif m.upright is False:
        items.append(StatusItem(fold_ascii(tr("status.not_upright")), BAD))
    else:
        items.append(StatusItem(fold_ascii(tr("status.posture_unknown")), CENTRE_COLOUR))
    if m.looking_down:
        items.append(StatusItem(fold_ascii(tr("status.looking_down")), BAD))
    since = m.time_since_glance_s
    if m.in_glance:
        items.append(StatusItem(fold_ascii(tr("status.glancing")), GOOD))
    elif since == since:
        colour = GOOD if since < no_glance_s else WARN
        items.append(StatusItem(fold_ascii(tr("status.glance_ago", seconds=f"{since:.0f}")), colour))
    else:
        items.append(StatusItem(fold_ascii(tr("status.no_glance_yet")), CENTRE_COLOUR))
    if c.last_strikes:
        items.append(StatusItem(fold_ascii(tr("status.last_steps"))))
        for s in c.last_strikes:
            items.append(
                StatusItem(fold_ascii(tr(f"strike.letter.{s}")), _STRIKE_COLOUR.get(s, CENTRE_COLOUR))
            )
    items.append(StatusItem(fold_ascii(tr("status.steps", n=c.steps))))
    return tuple(items)


def fit_cue(text: str, width_px: int, height_px: int) -> str:
    """``text`` if it fits on one line of a frame of that size (as the status strip draws the
    cue), else its first sentence (or as many words as fit, with '...')."""
    s = max(width_px, height_px, 1) / 960.0  # vision.overlay's text scale
    room = width_px - 24 * s

    def wide(t: str) -> float:
        return cv2.getTextSize(t, cv2.FONT_HERSHEY_SIMPLEX, 1.0 * s, max(2, round(2 * s)))[0][0]

    if wide(text) <= room:
        return text
    first = text.split(". ")[0].rstrip(".") + "."
    if wide(first) <= room:
        return first
    words = text.split()
    while len(words) > 1 and wide(" ".join(words) + "...") > room:
        words.pop()
    return " ".join(words) + "..."


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
