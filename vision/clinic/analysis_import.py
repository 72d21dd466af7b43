"""Import of a session folder written by ``retrowalk analyze`` (files copied from elsewhere).

An uploaded *video* does not come this way: :func:`vision.analysis.upload.analyze_upload`
stores it through the clinic sink while it is analysed. File names and columns are those of
:mod:`vision.session.formats`.

Expected files (extra files and columns are ignored; optional columns may be missing):

* ``summary.json`` — object with ``duration_s`` (required, seconds) and optionally direction,
  steps, cadence_spm, strike_share {forefoot, flat, heel}, glances, glances_per_min,
  over_rotations, upright_share, view, detection_rate, glance_list [{start_s, end_s,
  peak_yaw_deg, side}], video {width, height, fps}, model {backend}, app_version,
  started_at or created_at (ISO 8601), settings. The whole object is kept.
* ``steps.csv`` — columns foot, contact_time_s (required), contact_frame, liftoff_frame,
  strike (forefoot/flat/heel/unknown), direction, confidence.
* ``frames.csv`` — column time_s (required), frame, subject_present, trunk_lean_deg,
  head_yaw_deg, glance, upright (1/0/empty), and ``<name>_x``, ``<name>_y``, ``<name>_vis`` per
  landmark (pixels; names from :data:`vision.landmarks.NAMES`). Flags may be 1/0 or true/false.

:func:`read_analysis_folder` validates everything first and raises one
:class:`ImportFormatError` listing the problems; nothing is written for a broken folder.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from vision.clinic.access import ClinicianAccess
from vision.clinic.errors import ImportFormatError, ImportProblems
from vision.clinic.recorder import FrameMetrics
from vision.clinic.records import SessionInfo
from vision.landmarks import NAMES, NUM_LANDMARKS
from vision.session.formats import FILE_NAMES, landmark_column

_TRUE = frozenset({"1", "true", "t", "yes", "y"})
_FALSE = frozenset({"0", "false", "f", "no", "n", ""})
_NUMERIC_SUMMARY = (
    "steps",
    "cadence_spm",
    "glances",
    "glances_per_min",
    "upright_share",
    "detection_rate",
    "fps",
)
_STRIKES = frozenset({"forefoot", "flat", "heel", "unknown", ""})


@dataclass(frozen=True, slots=True)
class AnalysisFolder:
    """A validated analysis folder: summary dict, step rows and per-frame arrays (n frames)."""

    summary: dict[str, Any]
    steps: list[dict[str, Any]]
    time_s: np.ndarray
    frame: np.ndarray
    present: np.ndarray
    trunk_lean_deg: np.ndarray
    head_yaw_deg: np.ndarray
    glance: np.ndarray
    upright: np.ndarray | None
    """1.0 / 0.0 / NaN (unknown) per frame, or ``None`` without the column."""
    xy: np.ndarray
    """(n, 33, 2) pixels, NaN where missing."""
    visibility: np.ndarray
    """(n, 33) in [0, 1], NaN where missing."""


_Problems = ImportProblems


def _read_csv(path: Path, problems: _Problems) -> tuple[list[str], list[list[str]]] | None:
    if not path.is_file():
        problems.add("missing", name=path.name)
        return None
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        problems.add("not_csv", name=path.name, error=exc)
        return None
    if not rows:
        problems.add("empty", name=path.name)
        return None
    header = [h.strip() for h in rows[0]]
    body = [r for r in rows[1:] if any(cell.strip() for cell in r)]
    for n, r in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in r) and len(r) != len(header):
            problems.add("fields", name=path.name, line=n, n=len(r), header=len(header))
            return None
    return header, body


def _floats(
    path: str, header: list[str], body: list[list[str]], name: str, problems: _Problems
) -> np.ndarray:
    n = len(body)
    if name not in header:
        return np.full(n, np.nan)
    i = header.index(name)
    out = np.empty(n)
    for k, row in enumerate(body):
        cell = row[i].strip()
        try:
            out[k] = float(cell) if cell else math.nan
        except ValueError:
            problems.add("not_number", name=path, line=k + 2, column=name, cell=repr(cell[:20]))
            out[k] = math.nan
    return out


def _flags(
    path: str, header: list[str], body: list[list[str]], name: str, problems: _Problems
) -> np.ndarray | None:
    """1.0 / 0.0 per line, NaN for an empty cell; ``None`` when the column is absent."""
    if name not in header:
        return None
    i = header.index(name)
    out = np.full(len(body), np.nan)
    for k, row in enumerate(body):
        cell = row[i].strip().casefold()
        if cell in _TRUE:
            out[k] = 1.0
        elif cell in _FALSE:
            out[k] = 0.0 if cell else np.nan
        else:
            problems.add("not_bool", name=path, line=k + 2, column=name, cell=repr(cell[:20]))
    return out


def _read_summary(folder: Path, problems: _Problems) -> dict[str, Any]:
    path = folder / FILE_NAMES["summary_json"]
    if not path.is_file():
        problems.add("missing", name="summary.json")
        return {}
    try:
        summary = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems.add("not_json", error=exc)
        return {}
    if not isinstance(summary, dict):
        problems.add("not_object")
        return {}
    duration = summary.get("duration_s")
    if isinstance(duration, bool) or not isinstance(duration, (int, float)) or not duration >= 0:
        problems.add("duration")
    for key in _NUMERIC_SUMMARY:
        value = summary.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            problems.add("summary_number", key=key)
    shares = summary.get("strike_share")
    if shares is not None and not isinstance(shares, dict):
        problems.add("strike_share")
    return summary


def _read_steps(folder: Path, problems: _Problems) -> list[dict[str, Any]]:
    table = _read_csv(folder / FILE_NAMES["steps_csv"], problems)
    if table is None:
        return []
    header, body = table
    for col in ("foot", "contact_time_s"):
        if col not in header:
            problems.add("no_column", name="steps.csv", column=col)
    if problems:
        return []
    cols = {
        name: _floats("steps.csv", header, body, name, problems)
        for name in ("contact_time_s", "contact_frame", "liftoff_frame", "confidence")
    }
    text = {
        name: [row[header.index(name)].strip() if name in header else "" for row in body]
        for name in ("foot", "strike", "direction")
    }
    steps = []
    for k in range(len(body)):
        foot, strike = text["foot"][k].casefold(), text["strike"][k].casefold()
        if foot not in ("left", "right"):
            problems.add("foot", line=k + 2, cell=repr(foot[:20]))
        if strike not in _STRIKES:
            problems.add("strike", line=k + 2, cell=repr(strike[:20]))
        if not math.isfinite(cols["contact_time_s"][k]):
            problems.add("contact_time", line=k + 2)

        def opt_int(name: str, k: int = k) -> int | None:
            v = cols[name][k]
            return int(v) if math.isfinite(v) else None

        conf = cols["confidence"][k]
        steps.append(
            {
                "foot": foot,
                "contact_time_s": float(cols["contact_time_s"][k]),
                "contact_frame": opt_int("contact_frame"),
                "liftoff_frame": opt_int("liftoff_frame"),
                "strike": strike or None,
                "direction": text["direction"][k][:16] or None,
                "confidence": float(conf) if math.isfinite(conf) else None,
            }
        )
    return steps


def read_analysis_folder(folder: str | Path, *, max_frames: int = 2_000_000) -> AnalysisFolder:
    """Read and validate an analysis folder; raises :class:`ImportFormatError` when broken."""
    root = Path(folder)
    problems = _Problems()
    if not root.is_dir():
        raise ImportFormatError(str(folder), _Problems.one("not_folder"))
    summary = _read_summary(root, problems)
    steps = _read_steps(root, problems)
    table = _read_csv(root / FILE_NAMES["frames_csv"], problems)
    if table is not None and "time_s" not in table[0]:
        problems.add("no_column", name="frames.csv", column="time_s")
    if table is not None and len(table[1]) > max_frames:
        problems.add("too_many_frames", n=max_frames)
    if problems or table is None:
        raise ImportFormatError(str(folder), problems or _Problems.one("unusable", name="frames.csv"))
    header, body = table
    n = len(body)
    f = FILE_NAMES["frames_csv"]
    time_s = _floats(f, header, body, "time_s", problems)
    if not np.isfinite(time_s).all():
        problems.add("time_missing")
    elif n > 1 and (np.diff(time_s) < 0).any():
        problems.add("time_backwards")
    frame = _floats(f, header, body, "frame", problems)
    frame = np.where(np.isfinite(frame), frame, np.arange(n)).astype(np.int64)
    xy = np.full((n, NUM_LANDMARKS, 2), np.nan)
    vis = np.full((n, NUM_LANDMARKS), np.nan)
    for j, name in enumerate(NAMES):
        col = {axis: landmark_column(name, axis) for axis in ("x", "y", "vis")}
        if col["x"] in header:
            xy[:, j, 0] = _floats(f, header, body, col["x"], problems)
            xy[:, j, 1] = _floats(f, header, body, col["y"], problems)
            vis[:, j] = np.clip(_floats(f, header, body, col["vis"], problems), 0.0, 1.0)
    present_f = _flags(f, header, body, "subject_present", problems)
    glance_f = _flags(f, header, body, "glance", problems)
    upright = _flags(f, header, body, "upright", problems)
    lean = _floats(f, header, body, "trunk_lean_deg", problems)
    yaw = _floats(f, header, body, "head_yaw_deg", problems)
    if problems:
        raise ImportFormatError(str(folder), problems)
    present = np.isfinite(xy).any(axis=(1, 2)) if present_f is None else present_f == 1.0
    glance = np.zeros(n, bool) if glance_f is None else glance_f == 1.0
    return AnalysisFolder(
        summary,
        steps,
        time_s,
        frame,
        present,
        lean,
        yaw,
        glance,
        upright,
        xy.astype(np.float32),
        vis.astype(np.float32),
    )


def glance_runs(
    time_s: np.ndarray, glance: np.ndarray, yaw_deg: np.ndarray
) -> list[tuple[float, float, float | None]]:
    """Contiguous runs of glance frames as (start_s, end_s, peak |yaw| degrees or None)."""
    runs = []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], glance.astype(np.int8), [0]))))
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        yaw = np.abs(yaw_deg[a:b])
        peak = float(np.nanmax(yaw)) if np.isfinite(yaw).any() else None
        runs.append((float(time_s[a]), float(time_s[b - 1]), peak))
    return runs


def _number(value: Any) -> float | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return float(value) if ok else None


def _started_at(summary: dict[str, Any], folder: Path) -> datetime:
    for key in ("started_at", "created_at"):
        value = summary.get(key)
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                continue
            return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return datetime.fromtimestamp((folder / FILE_NAMES["summary_json"]).stat().st_mtime, timezone.utc)


def _model_version(summary: dict[str, Any]) -> str | None:
    if summary.get("model_version"):
        return str(summary["model_version"])[:200]
    model = summary.get("model")
    parts = []
    if isinstance(model, dict) and model.get("backend"):
        parts.append(str(model["backend"]))
    if summary.get("app_version"):
        parts.append(f"app {summary['app_version']}")
    return "; ".join(parts)[:200] or None


def _glances(data: AnalysisFolder) -> list[dict[str, Any]]:
    """The summary's ``glance_list`` when it is usable, else runs of glance frames."""
    listed = data.summary.get("glance_list")
    if isinstance(listed, list) and all(isinstance(g, dict) for g in listed):
        out = []
        for g in listed:
            start, end = _number(g.get("start_s")), _number(g.get("end_s"))
            if start is not None and end is not None:
                side = g.get("side")
                out.append(
                    {"start_s": start, "end_s": end, "side": side if isinstance(side, str) else None,
                     "peak_yaw_deg": _number(g.get("peak_yaw_deg"))}
                )  # fmt: skip
        return out
    return [
        {"start_s": a, "end_s": b, "side": None, "peak_yaw_deg": peak}
        for a, b, peak in glance_runs(data.time_s, data.glance, data.head_yaw_deg)
    ]


