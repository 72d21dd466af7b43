"""Crash-safe recording of a live (or imported) session.

:class:`SessionRecorder` buffers frames and events and commits them in one transaction at
least every ``commit_interval_s`` seconds of wall-clock time (default 0.5 s). Landmarks go
into chunks of about ``chunk_s`` seconds (the open chunk is rewritten on each commit until
it is full), per-frame metrics into per-second rows. If the process dies, everything
committed stays readable and the session is marked ``interrupted`` the next time the
database is opened. Get a recorder from :meth:`vision.clinic.access.PatientAccess.start_session`
or :meth:`vision.clinic.access.ClinicianAccess.start_session`, which check ownership.
"""

from __future__ import annotations

import json
import math
import os
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import select

from vision.clinic.db import Database
from vision.clinic.errors import ClinicError, NotFound, ValidationError
from vision.clinic.models import (
    SESSION_SOURCES,
    Cue,
    Glance,
    LandmarkChunk,
    MetricSecond,
    StepEvent,
    WalkSession,
    utcnow,
)
from vision.clinic.records import SessionInfo, session_info
from vision.clinic.replay import encode_chunk
from vision.clinic.summary import apply_summary, finalize_from_stored
from vision.landmarks import NUM_LANDMARKS
from vision.pose_frame import PoseFrame
from vision.session.summary import SessionSummary


@dataclass(frozen=True, slots=True)
class FrameMetrics:
    """Per-frame coaching metrics stored as per-second summaries (all optional)."""

    trunk_lean_deg: float | None = None
    head_yaw_deg: float | None = None
    glance: bool = False
    upright: bool | None = None
    cadence_spm: float | None = None


@dataclass(slots=True)
class _Second:
    frames: int = 0
    present: int = 0
    lean: list[float] = field(default_factory=list)
    yaw: list[float] = field(default_factory=list)
    glance: int = 0
    upright: list[bool] = field(default_factory=list)
    cadence: list[float] = field(default_factory=list)

    def add(self, present: bool, m: FrameMetrics | None) -> None:
        self.frames += 1
        self.present += int(present)
        if m is None or not present:
            return
        for value, bucket in ((m.trunk_lean_deg, self.lean), (m.cadence_spm, self.cadence)):
            if value is not None and math.isfinite(value):
                bucket.append(float(value))
        if m.head_yaw_deg is not None and math.isfinite(m.head_yaw_deg):
            self.yaw.append(abs(float(m.head_yaw_deg)))
        self.glance += int(bool(m.glance))
        if m.upright is not None:
            self.upright.append(bool(m.upright))

    def row(self, session_id: int, second: int) -> MetricSecond:
        def mean(xs: list[float]) -> float | None:
            return sum(xs) / len(xs) if xs else None

        return MetricSecond(
            session_id=session_id,
            second=second,
            frames=self.frames,
            present_frames=self.present,
            trunk_lean_deg=mean(self.lean),
            head_yaw_deg=mean(self.yaw),
            glance_frames=self.glance,
            upright_share=sum(self.upright) / len(self.upright) if self.upright else None,
            cadence_spm=mean(self.cadence),
        )


@dataclass(slots=True)
class _Chunk:
    index: int
    ts: list[float] = field(default_factory=list)
    idx: list[int] = field(default_factory=list)
    present: list[bool] = field(default_factory=list)
    xy: list[np.ndarray] = field(default_factory=list)
    vis: list[np.ndarray] = field(default_factory=list)
    dirty: bool = False

    def row(self, session_id: int) -> LandmarkChunk:
        return LandmarkChunk(
            session_id=session_id,
            chunk_index=self.index,
            t_start_s=self.ts[0],
            t_end_s=self.ts[-1],
            n_frames=len(self.ts),
            data=encode_chunk(
                np.asarray(self.ts),
                np.asarray(self.idx),
                np.asarray(self.present),
                np.stack(self.xy),
                np.stack(self.vis),
            ),
        )


