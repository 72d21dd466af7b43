"""Offline analysis of a video file: annotated video, tables, plots, report (``retrowalk analyze``)."""

from vision.analysis.pipeline import AnalysisError, analyze_video
from vision.analysis.types import FILE_NAMES, AnalysisResult, Progress

__all__ = ["FILE_NAMES", "AnalysisError", "AnalysisResult", "Progress", "analyze_video"]
