"""The engine's poses of one clip, kept, and the coach run again on them without the engine.

Scoring the coaching core on a corpus of 200 clips should not run the pose engine 200 times for
every change of the core: the engine's output depends only on the clip, the engine's code and the
model files, so the eval records it once per clip (:class:`PoseRecorder`, a session sink, during
an ordinary ``analyze``) as a :class:`PoseTrack` and then feeds that track to a fresh
:class:`~vision.session.coach.CoachSession` (:func:`predict_from_track`), which is what
``analyze`` does with the poses. A test checks that both give the same steps and glances.

Array shapes (F frames, N = 33 BlazePose landmarks, as in :mod:`vision.pose_frame`):
``timestamps_s``, ``subject_id`` (−1 = nobody), ``score``, ``num_people``, ``to_video_scale``
are ``(F,)``; ``xy`` ``(F, N, 2)`` engine pixels; ``z``, ``visibility``, ``presence``
``(F, N)``; ``world`` ``(F, N, 3)`` metres.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from vision.core import CoachConfig
from vision.evaluation.run import PredGlance, Prediction, PredStep
from vision.landmarks import NUM_LANDMARKS
from vision.pose_frame import PoseFrame
from vision.session.coach import CoachSession, CoachSettings, FrameResult
from vision.session.summary import SessionSummary

_ARRAYS = ("timestamps_s", "xy", "z", "visibility", "presence", "world")
_ARRAYS += ("subject_id", "score", "num_people", "to_video_scale")


@dataclass(frozen=True, kw_only=True)
class PoseTrack:
    """Every frame's :class:`PoseFrame` of one clip, as arrays (shapes in the module docstring)."""

    fps: float
    image_size: tuple[int, int]
    """(width, height) of the engine's frames (px)."""
    timestamps_s: np.ndarray
    xy: np.ndarray
    z: np.ndarray
    visibility: np.ndarray
    presence: np.ndarray
    world: np.ndarray
    subject_id: np.ndarray
    score: np.ndarray
    num_people: np.ndarray
    to_video_scale: np.ndarray
    engine_s: float = 0.0
    """Wall time of the analysis that recorded the track (s)."""

    @property
    def frame_count(self) -> int:
        return int(self.timestamps_s.shape[0])

    def frames(self) -> Iterator[tuple[PoseFrame, float]]:
        """Each frame's pose and its engine → video pixel scale, in order."""
        for i in range(self.frame_count):
            sid = int(self.subject_id[i])
            pose = PoseFrame(
                i,
                float(self.timestamps_s[i]),
                self.image_size,
                xy=self.xy[i],
                z=self.z[i],
                visibility=self.visibility[i],
                presence=self.presence[i],
                world=self.world[i],
                subject_id=None if sid < 0 else sid,
                score=float(self.score[i]),
                num_people=int(self.num_people[i]),
            )
            yield pose, float(self.to_video_scale[i])

    def save(self, path: Path) -> None:
        """Write ``path`` (``.npz``) atomically."""
        tmp = path.with_name(path.name + ".partial.npz")
        meta = np.array([self.fps, *self.image_size, self.engine_s], dtype=np.float64)
        np.savez_compressed(tmp, meta=meta, **{k: getattr(self, k) for k in _ARRAYS})
        tmp.rename(path)

    @classmethod
    def load(cls, path: Path) -> PoseTrack:
        with np.load(path) as z:
            fps, w, h, engine_s = (float(v) for v in z["meta"])
            arrays = {k: z[k] for k in _ARRAYS}
        return cls(fps=fps, image_size=(int(w), int(h)), engine_s=engine_s, **arrays)


