"""Synthetic walker: exact-label PoseFrame sequences and rendered sample videos."""

from vision.synth.gait import (
    GaitSequence,
    GaitSpec,
    GaitTruth,
    GlanceSpec,
    GlanceTruth,
    StepTruth,
    generate_gait,
)

__all__ = ["GaitSequence", "GaitSpec", "GaitTruth", "GlanceSpec", "GlanceTruth", "StepTruth", "generate_gait"]
