"""Showing a finished session or analysis: key numbers, advice, plots, step table, downloads."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import streamlit as st

from vision.feedback import Translator
from vision.feedback.dates import DASH, format_number, format_percent
from vision.feedback.values import duration_text, forefoot_steps_text, glances_metric, plural, shown_value
from vision.session.formats import FILE_NAMES, PLOT_FILES, STEP_COLUMNS
from vision.session.report import strike_text
from vision.session.summary import SessionSummary

_STEP_VALUES = {"foot": "foot", "strike": "strike", "direction": "direction"}
"""``steps.csv`` columns whose codes are shown in words (column -> kind of value)."""

_MIME = {
    ".mp4": "video/mp4",
    ".csv": "text/csv",
    ".json": "application/json",
    ".md": "text/markdown",
    ".png": "image/png",
}


def render_summary(summary: SessionSummary, tr: Translator, counts: dict[str, int] | None = None) -> None:
    """The session's main numbers as metrics (``counts``: steps per strike class, to say how
    many steps the forefoot share is of and how many were not classified)."""
    lang = tr.lang
    cadence = summary.cadence_spm
    cols = st.columns(3)
    cols[0].metric(tr("ui.result.duration"), duration_text(summary.duration_s, tr))
    cols[1].metric(tr("ui.counter.steps"), summary.steps)
    cols[2].metric(
        tr("ui.result.cadence"),
        DASH if cadence is None else tr("ui.result.cadence_value", n=format_number(cadence, lang, 0)),
    )
    cols = st.columns(3)
    cols[0].metric(tr("ui.counter.forefoot"), format_percent(summary.strike_share.forefoot, lang))
    if steps := forefoot_steps_text(counts, tr):  # under the value: a metric truncates a long one
        cols[0].caption(steps)
    cols[1].metric(tr("ui.counter.upright"), format_percent(summary.upright_share, lang))
    cols[2].metric(
        *glances_metric(
            tr,
            glances=summary.glances,
            per_min=summary.glances_per_min,
            duration_s=summary.duration_s,
            labels=("ui.counter.glances", "ui.counter.glances_min"),
        )
    )
    if counts:
        st.caption(tr("ui.result.strikes", text=strike_text(summary, counts, tr)))
    if summary.falls:
        st.error(plural("ui.result.falls", len(summary.falls), tr))
    if summary.over_rotations:
        st.warning(plural("ui.result.over_rotations", summary.over_rotations, tr))
    direction = summary.direction
    if direction not in ("backward", "unknown"):
        st.info(tr("ui.result.direction", direction=tr(f"direction.{direction}")))


def render_plots(files: dict[str, Path], tr: Translator) -> None:
    """The plots that exist, with their captions."""
    for key in PLOT_FILES:
        path = files.get(key)
        if path is not None and Path(path).exists():
            st.image(str(path), caption=tr(f"ui.plot.{key}"), width="content")


def strike_counts_csv(path: Path | None) -> dict[str, int]:
    """Steps per strike class (``unknown`` included) from a ``steps.csv``; empty when none."""
    if path is None or not Path(path).exists():
        return {}
    import pandas as pd

    table = pd.read_csv(path)
    if "strike" not in table:
        return {}
    return {str(k): int(v) for k, v in table["strike"].fillna("unknown").value_counts().items()}


def shown_steps(table, tr: Translator):
    """``steps.csv`` as shown to people: column names and coded values (foot, strike,
    direction) in words, numbers in the language's format."""
    shown = table.copy()
    for col, kind in _STEP_VALUES.items():
        if col in shown:
            shown[col] = [shown_value(kind, None if v != v else str(v), tr) for v in shown[col]]
    for col in shown.columns:
        if shown[col].dtype.kind == "f":  # frame numbers are whole (float only for a missing one)
            digits = 0 if col.endswith("_frame") else 2
            shown[col] = [format_number(None if v != v else float(v), tr.lang, digits) for v in shown[col]]
    names = {c: tr(f"steps.col.{c}") for c in shown.columns if c in STEP_COLUMNS}
    return shown.rename(columns=names)


def render_steps(path: Path | None, tr: Translator) -> None:
    """The step table (one row per step), in the page's language."""
    if path is None or not Path(path).exists():
        return
    import pandas as pd

    table = pd.read_csv(path)
    st.subheader(tr("ui.result.steps_table", n=len(table)))
    if len(table):
        st.dataframe(shown_steps(table, tr), hide_index=True, width="stretch")


def render_downloads(files: dict[str, Path], tr: Translator, key: str) -> None:
    """A download button per output file and one for all of them as a ZIP."""
    existing = {k: Path(p) for k, p in files.items() if p is not None and Path(p).exists()}
    st.subheader(tr("ui.result.downloads"))
    cols = st.columns(3)
    for i, (name, path) in enumerate(sorted(existing.items())):
        with cols[i % 3]:
            st.download_button(
                f"⬇ {path.name}",
                data=path.read_bytes(),
                file_name=path.name,
                mime=_MIME.get(path.suffix, "application/octet-stream"),
                key=f"{key}-dl-{name}",
                width="stretch",
                on_click="ignore",
            )
    st.download_button(
        tr("ui.result.download_all"),
        data=zip_files(existing),
        file_name=f"{key}.zip",
        mime="application/zip",
        key=f"{key}-dl-all",
        type="primary",
        on_click="ignore",
    )


def zip_files(files: dict[str, Path]) -> bytes:
    """The files in one ZIP archive (flat, by file name)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path in files.values():
            z.write(path, arcname=Path(path).name)
    return buf.getvalue()


def session_files(folder: Path) -> dict[str, Path]:
    """The known output files of a session folder, by key."""
    return {k: folder / n for k, n in FILE_NAMES.items() if (folder / n).exists()}
