"""Shown values in the user's language: table cells (foot, strike, side, view, direction),
metric labels and units, and metric values with the language's number format.

Used by the clinic pages, the coach's tables and the reports, so a value reads the same
everywhere (``left`` / ``links``, ``heel`` / ``Ferse``, ``12.5 steps/min`` / ``12,5 Schritte/Min.``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from vision.feedback.dates import DASH, format_number, format_percent
from vision.feedback.i18n import TABLES, Translator

RATE_FROM_S = 60.0
"""Shortest clip (seconds) whose glances are shown per minute; a shorter one shows the count."""

VALUE_KINDS: tuple[str, ...] = ("foot", "side", "strike", "view")
"""Kinds of coded values with a ``value.<kind>.<code>`` message; directions use ``direction.*``."""


def shown_value(kind: str, code: str | None, tr: Translator) -> str:
    """The words for a coded value (``shown_value("strike", "heel", tr)`` → ``Ferse``); an
    unknown code is shown as it is, ``None`` or empty as a dash."""
    if not code:
        return DASH
    key = f"direction.{code}" if kind == "direction" else f"value.{kind}.{code}"
    return tr(key) if key in TABLES["en"] else str(code)


def duration_text(seconds: float, tr: Translator) -> str:
    """A duration as people say it: ``9 s`` below a minute, ``3 min 12 s``, ``25 min`` from 10 min."""
    total = max(0, round(float(seconds)))
    m, sec = divmod(total, 60)
    if m == 0:
        return tr("clinic.length.s", s=sec)
    if m >= 10 or sec == 0:
        return tr("clinic.length.min", m=round(total / 60))
    return tr("clinic.length.min_s", m=m, s=sec)


def metric_label(key: str, tr: Translator, fallback: str = "") -> str:
    """The label of summary metric ``key`` (``metric.<key>``), else ``fallback`` or the key."""
    name = f"metric.{key}"
    return tr(name) if name in TABLES["en"] else (fallback or key)


def unit_text(unit: str, tr: Translator) -> str:
    """A unit for people (``steps/min`` → ``Schritte/Min.``); ``''`` and ``%`` as they are."""
    if unit in ("", "%"):
        return unit
    name = f"unit.{unit}"
    return tr(name) if name in TABLES["en"] else unit


def metric_value(value: object, unit: str, tr: Translator, *, with_unit: bool = False) -> str:
    """A metric value: shares as percentages, floats to one decimal (decimal comma in German),
    a dash when unknown; with ``with_unit`` the unit follows (``12,5 Schritte/Min.``)."""
    if value is None:
        return DASH
    if unit == "%" and isinstance(value, int | float):
        return format_percent(float(value), tr.lang)
    text = format_number(value, tr.lang, 1) if isinstance(value, float) else str(value)
    if with_unit and unit not in ("", "%"):
        text = f"{text} {unit_text(unit, tr)}"
    return text


def plural(key: str, n: int, tr: Translator) -> str:
    """The message ``<key>.one`` for ``n == 1``, else ``<key>.other``, with ``{n}`` filled in
    (``plural("value.glances", 2, tr)`` → ``2 glances`` / ``2 Schulterblicke``)."""
    return tr(f"{key}.{'one' if n == 1 else 'other'}", n=n)


def glances_metric(
    tr: Translator,
    *,
    glances: int | None,
    per_min: float | None,
    duration_s: float | None,
    labels: tuple[str, str],
) -> tuple[str, str]:
    """Label and value of the glance metric: the number of glances for a clip under a minute
    (``labels[0]``, ``2``), the rate from one minute on (``labels[1]``, ``1.5`` / ``1,5``).
    Without a count the number comes from the rate and the length; unknown is a dash."""
    if duration_s is not None and duration_s < RATE_FROM_S:
        if glances is None and per_min is not None:
            glances = round(per_min * duration_s / 60.0)
        return tr(labels[0]), DASH if glances is None else str(glances)
    return tr(labels[1]), format_number(per_min, tr.lang, 1)


STRIKE_CLASSES: tuple[str, ...] = ("forefoot", "flat", "heel")
"""The classified strikes; any other code (``unknown``, empty) is a step not classified."""


def strike_counts_of(strikes: Iterable[str | None]) -> dict[str, int]:
    """Steps per strike class, the unclassified ones as ``unknown`` (``{"forefoot": 1, "unknown": 3}``)."""
    counts: dict[str, int] = {}
    for code in strikes:
        key = code if code in STRIKE_CLASSES else "unknown"
        counts[key] = counts.get(key, 0) + 1
    return counts


def forefoot_steps_text(counts: Mapping[str, int] | None, tr: Translator) -> str:
    """Of how many steps a forefoot share is: ``(1 of 4 steps; 3 unknown)`` /
    ``(1 von 4 Schritten; 3 unbekannt)``; ``''`` without step counts (old records).
    ``counts``: steps per strike class, ``unknown`` for those not classified."""
    if not counts:
        return ""
    total = sum(int(v) for v in counts.values())
    unknown = total - sum(int(counts.get(k, 0)) for k in STRIKE_CLASSES)
    key = "value.forefoot.steps_unknown" if unknown else "value.forefoot.steps"
    plural_key = f"{key}.{'one' if total == 1 else 'other'}"
    return tr(plural_key, n=int(counts.get("forefoot", 0)), total=total, unknown=unknown)


def forefoot_share_text(share: float | None, counts: Mapping[str, int] | None, tr: Translator) -> str:
    """The forefoot share with the steps it is of: ``100% (1 of 4 steps; 3 unknown)`` /
    ``100 % (1 von 4 Schritten; 3 unbekannt)``; without step counts the plain percentage."""
    steps = forefoot_steps_text(counts, tr)
    pct = format_percent(share, tr.lang)
    return f"{pct} {steps}" if steps else pct
