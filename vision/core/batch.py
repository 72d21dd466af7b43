"""Batch analysis of a whole recording: literally the streaming core run over every frame.

Batch and streaming therefore give identical events and numbers (a test pins this).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vision.core.analyzer import StreamingAnalyzer
from vision.core.config import CoachConfig
from vision.core.events import Event, FrameMetrics, SessionSummary
from vision.pose_frame import PoseFrame


@dataclass(frozen=True, kw_only=True, slots=True)
class BatchResult:
    """Per-frame metrics, every event in emission order, and the session summary."""

    metrics: tuple[FrameMetrics, ...]
    events: tuple[Event, ...]
    summary: SessionSummary


def analyze_frames(frames: Iterable[PoseFrame], config: CoachConfig | None = None) -> BatchResult:
    """Run the streaming analyzer over ``frames`` (in time order) and collect everything."""
    an = StreamingAnalyzer(config)
    metrics: list[FrameMetrics] = []
    events: list[Event] = []
    for f in frames:
        m, ev = an.update(f)
        metrics.append(m)
        events.extend(ev)
    return BatchResult(metrics=tuple(metrics), events=tuple(events), summary=an.summary())
