"""Skeleton replay frames: the stored landmarks nearest a time, drawn with
:func:`vision.overlay.draw_skeleton` on the kept video's frame or on a blank canvas.

Pure image code (no Streamlit), so it is unit-tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from vision.clinic.replay import ReplayFrames
from vision.overlay import draw_skeleton
from vision.pose_frame import PoseFrame
from vision.ui.clinic.views import nearest_index

BLANK_BGR = (38, 34, 30)
GRID_BGR = (62, 58, 54)
FALLBACK_SIZE = (640, 480)
DISPLAY_MAX_SIDE = 720
WINDOW_S = 0.5
"""Landmarks are fetched for ``t ± WINDOW_S`` around the replay time."""


@dataclass(frozen=True, slots=True)
class ReplayImage:
    """A drawn replay frame (RGB, for ``st.image``) and what it shows."""

    rgb: np.ndarray
    time_s: float | None
    """Time of the stored frame drawn (``None`` when no frame lies near the asked time)."""
    frame_index: int | None
    present: bool
    """Whether the subject was found in that frame."""
    on_video: bool


def frame_near(frames: ReplayFrames, t: float, max_gap_s: float = WINDOW_S) -> PoseFrame | None:
    """The stored frame nearest to ``t`` (``None`` if none lies within ``max_gap_s``)."""
    i = nearest_index(frames.timestamps_s, t)
    if i is None or abs(float(frames.timestamps_s[i]) - t) > max_gap_s:
        return None
    return frames.pose_frame(i)


def blank_canvas(size: tuple[int, int]) -> np.ndarray:
    """A dark BGR canvas of ``size`` (w, h) with a faint 10 % grid (floor line at 90 %)."""
    w, h = size if size[0] > 0 and size[1] > 0 else FALLBACK_SIZE
    img = np.empty((h, w, 3), np.uint8)
    img[:] = BLANK_BGR
    for k in range(1, 10):
        cv2.line(img, (w * k // 10, 0), (w * k // 10, h), GRID_BGR, 1)
        cv2.line(img, (0, h * k // 10), (w, h * k // 10), GRID_BGR, 1)
    cv2.line(img, (0, h * 9 // 10), (w, h * 9 // 10), (90, 86, 82), 2)
    return img


def read_video_frame(path: Path, frame_index: int) -> np.ndarray | None:
    """Frame ``frame_index`` (decode order) of a video as BGR, ``None`` when unreadable."""
    cap = cv2.VideoCapture(str(path))
    try:
        if not cap.isOpened():
            return None
        if frame_index > 0:
            cap.set(cv2.CAP_PROP_POS_FRAMES, float(frame_index))
        ok, image = cap.read()
        return image if ok and image is not None else None
    finally:
        cap.release()


def _fit(pose: PoseFrame, size: tuple[int, int]) -> PoseFrame:
    """``pose`` with pixels rescaled to an image of ``size`` (w, h)."""
    w0, h0 = pose.image_size
    if not pose.present or w0 <= 0 or h0 <= 0 or (w0, h0) == size:
        return pose
    k = np.array([size[0] / w0, size[1] / h0], np.float32)
    return PoseFrame(
        pose.frame_index,
        pose.timestamp_s,
        size,
        xy=pose.xy * k,
        visibility=pose.visibility,
        subject_id=pose.subject_id,
    )


def _display_size(image: np.ndarray, max_side: int) -> np.ndarray:
    h, w = image.shape[:2]
    if max(h, w) <= max_side:
        return image
    k = max_side / max(h, w)
    return cv2.resize(image, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA)


def render_replay(
    frames: ReplayFrames,
    t: float,
    *,
    video: Path | None = None,
    max_side: int = DISPLAY_MAX_SIDE,
) -> ReplayImage:
    """The skeleton nearest to ``t`` drawn on the video frame (when ``video`` is given and
    readable) or on a blank canvas of the session's image size; RGB, at most ``max_side`` px."""
    pose = frame_near(frames, t)
    size = frames.image_size if frames.image_size[0] > 0 else FALLBACK_SIZE
    background = None
    if video is not None and pose is not None:
        background = read_video_frame(video, pose.frame_index)
    image = background if background is not None else blank_canvas(size)
    if pose is not None:
        h, w = image.shape[:2]
        draw_skeleton(image, _fit(pose, (w, h)))
    rgb = cv2.cvtColor(_display_size(image, max_side), cv2.COLOR_BGR2RGB)
    return ReplayImage(
        rgb,
        None if pose is None else pose.timestamp_s,
        None if pose is None else pose.frame_index,
        pose is not None and pose.present,
        background is not None,
    )
