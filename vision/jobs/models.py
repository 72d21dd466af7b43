"""The ``analysis_jobs`` table, on the clinic database's metadata (created by migration 0002).

One row per uploaded clip: its state (``queued`` → ``running`` → ``done`` | ``failed``; a
running job whose worker died goes back to ``queued``), who queued it and when, the stored
upload, progress, attempts and the reason of a failure. Paths are relative to the data folder,
so a worker on another machine with the same data folder (or Ray) finds them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vision.clinic.models import Base, UTCDateTime, utcnow

JOB_STATUSES = ("queued", "running", "done", "failed")


class AnalysisJob(Base):
    """An analysis of one uploaded clip, run by a worker (``python -m vision.cli worker``)."""

    __tablename__ = "analysis_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True, default="queued")
    owner: Mapped[str] = mapped_column(String(80), index=True)
    """Who queued it: a clinician's user name or the browser's own token (``who`` in the URL)."""
    file_name: Mapped[str] = mapped_column(Text)
    """The upload's file name as the user gave it (shown, never used as a path)."""
    upload_path: Mapped[str] = mapped_column(Text)
    """The stored upload, relative to the data folder (``uploads/<id>.<ext>``)."""
    upload_bytes: Mapped[int] = mapped_column(Integer)
    upload_sha256: Mapped[str] = mapped_column(String(64))
    subject_index: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lang: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    """Language of the job's report, plots and annotated video (``en``, ``de``)."""
    out_dir: Mapped[str | None] = mapped_column(Text, nullable=True)
    """The result folder, relative to the data folder (set when done)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    """Share of the frames analysed, 0 to 1."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer)
    worker: Mapped[str | None] = mapped_column(String(160), nullable=True)
    """``host:pid`` of the worker running (or that last ran) it."""
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    summary_json: Mapped[str | None] = mapped_column(Text, nullable=True)