class SessionRecorder:
    """Appends one session's frames and events to the database, committing often."""

    def __init__(
        self,
        db: Database,
        session_id: int,
        *,
        commit_interval_s: float | None = 0.5,
        chunk_s: float = 1.0,
        max_pending_chunks: int = 120,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Attach to an existing ``recording`` session; normally use :meth:`start`.

        ``commit_interval_s``: wall-clock seconds between commits (``None``: commit only when
        ``max_pending_chunks`` full chunks wait, for bulk imports). ``chunk_s``: seconds of
        frames per landmark chunk.
        """
        self.db = db
        self.session_id = session_id
        self._interval = commit_interval_s
        self._chunk_s = chunk_s
        self._max_pending = max_pending_chunks
        self._clock = clock
        self._last_commit = clock()
        self._sealed: list[_Chunk] = []
        self._open = _Chunk(0)
        self._seconds: dict[int, _Second] = {}
        self._dirty_seconds: set[int] = set()
        self._steps: list[StepEvent] = []
        self._events: list[Glance | Cue] = []
        self._n_steps = 0
        self._frames_committed = 0
        self._frames_total = 0
        self._first_ts: float | None = None
        self._last_ts: float | None = None
        self._closed = False

    @classmethod
    def start(
        cls,
        db: Database,
        patient_id: int,
        *,
        source: str = "live",
        model_version: str | None = None,
        settings: Mapping[str, Any] | None = None,
        fps: float | None = None,
        image_size: tuple[int, int] | None = None,
        started_at: datetime | None = None,
        **options: Any,
    ) -> SessionRecorder:
        """Create a ``recording`` session for ``patient_id`` (not access-checked: use the
        access handles) and return its recorder. ``options`` go to :meth:`__init__`."""
        if source not in SESSION_SOURCES:
            raise ValidationError(
                f"Unknown session source {source!r}; use one of {', '.join(SESSION_SOURCES)}."
            )
        try:
            settings_json = json.dumps(dict(settings or {}), allow_nan=False, sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"Session settings must be plain JSON values ({exc}).") from exc
        now = utcnow()
        row = WalkSession(
            patient_id=patient_id,
            started_at=started_at or now,
            source=source,
            status="recording",
            model_version=model_version,
            settings_json=settings_json,
            fps=fps,
            image_width=image_size[0] if image_size else None,
            image_height=image_size[1] if image_size else None,
            heartbeat_at=now,
            recorder_host=socket.gethostname()[:255],
            recorder_pid=os.getpid(),
            duration_s=0.0,
            frames_stored=0,
        )
        with db.transaction() as tx:
            tx.add(row)
            tx.flush()
            session_id = row.id
        return cls(db, session_id, **options)

    # ---- appending ----------------------------------------------------------------------------
    def append_frame(self, frame: PoseFrame, metrics: FrameMetrics | None = None) -> None:
        """Add one frame (absent frames too: they keep the timeline honest)."""
        self._append(frame.timestamp_s, frame.frame_index, frame.present, frame.xy, frame.visibility, metrics)

    def append_arrays(
        self,
        timestamp_s: float,
        frame_index: int,
        present: bool,
        xy: np.ndarray,
        visibility: np.ndarray,
        metrics: FrameMetrics | None = None,
    ) -> None:
        """Add one frame given as arrays: ``xy`` (33, 2) pixels, ``visibility`` (33,)."""
        self._append(timestamp_s, frame_index, present, xy, visibility, metrics)

    def _append(
        self,
        ts: float,
        index: int,
        present: bool,
        xy: np.ndarray,
        vis: np.ndarray,
        metrics: FrameMetrics | None,
    ) -> None:
        self._check_open()
        ts = float(ts)
        if not math.isfinite(ts):
            raise ValidationError("A frame timestamp must be a finite number of seconds.")
        chunk = self._open
        if chunk.ts and ts - chunk.ts[0] >= self._chunk_s:
            if chunk.dirty:
                self._sealed.append(chunk)
            chunk = self._open = _Chunk(chunk.index + 1)
        chunk.ts.append(ts)
        chunk.idx.append(int(index))
        chunk.present.append(bool(present))
        chunk.xy.append(np.asarray(xy, np.float32).reshape(NUM_LANDMARKS, 2))
        chunk.vis.append(np.asarray(vis, np.float32).reshape(NUM_LANDMARKS))
        chunk.dirty = True
        second = math.floor(ts)
        self._seconds.setdefault(second, _Second()).add(bool(present), metrics)
        self._dirty_seconds.add(second)
        self._frames_total += 1
        self._first_ts = ts if self._first_ts is None else self._first_ts
        self._last_ts = ts
        self._maybe_commit()

    def add_step(
        self,
        foot: str,
        contact_time_s: float,
        *,
        contact_frame: int | None = None,
        liftoff_frame: int | None = None,
        strike: str | None = None,
        direction: str | None = None,
        confidence: float | None = None,
    ) -> int:
        """Record a foot contact; returns its 0-based step index."""
        self._check_open()
        step = StepEvent(
            session_id=self.session_id,
            step_index=self._n_steps,
            foot=str(foot)[:8],
            contact_time_s=float(contact_time_s),
            contact_frame=contact_frame,
            liftoff_frame=liftoff_frame,
            strike=None if strike is None else str(strike)[:16],
            direction=None if direction is None else str(direction)[:16],
            confidence=confidence,
        )
        self._steps.append(step)
        self._n_steps += 1
        self._maybe_commit()
        return step.step_index

    def add_glance(
        self, start_s: float, end_s: float, *, side: str | None = None, peak_yaw_deg: float | None = None
    ) -> None:
        """Record an over-the-shoulder glance from ``start_s`` to ``end_s``."""
        self._check_open()
        self._events.append(
            Glance(
                session_id=self.session_id,
                start_s=float(start_s),
                end_s=float(end_s),
                side=None if side is None else str(side)[:8],
                peak_yaw_deg=peak_yaw_deg,
            )
        )
        self._maybe_commit()

    def add_cue(self, time_s: float, kind: str, message: str) -> None:
        """Record a coaching cue given at ``time_s`` (``kind`` e.g. 'lean', 'glance', 'heel')."""
        self._check_open()
        self._events.append(
            Cue(session_id=self.session_id, time_s=float(time_s), kind=str(kind)[:40], message=str(message))
        )
        self._maybe_commit()

    # ---- committing ---------------------------------------------------------------------------
    def _maybe_commit(self) -> None:
        due = self._interval is not None and self._clock() - self._last_commit >= self._interval
        if due or len(self._sealed) >= self._max_pending:
            self.commit()

    def commit(self) -> None:
        """Write everything buffered in one transaction (also a heartbeat)."""
        sid = self.session_id
        chunks = [*self._sealed, *([self._open] if self._open.dirty else [])]
        keep_seconds = max(self._seconds, default=0) - 1
        with self.db.transaction() as tx:
            row = tx.get(WalkSession, sid)
            if row is None:
                raise NotFound(f"Session {sid} no longer exists; recording stopped.")
            for chunk in chunks:
                tx.merge(chunk.row(sid))
            for second in sorted(self._dirty_seconds):
                tx.merge(self._seconds[second].row(sid, second))
            tx.add_all(self._steps)
            tx.add_all(self._events)
            row.heartbeat_at = utcnow()
            row.frames_stored = self._frames_total
            if self._first_ts is not None and self._last_ts is not None:
                row.duration_s = max(0.0, self._last_ts - self._first_ts)
        self._sealed.clear()
        self._open.dirty = False
        self._dirty_seconds.clear()
        self._steps, self._events = [], []
        self._seconds = {k: v for k, v in self._seconds.items() if k >= keep_seconds}
        self._frames_committed = self._frames_total
        self._last_commit = self._clock()

    # ---- closing ------------------------------------------------------------------------------
    def close(
        self, summary: SessionSummary | Mapping[str, Any] | None = None, *, status: str = "complete"
    ) -> SessionInfo:
        """Commit what is buffered, store ``summary`` (typed, or a ``summary.json`` mapping; else
        one derived from the stored data)
        and end the session with ``status`` (``complete`` or ``interrupted``)."""
        self._check_open()
        if status not in ("complete", "interrupted"):
            raise ValidationError("A session ends as 'complete' or 'interrupted'.")
        self.commit()
        with self.db.transaction() as tx:
            row = tx.get(WalkSession, self.session_id)
            if row is None:
                raise NotFound(f"Session {self.session_id} no longer exists.")
            row.status = status
            row.ended_at = utcnow()
            if summary is not None:
                apply_summary(row, summary)
            else:
                row.summary_json = None
                finalize_from_stored(tx, row)
            info = session_info(row)
        self._closed = True
        return info

    @property
    def closed(self) -> bool:
        """True once :meth:`close` succeeded."""
        return self._closed

    @property
    def frames_buffered(self) -> int:
        """Frames appended but not yet committed."""
        return self._frames_total - self._frames_committed

    def _check_open(self) -> None:
        if self._closed:
            raise ClinicError("This session recorder is already closed.")

    def __enter__(self) -> SessionRecorder:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        if self._closed:
            return
        self.close(status="complete" if exc_type is None else "interrupted")

    def stored_frames(self) -> int:
        """Frames the database holds for this session (reads the database)."""
        with self.db.transaction() as tx:
            return int(
                tx.scalar(select(WalkSession.frames_stored).where(WalkSession.id == self.session_id)) or 0
            )