def import_analysis_folder(
    access: ClinicianAccess,
    patient_id: int,
    folder: str | Path,
    *,
    started_at: datetime | None = None,
    model_version: str | None = None,
) -> SessionInfo:
    """Validate ``folder`` and store it as a new ``import`` session of the patient.

    ``started_at`` defaults to the summary's ``started_at`` (else ``created_at``, else the
    time summary.json was written). On any failure while writing, the half-written session
    is deleted.
    """
    data = read_analysis_folder(folder)
    access.get_patient(patient_id)  # NotFound before anything is written
    s = data.summary
    video = s.get("video") if isinstance(s.get("video"), dict) else {}
    settings = s.get("settings") if isinstance(s.get("settings"), dict) else {}
    width, height = s.get("width", video.get("width")), s.get("height", video.get("height"))
    fps = _number(s.get("fps", video.get("fps")))
    if fps is None and len(data.time_s) > 1:
        step = float(np.median(np.diff(data.time_s)))
        fps = 1.0 / step if step > 0 else None
    sized = all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in (width, height))
    rec = access.start_session(
        patient_id,
        source="import",
        model_version=model_version or _model_version(s),
        settings={**settings, "imported_from": Path(folder).name},
        fps=fps,
        image_size=(int(width), int(height)) if sized else None,
        started_at=started_at or _started_at(s, Path(folder)),
        commit_interval_s=None,
    )
    try:
        for k in range(len(data.time_s)):
            m = FrameMetrics(
                trunk_lean_deg=float(data.trunk_lean_deg[k]),
                head_yaw_deg=float(data.head_yaw_deg[k]),
                glance=bool(data.glance[k]),
                upright=None if data.upright is None or np.isnan(data.upright[k]) else bool(data.upright[k]),
            )
            rec.append_arrays(
                float(data.time_s[k]),
                int(data.frame[k]),
                bool(data.present[k]),
                data.xy[k],
                data.visibility[k],
                m,
            )
        for step in data.steps:
            rec.add_step(**step)
        for g in _glances(data):
            rec.add_glance(g["start_s"], g["end_s"], side=g["side"], peak_yaw_deg=g["peak_yaw_deg"])
        return rec.close(summary=s)
    except BaseException:
        access.delete_session(rec.session_id)
        raise
