"""analysis jobs of the app (vision.jobs)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Times are naive UTC (see models.UTCDateTime).
"""

from __future__ import annotations

from alembic import op

from vision.clinic.migrations import tables

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analysis_jobs",
        *tables.columns("""id:int status:str16 owner:str80 file_name:text upload_path:text
                           upload_bytes:int upload_sha256:str64 subject_index:int? out_dir:text?
                           created_at:time started_at:time? heartbeat_at:time? finished_at:time?
                           progress:float attempts:int max_attempts:int worker:str160? error:text?
                           summary_json:text?"""),
        tables.primary_key("analysis_jobs"),
    )
    op.create_index(op.f("ix_analysis_jobs_status"), "analysis_jobs", ["status"], unique=False)
    op.create_index(op.f("ix_analysis_jobs_owner"), "analysis_jobs", ["owner"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_analysis_jobs_owner"), table_name="analysis_jobs")
    op.drop_index(op.f("ix_analysis_jobs_status"), table_name="analysis_jobs")
    op.drop_table("analysis_jobs")
