"""Analyze page: upload a clip → progress bar → annotated video, plots, step table, downloads.

The upload is copied to a temporary file, analysed by ``vision.analysis.analyze_video`` into
``<data dir>/analyses/<time>-<name>/`` and deleted; the result is kept in the session state so
that reruns (downloads, language changes) do not analyse again. A file that is not a video (another
extension, or a renamed file that fails to open) gives a message naming it, and the page keeps
working.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import streamlit as st

from vision.app import state
from vision.app.results import render_downloads, render_plots, render_steps, render_summary
from vision.app.state import UiSettings
from vision.feedback import Translator

log = logging.getLogger(__name__)

VIDEO_TYPES = ("mp4", "mov", "m4v", "webm", "mkv", "avi")
MAX_UPLOAD_MB = 500
"""Largest upload (MB); also ``server.maxUploadSize`` in ``.streamlit/config.toml``."""


def _safe_stem(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(name).stem).strip("_")
    return (stem or "video")[:40]


def is_video_name(name: str) -> bool:
    """True for a file name with one of :data:`VIDEO_TYPES` as its extension."""
    return Path(name).suffix.lower().lstrip(".") in VIDEO_TYPES


def analyze_page() -> None:
    """The page function (registered in :mod:`vision.app.main`)."""
    ui: UiSettings = st.session_state["rw_ui"]
    tr = Translator(ui.lang)
    st.title(tr("ui.analyze.title"))
    st.markdown(tr("ui.analyze.intro"))
    limit = min(MAX_UPLOAD_MB, int(st.get_option("server.maxUploadSize")))
    # No ``type=``: the uploader would refuse other files with only a red icon; here the page
    # says in words what is wrong.
    upload = st.file_uploader(tr("ui.analyze.upload", mb=limit), key="rw_upload", max_upload_size=limit)
    if upload is not None and not is_video_name(upload.name):
        types = ", ".join(t.upper() for t in VIDEO_TYPES)
        st.error(tr("ui.analyze.not_video", name=upload.name, types=types), icon=":material/block:")
        upload = None
    with st.expander(tr("ui.analyze.advanced")):
        subject = st.number_input(tr("ui.analyze.subject"), min_value=-1, max_value=9, value=-1, step=1)
        st.caption(tr("ui.analyze.subject_help"))
    if upload is not None and st.button(tr("ui.analyze.run"), type="primary", key="rw_analyze"):
        _run(upload, None if subject < 0 else int(subject), tr)
    done = st.session_state.get("rw_analysis")
    if done is not None:
        _show(done, tr)


def _run(upload, subject: int | None, tr: Translator) -> None:
    from vision.analysis import AnalysisError, Progress, analyze_video
    from vision.video import VideoError

    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    out_dir = state.data_dir() / "analyses" / f"{stamp}-{_safe_stem(upload.name)}"
    bar = st.progress(0.0, text=tr("ui.analyze.starting"))

    def on_progress(p: Progress) -> None:
        frac = p.fraction
        eta = "—" if p.eta_s is None else f"{p.eta_s:.0f}"
        total = "?" if p.frames_total is None else str(p.frames_total)
        text = tr("ui.analyze.progress", done=p.frames_done, total=total, fps=f"{p.fps:.1f}", eta=eta)
        bar.progress(frac if frac is not None else 0.0, text=text)

    suffix = Path(upload.name).suffix.lower() or ".mp4"
    with tempfile.TemporaryDirectory(prefix="retrowalk-upload-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        with src.open("wb") as fh:
            shutil.copyfileobj(upload, fh, length=1 << 20)
        try:
            result = analyze_video(src, out_dir, subject_index=subject, progress=on_progress)
        except Exception as exc:  # a non-video, a damaged file, anything: say so, keep the page
            if not isinstance(exc, (VideoError, AnalysisError)):
                log.exception("analysis of %s failed", upload.name)
                exc = RuntimeError(f"{type(exc).__name__}: {exc}")
            bar.empty()
            # The message names the user's file, not the temporary copy.
            st.error(tr("ui.analyze.failed", error=str(exc).replace(str(src), upload.name)))
            st.session_state.pop("rw_analysis", None)
            return
    bar.progress(1.0, text=tr("ui.analyze.done"))
    st.session_state["rw_analysis"] = {
        "name": upload.name,
        "out_dir": str(result.out_dir),
        "summary": result.summary,
        "files": {k: str(v) for k, v in result.files.items()},
    }


def _show(done: dict, tr: Translator) -> None:
    files = {k: Path(v) for k, v in done["files"].items()}
    st.header(tr("ui.analyze.result", name=done["name"]))
    render_summary(done["summary"], tr)
    video = files.get("video")
    if video is not None and video.exists():
        st.video(str(video))
    render_plots(files, tr)
    render_steps(files.get("steps_csv"), tr)
    report = files.get("report")
    if report is not None and report.exists():
        with st.expander(tr("ui.analyze.report")):
            st.markdown(report.read_text())
    st.caption(tr("ui.result.kept", folder=done["out_dir"]))
    render_downloads(files, tr, key=f"analysis-{Path(done['out_dir']).name}")
