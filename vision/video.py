"""Reading frames: video files (PyAV, rotation and real timestamps) and cameras (OpenCV).

Every source yields :class:`VideoFrame` items: the frame index in decode order (from 0), the
presentation time in seconds (from the stream's timestamps, so variable frame rate is honoured),
and the BGR uint8 image *after* the file's rotation metadata is applied.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np


class VideoError(RuntimeError):
    """A video cannot be used; the message says why in words a user understands."""


@dataclass(frozen=True, slots=True)
class VideoFrame:
    """One decoded frame: index (decode order), time in seconds, BGR uint8 image."""

    index: int
    timestamp_s: float
    image: np.ndarray


@dataclass(frozen=True, slots=True)
class VideoInfo:
    """What a file says about its video stream; sizes in pixels after rotation."""

    path: Path
    width: int
    height: int
    fps: float
    frame_count: int | None
    duration_s: float | None
    rotation_deg: int
    codec: str


def _open(path: Path):
    import av

    if not path.exists():
        raise VideoError(f"{path}: no such file")
    if path.is_dir():
        raise VideoError(f"{path}: is a folder, not a video file")
    if path.stat().st_size == 0:
        raise VideoError(f"{path}: the file is empty (0 bytes)")
    try:
        container = av.open(str(path))
    except av.error.InvalidDataError as exc:
        raise VideoError(f"{path}: not a video file, or damaged beyond reading") from exc
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise VideoError(f"{path}: cannot be opened as a video ({exc})") from exc
    if not container.streams.video:
        container.close()
        kinds = sorted({s.type for s in container.streams})
        if not kinds:
            raise VideoError(f"{path}: not a video file (no audio or video streams found)")
        raise VideoError(f"{path}: has no video stream (only {', '.join(kinds)})")
    return container


def _rotation_of(frame) -> int:
    """Clockwise rotation in degrees (0, 90, 180, 270) needed to display the frame upright."""
    rot = round(getattr(frame, "rotation", 0) or 0) % 360
    # PyAV reports the display matrix angle counter-clockwise; displaying needs the inverse.
    return (-rot) % 360


_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def probe_video(path: str | Path) -> VideoInfo:
    """Read the stream header and the first frame; raise :class:`VideoError` if unusable."""
    path = Path(path)
    container = _open(path)
    try:
        stream = container.streams.video[0]
        try:
            first = next(container.decode(stream), None)
        except Exception as exc:  # PyAV raises several error types for broken streams
            raise VideoError(f"{path}: the video stream cannot be decoded ({exc})") from exc
        if first is None:
            raise VideoError(f"{path}: the video stream holds no frames")
        rot = _rotation_of(first)
        w, h = (first.height, first.width) if rot in (90, 270) else (first.width, first.height)
        rate = stream.average_rate or stream.guessed_rate
        fps = float(rate) if rate else 0.0
        duration = None
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000
        frames = stream.frames or (round(duration * fps) if duration and fps else None)
        return VideoInfo(path, w, h, fps, frames or None, duration, rot, stream.codec_context.name)
    finally:
        container.close()


def iter_video(path: str | Path, max_side: int | None = None) -> Iterator[VideoFrame]:
    """Decode a file frame by frame (streamed, bounded memory).

    ``max_side`` downsizes frames whose longer side exceeds it (pixels), keeping the aspect.
    Raises :class:`VideoError` when the file is unusable; a stream that breaks off part-way
    ends the iteration after the last good frame and raises with the frame count reached.
    """
    path = Path(path)
    container = _open(path)
    try:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        tb = float(stream.time_base) if stream.time_base else None
        rate = stream.average_rate or stream.guessed_rate
        fps = float(rate) if rate else 30.0
        start_pts = None
        index = 0
        last_t = -1.0
        try:
            for frame in container.decode(stream):
                if frame.pts is not None and tb is not None:
                    if start_pts is None:
                        start_pts = frame.pts
                    t = (frame.pts - start_pts) * tb
                else:
                    t = index / fps
                if t <= last_t:  # duplicated or missing timestamps: keep time increasing
                    t = last_t + 1.0 / fps
                last_t = t
                image = frame.to_ndarray(format="bgr24")
                rot = _rotation_of(frame)
                if rot:
                    image = cv2.rotate(image, _ROTATE[rot])
                if max_side and max(image.shape[:2]) > max_side:
                    k = max_side / max(image.shape[:2])
                    image = cv2.resize(image, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
                yield VideoFrame(index, float(t), image)
                index += 1
        except VideoError:
            raise
        except Exception as exc:
            if index == 0:
                raise VideoError(f"{path}: the video stream cannot be decoded ({exc})") from exc
            raise VideoError(f"{path}: the video breaks off after frame {index - 1} ({exc})") from exc
        if index == 0:
            raise VideoError(f"{path}: the video stream holds no frames")
    finally:
        container.close()


def iter_camera(device: int = 0, size: tuple[int, int] | None = (640, 480)) -> Iterator[VideoFrame]:
    """Frames from a local camera via OpenCV, timestamped with a monotonic clock."""
    import time

    cap = cv2.VideoCapture(device)
    if not cap.isOpened():
        raise VideoError(f"camera {device}: not found or in use by another program")
    if size:
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, size[0])
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, size[1])
    t0 = time.monotonic()
    index = 0
    try:
        while True:
            ok, image = cap.read()
            if not ok or image is None:
                if index == 0:
                    raise VideoError(f"camera {device}: opened but gives no frames")
                raise VideoError(f"camera {device}: stopped sending frames after {index} frames")
            yield VideoFrame(index, time.monotonic() - t0, image)
            index += 1
    finally:
        cap.release()
