"""Administration of clinician accounts (part of :class:`vision.clinic.access.ClinicianAccess`)."""

from __future__ import annotations

from sqlalchemy import select

from vision.clinic.errors import PermissionDenied
from vision.clinic.models import Clinician
from vision.clinic.records import ClinicianInfo, clinician_info
from vision.clinic.scope import Scoped, as_id


class AdminMixin(Scoped):
    """Account management, allowed to administrators only."""

    # ---- administration -------------------------------------------------------------------
    def _require_admin(self) -> None:
        if not self.clinician.is_admin:
            raise PermissionDenied(key="clinic.err.admin_accounts")

    def create_clinician(
        self, username: str, password: str, display_name: str, *, is_admin: bool = False
    ) -> ClinicianInfo:
        """Create another clinician account (administrators only)."""
        from vision.clinic.auth import create_clinician  # import here: auth imports access

        self._require_admin()
        return create_clinician(self.db, username, password, display_name, is_admin=is_admin)

    def list_clinicians(self) -> list[ClinicianInfo]:
        """All accounts (administrators only)."""
        self._require_admin()
        with self.db.transaction() as tx:
            return [clinician_info(c) for c in tx.scalars(select(Clinician).order_by(Clinician.username))]

    def unlock_clinician(self, clinician_id: int) -> None:
        """Lift a login lockout (administrators only)."""
        from vision.clinic.auth import unlock  # import here: auth imports access

        self._require_admin()
        unlock(self.db, as_id(clinician_id, "clinician"))
