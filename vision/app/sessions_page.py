"""My sessions page: the live sessions kept in the data folder, newest first, with their results."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import streamlit as st

from vision.app import state
from vision.app.results import render_downloads, render_plots, render_steps, render_summary, session_files
from vision.app.state import UiSettings
from vision.feedback import Translator
from vision.review_ui.views import length_text
from vision.session.summary_json import read_summary


def kept_sessions(data_dir: Path) -> list[Path]:
    """Session folders with a summary, newest first."""
    root = data_dir / "live_sessions"
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if (p / "summary.json").exists()), reverse=True)


def folder_time(folder: Path) -> datetime | None:
    """The start time (UTC) in a folder name ``20261127-004542-xxxx``, else ``None``."""
    try:
        return datetime.strptime(folder.name[:15], "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def session_label(folder: Path, tr: Translator | None = None) -> str:
    """``Fri 27 Nov 2026 00:45 · 3 min 12 s``: when the session started (UTC) and how long it
    lasted (from its ``summary.json``; left out when unreadable), never the raw folder id."""
    tr = tr or Translator("en")
    start = folder_time(folder)
    date = start.strftime("%a %d %b %Y %H:%M") if start else folder.name
    try:
        seconds = float(json.loads((folder / "summary.json").read_text()).get("duration_s"))
    except (OSError, ValueError, TypeError, AttributeError):
        return date
    return tr("clinic.session.label", date=date, length=length_text(seconds, tr))


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
        tr("ui.sessions.pick"), folders, format_func=lambda p: session_label(p, tr), key="rw_session_pick"
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
