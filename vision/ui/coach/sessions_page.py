"""My sessions page: the live sessions kept in the data folder, newest first, with their results."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import streamlit as st

from vision.feedback import Translator
from vision.feedback.dates import format_datetime
from vision.session.summary_json import read_summary
from vision.ui.clinic.views import length_text
from vision.ui.coach import state
from vision.ui.coach.results import (
    render_downloads,
    render_plots,
    render_steps,
    render_summary,
    session_files,
    strike_counts_csv,
)
from vision.ui.coach.state import UiSettings


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


def session_label(folder: Path, tr: Translator | None = None, *, seconds: bool = False) -> str:
    """``Fri 27 Nov 2026, 00:45 · 3 min 12 s``: when the session started (UTC) and how long it
    lasted (from its ``summary.json``; left out when unreadable), never the raw folder id.
    ``seconds`` adds the start's seconds (``00:45:42``), to tell apart sessions of one minute."""
    tr = tr or Translator("en")
    start = folder_time(folder)
    date = format_datetime(start, tr.lang, seconds=seconds) if start else folder.name
    try:
        seconds = float(json.loads((folder / "summary.json").read_text()).get("duration_s"))
    except (OSError, ValueError, TypeError, AttributeError):
        return date
    return tr("clinic.session.label", date=date, length=length_text(seconds, tr))


def session_labels(folders: list[Path], tr: Translator | None = None) -> dict[Path, str]:
    """One label per folder, as :func:`session_label`; sessions whose labels would be the same
    (started in the same minute, same length) show their start's seconds too, and a folder id
    if even that is the same, so no two entries of the list read alike."""
    labels = {f: session_label(f, tr) for f in folders}
    clashes = {label for label in labels.values() if list(labels.values()).count(label) > 1}
    for f in folders:
        if labels[f] in clashes:
            labels[f] = session_label(f, tr, seconds=True)
    seen: dict[str, int] = {}
    for f in folders:
        seen[labels[f]] = seen.get(labels[f], 0) + 1
    for f in folders:
        if seen[labels[f]] > 1:
            labels[f] = f"{labels[f]} ({f.name})"
    return labels


def sessions_page() -> None:
    """The page function (registered in :mod:`vision.ui.coach.main`)."""
    ui: UiSettings = st.session_state["rw_ui"]
    tr = Translator(ui.lang)
    st.title(tr("ui.sessions.title"))
    folders = kept_sessions(state.data_dir())
    if not folders:
        st.info(tr("ui.sessions.none"))
        return
    labels = session_labels(folders, tr)
    choice = st.selectbox(
        tr("ui.sessions.pick"), folders, format_func=labels.__getitem__, key="rw_session_pick"
    )
    files = session_files(choice)
    try:
        summary = read_summary(files["summary_json"])
    except (OSError, ValueError) as exc:
        st.error(tr("ui.sessions.unreadable", error=str(exc)))
        return
    render_summary(summary, tr, strike_counts_csv(files.get("steps_csv")))
    render_plots(files, tr)
    render_steps(files.get("steps_csv"), tr)
    render_downloads(files, tr, key=f"session-{choice.name}")
