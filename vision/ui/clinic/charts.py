"""Altair charts of the review pages (trends, session timeline). No user text is drawn:
axes and legends hold metric names and step classes only, in the page's language."""

from __future__ import annotations

import altair as alt
import pandas as pd

from vision.clinic.records import Timeline
from vision.feedback.i18n import Translator
from vision.feedback.values import shown_value
from vision.reports.charts import STRIKE_COLOURS
from vision.ui.clinic.views import EN, TREND_PANELS, trend_title

STEP_SELECTION = "step_pick"
"""Name of the click selection on the timeline's steps (``event.selection[STEP_SELECTION]``)."""

_STRIKES = list(STRIKE_COLOURS)
_DATE_FORMAT = {"en": "%a %d %b %Y %H:%M", "de": "%d.%m.%Y %H:%M"}
"""Tooltip date formats (d3 time format) per language."""
_AXIS_DATE = {"en": "%d %b", "de": "%d.%m."}
"""Date ticks of the trend charts (Vega's own names are English: German uses numbers only)."""
_FIT_X = alt.AutoSizeParams(type="fit-x", contains="padding")
"""Stretch to the column's width; keep the given plot height (legends and axes add to it)."""


def trend_chart(df: pd.DataFrame, metric: str, unit: str, tr: Translator = EN) -> alt.Chart:
    """One trend panel: the metric's value per session over time (points joined by a line);
    ``metric`` is the panel's title (:func:`~vision.ui.clinic.views.trend_title`)."""
    part = df[df["metric"] == metric]
    zero = alt.Scale(zero=True, domain=[0, 100]) if unit == "%" else alt.Scale(zero=True)
    axis = alt.Axis(format="d", tickMinStep=1) if unit == "count" else alt.Axis()
    return (
        alt.Chart(part, title=metric)
        .mark_line(point=alt.OverlayMarkDef(size=50), strokeWidth=2)
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format=_AXIS_DATE.get(tr.lang, "%b %d"))),
            y=alt.Y("value:Q", title=None, scale=zero, axis=axis),
            tooltip=[
                alt.Tooltip(
                    "date:T",
                    title=tr("clinic.chart.session"),
                    format=_DATE_FORMAT.get(tr.lang, "%Y-%m-%d %H:%M"),
                ),
                alt.Tooltip("value:Q", title=metric, format=".1f"),
            ],
        )
        .properties(height=190)
    )


def trend_panels(df: pd.DataFrame, tr: Translator = EN) -> list[tuple[str, alt.Chart | None]]:
    """(title, chart or ``None`` when the series has no value) for every trend panel."""
    out: list[tuple[str, alt.Chart | None]] = []
    for key, _scale, unit in TREND_PANELS:
        title = trend_title(key, unit, tr)
        has = bool((df["metric"] == title).any()) if not df.empty else False
        out.append((title, trend_chart(df, title, unit, tr) if has else None))
    return out


def _layers(*charts: alt.Chart, t_now: float | None) -> list[alt.Chart]:
    """``charts`` plus, when ``t_now`` is given, a red rule at that time."""
    return [*charts, _rule(t_now)] if t_now is not None else list(charts)


def _rule(t_now: float) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"t": [t_now]}))
        .mark_rule(color="#d32f2f", strokeWidth=2)
        .encode(x=alt.X("t:Q"))
    )


def _glance_bands(tl: Timeline) -> alt.Chart:
    bands = pd.DataFrame(
        {"start": [g.start_s for g in tl.glances], "end": [max(g.end_s, g.start_s + 0.1) for g in tl.glances]}
    )
    return alt.Chart(bands).mark_rect(color="#ffb300", opacity=0.25).encode(x="start:Q", x2="end:Q")


def signals_chart(
    tl: Timeline, t_now: float | None, duration_s: float, tr: Translator = EN
) -> alt.LayerChart:
    """Per-second trunk lean and |head yaw| (degrees), glances shaded, the replay time
    ``t_now`` (if any) as a red rule."""
    rows = []
    lean, turn = tr("clinic.chart.trunk_lean"), tr("clinic.chart.head_turn")
    for s in tl.seconds:
        for name, value in ((lean, s.trunk_lean_deg), (turn, s.head_yaw_deg)):
            if value is not None:
                rows.append({"t": s.second + 0.5, "signal": name, "deg": value})
    lines = (
        alt.Chart(pd.DataFrame(rows, columns=["t", "signal", "deg"]))
        .mark_line()
        .encode(
            x=alt.X(
                "t:Q", title=tr("clinic.chart.time_s"), scale=alt.Scale(domain=[0, max(duration_s, 1.0)])
            ),
            y=alt.Y("deg:Q", title=tr("clinic.chart.degrees")),
            color=alt.Color(
                "signal:N",
                scale=alt.Scale(domain=[lean, turn], range=["#1565c0", "#6a1b9a"]),
                legend=alt.Legend(orient="top", title=None),
            ),
        )
    )
    return alt.layer(*_layers(_glance_bands(tl), lines, t_now=t_now)).properties(height=150, autosize=_FIT_X)


def steps_chart(tl: Timeline, t_now: float | None, duration_s: float, tr: Translator = EN) -> alt.LayerChart:
    """Foot contacts by foot and strike class (click one to jump to it), glances shaded,
    the replay time ``t_now`` (if any) as a red rule."""
    steps = pd.DataFrame(
        {
            "t": [s.contact_time_s for s in tl.steps],
            "step": [s.step_index + 1 for s in tl.steps],
            "foot": [shown_value("foot", s.foot, tr) for s in tl.steps],
            "strike": [shown_value("strike", s.strike or "unknown", tr) for s in tl.steps],
        }
    )
    strikes = [shown_value("strike", k, tr) for k in _STRIKES]
    time_title = tr("clinic.chart.time_s")
    pick = alt.selection_point(name=STEP_SELECTION, fields=["t", "step"], on="click", clear=False)
    points = (
        alt.Chart(steps)
        .mark_point(filled=True, size=160, shape="diamond")
        .encode(
            x=alt.X("t:Q", title=time_title, scale=alt.Scale(domain=[0, max(duration_s, 1.0)])),
            y=alt.Y("foot:N", title=None, sort=[shown_value("foot", f, tr) for f in ("left", "right")]),
            color=alt.Color(
                "strike:N",
                scale=alt.Scale(domain=strikes, range=[STRIKE_COLOURS[k] for k in _STRIKES]),
                legend=alt.Legend(orient="top", title=None),
            ),
            tooltip=[
                alt.Tooltip("step:Q", title=tr("clinic.chart.step")),
                alt.Tooltip("t:Q", title=time_title, format=".2f"),
                alt.Tooltip("foot:N", title=tr("clinic.chart.foot")),
                alt.Tooltip("strike:N", title=tr("clinic.chart.strike")),
            ],
        )
        .add_params(pick)
    )
    return alt.layer(*_layers(_glance_bands(tl), points, t_now=t_now)).properties(height=70, autosize=_FIT_X)
