"""Scoped access to the clinic data: every call goes through a handle bound to one person.

* :class:`ClinicianAccess` (from :func:`vision.clinic.auth.login`): a clinician's view. Every
  query is filtered by the clinician's id; asking for another clinician's patient, session
  or note raises :class:`NotFound`, exactly as for an id that does not exist.
* :class:`PatientAccess` (from :func:`vision.clinic.auth.open_home`): a patient at home may
  record and list their own sessions, nothing else.

User text (names, notes) is stored verbatim; escaping is the job of whoever renders it
(the pages' :func:`vision.ui.common.escape.md_escape`; the PDF writer never interprets markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select

from vision.clinic.admin import AdminMixin
from vision.clinic.audit import AuditMixin
from vision.clinic.config import DEFAULT_PROGRAMME, Programme
from vision.clinic.db import Database
from vision.clinic.errors import NotFound, PermissionDenied
from vision.clinic.models import Cue, Glance, MetricSecond, Note, Patient, StepEvent, WalkSession, utcnow
from vision.clinic.recorder import SessionRecorder
from vision.clinic.records import (
    Adherence,
    Comparison,
    NoteInfo,
    PatientInfo,
    PatientOverview,
    SessionInfo,
    Timeline,
    Trend,
    cue_info,
    glance_info,
    note_info,
    patient_info,
    second_info,
    session_info,
    step_info,
)
from vision.clinic.replay import ReplayFrames
from vision.clinic.review import build_trend, compare_sessions, compute_adherence
from vision.clinic.scope import UNSET, Scoped, as_id, check_text, load_frames
from vision.clinic.videos import VideoMixin, remove_video


class PatientAccess:
    """A patient's own handle (live coach at home): record and list their own sessions."""

    def __init__(self, db: Database, patient_id: int, *, programme: Programme = DEFAULT_PROGRAMME) -> None:
        self.db = db
        self.patient_id = int(patient_id)
        self._programme = programme

    def start_session(self, *, source: str = "live", **kwargs: Any) -> SessionRecorder:
        """Open a new session of this patient for recording (see :meth:`SessionRecorder.start`)."""
        if source not in ("live", "upload"):
            raise PermissionDenied(key="clinic.err.patient_sources")
        with self.db.transaction() as tx:
            if tx.get(Patient, self.patient_id) is None:
                raise NotFound("This patient no longer exists.")
        return SessionRecorder.start(self.db, self.patient_id, source=source, **kwargs)

    def sessions(self) -> list[SessionInfo]:
        """The patient's own sessions, newest first."""
        with self.db.transaction() as tx:
            rows = tx.scalars(
                select(WalkSession)
                .where(WalkSession.patient_id == self.patient_id)
                .order_by(WalkSession.started_at.desc())
            )
            return [session_info(r) for r in rows]