@dataclass
class PoseRecorder:
    """A session sink that keeps every frame's pose; :meth:`track` gives them as a PoseTrack."""

    fps: float
    poses: list[PoseFrame] = field(default_factory=list)
    scales: list[float] = field(default_factory=list)

    def on_frame(self, result: FrameResult) -> None:
        self.poses.append(result.pose)
        self.scales.append(result.to_video_scale)

    def close(self, summary: SessionSummary) -> None:
        pass

    def track(self, engine_s: float = 0.0) -> PoseTrack:
        p = self.poses
        size = p[0].image_size if p else (0, 0)
        return PoseTrack(
            fps=self.fps,
            image_size=size,
            timestamps_s=np.array([f.timestamp_s for f in p], dtype=np.float64),
            xy=_stack([f.xy for f in p], (NUM_LANDMARKS, 2)),
            z=_stack([f.z for f in p], (NUM_LANDMARKS,)),
            visibility=_stack([f.visibility for f in p], (NUM_LANDMARKS,)),
            presence=_stack([f.presence for f in p], (NUM_LANDMARKS,)),
            world=_stack([f.world for f in p], (NUM_LANDMARKS, 3)),
            subject_id=np.array([-1 if f.subject_id is None else f.subject_id for f in p], dtype=np.int64),
            score=np.array([f.score for f in p], dtype=np.float32),
            num_people=np.array([f.num_people for f in p], dtype=np.int16),
            to_video_scale=np.array(self.scales, dtype=np.float64),
            engine_s=engine_s,
        )


def _stack(arrays: list[np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
    if not arrays:
        return np.zeros((0, *shape), dtype=np.float32)
    return np.stack(arrays).astype(np.float32, copy=False)


def _flag(v: bool | None) -> float:
    return float("nan") if v is None else float(v)


def _round(v: float, digits: int) -> float:
    return v if not math.isfinite(v) else round(v, digits)


@dataclass
class _Collect:
    """Per-frame values as ``frames.csv`` has them (rounded the same way)."""

    present: list[bool] = field(default_factory=list)
    direction: list[str] = field(default_factory=list)
    lean: list[float] = field(default_factory=list)
    yaw: list[float] = field(default_factory=list)
    upright: list[float] = field(default_factory=list)
    xy: list[np.ndarray] = field(default_factory=list)
    times: list[float] = field(default_factory=list)

    def add(self, r: FrameResult, scale: float) -> None:
        m = r.metrics
        self.present.append(r.pose.present)
        self.direction.append(m.direction.value)
        self.lean.append(_round(m.trunk_lean_deg, 2))
        self.yaw.append(_round(m.head_yaw_deg, 2))
        self.upright.append(_flag(m.upright))
        self.times.append(round(m.time_s, 4))
        xy = r.pose.xy.astype(np.float64) * scale if r.pose.present else np.full((NUM_LANDMARKS, 2), np.nan)
        self.xy.append(np.round(xy, 4))


def predict_from_track(track: PoseTrack, config: CoachConfig | None = None) -> Prediction:
    """What ``analyze`` reports for the clip whose poses are ``track``, the core tuned by ``config``."""
    session = CoachSession(CoachSettings(core=config))
    out = _Collect()
    for pose, scale in track.frames():
        out.add(session.feed(pose, to_video_scale=scale), scale)
    summary = session.summary()
    times = np.array(out.times)
    return Prediction(
        fps=track.fps,
        steps=tuple(
            PredStep(
                foot=s.foot.value,
                contact_frame=int(s.contact_frame),
                liftoff_frame=int(s.liftoff_frame) if s.liftoff_frame >= 0 else -1,
                strike=s.strike.value,
                direction=s.direction.value,
                confidence=round(float(s.confidence), 3),
            )
            for s in summary.step_records
        ),
        glances=tuple(_glance(g, times) for g in summary.glance_list),
        present=np.array(out.present, dtype=bool),
        direction=np.array(out.direction),
        trunk_lean_deg=np.array(out.lean),
        head_yaw_deg=np.array(out.yaw),
        upright=np.array(out.upright),
        landmarks_px=np.array(out.xy).reshape(-1, NUM_LANDMARKS, 2),
        view=summary.view,
        cadence_spm=float("nan") if summary.cadence_spm is None else float(summary.cadence_spm),
        analysis_s=track.engine_s,
    )


def _glance(g, times: np.ndarray) -> PredGlance:
    def frame_at(t: float) -> int:
        return int(min(np.searchsorted(times, round(t, 4) - 1e-6), len(times) - 1))

    peak = g.peak_yaw_deg
    return PredGlance(
        start_frame=frame_at(g.start_s),
        end_frame=frame_at(g.end_s),
        peak_yaw_deg=float("nan") if peak is None else round(float(peak), 4),
        side=str(g.side),
        over_rotation=bool(g.over_rotation),
    )
