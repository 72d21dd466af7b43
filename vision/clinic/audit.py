"""The audit log (part of :class:`vision.clinic.access.ClinicianAccess`): who viewed, exported
or changed which patient's data, when.

The data layer writes a record in the same transaction as each view, export or change, so a
change is never without its record. Records are only ever added: this module has no update or
delete path, and the database refuses UPDATE and DELETE on ``audit_events`` (triggers of
migration 0002). Administrators read the log with :meth:`AuditMixin.audit_log`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from vision.clinic.config import DEFAULT_AUDIT, AuditPolicy
from vision.clinic.errors import PermissionDenied
from vision.clinic.models import AUDIT_ACTIONS, AuditEvent, Patient, utcnow
from vision.clinic.records import AuditInfo, audit_info
from vision.clinic.scope import Scoped, as_id

MAX_DETAIL = 200
"""Longest detail text kept, in characters."""
AUDIT_PAGE = 500
"""Records returned by one :meth:`AuditMixin.audit_log` call by default."""


class AuditMixin(Scoped):
    """Writing audit records for this clinician; reading the log (administrators)."""

    audit_policy: AuditPolicy = DEFAULT_AUDIT

    def _audit(
        self,
        tx: OrmSession,
        action: str,
        *,
        patient_id: int | None,
        session_id: int | None = None,
        detail: str = "",
        now: datetime | None = None,
    ) -> None:
        """Add one record in ``tx`` (so it commits, or not, with what it records)."""
        if action not in AUDIT_ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        tx.add(
            AuditEvent(
                at=now or utcnow(),
                clinician_id=self.clinician.id,
                username=self.clinician.username,
                action=action,
                patient_id=patient_id,
                session_id=session_id,
                detail=str(detail)[:MAX_DETAIL],
            )
        )

    def _audit_view(self, tx: OrmSession, *, patient_id: int, session_id: int | None, detail: str) -> None:
        """A view record, unless the same clinician viewed the same record very recently."""
        now = utcnow()
        since = now - timedelta(seconds=self.audit_policy.view_repeat_s)
        recent = tx.scalar(
            select(AuditEvent.id)
            .where(
                AuditEvent.clinician_id == self.clinician.id,
                AuditEvent.action == "view",
                AuditEvent.patient_id == patient_id,
                AuditEvent.session_id.is_(None)
                if session_id is None
                else AuditEvent.session_id == session_id,
                AuditEvent.at >= since,
            )
            .limit(1)
        )
        if recent is None:
            self._audit(tx, "view", patient_id=patient_id, session_id=session_id, detail=detail, now=now)

    def record_export(
        self, what: str, *, patient_id: int | None = None, session_id: int | None = None
    ) -> None:
        """Record that this clinician exported ``what`` (``session PDF``…) of one of their
        patients or sessions (:class:`NotFound` for anyone else's)."""
        with self.db.transaction() as tx:
            if session_id is not None:
                row = self._session(tx, session_id)
                pid, sid = row.patient_id, row.id
            else:
                pid, sid = self._patient(tx, patient_id).id, None
            self._audit(tx, "export", patient_id=pid, session_id=sid, detail=what)

    def _require_audit_reader(self) -> None:
        if not self.clinician.is_admin:
            raise PermissionDenied(key="clinic.err.admin_audit")

    def audit_patient_names(self, patient_ids: Iterable[int]) -> dict[int, str]:
        """Names of the audit log's patients that still exist (administrators only)."""
        self._require_audit_reader()
        ids = {int(i) for i in patient_ids}
        if not ids:
            return {}
        with self.db.transaction() as tx:
            rows = tx.execute(select(Patient.id, Patient.display_name).where(Patient.id.in_(ids)))
            return {int(pid): str(name) for pid, name in rows}

    def audit_log(
        self, *, patient_id: int | None = None, limit: int = AUDIT_PAGE, before_id: int | None = None
    ) -> list[AuditInfo]:
        """Audit records, newest first (administrators only); ``before_id`` pages back."""
        self._require_audit_reader()
        query = select(AuditEvent)
        if patient_id is not None:
            query = query.where(AuditEvent.patient_id == as_id(patient_id, "patient"))
        if before_id is not None:
            query = query.where(AuditEvent.id < int(before_id))
        with self.db.transaction() as tx:
            rows = tx.scalars(query.order_by(AuditEvent.id.desc()).limit(max(1, int(limit))))
            return [audit_info(r) for r in rows]
