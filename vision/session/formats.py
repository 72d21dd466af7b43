"""File names and column names of the public outputs (docs/outputs.md), in one place.

Every writer (the result folder, the live session folder), the app's download lists and the
clinic's import use these names; change them here only, and the docs with them.
"""

from __future__ import annotations

from types import MappingProxyType

from vision.landmarks import NAMES

#: Output file names by key: a public interface.
FILE_NAMES = MappingProxyType(
    {
        "video": "annotated.mp4",
        "frames_csv": "frames.csv",
        "cues_csv": "cues.csv",
        "steps_csv": "steps.csv",
        "summary_json": "summary.json",
        "report": "report.md",
        "plot_trunk_yaw": "plot_trunk_yaw.png",
        "plot_feet": "plot_feet.png",
        "plot_strikes": "plot_strikes.png",
        "raw_video": "raw.mp4",
    }
)

#: The files ``retrowalk analyze`` writes (``replay`` and live sessions add ``cues_csv``).
ANALYZE_FILES: tuple[str, ...] = (
    "video",
    "frames_csv",
    "steps_csv",
    "summary_json",
    "report",
    "plot_trunk_yaw",
    "plot_feet",
    "plot_strikes",
)

#: The files an uploaded analysis folder needs for the clinic import.
IMPORT_FILES: tuple[str, ...] = ("summary_json", "steps_csv", "frames_csv")

PLOT_FILES: tuple[str, ...] = ("plot_trunk_yaw", "plot_feet", "plot_strikes")

METRIC_COLUMNS: tuple[str, ...] = (
    "frame",
    "time_s",
    "subject_present",
    "subject_id",
    "view",
    "direction",
    "trunk_lean_deg",
    "lateral_lean_deg",
    "neck_flexion_deg",
    "head_flexion_deg",
    "head_yaw_deg",
    "glance",
    "upright",
    "looking_down",
    "knee_flexion_left_deg",
    "knee_flexion_right_deg",
    "pelvis_sway_frac",
)
#: Per landmark: pixels of the original video (x, y), the same over its size (xn, yn), visibility.
LANDMARK_AXES: tuple[str, ...] = ("x", "y", "xn", "yn", "vis")
LANDMARK_COLUMNS: tuple[str, ...] = tuple(f"{n}_{a}" for n in NAMES for a in LANDMARK_AXES)
FRAME_COLUMNS: tuple[str, ...] = METRIC_COLUMNS + LANDMARK_COLUMNS

STEP_COLUMNS: tuple[str, ...] = (
    "step",
    "foot",
    "contact_frame",
    "contact_time_s",
    "liftoff_frame",
    "liftoff_time_s",
    "stance_time_s",
    "strike",
    "direction",
    "confidence",
    "foot_angle_deg",
    "knee_flexion_contact_deg",
    "knee_flexion_peak_deg",
)

#: ``cues.csv``: one row per cue that started (stream seconds, ``CueKind`` value, its priority,
#: the words in the session's language).
CUE_COLUMNS: tuple[str, ...] = ("time_s", "kind", "priority", "text")


def landmark_column(name: str, axis: str) -> str:
    """The ``frames.csv`` column of landmark ``name`` (see :data:`vision.landmarks.NAMES`)."""
    return f"{name}_{axis}"
