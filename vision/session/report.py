"""A short, plain-words report (Markdown) that ties the outputs of one analysis together, in
the session's language (messages ``report.*``; numbers and units as :mod:`vision.feedback.values`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from vision.feedback.dates import DASH, format_number, format_percent
from vision.feedback.i18n import Translator
from vision.feedback.values import (
    duration_text,
    forefoot_share_text,
    glances_metric,
    plural,
    shown_value,
    unit_text,
)
from vision.session.summary import SessionSummary

HEEL_SHARE_ADVICE = 0.2
"""Heel-strike share above which the report asks for softer landings."""
FOREFOOT_SHARE_PRAISE = 0.8
"""Forefoot share from which the report praises the landing."""
UPRIGHT_SHARE_ADVICE = 0.8
"""Upright share below which the report asks to stand tall."""
GLANCES_PER_MIN_ADVICE = 1.0
"""Glances per minute below which the report reminds to glance back."""

_REASONS = (
    ("needs a side view", "report.reason.side_view"),
    ("needs a frontal view", "report.reason.front_view"),
    ("view unknown", "report.reason.no_view"),
    ("no steps: gait events", "report.reason.no_steps_frontal"),
    ("no steps detected", "report.reason.no_steps"),
)
"""The analyzer's reasons for a metric it could not measure (English, from ``vision.core``)
by their start, and the message that says them to people."""

_GLANCE_ROWS = ("report.row.glances_n", "report.row.glances")
"""Row labels of the glances: the count (clips under a minute), the rate."""


def advice(summary: SessionSummary, tr: Translator | None = None) -> list[str]:
    """Coaching advice in plain words, most important first."""
    tr = tr or Translator("en")
    pct = lambda v: format_percent(v, tr.lang)  # noqa: E731
    out: list[str] = []
    if summary.falls:
        fall = summary.falls[0]
        kind = tr(f"cuekind.{fall.kind}") if fall.kind in ("fall", "stumble") else fall.kind
        out.append(tr("report.advice.fall", kind=kind, time=format_number(fall.time_s, tr.lang)))
    direction = summary.direction
    if direction == "forward":
        out.append(tr("report.advice.forward"))
    heel, fore = summary.strike_share.heel, summary.strike_share.forefoot
    if heel is not None and heel > HEEL_SHARE_ADVICE:
        out.append(tr("report.advice.heel", pct=pct(heel)))
    elif fore is not None and fore >= FOREFOOT_SHARE_PRAISE:
        out.append(tr("report.advice.forefoot", pct=pct(fore)))
    upright = summary.upright_share
    if upright is not None and upright < UPRIGHT_SHARE_ADVICE:
        out.append(tr("report.advice.upright", pct=pct(upright)))
    gpm = summary.glances_per_min
    if gpm is not None and gpm < GLANCES_PER_MIN_ADVICE and direction == "backward":
        out.append(tr("report.advice.glance"))
    if summary.over_rotations:
        out.append(plural("report.advice.over_rotation", summary.over_rotations, tr))
    if not out:
        out.append(tr("report.advice.nice"))
    return out


def strike_text(summary: SessionSummary, counts: Mapping[str, int], tr: Translator) -> str:
    """How the steps landed, saying of how many classified steps the shares are and how many
    were not classified: ``forefoot 100%, flat 0%, heel 0% of the 9 classified steps; 3 not classified``."""
    share = summary.strike_share
    unknown = int(counts.get("unknown", 0))
    classified = sum(int(v) for k, v in counts.items() if k != "unknown")
    if classified == 0:
        return tr("report.strikes.none", unknown=unknown)
    parts = ", ".join(
        f"{shown_value('strike', k, tr)} {format_percent(v, tr.lang)}"
        for k, v in (("forefoot", share.forefoot), ("flat", share.flat), ("heel", share.heel))
    )
    text = tr("report.strikes.shares", shares=parts, n=classified)
    return text + (tr("report.strikes.unknown", unknown=unknown) if unknown else "")


def _duration(seconds: float | None, tr: Translator) -> str:
    return DASH if seconds is None else duration_text(seconds, tr)


def _reason(text: str, tr: Translator) -> str:
    key = next((k for start, k in _REASONS if text.startswith(start)), None)
    return tr(key) if key else text


def _rows(summary: SessionSummary, counts: Mapping[str, int], tr: Translator) -> list[tuple[str, str]]:
    s = summary

    def val(v: float | None, unit: str, digits: int = 0) -> str:
        return format_number(v, tr.lang, digits) + (
            f" {unit_text(unit, tr)}" if unit and v is not None else ""
        )

    return [
        (tr("report.row.direction"), shown_value("direction", s.direction, tr)),
        (tr("report.row.duration"), duration_text(s.duration_s, tr)),
        (tr("report.row.backward"), _duration(s.walking_time_backward_s, tr)),
        (tr("report.row.steps"), str(s.steps)),
        (tr("report.row.cadence"), val(s.cadence_spm, "steps/min")),
        (tr("metric.forefoot_share"), forefoot_share_text(s.strike_share.forefoot, counts, tr)),
        (tr("report.row.strikes"), strike_text(s, counts, tr)),
        (tr("report.row.upright"), format_percent(s.upright_share, tr.lang)),
        glances_metric(
            tr, glances=s.glances, per_min=s.glances_per_min, duration_s=s.duration_s, labels=_GLANCE_ROWS
        ),
        (tr("report.row.over"), str(s.over_rotations)),
        (tr("report.row.view"), shown_value("view", s.view, tr)),
        (tr("report.row.found"), format_percent(s.detection_rate, tr.lang)),
    ]


def report_markdown(
    *,
    title: str,
    summary: SessionSummary,
    counts: Mapping[str, int],
    files: Mapping[str, Path],
    tr: Translator,
    images: bool = True,
) -> str:
    """The report as Markdown: advice, numbers, what could not be measured, the plots (as
    images linked by file name, only with ``images``) and the other files."""
    lines = [tr("report.title", name=title), "", f"## {tr('report.advice')}", ""]
    lines += [f"- {a}" for a in advice(summary, tr)]
    lines += ["", f"## {tr('report.numbers')}", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in _rows(summary, counts, tr)]
    missing = summary.not_measurable
    if missing:
        lines += ["", f"## {tr('report.not_measurable')}", ""]
        lines += [f"- **{tr(f'report.nm.{k}')}**: {_reason(v, tr)}" for k, v in missing.items()]
    plots = [(k, p) for k, p in files.items() if p.suffix == ".png"]
    if images and plots:
        lines += ["", f"## {tr('report.plots')}", ""]
        for key, p in plots:  # each image its own paragraph, with its caption
            lines += [f"![{tr(f'ui.plot.{key}')}]({p.name})", "", f"*{tr(f'ui.plot.{key}')}*", ""]
    others = [p for p in files.values() if p.suffix not in (".png", ".md")]
    if others:
        lines += ["", f"## {tr('report.files')}", ""]
        lines += [f"- [{p.name}]({p.name})" for p in others]
    model = summary.run.model.backend if summary.run.model is not None else "?"
    lines += ["", tr("report.model", model=model, version=summary.run.app_version or "?"), ""]
    return "\n".join(lines)


def write_report(
    path: Path,
    *,
    title: str,
    summary: SessionSummary,
    files: dict[str, Path],
    counts: Mapping[str, int] | None = None,
    lang: str = "en",
) -> None:
    """``report.md`` next to the other outputs (links are relative file names), in ``lang``."""
    text = report_markdown(
        title=title, summary=summary, counts=counts or {}, files=files, tr=Translator(lang), images=True
    )
    path.write_text(text)


def console_line(summary: SessionSummary, tr: Translator, counts: Mapping[str, int] | None = None) -> str:
    """The summary in one line for the terminal, in ``tr``'s language and number format:
    ``backward, 8 steps, cadence 96.5 steps/min, forefoot 75% (6 of 8 steps), upright 83%,
    2 glances (0 over-rotated)`` (``counts``: steps per strike class, when known)."""
    s = summary
    cadence = s.cadence_spm
    return tr(
        "report.console",
        direction=shown_value("direction", s.direction, tr),
        steps=plural("value.steps", s.steps, tr),
        cadence=DASH
        if cadence is None
        else f"{format_number(cadence, tr.lang)} {unit_text('steps/min', tr)}",
        forefoot=forefoot_share_text(s.strike_share.forefoot, counts, tr),
        upright=format_percent(s.upright_share, tr.lang),
        glances=plural("value.glances", s.glances, tr),
        over=s.over_rotations,
    )
