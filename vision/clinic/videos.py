"""Raw session videos on disk, kept only for patients who opted in.

Files live in ``<data_dir>/videos`` under names the data layer makes up (never a name from
the user), so an uploaded file name cannot point anywhere else.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from vision.clinic.errors import PermissionDenied, StorageError, ValidationError
from vision.clinic.models import WalkSession
from vision.clinic.records import SessionInfo, session_info
from vision.clinic.scope import Scoped

VIDEO_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi"})


def store_video(video_dir: Path, session_id: int, source: str | Path) -> str:
    """Copy ``source`` into ``video_dir``; returns the stored file name."""
    src = Path(source)
    suffix = src.suffix.lower()
    if suffix not in VIDEO_SUFFIXES:
        raise ValidationError(
            key="clinic.err.video_type", suffix=suffix or "-", allowed=", ".join(sorted(VIDEO_SUFFIXES))
        )
    if not src.is_file():
        raise ValidationError(key="clinic.err.video_missing", path=str(src))
    name = f"session-{int(session_id)}-{secrets.token_hex(8)}{suffix}"
    try:
        video_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copyfile(src, video_dir / name)
    except OSError as exc:
        remove_video(video_dir, name)
        raise StorageError(f"Cannot store the video in {video_dir}: {exc.strerror or exc}.") from exc
    return name


def video_file(video_dir: Path, name: str) -> Path:
    """Full path of a stored video name (rejects names that are not plain file names)."""
    if not name or Path(name).name != name or name.startswith("."):
        raise StorageError(f"The stored video name {name!r} is invalid.")
    return video_dir / name


def remove_video(video_dir: Path, name: str | None) -> None:
    """Delete a stored video (no error if it is already gone)."""
    if name:
        try:
            video_file(video_dir, name).unlink(missing_ok=True)
        except OSError as exc:
            raise StorageError(f"Cannot delete the video {name}: {exc.strerror or exc}.") from exc


class VideoMixin(Scoped):
    """Raw video of a session (part of :class:`vision.clinic.access.ClinicianAccess`)."""

    def _clear_videos(self, tx: OrmSession, pid: int) -> list[str]:
        rows = tx.scalars(
            select(WalkSession).where(WalkSession.patient_id == pid, WalkSession.video_file.is_not(None))
        )
        names = []
        for s in rows:
            names.append(s.video_file or "")
            s.video_file = None
        return names

    # ---- video ----------------------------------------------------------------------------
    def attach_video(self, session_id: int, source: str | Path) -> SessionInfo:
        """Keep a copy of the session's raw video (only if the patient opted in)."""
        with self.db.transaction() as tx:
            row = self._session(tx, session_id)
            if not self._patient(tx, row.patient_id).video_opt_in:
                raise PermissionDenied(key="clinic.err.video_consent")
            sid = row.id
        name = store_video(self.db.video_dir, sid, source)
        try:
            with self.db.transaction() as tx:
                row = self._session(tx, sid)
                old, row.video_file = row.video_file, name
                info = session_info(row)
        except BaseException:
            remove_video(self.db.video_dir, name)
            raise
        remove_video(self.db.video_dir, old)
        return info

    def video_path(self, session_id: int) -> Path | None:
        """Path of the session's stored video, or ``None``."""
        with self.db.transaction() as tx:
            name = self._session(tx, session_id).video_file
        return video_file(self.db.video_dir, name) if name else None

    def delete_video(self, session_id: int) -> None:
        """Delete the session's stored video (the landmarks stay)."""
        with self.db.transaction() as tx:
            row = self._session(tx, session_id)
            name, row.video_file = row.video_file, None
        remove_video(self.db.video_dir, name)
