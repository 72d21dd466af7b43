"""One coaching session, free of threads and of any UI: pose frames in, results to sinks.

:class:`CoachSession` is the one place where a frame's pose goes through the coaching core
(:class:`~vision.core.StreamingAnalyzer`), the cue engine (:class:`~vision.feedback.CueEngine`),
the setup advice and the session counters. Every frame's :class:`FrameResult` goes to each
:class:`Sink` (the result folder, the clinic recorder, the annotated video), and
:meth:`CoachSession.close` hands them the typed :class:`~vision.session.summary.SessionSummary`.
The live processor, ``retrowalk analyze`` and ``retrowalk replay`` all feed one of these; they
differ only in how frames reach it (newest-frame-wins worker, look-ahead, plain order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from vision.core import CoachConfig, StreamingAnalyzer
from vision.core.events import Event, FrameMetrics
from vision.feedback import Cue, CueConfig, CueEngine, SetupAdvisor, cue_text
from vision.pose_frame import PoseFrame
from vision.session.counters import CounterValues, SessionCounters
from vision.session.summary import RunFacts, SessionSummary, from_core


@dataclass(frozen=True, slots=True, kw_only=True)
class FrameResult:
    """What one frame gave: its pose, metrics, events, the cue on now and the counters."""

    pose: PoseFrame
    metrics: FrameMetrics
    events: tuple[Event, ...]
    cue: Cue | None
    """The cue on screen after this frame (None when none)."""
    new_cue: Cue | None
    """The cue that started on this frame (None when none did)."""
    cue_words: str | None
    """The words of :attr:`cue` in the session's language."""
    guidance: tuple[str, ...]
    """Camera-setup advice (i18n keys) for this frame."""
    counters: CounterValues
    image: np.ndarray | None = None
    """The picture to draw on (annotated video), or None."""
    to_video_scale: float = 1.0
    """Pose pixels → pixels of the original video (the engine may see a smaller copy)."""


class Sink(Protocol):
    """Where a session's results go: every frame's result, then the summary once."""

    def on_frame(self, result: FrameResult) -> None: ...

    def close(self, summary: SessionSummary) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CoachSettings:
    """How a session coaches: the core's tuning, the cues' timing, the language of the words."""

    core: CoachConfig | None = None
    cues: CueConfig | None = None
    lang: str = "en"


class CoachSession:
    """Feed :meth:`feed` one pose per frame in order; :meth:`close` once at the end."""

    def __init__(self, settings: CoachSettings | None = None, *, sinks: Sequence[Sink] = ()) -> None:
        self.settings = settings or CoachSettings()
        self.analyzer = StreamingAnalyzer(self.settings.core)
        self.cues = CueEngine(self.settings.cues)
        self.advisor = SetupAdvisor()
        self.counters = SessionCounters()
        self.sinks: list[Sink] = list(sinks)
        self.frames = 0
        self.present_frames = 0

    @property
    def config(self) -> CoachConfig:
        return self.analyzer.cfg

    @property
    def halted(self) -> bool:
        """True once a fall or stumble cue was given (the session must stop)."""
        return self.cues.halted

    def add_sink(self, sink: Sink) -> None:
        """Send the following frames (and the summary) to ``sink`` too."""
        self.sinks.append(sink)

    def feed(
        self, pose: PoseFrame, *, image: np.ndarray | None = None, to_video_scale: float = 1.0
    ) -> FrameResult:
        """Run one frame through the core, the cues and the counters; hand it to the sinks."""
        metrics, events = self.analyzer.update(pose)
        prev = self.cues.active
        cue = self.cues.update(metrics, events)
        new_cue = cue if cue is not None and (prev is None or cue.seq != prev.seq) else None
        self.counters.update(metrics, events)
        self.frames += 1
        self.present_frames += int(pose.present)
        result = FrameResult(
            pose=pose,
            metrics=metrics,
            events=tuple(events),
            cue=cue,
            new_cue=new_cue,
            cue_words=None if cue is None else cue_text(cue, self.settings.lang),
            guidance=self.advisor.update(pose, metrics),
            counters=self.counters.values(),
            image=image,
            to_video_scale=to_video_scale,
        )
        for sink in self.sinks:
            sink.on_frame(result)
        return result

    def summary(self, run: RunFacts | None = None) -> SessionSummary:
        """The typed summary of the session so far (``run``: the facts of the run)."""
        return from_core(
            self.analyzer.summary(),
            backward_s=self.counters.values().backward_s,
            run=run or RunFacts(cues=len(self.cues.history), language=self.settings.lang),
        )

    def close(self, run: RunFacts | None = None) -> SessionSummary:
        """Finish: the summary goes to every sink (all are closed even when one fails)."""
        summary = self.summary(run)
        first: BaseException | None = None
        for sink in self.sinks:
            try:
                sink.close(summary)
            except BaseException as exc:
                first = first or exc
        if first is not None:
            raise first
        return summary
