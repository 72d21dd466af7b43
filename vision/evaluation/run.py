"""The one adapter between the eval and the coach: analyse a clip, read back a :class:`Prediction`.

It calls the offline analysis exactly as ``retrowalk analyze`` does (:func:`analyze_video`) into
a temporary folder and reads its public outputs (``summary.json``, ``steps.csv``, ``frames.csv``;
docs/outputs.md). Nothing else in ``vision.evaluation`` knows how the coach reports. Results are
cached per (clip SHA-256, code version, threads): the code version hashes the sources the
analysis runs (core, engine, analysis and the top-level modules) and the model files' names.

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
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

import vision
from vision.evaluation.reversal import file_sha256
from vision.landmarks import NAMES

#: Parts of the package whose source decides the analysis' result (hashed into the cache key).
ANALYSIS_SOURCES = ("core", "engine", "analysis")
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


def code_version() -> str:
    """Hash of the analysis' source files and model file names (16 hex digits)."""
    root = Path(vision.__file__).parent
    h = hashlib.sha256(vision.__version__.encode())
    files = sorted(root.glob("*.py"))
    for part in ANALYSIS_SOURCES:
        files += sorted((root / part).rglob("*.py"))
    files.append(Path(__file__))
    for f in files:
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    models = root.parent / "models"
    if models.is_dir():
        for m in sorted(models.iterdir()):
            h.update(m.name.encode())
    return h.hexdigest()[:16]


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


def _save(pred: Prediction, path: Path) -> None:
    meta = {
        "fps": pred.fps,
        "steps": [asdict(s) for s in pred.steps],
        "glances": [asdict(g) for g in pred.glances],
        "view": pred.view,
        "cadence_spm": pred.cadence_spm,
        "analysis_s": pred.analysis_s,
    }
    tmp = path.with_suffix(".partial.npz")
    np.savez_compressed(
        tmp,
        meta=np.array(json.dumps(meta)),
        present=pred.present,
        direction=pred.direction.astype(str),
        trunk_lean_deg=pred.trunk_lean_deg,
        head_yaw_deg=pred.head_yaw_deg,
        upright=pred.upright,
        landmarks_px=pred.landmarks_px,
    )
    tmp.rename(path)


def _load(path: Path) -> Prediction:
    with np.load(path) as z:
        meta = json.loads(str(z["meta"]))
        return Prediction(
            fps=meta["fps"],
            steps=tuple(PredStep(**s) for s in meta["steps"]),
            glances=tuple(PredGlance(**g) for g in meta["glances"]),
            present=z["present"],
            direction=z["direction"],
            trunk_lean_deg=z["trunk_lean_deg"],
            head_yaw_deg=z["head_yaw_deg"],
            upright=z["upright"],
            landmarks_px=z["landmarks_px"],
            view=meta["view"],
            cadence_spm=meta["cadence_spm"],
            analysis_s=meta["analysis_s"],
        )


def analyze_clip(video: Path, cache_dir: Path | None, *, threads: int = 1) -> tuple[Prediction, bool]:
    """The coach's result for ``video`` and whether it came from the cache.

    Raises what :func:`analyze_video` raises (``VideoError``, ``AnalysisError``)."""
    from vision.analysis.pipeline import analyze_video

    key = f"{file_sha256(video)[:20]}-{code_version()}-t{threads}.npz"
    cached = None if cache_dir is None else Path(cache_dir) / "analysis" / key
    if cached is not None and cached.exists():
        return _load(cached), True
    with tempfile.TemporaryDirectory(prefix="retrowalk-eval-") as tmp:
        t0 = time.perf_counter()
        analyze_video(video, Path(tmp) / "out", threads=threads, video_max_side=ANNOTATED_MAX_SIDE_PX)
        pred = read_outputs(Path(tmp) / "out", time.perf_counter() - t0)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        _save(pred, cached)
    return pred, False
