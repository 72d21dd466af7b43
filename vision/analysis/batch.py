"""Several videos at once: one process per core, one output folder each, a summary table.

The table holds no run-specific value: ``video`` is the path as given, ``out_dir`` the output
folder relative to the table's own folder, so that two runs of the same inputs (a process pool
here, a Ray cluster, see :mod:`vision.cluster`) give byte-identical tables.
"""

from __future__ import annotations

import csv
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from vision.session.summary import SessionSummary
from vision.session.summary_json import to_json

VIDEO_SUFFIXES = {".mp4", ".mov", ".m4v", ".avi", ".mkv", ".webm", ".mpg", ".mpeg", ".3gp", ".gif"}
TABLE_COLUMNS = (
    "video",
    "status",
    "message",
    "direction",
    "duration_s",
    "steps",
    "cadence_spm",
    "forefoot_share",
    "heel_share",
    "upright_share",
    "glances_per_min",
    "over_rotations",
    "detection_rate",
    "out_dir",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchItem:
    """The outcome for one video: ``ok`` with its summary, or the error message."""

    video: Path
    out_dir: Path
    ok: bool
    message: str
    summary: SessionSummary | None


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; folders expanded to the video files in them (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.suffix.lower() in VIDEO_SUFFIXES and q.is_file())
        else:
            out.append(p)
    return out


def _one(video: Path, out_dir: Path, kwargs: dict) -> BatchItem:
    from vision.analysis.pipeline import AnalysisError, analyze_video
    from vision.model_files import ModelFileError
    from vision.video import VideoError

    try:
        result = analyze_video(video, out_dir, **kwargs)
        return BatchItem(video=video, out_dir=out_dir, ok=True, message="ok", summary=result.summary)
    except (VideoError, AnalysisError, ModelFileError) as exc:
        return BatchItem(video=video, out_dir=out_dir, ok=False, message=str(exc), summary=None)


def plan_outputs(videos: list[Path], out_root: Path) -> list[tuple[Path, Path]]:
    """``(video, out_root/<stem>)`` per video; a repeated stem gets ``-2``, ``-3``… in input order."""
    names: dict[str, int] = {}
    jobs = []
    for v in videos:
        stem = v.stem
        names[stem] = names.get(stem, 0) + 1
        jobs.append((v, out_root / (stem if names[stem] == 1 else f"{stem}-{names[stem]}")))
    return jobs


def analyze_many(videos: list[Path], out_root: Path, workers: int | None = None, **kwargs) -> list[BatchItem]:
    """Analyze each video into ``out_root/<video stem>/``; ``workers`` processes (default: cores)."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(videos)))
    kwargs = {**kwargs, "threads": 1 if workers > 1 else kwargs.get("threads", 2)}
    jobs = plan_outputs(videos, out_root)
    if workers == 1:
        return [_one(v, o, kwargs) for v, o in jobs]
    results: dict[Path, BatchItem] = {}
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
        futures = {pool.submit(_one, v, o, kwargs): v for v, o in jobs}
        for fut in as_completed(futures):
            results[futures[fut]] = fut.result()
    return [results[v] for v, _ in jobs]


def write_table(path: Path, items: list[BatchItem]) -> None:
    """``batch_summary.csv``: one row per video; ``out_dir`` relative to the table's folder."""
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=TABLE_COLUMNS, lineterminator="\n")
        w.writeheader()
        for it in items:
            s = to_json(it.summary) if it.summary is not None else {}
            share = s.get("strike_share") or {}
            w.writerow(
                {
                    "video": str(it.video),
                    "status": "ok" if it.ok else "error",
                    "message": it.message,
                    "direction": s.get("direction", ""),
                    "duration_s": s.get("duration_s", ""),
                    "steps": s.get("steps", ""),
                    "cadence_spm": s.get("cadence_spm", ""),
                    "forefoot_share": share.get("forefoot", ""),
                    "heel_share": share.get("heel", ""),
                    "upright_share": s.get("upright_share", ""),
                    "glances_per_min": s.get("glances_per_min", ""),
                    "over_rotations": s.get("over_rotations", ""),
                    "detection_rate": s.get("detection_rate", ""),
                    "out_dir": _relative(it.out_dir, path.parent) if it.ok else "",
                }
            )


def _relative(folder: Path, base: Path) -> str:
    try:
        return folder.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:  # not below the table's folder: as given
        return str(folder)
