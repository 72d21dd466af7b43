"""PNG charts for the PDF reports (matplotlib object API with the Agg canvas: no pyplot,
no global figure state, safe in a server). No user text is drawn, so nothing from a user
can reach matplotlib's mathtext parser; titles, axes and legends are in the report's language."""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, DateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from vision.clinic.records import Timeline, Trend
from vision.feedback.i18n import Translator
from vision.feedback.values import metric_label, shown_value, unit_text

STRIKE_COLOURS = {
    "forefoot": "#2e7d32",
    "flat": "#f9a825",
    "heel": "#c62828",
    "unknown": "#9e9e9e",
}


def _png(fig: Figure, dpi: int) -> bytes:
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def session_chart_png(tl: Timeline, *, width_in: float = 7.5, dpi: int = 110, lang: str = "en") -> bytes:
    """Per-second trunk lean and head yaw (degrees) with glances shaded, and step contacts
    coloured by strike (green forefoot, yellow flat, red heel), over session time (s); the
    labels in ``lang``."""
    tr = Translator(lang)
    fig = Figure(figsize=(width_in, 3.6), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 1))
    secs = [s.second + 0.5 for s in tl.seconds]
    top.plot(secs, [s.trunk_lean_deg for s in tl.seconds], label=tr("chart.trunk_lean"), color="#1565c0")
    yaw = [s.head_yaw_deg for s in tl.seconds]
    top.plot(secs, yaw, label=tr("chart.head_turn"), color="#6a1b9a", alpha=0.8)
    for i, g in enumerate(tl.glances):
        label = tr("chart.glance") if i == 0 else None
        top.axvspan(g.start_s, max(g.end_s, g.start_s + 0.1), color="#ffb300", alpha=0.25, lw=0, label=label)
    top.set_ylabel(tr("chart.degrees"))
    top.legend(loc="upper right", fontsize=7, frameon=False)
    top.grid(alpha=0.3)
    for strike, colour in STRIKE_COLOURS.items():
        pts = [
            (s.contact_time_s, int(s.foot == "left")) for s in tl.steps if (s.strike or "unknown") == strike
        ]
        if pts:
            bottom.scatter(
                *zip(*pts, strict=True), s=14, color=colour, label=shown_value("strike", strike, tr)
            )
    bottom.set_yticks([0, 1], [shown_value("foot", "right", tr), shown_value("foot", "left", tr)])
    bottom.set_ylim(-0.6, 1.6)
    bottom.set_xlabel(tr("chart.time_s"))
    if tl.steps:
        bottom.legend(loc="upper right", fontsize=6, frameon=False, ncol=4)
    return _png(fig, dpi)


_TREND_PANELS: Sequence[tuple[str, str, float]] = (
    ("minutes", "min", 1.0),
    ("forefoot_share", "%", 100.0),
    ("cadence_spm", "steps/min", 1.0),
    ("upright_share", "%", 100.0),
    ("glances_per_min", "/min", 1.0),
    ("over_rotations", "", 1.0),
)
"""(metric key, unit, scale to the unit); titles are the metrics' labels in the report's language."""


def trend_chart_png(trend: Trend, *, width_in: float = 7.5, dpi: int = 110, lang: str = "en") -> bytes:
    """Six small trend charts (one point per session, by date), titled in ``lang``."""
    tr = Translator(lang)
    fig = Figure(figsize=(width_in, 4.6), layout="constrained")
    axes = fig.subplots(2, 3, sharex=True).ravel()
    dates = trend.dates()
    for ax, (key, unit, scale) in zip(axes, _TREND_PANELS, strict=True):
        title = metric_label(key, tr) + (f" ({unit_text(unit, tr)})" if unit else "")
        values = [None if v is None else v * scale for v in trend.series(key)]
        pts = [(d, v) for d, v in zip(dates, values, strict=True) if v is not None]
        if pts:
            ax.plot(*zip(*pts, strict=True), marker="o", ms=3, lw=1, color="#1565c0")
        ax.set_title(title, fontsize=8)
        ax.tick_params(labelsize=6)
        ax.grid(alpha=0.3)
        peak = max([0.0, *(v for v in values if v is not None)])
        # every series is a count, a rate or a share: start at 0, leave room above the top point
        ax.set_ylim(0, 105 if scale == 100.0 else max(1.0, peak * 1.15))
        if key == "over_rotations":
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_ylim(0, peak + 1)
    if dates:
        locator = AutoDateLocator(minticks=3, maxticks=8)
        axes[0].xaxis.set_major_locator(locator)
        axes[0].xaxis.set_major_formatter(
            DateFormatter("%d.%m.") if lang == "de" else ConciseDateFormatter(locator)
        )
    return _png(fig, dpi)
