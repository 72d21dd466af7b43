"""The one adapter between the eval and the coach: analyse a clip, get back a :class:`Prediction`.

It runs the offline analysis exactly as ``retrowalk analyze`` does (:func:`analyze_video`) and
records the engine's poses on the way (:mod:`vision.evaluation.poses`); the coach's result is then
what a :class:`~vision.session.coach.CoachSession` makes of those poses, as ``analyze`` does.
The poses are cached per (clip SHA-256, engine version, threads): the engine version hashes the
sources that decide the poses (top-level modules, engine, analysis) and the model files' names,
so a change of the core re-scores a corpus in seconds. :func:`read_outputs` reads a result
folder's public files (docs/outputs.md) into the same :class:`Prediction`.

Array shapes: ``present``, ``trunk_lean_deg``, ``head_yaw_deg``, ``upright`` (1/0/NaN) and
``direction`` (strings) are ``(frames,)``; ``landmarks_px`` is ``(frames, 33, 2)`` in the video's
pixels, NaN where the subject is absent.
"""

from __future__ import annotations

import csv
import hashlib
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

import vision
from vision.core import CoachConfig
from vision.evaluation.reversal import file_sha256
from vision.landmarks import NAMES

if TYPE_CHECKING:
    from vision.evaluation.poses import PoseTrack

#: Files (besides ``engine/``) whose source decides the engine's poses of a clip (hashed into
#: the pose cache's key, :func:`engine_version`).
ENGINE_FILES = ("video.py", "pose_frame.py", "landmarks.py", "model_files.py", "analysis/run.py")
#: Files of ``engine/`` that do not decide the ONNX engine's poses: the reference MediaPipe
#: backend, and the factory that only picks a backend class by name.
ENGINE_EXCLUDED = ("mp_backend.py", "factory.py")
#: Longer side of the annotated video the analysis writes (px). The eval does not look at it; a
#: small one saves encoding time and changes nothing else (the engine works on its own copy).
ANNOTATED_MAX_SIDE_PX = 320


@dataclass(frozen=True, slots=True)
class PredStep:
    foot: str
    contact_frame: int
    liftoff_frame: int
    strike: str
    direction: str
    confidence: float


@dataclass(frozen=True, slots=True)
class PredGlance:
    start_frame: int
    end_frame: int
    peak_yaw_deg: float
    """Signed, + = toward the subject's left."""
    side: str
    over_rotation: bool


@dataclass(frozen=True)
class Prediction:
    """What the coach reported for one clip."""

    fps: float
    steps: tuple[PredStep, ...]
    glances: tuple[PredGlance, ...]
    present: np.ndarray
    direction: np.ndarray
    trunk_lean_deg: np.ndarray
    head_yaw_deg: np.ndarray
    upright: np.ndarray
    landmarks_px: np.ndarray
    view: str
    cadence_spm: float
    analysis_s: float
    """Wall time of the analysis (0 when read from the cache it is the time it took then)."""

    @property
    def frame_count(self) -> int:
        return int(self.present.shape[0])


def _num(text: str) -> float:
    return float(text) if text not in ("", None) else float("nan")


def _read_frames(path: Path) -> dict[str, np.ndarray]:
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    n = len(rows)
    xy = np.full((n, len(NAMES), 2), np.nan)
    present = np.zeros(n, dtype=bool)
    for i, r in enumerate(rows):
        present[i] = r["subject_present"] == "1"
        if present[i]:
            xy[i] = [[_num(r[f"{name}_x"]), _num(r[f"{name}_y"])] for name in NAMES]
    return {
        "time_s": np.array([float(r["time_s"]) for r in rows]),
        "present": present,
        "direction": np.array([r["direction"] for r in rows]),
        "trunk_lean_deg": np.array([_num(r["trunk_lean_deg"]) for r in rows]),
        "head_yaw_deg": np.array([_num(r["head_yaw_deg"]) for r in rows]),
        "upright": np.array([_num(r["upright"]) for r in rows]),
        "landmarks_px": xy,
    }


def _read_steps(path: Path) -> tuple[PredStep, ...]:
    with path.open(newline="") as f:
        return tuple(
            PredStep(
                foot=r["foot"],
                contact_frame=int(r["contact_frame"]),
                liftoff_frame=int(r["liftoff_frame"]) if r["liftoff_frame"] else -1,
                strike=r["strike"],
                direction=r["direction"],
                confidence=float(r["confidence"]),
            )
            for r in csv.DictReader(f)
        )


