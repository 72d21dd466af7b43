"""Exports (PDF reports, CSV/JSON tables) and the import of ``retrowalk analyze`` folders.

Uploads are untrusted: only ``summary.json``, ``steps.csv`` and ``frames.csv`` are written, by
their base name, into a fresh temporary folder; a zip is read member by member with a size
cap (no extraction of paths, so no "zip slip", and no zip bomb past the cap).
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path, PurePosixPath

import streamlit as st

from vision.clinic import ClinicianAccess, ImportFormatError
from vision.clinic import io as clinic_io
from vision.clinic.analysis_import import import_analysis_folder
from vision.clinic.records import SessionInfo
from vision.feedback.i18n import Translator, t
from vision.reports import pdf as reports
from vision.ui.common.escape import md_escape
from vision.ui.common.lang import tr

ANALYSIS_FILES = ("summary.json", "steps.csv", "frames.csv")
MAX_FILE_BYTES = 300 * 1024 * 1024
"""Largest accepted analysis file (a 30-minute session's frames.csv is about 40 MB)."""


class UploadError(ValueError):
    """The uploaded files cannot form an analysis folder: a message key (``clinic.import.*``)
    and its parameters; ``str()`` is the English message, :meth:`text` any language's."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(t(key, "en", **params))
        self.key, self.params = key, params

    def text(self, tr_: Translator) -> str:
        """The message in ``tr_``'s language."""
        return tr_(self.key, **self.params)


def safe_folder_name(name: str, default: str = "upload") -> str:
    """A file-system-safe folder name from an upload name (letters, digits, ``._-``)."""
    stem = PurePosixPath(name.replace("\\", "/")).name
    stem = re.sub(r"\.zip$", "", stem, flags=re.IGNORECASE)
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._")[:60]
    return clean or default


def _read_capped(stream: io.BufferedIOBase, name: str) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise UploadError("clinic.import.too_large", name=name, mb=MAX_FILE_BYTES // 2**20)
    return data


def _from_zip(data: bytes) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UploadError("clinic.import.bad_zip") from exc
    found: dict[str, bytes] = {}
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            base = PurePosixPath(info.filename.replace("\\", "/")).name
            if base not in ANALYSIS_FILES or "__MACOSX" in info.filename:
                continue
            if base in found:
                raise UploadError("clinic.import.two_in_zip", name=base)
            try:
                with zf.open(info) as member:
                    found[base] = _read_capped(member, base)
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
                raise UploadError("clinic.import.unreadable", name=base, error=exc) from exc
    return found


def collect_upload(files: Sequence[tuple[str, bytes]]) -> tuple[dict[str, bytes], str]:
    """The analysis files among the uploads (loose files, or one zip of the folder) and a
    folder name; raises :class:`UploadError` when there is nothing usable."""
    if not files:
        raise UploadError("clinic.import.nothing")
    zips = [(n, d) for n, d in files if n.lower().endswith(".zip")]
    if zips and len(files) > 1:
        raise UploadError("clinic.import.zip_and_files")
    if zips:
        name, data = zips[0]
        found, folder = _from_zip(data), safe_folder_name(name)
    else:
        found, folder = {}, "upload"
        for name, data in files:
            base = PurePosixPath(name.replace("\\", "/")).name
            if base in ANALYSIS_FILES:
                if len(data) > MAX_FILE_BYTES:
                    raise UploadError("clinic.import.too_large", name=base, mb=MAX_FILE_BYTES // 2**20)
                found[base] = data
    if not found:
        raise UploadError("clinic.import.none_found")
    return found, folder


def write_folder(found: dict[str, bytes], parent: Path, folder: str) -> Path:
    """Write the collected files into ``parent / folder`` (created); returns the folder."""
    out = parent / safe_folder_name(folder)
    out.mkdir(parents=True, exist_ok=True)
    for base, data in found.items():
        if base in ANALYSIS_FILES:
            (out / base).write_bytes(data)
    return out


def import_uploads(me: ClinicianAccess, patient_id: int, files: Sequence[tuple[str, bytes]]) -> SessionInfo:
    """Import uploaded analysis files as a new session of the patient (raises
    :class:`UploadError` or :class:`ImportFormatError`)."""
    found, folder = collect_upload(files)
    with tempfile.TemporaryDirectory(prefix="rw-import-") as tmp:
        return import_analysis_folder(me, patient_id, write_folder(found, Path(tmp), folder))


def import_form(me: ClinicianAccess, patient_id: int) -> SessionInfo | None:
    """The upload form; returns the imported session once one is imported."""
    t_ = tr()
    with st.form("rwr_import_form", clear_on_submit=True):
        uploads = st.file_uploader(
            t_("clinic.import.files"),
            type=["json", "csv", "zip"],
            accept_multiple_files=True,
        )
        submitted = st.form_submit_button(t_("clinic.import.submit"), icon=":material/upload:")
    if not submitted:
        return None
    try:
        with st.spinner(t_("clinic.import.running")):
            session = import_uploads(me, patient_id, [(f.name, f.getvalue()) for f in uploads or []])
    except UploadError as exc:
        st.error(md_escape(exc.text(t_)))
        return None
    except ImportFormatError as exc:
        st.error(t_("clinic.import.cannot"))
        st.text("\n".join(exc.problem_texts(t_)[:30]))
        return None
    return session


@dataclass(frozen=True)
class Export:
    """One download: button label (a ``clinic.export.*`` key), a function making the bytes (run
    on click), file name, type."""

    label: str
    make: Callable[[], bytes]
    file_name: str
    mime: str


def _tables_bytes(tables: clinic_io.Tables, fmt: str) -> bytes:
    if fmt == "json":
        return clinic_io.tables_to_files(tables, "json")["tables.json"]
    return clinic_io.tables_zip(tables, "csv")


def session_exports(me: ClinicianAccess, session_id: int, *, lang: str = "en") -> list[Export]:
    """A session's downloads: PDF report (in ``lang``), tables as CSV (zip) and JSON, landmarks CSV."""
    sid = int(session_id)
    name = f"retrowalk-session-{sid}"
    return [
        Export(
            "clinic.export.pdf",
            lambda: reports.session_report_pdf(me, sid, lang=lang),
            f"{name}.pdf",
            "application/pdf",
        ),
        Export(
            "clinic.export.csv",
            lambda: _tables_bytes(clinic_io.session_tables(me, sid), "csv"),
            f"{name}-csv.zip",
            "application/zip",
        ),
        Export(
            "clinic.export.json",
            lambda: _tables_bytes(clinic_io.session_tables(me, sid), "json"),
            f"{name}.json",
            "application/json",
        ),
        Export(
            "clinic.export.frames", lambda: clinic_io.frames_csv(me, sid), f"{name}-frames.csv", "text/csv"
        ),
    ]


def period_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """``since``/``until`` (UTC) for a period of whole days ``start``..``end`` (inclusive)."""
    since = datetime.combine(start, time.min, tzinfo=timezone.utc) if start else None
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=timezone.utc) if end else None
    return since, until


def patient_exports(
    me: ClinicianAccess, patient_id: int, start: date | None, end: date | None, *, lang: str = "en"
) -> list[Export]:
    """A patient's downloads over whole days ``start``..``end``: PDF report (in ``lang``), CSV
    (zip), JSON."""
    pid = int(patient_id)
    since, until = period_bounds(start, end)
    name = f"retrowalk-patient-{pid}-{start or 'start'}-{end or 'now'}"

    def tables(fmt: str) -> bytes:
        return _tables_bytes(clinic_io.patient_tables(me, pid, since=since, until=until), fmt)

    return [
        Export(
            "clinic.export.patient_pdf",
            lambda: reports.patient_report_pdf(me, pid, since=since, until=until, lang=lang),
            f"{name}.pdf",
            "application/pdf",
        ),
        Export("clinic.export.csv", lambda: tables("csv"), f"{name}-csv.zip", "application/zip"),
        Export("clinic.export.json", lambda: tables("json"), f"{name}.json", "application/json"),
    ]


def download_buttons(exports: list[Export], key: str, tr_: Translator) -> None:
    """One download button per export, side by side; the bytes are made when clicked."""
    for col, (k, e) in zip(st.columns(len(exports)), enumerate(exports), strict=True):
        col.download_button(
            tr_(e.label),
            data=e.make,
            file_name=e.file_name,
            mime=e.mime,
            icon=":material/picture_as_pdf:" if e.mime == "application/pdf" else ":material/download:",
            on_click="ignore",
            key=f"{key}_{k}",
        )
