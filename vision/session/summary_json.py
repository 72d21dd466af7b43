"""``summary.json``: the one place where a :class:`SessionSummary` becomes JSON and back.

Floats are rounded to 4 decimals, numbers not measured are ``null``; the run's facts follow
the core's numbers, and parts a run does not have (``video`` for a live session, ``language``
for an analysis) are left out. Reading accepts older and partial files (missing keys become
``None`` or empty), so the app and the clinic can show any session folder.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from vision.session.summary import (
    STRIKE_CLASSES,
    EncodingFacts,
    FallRow,
    GlanceRow,
    ModelFacts,
    ProcessingFacts,
    RunFacts,
    SessionSummary,
    StrikeShare,
    VideoFacts,
)

DIGITS = 4
"""Decimals kept for floats in ``summary.json``."""


def _clean(v: object) -> object:
    """JSON-safe: NaN/inf → None, floats rounded, mappings and sequences recursively."""
    if isinstance(v, float):
        return None if not math.isfinite(v) else round(v, DIGITS)
    if isinstance(v, Mapping):
        return {str(k): _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    return v


def to_json(s: SessionSummary) -> dict[str, Any]:
    """``summary.json``'s content (a JSON-ready dict)."""
    out: dict[str, Any] = {}
    for f in fields(s):
        if f.name in ("run", "step_records"):
            continue
        value = getattr(s, f.name)
        if isinstance(value, StrikeShare):
            value = asdict(value)
        elif f.name in ("glance_list", "falls"):
            value = [asdict(x) for x in value]
        elif f.name == "not_measurable":
            value = dict(value)
        out[f.name] = value
    run = s.run
    for f in fields(run):
        value = getattr(run, f.name)
        if value is None or (f.name == "warnings" and not value):
            continue
        if f.name == "model":
            value = {"backend": value.backend, "files": dict(value.files)}
        elif hasattr(value, "__dataclass_fields__"):
            value = asdict(value)
        elif f.name == "warnings":
            value = list(value)
        out[f.name] = value
    return _clean(out)


def write_summary(path: Path, s: SessionSummary) -> None:
    """Write ``summary.json`` (UTF-8, indented)."""
    Path(path).write_text(json.dumps(to_json(s), indent=2, ensure_ascii=False) + "\n")


def read_summary(path: Path) -> SessionSummary:
    """Read a ``summary.json`` (raises ``OSError`` / ``ValueError`` for an unreadable file)."""
    data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: summary.json must hold a JSON object")
    return from_json(data)


def _num(v: object) -> float | None:
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    return float(v) if ok else None


def _int(v: object) -> int:
    if isinstance(v, (list, tuple)):
        return len(v)
    n = _num(v)
    return 0 if n is None else round(n)


def _dicts(v: object) -> list[Mapping]:
    return [x for x in v if isinstance(x, Mapping)] if isinstance(v, list) else []


def _glance(g: Mapping) -> GlanceRow | None:
    start, end = _num(g.get("start_s")), _num(g.get("end_s"))
    if start is None or end is None:
        return None
    side = g.get("side")
    return GlanceRow(
        start_s=start,
        end_s=end,
        peak_yaw_deg=_num(g.get("peak_yaw_deg")),
        side=side if isinstance(side, str) else "",
        over_rotation=bool(g.get("over_rotation", False)),
    )


def _fall(f: Mapping) -> FallRow:
    kind, reason = f.get("kind", "fall"), f.get("reason", "")
    return FallRow(kind=str(kind), time_s=_num(f.get("time_s")) or 0.0, reason=str(reason))


def _part(cls: type, v: object) -> Any:
    """A run part (dataclass ``cls``) from its JSON object, or None when it does not fit."""
    if not isinstance(v, Mapping):
        return None
    try:
        return cls(**{f.name: v[f.name] for f in fields(cls) if f.name in v})
    except TypeError:
        return None


def _run(d: Mapping[str, Any]) -> RunFacts:
    model = d.get("model")
    files = model.get("files") if isinstance(model, Mapping) else None
    warnings = d.get("warnings")
    text = {k: d[k] if isinstance(d.get(k), str) else None for k in ("language", "halted", "app_version")}
    return RunFacts(
        source=str(d.get("source") or "analyze"),
        language=text["language"],
        frames_processed=None if _num(d.get("frames_processed")) is None else _int(d["frames_processed"]),
        halted=text["halted"],
        cues=None if d.get("cues") is None else _int(d.get("cues")),
        video=_part(VideoFacts, d.get("video")),
        model=(
            ModelFacts(
                backend=str(model.get("backend", "?")),
                files=dict(files) if isinstance(files, Mapping) else {},
            )
            if isinstance(model, Mapping)
            else None
        ),
        annotated_video=_part(EncodingFacts, d.get("annotated_video")),
        processing=_part(ProcessingFacts, d.get("processing")),
        app_version=text["app_version"],
        created_at=d.get("created_at") if isinstance(d.get("created_at"), str) else None,
        warnings=tuple(str(w) for w in warnings) if isinstance(warnings, list) else (),
    )


def from_json(d: Mapping[str, Any]) -> SessionSummary:
    """A :class:`SessionSummary` from ``summary.json``'s content (tolerant, see the module doc)."""
    share = d.get("strike_share")
    share = share if isinstance(share, Mapping) else {}
    missing = d.get("not_measurable")
    glances = [g for g in (_glance(x) for x in _dicts(d.get("glance_list"))) if g is not None]
    return SessionSummary(
        direction=str(d.get("direction") or "unknown"),
        duration_s=_num(d.get("duration_s")) or 0.0,
        walking_time_backward_s=_num(d.get("walking_time_backward_s")) or 0.0,
        steps=_int(d.get("steps")),
        cadence_spm=_num(d.get("cadence_spm")),
        step_time_s=_num(d.get("step_time_s")),
        stance_time_s=_num(d.get("stance_time_s")),
        step_time_symmetry_pct=_num(d.get("step_time_symmetry_pct")),
        stance_time_symmetry_pct=_num(d.get("stance_time_symmetry_pct")),
        strike_share=StrikeShare(**{k: _num(share.get(k)) for k in STRIKE_CLASSES}),
        knee_flexion_contact_deg=_num(d.get("knee_flexion_contact_deg")),
        knee_flexion_peak_deg=_num(d.get("knee_flexion_peak_deg")),
        glances=_int(d.get("glances")),
        glances_per_min=_num(d.get("glances_per_min")),
        over_rotations=_int(d.get("over_rotations")),
        glance_list=tuple(glances),
        upright_share=_num(d.get("upright_share")),
        looking_down_share=_num(d.get("looking_down_share")),
        mean_trunk_lean_deg=_num(d.get("mean_trunk_lean_deg")),
        sway_frac=_num(d.get("sway_frac")),
        falls=tuple(_fall(f) for f in _dicts(d.get("falls"))),
        leaving_frame_warnings=_int(d.get("leaving_frame_warnings")),
        view=str(d.get("view") or "unknown"),
        detection_rate=_num(d.get("detection_rate")),
        not_measurable={str(k): str(v) for k, v in missing.items()} if isinstance(missing, Mapping) else {},
        run=_run(d),
        trunk_leaning_share=_num(d.get("trunk_leaning_share")),
        rounded_back_share=_num(d.get("rounded_back_share")),
    )
