"""The scoping core shared by the clinician handle and its parts.

:class:`Scoped` holds the logged-in clinician and the only functions that fetch patients,
sessions and notes by id: each filters by the clinician's id, so another clinician's record
is indistinguishable from a missing one (:class:`NotFound`).
"""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from vision.clinic.config import DEFAULT_PROGRAMME, Programme
from vision.clinic.db import Database
from vision.clinic.errors import NotFound, StorageError, ValidationError
from vision.clinic.models import LandmarkChunk, Note, Patient, WalkSession
from vision.clinic.records import ClinicianInfo, SessionInfo, session_info
from vision.clinic.replay import CodecError, ReplayFrames, decode_chunk

MAX_TEXT = 20_000
"""Longest note or name accepted, in characters."""
Row = TypeVar("Row")
UNSET: Any = object()
"""Marker for 'argument not given' (``None`` is a meaningful value)."""


def as_id(value: object, what: str) -> int:
    try:
        ident = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise NotFound(f"No {what} with id {value!r}.") from None
    if isinstance(value, float) and value != ident:
        raise NotFound(f"No {what} with id {value!r}.")
    return ident


def _found(row: Row | None, missing: str) -> Row:
    """``row``, or :class:`NotFound` with the sentence ``missing`` where there is none."""
    if row is None:
        raise NotFound(missing)
    return row


def check_text(value: object, what: str, *, required: bool = True) -> str | None:
    """``value`` as text, checked; ``what``: the field's name for the message, a catalogue key
    after ``@`` (``"@clinic.what.note"``) so that the message reads in the user's language."""
    if value is None and not required:
        return None
    text = "" if value is None else str(value)
    if required and not text.strip():
        raise ValidationError(key="clinic.err.text_empty", what=what)
    if len(text) > MAX_TEXT:
        raise ValidationError(key="clinic.err.text_long", what=what, n=len(text), max=MAX_TEXT)
    if "\x00" in text:
        raise ValidationError(key="clinic.err.text_nul", what=what)
    return text


def load_frames(tx: OrmSession, row: WalkSession, start_s: float | None, end_s: float | None) -> ReplayFrames:
    query = select(LandmarkChunk).where(LandmarkChunk.session_id == row.id)
    if start_s is not None:
        query = query.where(LandmarkChunk.t_end_s >= start_s)
    if end_s is not None:
        query = query.where(LandmarkChunk.t_start_s <= end_s)
    size = (row.image_width or 0, row.image_height or 0)
    parts = []
    for chunk in tx.scalars(query.order_by(LandmarkChunk.chunk_index)):
        try:
            parts.append(decode_chunk(chunk.data, size))
        except CodecError as exc:
            raise StorageError(
                f"Landmarks of session {row.id} (chunk {chunk.chunk_index}) are damaged: {exc}."
            ) from exc
    return ReplayFrames.concat(parts, size).between(start_s, end_s)


class Scoped:
    """A clinician's identity plus the id lookups every clinician query goes through."""

    def __init__(
        self,
        db: Database,
        clinician: ClinicianInfo,
        *,
        programme: Programme = DEFAULT_PROGRAMME,
        tz: tzinfo = timezone.utc,
    ) -> None:
        """``programme``: clinic default for adherence; ``tz``: time zone of calendar weeks."""
        self.db = db
        self.clinician = clinician
        self.programme = programme
        self.tz = tz

    # ---- scoping --------------------------------------------------------------------------
    def _patient(self, tx: OrmSession, patient_id: object) -> Patient:
        pid = as_id(patient_id, "patient")
        query = select(Patient).where(Patient.id == pid, Patient.clinician_id == self.clinician.id)
        return _found(tx.scalars(query).first(), f"No patient with id {pid}.")

    def _session(self, tx: OrmSession, session_id: object) -> WalkSession:
        sid = as_id(session_id, "session")
        query = (
            select(WalkSession)
            .join(Patient, Patient.id == WalkSession.patient_id)
            .where(WalkSession.id == sid, Patient.clinician_id == self.clinician.id)
        )
        return _found(tx.scalars(query).first(), f"No session with id {sid}.")

    def _note(self, tx: OrmSession, note_id: object) -> Note:
        nid = as_id(note_id, "note")
        query = select(Note).where(Note.id == nid, Note.clinician_id == self.clinician.id)
        row = _found(tx.scalars(query).first(), f"No note with id {nid}.")
        self._session(tx, row.session_id)
        return row

    def _sessions(
        self, tx: OrmSession, pid: int, since: datetime | None, until: datetime | None
    ) -> list[SessionInfo]:
        query = select(WalkSession).where(WalkSession.patient_id == pid)
        if since is not None:
            query = query.where(WalkSession.started_at >= since)
        if until is not None:
            query = query.where(WalkSession.started_at < until)
        return [session_info(r) for r in tx.scalars(query.order_by(WalkSession.started_at, WalkSession.id))]
