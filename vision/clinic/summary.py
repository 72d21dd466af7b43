"""Session summary metrics: which exist, how they map from ``summary.json``, and how to
derive them from the stored events when a session ended without a summary (interrupted)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from vision.clinic.models import Glance, MetricSecond, StepEvent, WalkSession
from vision.session.summary import SessionSummary
from vision.session.summary_json import to_json


@dataclass(frozen=True, slots=True)
class MetricDef:
    """One summary metric shown in trends, comparisons and reports."""

    key: str
    """Attribute name on :class:`~vision.clinic.records.SessionInfo` (and ORM column)."""
    label: str
    unit: str
    """Unit for display ('' when dimensionless, '%' for shares stored as 0..1 fractions)."""
    higher_is_better: bool | None = None


#: Metrics in display order (``minutes`` is derived from ``duration_s``).
METRICS: tuple[MetricDef, ...] = (
    MetricDef("minutes", "Walking time", "min", True),
    MetricDef("steps", "Steps", "", True),
    MetricDef("cadence_spm", "Cadence", "steps/min", None),
    MetricDef("forefoot_share", "Forefoot strikes", "%", True),
    MetricDef("flat_share", "Flat strikes", "%", None),
    MetricDef("heel_share", "Heel strikes", "%", False),
    MetricDef("upright_share", "Upright posture", "%", True),
    MetricDef("glances", "Glances", "", None),
    MetricDef("glances_per_min", "Glances per minute", "/min", None),
    MetricDef("over_rotations", "Over-rotations", "", False),
    MetricDef("detection_rate", "Detection rate", "%", True),
)
METRICS_BY_KEY: dict[str, MetricDef] = {m.key: m for m in METRICS}

#: Summary columns copied onto ``walk_sessions`` and their Python types.
SUMMARY_COLUMNS: dict[str, type] = {
    "steps": int,
    "cadence_spm": float,
    "forefoot_share": float,
    "flat_share": float,
    "heel_share": float,
    "upright_share": float,
    "glances": int,
    "glances_per_min": float,
    "over_rotations": int,
    "detection_rate": float,
    "direction": str,
    "view": str,
}


def _coerce(value: Any, kind: type) -> Any:
    if value is None:
        return None
    if kind is str:
        return str(value)[:32]
    if isinstance(value, (list, tuple)) and kind is int:
        return len(value)  # e.g. a list of over-rotation events
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return round(number) if kind is int else number


def summary_columns(summary: Mapping[str, Any]) -> dict[str, Any]:
    """The column values found in a ``summary.json``-style dict (unknown keys ignored).

    ``strike_share`` may be nested (``{"forefoot": .6, "flat": .3, "heel": .1}``) or flat
    (``forefoot_share``...). Shares are fractions 0..1. Missing or malformed values are ``None``.
    """
    flat: dict[str, Any] = dict(summary)
    shares = summary.get("strike_share")
    if isinstance(shares, Mapping):
        for kind in ("forefoot", "flat", "heel"):
            flat.setdefault(f"{kind}_share", shares.get(kind))
    return {key: _coerce(flat.get(key), kind) for key, kind in SUMMARY_COLUMNS.items()}


def apply_summary(row: WalkSession, summary: SessionSummary | Mapping[str, Any]) -> None:
    """Store ``summary`` (JSON) on ``row`` and copy its main metrics into the columns.

    A typed summary is stored as its ``summary.json`` content; a mapping (an imported or
    derived summary) as it is. A ``duration_s`` in the summary replaces the recorded duration.
    """
    if isinstance(summary, SessionSummary):
        summary = to_json(summary)
    row.summary_json = json.dumps(summary, default=_json_default, allow_nan=False)
    for key, value in summary_columns(summary).items():
        setattr(row, key, value)
    duration = _coerce(summary.get("duration_s"), float)
    if duration is not None and duration >= 0:
        row.duration_s = duration


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def derive_summary(
    duration_s: float,
    strikes: list[str | None],
    n_glances: int,
    frames: int,
    present_frames: int,
    upright_weighted: float | None,
) -> dict[str, Any]:
    """A summary computed from stored events, for sessions that never got one.

    ``strikes``: strike class per stored step; ``upright_weighted``: sum over seconds of
    ``upright_share * present_frames`` (``None`` when no second has an upright share).
    """
    minutes = duration_s / 60.0
    n_steps = len(strikes)
    known = [s for s in strikes if s in ("forefoot", "flat", "heel")]
    shares = {k: (known.count(k) / len(known) if known else None) for k in ("forefoot", "flat", "heel")}
    return {
        "duration_s": duration_s,
        "steps": n_steps,
        "cadence_spm": n_steps / minutes if minutes > 0 else None,
        "strike_share": shares,
        "glances": n_glances,
        "glances_per_min": n_glances / minutes if minutes > 0 else None,
        "upright_share": (
            upright_weighted / present_frames if upright_weighted is not None and present_frames else None
        ),
        "detection_rate": present_frames / frames if frames else None,
        "derived_from_stored_data": True,
    }


def finalize_from_stored(tx: OrmSession, row: WalkSession) -> None:
    """Give a session without a summary one derived from its stored steps, glances, seconds."""
    if row.summary_json is not None:
        return
    strikes = list(tx.scalars(select(StepEvent.strike).where(StepEvent.session_id == row.id)))
    n_glances = tx.scalar(select(func.count()).select_from(Glance).where(Glance.session_id == row.id)) or 0
    seconds = tx.scalars(select(MetricSecond).where(MetricSecond.session_id == row.id)).all()
    frames = sum(s.frames for s in seconds)
    present = sum(s.present_frames for s in seconds)
    weighted = [s.upright_share * s.present_frames for s in seconds if s.upright_share is not None]
    apply_summary(
        row,
        derive_summary(
            row.duration_s, strikes, int(n_glances), frames, present, sum(weighted) if weighted else None
        ),
    )
