"""the language of an analysis job's report, plots and annotated video

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Jobs queued before this revision get ``en`` (what the worker wrote for them).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("analysis_jobs") as batch:
        batch.add_column(sa.Column("lang", sa.String(length=8), nullable=False, server_default="en"))


def downgrade() -> None:
    with op.batch_alter_table("analysis_jobs") as batch:
        batch.drop_column("lang")
