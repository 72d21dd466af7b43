"""Drawing on frames: the subject's skeleton, other people's boxes and a status strip (the
annotated video's timeline strip is in :mod:`vision.overlay_timeline`).

Used by the annotated video and by the live coach, so both look the same. Coordinates are image
pixels; everything draws in place on a BGR uint8 image.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vision.landmarks import LM, SKELETON_EDGES
from vision.pose_frame import PoseFrame

_LEFT = {int(m) for m in LM if m.name.startswith("LEFT")}
_RIGHT = {int(m) for m in LM if m.name.startswith("RIGHT")}

#: BGR colours of the overlay.
GOOD = (80, 200, 80)
WARN = (0, 170, 255)
BAD = (60, 60, 230)
LEFT_COLOUR = (255, 180, 60)
RIGHT_COLOUR = (60, 200, 255)
CENTRE_COLOUR = (235, 235, 235)


@dataclass(frozen=True, slots=True)
class StatusItem:
    """One label of the status strip: text and its state colour (BGR)."""

    text: str
    colour: tuple[int, int, int] = CENTRE_COLOUR


def overlay_scale(h: int, w: int) -> float:
    """Line/text scale for an ``h`` × ``w`` frame, so that overlays read the same at 480p and 4K."""
    return max(h, w) / 960.0


def _scale(image: np.ndarray) -> float:
    return overlay_scale(*image.shape[:2])


def draw_skeleton(image: np.ndarray, pose: PoseFrame, min_visibility: float = 0.3) -> None:
    """Bones and joints of the subject; left side blue, right side orange, faint when unsure."""
    if not pose.present:
        return
    s = _scale(image)
    thick = max(1, round(3 * s))
    pts = np.nan_to_num(pose.xy, nan=-1e4).round().astype(np.int32)
    vis = np.nan_to_num(pose.visibility)
    for a, b in SKELETON_EDGES:
        if vis[a] < min_visibility or vis[b] < min_visibility:
            continue
        colour = (
            LEFT_COLOUR
            if a in _LEFT and b in _LEFT
            else RIGHT_COLOUR
            if a in _RIGHT and b in _RIGHT
            else CENTRE_COLOUR
        )
        cv2.line(image, tuple(pts[a]), tuple(pts[b]), colour, thick, cv2.LINE_AA)
    for i in range(len(pts)):
        if vis[i] < min_visibility:
            continue
        colour = LEFT_COLOUR if i in _LEFT else RIGHT_COLOUR if i in _RIGHT else CENTRE_COLOUR
        cv2.circle(image, tuple(pts[i]), max(2, round(4 * s)), colour, -1, cv2.LINE_AA)


def draw_person_boxes(image: np.ndarray, boxes: list[np.ndarray], labels: list[str]) -> None:
    """Thin grey boxes around the other people, with a label (e.g. their index to pick them)."""
    s = _scale(image)
    for box, label in zip(boxes, labels, strict=True):
        x0, y0, x1, y1 = (int(v) for v in box)
        cv2.rectangle(image, (x0, y0), (x1, y1), (160, 160, 160), max(1, round(s)), cv2.LINE_AA)
        cv2.putText(
            image,
            label,
            (x0 + 4, y0 + round(18 * s)),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.6 * s,
            (200, 200, 200),
            max(1, round(s)),
            cv2.LINE_AA,
        )


def draw_status_strip(image: np.ndarray, items: list[StatusItem], cue: str | None = None) -> None:
    """A dark strip at the top with the status labels; the current cue, if any, in large type below."""
    s = _scale(image)
    h_strip = round(34 * s)
    roi = image[:h_strip]
    roi[:] = (roi * 0.35).astype(np.uint8)
    x = round(10 * s)
    font = cv2.FONT_HERSHEY_SIMPLEX
    for item in items:
        cv2.putText(
            image,
            item.text,
            (x, round(23 * s)),
            font,
            0.6 * s,
            item.colour,
            max(1, round(1.5 * s)),
            cv2.LINE_AA,
        )
        (w, _), _ = cv2.getTextSize(item.text, font, 0.6 * s, max(1, round(1.5 * s)))
        x += w + round(22 * s)
    if cue:
        (w, th), _ = cv2.getTextSize(cue, font, 1.0 * s, max(2, round(2 * s)))
        x0 = max(0, (image.shape[1] - w) // 2)
        y0 = h_strip + round(12 * s)
        cv2.rectangle(
            image,
            (x0 - round(10 * s), y0),
            (x0 + w + round(10 * s), y0 + th + round(18 * s)),
            (30, 30, 30),
            -1,
        )
        cv2.putText(
            image, cue, (x0, y0 + th + round(8 * s)), font, 1.0 * s, WARN, max(2, round(2 * s)), cv2.LINE_AA
        )
