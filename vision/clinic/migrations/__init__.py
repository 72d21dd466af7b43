"""Alembic migration scripts of the clinic database (run by vision.clinic.db)."""
