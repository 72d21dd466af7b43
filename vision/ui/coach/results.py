"""Showing a finished session or analysis: key numbers, advice, plots, step table, downloads."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import streamlit as st

from vision.feedback import Translator
from vision.session.formats import FILE_NAMES, PLOT_FILES
from vision.session.summary import SessionSummary

_MIME = {
    ".mp4": "video/mp4",
    ".csv": "text/csv",
    ".json": "application/json",
    ".md": "text/markdown",
    ".png": "image/png",
}


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.0f} %"


def _num(v: float | None, digits: int = 1) -> str:
    return "—" if v is None else f"{v:.{digits}f}"


def render_summary(summary: SessionSummary, tr: Translator) -> None:
    """The session's main numbers as metrics."""
    minutes = summary.duration_s / 60.0
    cols = st.columns(3)
    cols[0].metric(tr("ui.result.duration"), f"{minutes:.1f} min")
    cols[1].metric(tr("ui.counter.steps"), summary.steps)
    cols[2].metric(tr("ui.result.cadence"), _num(summary.cadence_spm, 0))
    cols = st.columns(3)
    cols[0].metric(tr("ui.counter.forefoot"), _pct(summary.strike_share.forefoot))
    cols[1].metric(tr("ui.counter.upright"), _pct(summary.upright_share))
    cols[2].metric(tr("ui.counter.glances_min"), _num(summary.glances_per_min))
    if summary.falls:
        st.error(tr("ui.result.falls", n=len(summary.falls)))
    if summary.over_rotations:
        st.warning(tr("ui.result.over_rotations", n=summary.over_rotations))
    direction = summary.direction
    if direction not in ("backward", "unknown"):
        st.info(tr("ui.result.direction", direction=tr(f"direction.{direction}")))


def render_plots(files: dict[str, Path], tr: Translator) -> None:
    """The plots that exist, with their captions."""
    for key in PLOT_FILES:
        path = files.get(key)
        if path is not None and Path(path).exists():
            st.image(str(path), caption=tr(f"ui.plot.{key}"), width="content")


def render_steps(path: Path | None, tr: Translator) -> None:
    """The step table (one row per step)."""
    if path is None or not Path(path).exists():
        return
    import pandas as pd

    table = pd.read_csv(path)
    st.subheader(tr("ui.result.steps_table", n=len(table)))
    if len(table):
        st.dataframe(table, hide_index=True, width="stretch")


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
