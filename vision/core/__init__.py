"""Coaching core: posture, glances, gait events and foot strike, safety and view awareness.

Streaming: :class:`StreamingAnalyzer` (one PoseFrame at a time). Batch: :func:`analyze_frames`
(the same core over a recording). Thresholds: :class:`CoachConfig`.
"""

from vision.core.analyzer import StreamingAnalyzer
from vision.core.batch import BatchResult, analyze_frames
from vision.core.config import CoachConfig
from vision.core.events import (
    Direction,
    DirectionEvent,
    Event,
    FallEvent,
    Foot,
    FrameMetrics,
    GlanceEvent,
    LeavingFrameEvent,
    OverRotationEvent,
    Priority,
    SessionSummary,
    StepEvent,
    StepRecord,
    Strike,
    View,
)

__all__ = [
    "BatchResult",
    "CoachConfig",
    "Direction",
    "DirectionEvent",
    "Event",
    "FallEvent",
    "Foot",
    "FrameMetrics",
    "GlanceEvent",
    "LeavingFrameEvent",
    "OverRotationEvent",
    "Priority",
    "SessionSummary",
    "StepEvent",
    "StepRecord",
    "StreamingAnalyzer",
    "Strike",
    "View",
    "analyze_frames",
]
