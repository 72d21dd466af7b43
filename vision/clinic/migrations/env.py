"""Alembic environment: runs only inside :meth:`vision.clinic.db.Database.open`, which passes
its open connection (inside a transaction) as ``config.attributes["connection"]``."""

from __future__ import annotations

from alembic import context

import vision.jobs.models  # noqa: F401 - registers analysis_jobs (migration 0002) on Base.metadata
from vision.clinic.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through vision.clinic.db.Database.open(), not the alembic CLI.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
