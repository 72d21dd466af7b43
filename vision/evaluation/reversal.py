"""Time-reversed copies: labels mapped by frame r = N − 1 − f, and the reversed video (cached).

Reversed forward walking is a backward-walking proxy: each forward lift-off becomes a backward
initial contact and each forward contact a lift-off, so a reversed step runs from
``N − 1 − liftoff`` to ``N − 1 − contact``. Its strike class is what the label file says the
reversed copy shows (a forward toe-off lands forefoot first); it is not derived here. Steps whose
forward lift-off is after the clip have no contact in the reversed copy and are dropped. Under
``*_frame`` = "first frame at or after the instant", the mapped frame is the last frame at or
before it, so reversed frames can be one frame early against that convention.

The reversed video is decoded once into a raw file of YUV 4:2:0 planes (the sampling of the
clips reversed here), written back to front with libx264 at CRF 0 (lossless) at the source's
frame rate, and kept in the cache keyed by the source's SHA-256.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from fractions import Fraction
from pathlib import Path

import numpy as np

from vision.evaluation.labels import ClipLabels, LabelGlance, LabelStep, Span
from vision.model_files import file_sha256

#: libx264 quality of the reversed copy: 0 = lossless.
REVERSED_CRF = 0
REVERSED_PRESET = "veryfast"
_SWAP = {"forward": "backward", "backward": "forward"}
#: A reversed forward heel strike lifts off heel first after landing on the forefoot, and back.
_SWAP_STRIKE = {"heel": "forefoot", "forefoot": "heel"}


def _flip(n: int, f: int) -> int:
    return n - 1 - f


def _span(n: int, s: Span, direction: str | None) -> Span:
    strike = _SWAP_STRIKE.get(s.strike or "", s.strike)
    return Span(_flip(n, s.end_frame), _flip(n, s.start_frame), direction, strike)


def reverse_labels(
    labels: ClipLabels, *, direction: str | None = None, strike: str | None = None
) -> ClipLabels:
    """The labels of ``labels``' clip played back to front.

    ``direction`` / ``strike``: what the reversed copy shows, as its label file states (default:
    forward and backward swapped; strike not stated)."""
    n = labels.frame_count
    steps = None
    if labels.steps is not None:
        steps = tuple(
            sorted(
                (
                    LabelStep(
                        foot=s.foot,
                        contact_frame=_flip(n, s.liftoff_frame),
                        liftoff_frame=_flip(n, s.contact_frame),
                        strike=strike,
                        direction=direction or _SWAP.get(s.direction or ""),
                    )
                    for s in labels.steps
                    if s.liftoff_frame >= 0
                ),
                key=lambda s: s.contact_frame,
            )
        )
    glances = None
    if labels.glances is not None:
        glances = tuple(
            LabelGlance(
                _flip(n, g.end_frame), _flip(n, g.start_frame), _flip(n, g.peak_frame), g.peak_yaw_deg, g.side
            )
            for g in reversed(labels.glances)
        )

    def back(a: np.ndarray | None) -> np.ndarray | None:
        return None if a is None else np.ascontiguousarray(a[::-1])

    return dataclasses.replace(
        labels,
        name=f"{labels.name} (reversed)",
        reversed=not labels.reversed,
        direction=direction or _SWAP.get(labels.direction or "", labels.direction),
        strike=strike,
        steps=steps,
        strike_all=strike if labels.strike_all else None,
        glances=glances,
        walking=tuple(
            _span(n, s, direction or _SWAP.get(s.direction or "")) for s in reversed(labels.walking)
        ),
        turns=tuple(_span(n, s, None) for s in reversed(labels.turns)),
        scored_frames=None if labels.scored_frames is None else _span(n, labels.scored_frames, None),
        head_yaw_deg=back(labels.head_yaw_deg),
        trunk_lean_deg=back(labels.trunk_lean_deg),
        upright=back(labels.upright),
        landmarks_px=back(labels.landmarks_px),
    )


def _planes(src: Path, raw: Path) -> tuple[int, tuple[int, ...], object]:
    """Decode ``src`` into ``raw`` as yuv420p planes; returns (frames, plane shape, first frame)."""
    import av

    with av.open(str(src)) as container, raw.open("wb") as f:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        count, shape, first = 0, (), None
        for frame in container.decode(stream):
            planes = frame.to_ndarray(format="yuv420p")
            first = first or frame
            shape = planes.shape
            f.write(planes.tobytes())
            count += 1
    return count, shape, first


def _write_back_to_front(raw: Path, out: Path, count: int, shape: tuple[int, ...], first, fps: float) -> None:
    import av

    frames = np.memmap(raw, dtype=np.uint8, mode="r", shape=(count, *shape))
    rate = Fraction(fps).limit_denominator(1001)
    with av.open(str(out), mode="w") as container:
        stream = container.add_stream("libx264", rate=rate)
        stream.width, stream.height = first.width, first.height
        stream.pix_fmt = "yuv420p"
        stream.options = {"crf": str(REVERSED_CRF), "preset": REVERSED_PRESET}
        cc = stream.codec_context
        for tag in ("colorspace", "color_range", "color_primaries", "color_trc"):
            with contextlib.suppress(AttributeError, TypeError, ValueError):
                setattr(cc, tag, getattr(first, tag))
        for r in range(count):
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(frames[count - 1 - r]), format="yuv420p")
            for tag in ("colorspace", "color_range"):
                with contextlib.suppress(AttributeError, TypeError, ValueError):
                    setattr(frame, tag, getattr(first, tag))
            frame.pts = r
            frame.time_base = 1 / rate
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    del frames


def reversed_path(src: Path, cache_dir: Path) -> Path:
    """Where :func:`reversed_video` keeps the back-to-front copy of ``src`` (it may not exist yet)."""
    return Path(cache_dir) / "reversed" / f"{file_sha256(src)[:20]}.mp4"


def reversed_video(src: Path, cache_dir: Path) -> Path:
    """The cached back-to-front copy of ``src`` (made on first use).

    The decoded YUV 4:2:0 planes are written back unchanged (CRF 0), with the source's colour
    tags, so each reversed frame decodes to the same pixels as the source frame. Rotation
    metadata is not carried over (none of the clips reversed here has any)."""
    from vision.video import VideoError, probe_video

    info = probe_video(src)
    if info.rotation_deg:
        raise VideoError(f"{src}: reversing a rotated video is not supported")
    out = reversed_path(src, cache_dir)
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = out.with_suffix(f".raw-{os.getpid()}")
    tmp = out.with_suffix(f".partial-{os.getpid()}.mp4")
    try:
        count, shape, first = _planes(src, raw)
        if not count:
            raise VideoError(f"{src}: no frames to reverse")
        _write_back_to_front(raw, tmp, count, shape, first, info.fps or 30.0)
        tmp.rename(out)
    finally:
        raw.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return out
