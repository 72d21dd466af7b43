"""CSV/JSON export of the raw tables of a patient or a session, and of a whole session as a
``retrowalk analyze``-style folder (landmarks included).

The tables (one dict per row, JSON-friendly values) are built through a
:class:`~vision.clinic.access.ClinicianAccess`, so they obey its scoping. Import of
``retrowalk analyze`` folders lives in :mod:`vision.clinic.analysis_import`.

CSV cells holding text that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) are prefixed with ``'``; JSON keeps text verbatim.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from vision.clinic.access import ClinicianAccess
from vision.clinic.errors import StorageError, ValidationError
from vision.clinic.records import SessionInfo, Timeline
from vision.landmarks import NAMES

Tables = dict[str, list[dict[str, Any]]]
TABLE_NAMES = ("sessions", "steps", "glances", "cues", "metric_seconds", "notes")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def session_row(s: SessionInfo) -> dict[str, Any]:
    """One ``sessions`` table row (settings and summary as JSON text)."""
    row = {k: _plain(v) for k, v in asdict(s).items() if k not in ("settings", "summary", "image_size")}
    row["image_width"], row["image_height"] = s.image_size
    row["settings_json"] = json.dumps(s.settings, sort_keys=True)
    row["summary_json"] = json.dumps(s.summary, sort_keys=True) if s.summary is not None else None
    return row


def _timeline_rows(tl: Timeline, tables: Tables) -> None:
    sid = tl.session.id
    tables["sessions"].append(session_row(tl.session))
    for name, items in (
        ("steps", tl.steps),
        ("glances", tl.glances),
        ("cues", tl.cues),
        ("metric_seconds", tl.seconds),
    ):
        tables[name].extend(
            {"session_id": sid, **{k: _plain(v) for k, v in asdict(i).items()}} for i in items
        )
    tables["notes"].extend({k: _plain(v) for k, v in asdict(n).items()} for n in tl.notes)


def session_tables(access: ClinicianAccess, session_id: int) -> Tables:
    """All raw tables of one session."""
    tables: Tables = {name: [] for name in TABLE_NAMES}
    _timeline_rows(access.timeline(session_id), tables)
    access.record_export("session tables", session_id=session_id)
    return tables


def patient_tables(
    access: ClinicianAccess, patient_id: int, *, since: datetime | None = None, until: datetime | None = None
) -> Tables:
    """All raw tables of a patient's sessions with ``since <= started_at < until``."""
    tables: Tables = {name: [] for name in TABLE_NAMES}
    for s in access.list_sessions(patient_id, since=since, until=until):
        _timeline_rows(access.timeline(s.id), tables)
    access.record_export("patient tables", patient_id=patient_id)
    return tables


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def rows_to_csv(rows: Sequence[Mapping[str, Any]], columns: Iterable[str] | None = None) -> bytes:
    """Rows as UTF-8 CSV bytes (header from ``columns`` or the first row's keys)."""
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([_csv_cell(row.get(c)) for c in cols])
    return buf.getvalue().encode("utf-8")


def tables_to_files(tables: Tables, fmt: str = "csv") -> dict[str, bytes]:
    """``{file name: bytes}``: one CSV per table, or one ``tables.json``."""
    if fmt == "csv":
        return {f"{name}.csv": rows_to_csv(rows) for name, rows in tables.items()}
    if fmt == "json":
        return {
            "tables.json": json.dumps(tables, indent=1, ensure_ascii=False, allow_nan=False).encode("utf-8")
        }
    raise ValidationError(f"Unknown export format {fmt!r}; use 'csv' or 'json'.")


def tables_zip(tables: Tables, fmt: str = "csv") -> bytes:
    """The export files in one ZIP archive (for a download button)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in tables_to_files(tables, fmt).items():
            zf.writestr(name, data)
    return buf.getvalue()


def write_tables(tables: Tables, out_dir: str | Path, fmt: str = "csv") -> list[Path]:
    """Write the export files into ``out_dir`` (created if needed); returns their paths."""
    folder = Path(out_dir)
    paths = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in tables_to_files(tables, fmt).items():
            path = folder / name
            path.write_bytes(data)
            paths.append(path)
    except OSError as exc:
        raise StorageError(f"Cannot write the export to {folder}: {exc.strerror or exc}.") from exc
    return paths


def frames_csv(access: ClinicianAccess, session_id: int) -> bytes:
    """The session's stored landmarks as a ``frames.csv`` in the ``retrowalk analyze`` layout
    (frame, time_s, subject_present, ``<name>_x``/``_y``/``_vis`` in pixels)."""
    frames = access.landmarks(session_id)
    access.record_export("frames.csv", session_id=session_id)
    cols = ["frame", "time_s", "subject_present"] + [f"{n}_{c}" for n in NAMES for c in ("x", "y", "vis")]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    packed = np.concatenate([frames.xy, frames.visibility[:, :, None]], axis=2).reshape(len(frames), -1)
    for k in range(len(frames)):
        values = ["" if not np.isfinite(v) else f"{v:.2f}" for v in packed[k]]
        writer.writerow(
            [int(frames.frame_index[k]), f"{frames.timestamps_s[k]:.6f}", bool(frames.present[k]), *values]
        )
    return buf.getvalue().encode("utf-8")


def export_session_folder(access: ClinicianAccess, session_id: int, out_dir: str | Path) -> Path:
    """Write the session as a ``retrowalk analyze``-style folder (summary.json, steps.csv,
    frames.csv) that :func:`vision.clinic.analysis_import.import_analysis_folder` reads back."""
    tl = access.timeline(session_id)
    access.record_export("session folder", session_id=session_id)
    s = tl.session
    summary = dict(s.summary or {})
    summary.update(duration_s=s.duration_s, started_at=s.started_at.isoformat(), fps=s.fps)
    if s.image_size != (0, 0):
        summary.update(width=s.image_size[0], height=s.image_size[1])
    step_cols = [
        "foot",
        "contact_frame",
        "contact_time_s",
        "liftoff_frame",
        "strike",
        "direction",
        "confidence",
    ]
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "summary.json").write_text(
            json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        (folder / "steps.csv").write_bytes(rows_to_csv([asdict(st) for st in tl.steps], step_cols))
        (folder / "frames.csv").write_bytes(frames_csv(access, session_id))
    except OSError as exc:
        raise StorageError(f"Cannot write the session folder {folder}: {exc.strerror or exc}.") from exc
    return folder