class ClinicianAccess(AuditMixin, VideoMixin, AdminMixin, Scoped):
    """A logged-in clinician's view of the data: only their own patients and sessions.

    Built by :func:`vision.clinic.auth.login`; constructor arguments are those of
    :class:`~vision.clinic.scope.Scoped`. Views, exports and changes of a patient's data
    are written to the audit log (:mod:`vision.clinic.audit`) in the same transaction.
    """

    # ---- patients -------------------------------------------------------------------------
    def list_patients(self, *, now: datetime | None = None, weeks: int = 4) -> list[PatientOverview]:
        """All the clinician's patients with last session and adherence, by name."""
        now = now or utcnow()
        out = []
        with self.db.transaction() as tx:
            for p in tx.scalars(select(Patient).where(Patient.clinician_id == self.clinician.id)):
                info = patient_info(p, self.programme)
                sessions = self._sessions(tx, p.id, None, None)
                adherence = compute_adherence(
                    sessions, info.programme, patient_since=p.created_at, now=now, weeks=weeks, tz=self.tz
                )
                out.append(
                    PatientOverview(info, len(sessions), sessions[-1] if sessions else None, adherence)
                )
        return sorted(out, key=lambda o: (o.patient.display_name.casefold(), o.patient.id))

    def create_patient(
        self,
        display_name: str,
        *,
        external_ref: str | None = None,
        video_opt_in: bool = False,
        programme: Programme | None = None,
    ) -> PatientInfo:
        """Add a patient under this clinician's care."""
        row = Patient(
            clinician_id=self.clinician.id,
            display_name=check_text(display_name, "@clinic.what.name"),
            external_ref=check_text(external_ref, "@clinic.what.ref", required=False),
            video_opt_in=bool(video_opt_in),
            sessions_per_week=programme.sessions_per_week if programme else None,
            minutes_per_session=programme.minutes_per_session if programme else None,
        )
        with self.db.transaction() as tx:
            tx.add(row)
            tx.flush()
            self._audit(tx, "change", patient_id=row.id, detail="patient added")
            return patient_info(row, self.programme)

    def get_patient(self, patient_id: int) -> PatientInfo:
        """One patient (:class:`NotFound` unless it is this clinician's)."""
        with self.db.transaction() as tx:
            row = self._patient(tx, patient_id)
            self._audit_view(tx, patient_id=row.id, session_id=None, detail="patient")
            return patient_info(row, self.programme)

    def update_patient(
        self,
        patient_id: int,
        *,
        display_name: str = UNSET,
        external_ref: str | None = UNSET,
        programme: Programme | None = UNSET,
    ) -> PatientInfo:
        """Change name, reference or programme (``programme=None``: back to the clinic default)."""
        with self.db.transaction() as tx:
            row = self._patient(tx, patient_id)
            changed = [
                what
                for what, value in (
                    ("name", display_name),
                    ("reference", external_ref),
                    ("programme", programme),
                )
                if value is not UNSET
            ]
            self._audit(tx, "change", patient_id=row.id, detail="edited: " + ", ".join(changed))
            if display_name is not UNSET:
                row.display_name = check_text(display_name, "@clinic.what.name") or ""
            if external_ref is not UNSET:
                row.external_ref = check_text(external_ref, "@clinic.what.ref", required=False)
            if programme is not UNSET:
                row.sessions_per_week = programme.sessions_per_week if programme else None
                row.minutes_per_session = programme.minutes_per_session if programme else None
            return patient_info(row, self.programme)

    def set_video_opt_in(self, patient_id: int, opt_in: bool) -> PatientInfo:
        """Record the patient's consent to keep raw video; withdrawing it deletes their videos."""
        with self.db.transaction() as tx:
            row = self._patient(tx, patient_id)
            row.video_opt_in = bool(opt_in)
            self._audit(
                tx, "change", patient_id=row.id, detail=f"video consent {'given' if opt_in else 'withdrawn'}"
            )
            names = [] if opt_in else self._clear_videos(tx, row.id)
            info = patient_info(row, self.programme)
        for name in names:
            remove_video(self.db.video_dir, name)
        return info

    def delete_patient(self, patient_id: int) -> None:
        """Delete a patient with all their sessions, notes and videos."""
        with self.db.transaction() as tx:
            row = self._patient(tx, patient_id)
            names = self._clear_videos(tx, row.id)
            self._audit(tx, "change", patient_id=row.id, detail="patient deleted")
            tx.delete(row)
        for name in names:
            remove_video(self.db.video_dir, name)

    def adherence(self, patient_id: int, *, now: datetime | None = None, weeks: int = 4) -> Adherence:
        """Adherence to the patient's programme over the last ``weeks`` complete weeks."""
        with self.db.transaction() as tx:
            p = self._patient(tx, patient_id)
            info, sessions = patient_info(p, self.programme), self._sessions(tx, p.id, None, None)
        return compute_adherence(
            sessions,
            info.programme,
            patient_since=info.created_at,
            now=now or utcnow(),
            weeks=weeks,
            tz=self.tz,
        )

    def issue_home_code(self, patient_id: int) -> str:
        """A new home access code for the patient (shown once; replaces any earlier code;
        expires after ``HomeCodePolicy.valid_days``), in display form (``XXXXX-XXXXX``)."""
        from vision.clinic.homecodes import code_expiry, new_home_code  # homecodes imports this module

        code, digest = new_home_code()
        with self.db.transaction() as tx:
            row = self._patient(tx, patient_id)
            row.home_code_hash, row.home_code_expires_at = digest, code_expiry(utcnow())
            self._audit(tx, "change", patient_id=row.id, detail="home code issued")
        return code

    def revoke_home_code(self, patient_id: int) -> None:
        """Invalidate the patient's home access code."""
        with self.db.transaction() as tx:
            row = self._patient(tx, patient_id)
            row.home_code_hash, row.home_code_expires_at = None, None
            self._audit(tx, "change", patient_id=row.id, detail="home code revoked")

    # ---- sessions -------------------------------------------------------------------------
    def list_sessions(
        self, patient_id: int, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[SessionInfo]:
        """A patient's sessions with ``since <= started_at < until``, oldest first."""
        with self.db.transaction() as tx:
            return self._sessions(tx, self._patient(tx, patient_id).id, since, until)

    def get_session(self, session_id: int) -> SessionInfo:
        """One session with its summary."""
        with self.db.transaction() as tx:
            row = self._session(tx, session_id)
            self._audit_view(tx, patient_id=row.patient_id, session_id=row.id, detail="session")
            return session_info(row)

    def start_session(self, patient_id: int, *, source: str = "live", **kwargs: Any) -> SessionRecorder:
        """Record a session of one of this clinician's patients (in the clinic, or an import)."""
        with self.db.transaction() as tx:
            pid = self._patient(tx, patient_id).id
            self._audit(tx, "change", patient_id=pid, detail=f"session added ({source})")
        return SessionRecorder.start(self.db, pid, source=source, **kwargs)

    def delete_session(self, session_id: int) -> None:
        """Delete a session with its events, landmarks, notes and video."""
        with self.db.transaction() as tx:
            row = self._session(tx, session_id)
            name = row.video_file
            self._audit(tx, "change", patient_id=row.patient_id, session_id=row.id, detail="session deleted")
            tx.delete(row)
        remove_video(self.db.video_dir, name)

    def timeline(self, session_id: int) -> Timeline:
        """Steps, glances, cues, per-second metrics and notes of one session, in time order."""
        with self.db.transaction() as tx:
            row = self._session(tx, session_id)
            sid = row.id
            self._audit_view(tx, patient_id=row.patient_id, session_id=sid, detail="session")

            def rows(model: Any, *order: Any) -> Sequence[Any]:
                return tx.scalars(select(model).where(model.session_id == sid).order_by(*order)).all()

            return Timeline(
                session_info(row),
                tuple(step_info(r) for r in rows(StepEvent, StepEvent.step_index)),
                tuple(glance_info(r) for r in rows(Glance, Glance.start_s, Glance.id)),
                tuple(cue_info(r) for r in rows(Cue, Cue.time_s, Cue.id)),
                tuple(second_info(r) for r in rows(MetricSecond, MetricSecond.second)),
                tuple(note_info(r) for r in rows(Note, Note.created_at, Note.id)),
            )

    def landmarks(
        self, session_id: int, start_s: float | None = None, end_s: float | None = None
    ) -> ReplayFrames:
        """Stored landmarks with ``start_s <= t <= end_s`` (seconds from the stream start)."""
        with self.db.transaction() as tx:
            row = self._session(tx, session_id)
            self._audit_view(tx, patient_id=row.patient_id, session_id=row.id, detail="session")
            return load_frames(tx, row, start_s, end_s)

    def trend(
        self, patient_id: int, *, since: datetime | None = None, until: datetime | None = None
    ) -> Trend:
        """Per-session trend series (minutes, forefoot share, cadence, upright share,
        glances/min, over-rotations) of finished sessions, oldest first."""
        sessions = self.list_sessions(patient_id, since=since, until=until)
        return build_trend(as_id(patient_id, "patient"), sessions)

    def compare(self, session_a: int, session_b: int) -> Comparison:
        """Two sessions' summaries side by side (``delta = b - a``)."""
        with self.db.transaction() as tx:
            a, b = session_info(self._session(tx, session_a)), session_info(self._session(tx, session_b))
        return compare_sessions(a, b)

    # ---- notes ----------------------------------------------------------------------------
    def add_note(self, session_id: int, text: str, *, step_id: int | None = None) -> NoteInfo:
        """Add a note to a session, or to one of its steps (``step_id`` from the timeline)."""
        body = check_text(text, "@clinic.what.note") or ""
        with self.db.transaction() as tx:
            row = self._session(tx, session_id)
            step = None
            if step_id is not None:
                step = tx.scalars(
                    select(StepEvent.id).where(
                        StepEvent.id == as_id(step_id, "step"), StepEvent.session_id == row.id
                    )
                ).first()
                if step is None:
                    raise NotFound(f"No step with id {step_id} in session {row.id}.")
            note = Note(session_id=row.id, step_id=step, clinician_id=self.clinician.id, text=body)
            self._audit(tx, "change", patient_id=row.patient_id, session_id=row.id, detail="note added")
            tx.add(note)
            tx.flush()
            return note_info(note)

    def notes(self, session_id: int, *, step_id: int | None = None) -> list[NoteInfo]:
        """Notes of a session (all of them, or only those on ``step_id``), oldest first."""
        with self.db.transaction() as tx:
            query = select(Note).where(Note.session_id == self._session(tx, session_id).id)
            if step_id is not None:
                query = query.where(Note.step_id == as_id(step_id, "step"))
            return [note_info(n) for n in tx.scalars(query.order_by(Note.created_at, Note.id))]

    def edit_note(self, note_id: int, text: str) -> NoteInfo:
        """Replace the text of one of the clinician's own notes."""
        body = check_text(text, "@clinic.what.note") or ""
        with self.db.transaction() as tx:
            note = self._note(tx, note_id)
            note.text = body
            self._note_audit(tx, note, "note edited")
            return note_info(note)

    def delete_note(self, note_id: int) -> None:
        """Delete one of the clinician's own notes."""
        with self.db.transaction() as tx:
            note = self._note(tx, note_id)
            self._note_audit(tx, note, "note deleted")
            tx.delete(note)

    def _note_audit(self, tx: Any, note: Note, detail: str) -> None:
        session = self._session(tx, note.session_id)
        self._audit(tx, "change", patient_id=session.patient_id, session_id=session.id, detail=detail)

    def search_patients(self, text: str) -> list[PatientInfo]:
        """The clinician's patients whose name or reference contains ``text`` (case-insensitive)."""
        needle = f"%{_escape_like(str(text).casefold())}%"
        with self.db.transaction() as tx:
            rows = tx.scalars(
                select(Patient).where(
                    Patient.clinician_id == self.clinician.id,
                    or_(
                        func.lower(Patient.display_name).like(needle, escape="\\"),
                        func.lower(Patient.external_ref).like(needle, escape="\\"),
                    ),
                )
            )
            return sorted(
                (patient_info(r, self.programme) for r in rows), key=lambda p: p.display_name.casefold()
            )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
