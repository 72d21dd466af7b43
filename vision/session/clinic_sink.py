"""The clinic sink: a session's frames, steps, glances and cues into the clinic database.

Wraps a :class:`vision.clinic.SessionRecorder` (from a patient's or clinician's
``start_session``). A clinic error never stops the session: the first one is kept in
:attr:`ClinicSink.error`, the recorder is then closed as ``interrupted``, and the other sinks
(the result folder) go on.
"""

from __future__ import annotations

from typing import Any

from vision.core.events import GlanceEvent, StepEvent
from vision.session.coach import FrameResult
from vision.session.summary import SessionSummary


class ClinicSink:
    """Feeds one clinic recorder (duck-typed ``SessionRecorder``); see the module docstring."""

    def __init__(self, recorder: Any | None, *, error: str | None = None) -> None:
        """``recorder`` None with ``error``: the clinic session could not be started."""
        self.recorder = recorder
        self.error = error
        self.session_id: int | None = None

    def on_frame(self, result: FrameResult) -> None:
        if self.recorder is None or self.error is not None:
            return
        from vision.clinic import ClinicError

        try:
            self._store(result)
        except ClinicError as exc:
            self.error = str(exc)

    def _store(self, r: FrameResult) -> None:
        from vision.clinic import FrameMetrics as ClinicMetrics

        m, rec = r.metrics, self.recorder
        rec.append_frame(
            r.pose,
            ClinicMetrics(
                trunk_lean_deg=m.trunk_lean_deg,
                head_yaw_deg=m.head_yaw_deg,
                glance=bool(m.in_glance),
                upright=m.upright,
            ),
        )
        for e in r.events:
            if isinstance(e, StepEvent) and e.kind == "contact":
                rec.add_step(
                    e.foot.value,
                    e.time_s,
                    contact_frame=e.frame_index,
                    strike=e.strike.value,
                    direction=e.direction.value,
                    confidence=e.confidence,
                )
            elif isinstance(e, GlanceEvent):
                rec.add_glance(e.start_time_s, e.end_time_s, side=e.side, peak_yaw_deg=e.peak_yaw_deg)
        if r.new_cue is not None:
            rec.add_cue(r.new_cue.started_s, r.new_cue.kind.value, r.cue_words or "")

    def close(self, summary: SessionSummary) -> None:
        """End the clinic session with the summary (``interrupted`` after an error)."""
        if self.recorder is None:
            return
        from vision.clinic import ClinicError

        try:
            if self.error is not None:
                self.recorder.close(status="interrupted")
            else:
                self.recorder.close(summary, status="complete")
            self.session_id = int(self.recorder.session_id)
        except ClinicError as exc:
            self.error = self.error or str(exc)
