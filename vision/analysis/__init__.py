"""Offline analysis of recorded videos: ``retrowalk analyze`` and ``retrowalk replay``."""

from vision.analysis.pipeline import AnalysisError, analyze_video, replay_video
from vision.analysis.types import AnalysisResult, Progress

__all__ = ["AnalysisError", "AnalysisResult", "Progress", "analyze_video", "replay_video"]
