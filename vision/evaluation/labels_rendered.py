"""Read the label JSON beside a rendered clip: schema ``retrowalk.labels/2`` and its older subset.

The older files (``sample_videos/*.json``, no ``schema`` key) lack posture, per-step direction,
segments, turns and the in-image mask; what they lack is taken from what they do state: the
clip direction for each step, and "upright" when their generator ``spec`` sets no trunk lean
and no head flexion (exact zeros, not a threshold).
"""

from __future__ import annotations

import json
from pathlib import Path

from vision.evaluation.labels import (
    DIRECTIONS,
    ClipLabels,
    LabelGlance,
    LabelStep,
    Span,
    landmarks_array,
    per_frame,
)

SCHEMA = "retrowalk.labels/2"


def is_rendered_label(doc: dict) -> bool:
    """True for a rendered clip's label document (either schema version)."""
    return doc.get("schema") == SCHEMA or ("steps" in doc and "frame_count" in doc and "fps" in doc)


def _posture(doc: dict) -> str | None:
    if doc.get("posture"):
        return str(doc["posture"])
    spec = doc.get("spec") or {}
    if spec.get("trunk_lean_deg") == 0 and spec.get("head_flexion_deg") == 0:
        return "upright"
    return None


def _steps(doc: dict, clip_direction: str | None) -> tuple[LabelStep, ...]:
    fallback = clip_direction if clip_direction in DIRECTIONS else None
    return tuple(
        LabelStep(
            foot=str(s["foot"]),
            contact_frame=int(s["contact_frame"]),
            liftoff_frame=int(s.get("liftoff_frame", -1) if s.get("liftoff_frame") is not None else -1),
            strike=s.get("strike"),
            direction=s.get("direction") or fallback,
        )
        for s in sorted(doc.get("steps") or (), key=lambda s: s["contact_frame"])
    )


def _glances(doc: dict) -> tuple[LabelGlance, ...]:
    return tuple(
        LabelGlance(
            start_frame=int(g["start_frame"]),
            end_frame=int(g["end_frame"]),
            peak_frame=int(g["peak_frame"]),
            peak_yaw_deg=abs(float(g["peak_yaw_deg"])),
            side=str(g["side"]),
        )
        for g in doc.get("glances") or ()
    )


def _walking(doc: dict, n: int, direction: str | None) -> tuple[Span, ...]:
    pass_dir = direction if direction in DIRECTIONS else None
    segments = doc.get("segments")
    if segments:
        return tuple(
            Span(int(s["start_frame"]), int(s["end_frame"]), pass_dir)
            for s in segments
            if s.get("activity") == "walk"
        )
    if direction in DIRECTIONS or (direction == "mixed" and doc.get("steps")):
        return (Span(0, n - 1, pass_dir),)
    return ()


def read_rendered(label_path: Path, video: Path) -> ClipLabels:
    """Labels of one rendered clip from its JSON file."""
    doc = json.loads(Path(label_path).read_text())
    n = int(doc["frame_count"])
    direction = doc.get("direction")
    states = ["exact contacts", "strike per step", "glances", "head yaw", "trunk lean"]
    if doc.get("landmarks_px") is not None:
        states.append("landmarks")
    return ClipLabels(
        name=video.stem,
        video=video,
        kind="rendered",
        fps=float(doc["fps"]),
        frame_count=n,
        seed=doc.get("seed"),
        direction=direction,
        strike=doc.get("strike"),
        posture=_posture(doc),
        steps=_steps(doc, direction),
        glances=_glances(doc),
        walking=_walking(doc, n, direction),
        turns=tuple(Span(int(t["start_frame"]), int(t["end_frame"])) for t in doc.get("turns") or ()),
        gait=direction != "standing" or bool(doc.get("steps")),
        head_yaw_deg=per_frame(doc.get("head_yaw_deg"), n),
        trunk_lean_deg=per_frame(doc.get("trunk_lean_deg"), n),
        upright=per_frame(doc.get("upright"), n),
        landmarks_px=landmarks_array(doc.get("landmarks_px"), doc.get("landmarks_in_image"), n),
        label_file=Path(label_path),
        states=tuple(states),
    )