def _glances(summary: dict, times: np.ndarray) -> tuple[PredGlance, ...]:
    def frame_at(t: float) -> int:
        return int(min(np.searchsorted(times, t - 1e-6), len(times) - 1))

    return tuple(
        PredGlance(
            start_frame=frame_at(g["start_s"]),
            end_frame=frame_at(g["end_s"]),
            peak_yaw_deg=float(g["peak_yaw_deg"]),
            side=str(g["side"]),
            over_rotation=bool(g["over_rotation"]),
        )
        for g in summary.get("glance_list") or ()
    )


def read_outputs(out_dir: Path, analysis_s: float) -> Prediction:
    """A :class:`Prediction` from the files ``retrowalk analyze`` wrote into ``out_dir``."""
    summary = json.loads((out_dir / "summary.json").read_text())
    frames = _read_frames(out_dir / "frames.csv")
    cadence = summary.get("cadence_spm")
    return Prediction(
        fps=float(summary["video"]["fps"] or 30.0),
        steps=_read_steps(out_dir / "steps.csv"),
        glances=_glances(summary, frames["time_s"]),
        present=frames["present"],
        direction=frames["direction"],
        trunk_lean_deg=frames["trunk_lean_deg"],
        head_yaw_deg=frames["head_yaw_deg"],
        upright=frames["upright"],
        landmarks_px=frames["landmarks_px"],
        view=str(summary.get("view")),
        cadence_spm=float("nan") if cadence is None else float(cadence),
        analysis_s=analysis_s,
    )


def engine_version() -> str:
    """Hash of what decides the engine's poses of a clip (16 hex digits): decoding, the ONNX
    engine, the analysis' frame handling, the model files' names; not the core, not the
    reference MediaPipe backend, not the rest of the package (a move of a benchmark or a page
    must not throw away a corpus' poses)."""
    root = Path(vision.__file__).parent
    files = [root / f for f in ENGINE_FILES]
    files += sorted(f for f in (root / "engine").rglob("*.py") if f.name not in ENGINE_EXCLUDED)
    h = hashlib.sha256()
    for f in files:
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    models = root.parent / "models"
    if models.is_dir():
        for m in sorted(models.iterdir()):
            h.update(m.name.encode())
    return h.hexdigest()[:16]


def track_path(video: Path, cache_dir: Path, *, threads: int = 1) -> Path:
    """Where :func:`record_track` keeps the poses of ``video``."""
    return Path(cache_dir) / "poses" / f"{file_sha256(video)[:20]}-{engine_version()}-t{threads}.poses.npz"


def record_track(video: Path, cache_dir: Path | None, *, threads: int = 1) -> tuple[PoseTrack, bool]:
    """The engine's poses of ``video`` (from the cache when there) and whether they were cached.

    Raises what :func:`analyze_video` raises (``VideoError``, ``AnalysisError``)."""
    from vision.analysis.pipeline import analyze_video
    from vision.evaluation.poses import PoseRecorder, PoseTrack

    cached = None if cache_dir is None else track_path(video, cache_dir, threads=threads)
    if cached is not None and cached.exists():
        return PoseTrack.load(cached), True
    from vision.video import probe_video

    recorder = PoseRecorder(fps=probe_video(video).fps or 30.0)
    with tempfile.TemporaryDirectory(prefix="retrowalk-eval-") as tmp:
        t0 = time.perf_counter()
        analyze_video(
            video,
            Path(tmp) / "out",
            threads=threads,
            video_max_side=ANNOTATED_MAX_SIDE_PX,
            extra_sinks=(recorder,),
        )
        track = recorder.track(engine_s=time.perf_counter() - t0)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        track.save(cached)
    return track, False


def analyze_clip(
    video: Path, cache_dir: Path | None, *, threads: int = 1, config: CoachConfig | None = None
) -> tuple[Prediction, bool]:
    """The coach's result for ``video`` (its core tuned by ``config``) and whether the engine's
    poses came from the cache: the engine runs once per clip, the core every time
    (:func:`vision.evaluation.poses.predict_from_track`, what ``analyze`` does with the poses)."""
    from vision.evaluation.poses import predict_from_track

    track, cached = record_track(video, cache_dir, threads=threads)
    return predict_from_track(track, config), cached
