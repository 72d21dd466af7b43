"""My sessions page: the live sessions kept in the data folder, newest first, with their results."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from vision.app import state
from vision.app.results import render_downloads, render_plots, render_steps, render_summary, session_files
from vision.app.state import UiSettings
from vision.feedback import Translator
from vision.session.summary_json import read_summary


def kept_sessions(data_dir: Path) -> list[Path]:
    """Session folders with a summary, newest first."""
    root = data_dir / "live_sessions"
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if (p / "summary.json").exists()), reverse=True)


def session_label(folder: Path) -> str:
    """``2026-11-27 00:45:42 UTC`` from a folder named ``20261127-004542-xxxx``."""
    n = folder.name
    if len(n) >= 15 and n[:8].isdigit() and n[9:15].isdigit():
        return f"{n[:4]}-{n[4:6]}-{n[6:8]} {n[9:11]}:{n[11:13]}:{n[13:15]} UTC"
    return n


def sessions_page() -> None:
    """The page function (registered in :mod:`vision.app.main`)."""
    ui: UiSettings = st.session_state["rw_ui"]
    tr = Translator(ui.lang)
    st.title(tr("ui.sessions.title"))
    folders = kept_sessions(state.data_dir())
    if not folders:
        st.info(tr("ui.sessions.none"))
        return
    choice = st.selectbox(
        tr("ui.sessions.pick"), folders, format_func=lambda p: p.name, key="rw_session_pick"
    )
    files = session_files(choice)
    try:
        summary = read_summary(files["summary_json"])
    except (OSError, ValueError) as exc:
        st.error(tr("ui.sessions.unreadable", error=str(exc)))
        return
    render_summary(summary, tr)
    render_plots(files, tr)
    render_steps(files.get("steps_csv"), tr)
    render_downloads(files, tr, key=f"session-{choice.name}")
