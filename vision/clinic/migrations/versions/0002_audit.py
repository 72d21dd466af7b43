"""audit log, kept logins, expiring and rate-limited home codes

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

``audit_events`` is append-only: triggers refuse UPDATE and DELETE on SQLite and PostgreSQL.
Home codes issued before this revision keep working (``home_code_expires_at`` NULL = no expiry)
until they are replaced.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from vision.clinic.migrations import tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_APPEND_ONLY = "audit_events is append-only"

_INDEXED = {
    "login_sessions": ("clinician_id",),
    "audit_events": ("at", "patient_id"),
    "home_code_failures": ("at",),
}
"""The tables this revision makes, in order, with the columns that have an index."""


def upgrade() -> None:
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("home_code_expires_at", sa.DateTime(), nullable=True))
    tables.child_table(
        "login_sessions",
        """id:int token_hash:str64 clinician_id:int created_at:time expires_at:time
           last_used_at:time revoked_at:time?""",
        tables.unique("login_sessions", "token_hash"),
        parent=("clinicians", "clinician_id"),
        indexed=_INDEXED["login_sessions"],
    )
    tables.create_table(
        "audit_events",
        *tables.columns("""id:int at:time clinician_id:int username:str80 action:str16 patient_id:int?
                           session_id:int? detail:text"""),
        tables.primary_key("audit_events"),
        indexed=_INDEXED["audit_events"],
    )
    tables.create_table(
        "home_code_failures",
        *tables.columns("id:int at:time client:str80 code_hash:str64"),
        tables.primary_key("home_code_failures"),
        indexed=_INDEXED["home_code_failures"],
    )
    _append_only_triggers()


def _append_only_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_events_no_{event.lower()} BEFORE {event} ON audit_events "
                f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END"
            )
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{_APPEND_ONLY}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
            "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
    for name in reversed(_INDEXED):
        tables.drop_table(name, indexed=_INDEXED[name])
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_column("home_code_expires_at")
