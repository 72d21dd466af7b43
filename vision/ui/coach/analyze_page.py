"""Analyze page: upload a clip → a queued job → progress → annotated video, plots, steps, downloads.

The upload is stored durably in the data folder and queued as a job (:mod:`vision.jobs`); a
worker process runs it (the page starts a local one when none runs). The job's id is put in the
URL (``?job=ID``) and the browser's own token (``?who=…``) lists "your recent jobs", so the
result shows after a reload, in another tab, or when the clinician comes back later; several
clips can be queued at once. While a job runs, a fragment polls it every second. A file that is
not a video (another extension, or a renamed file that fails to open) gives a message naming it,
and the page keeps working.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import streamlit as st

from vision.feedback import Translator
from vision.feedback.dates import format_datetime
from vision.session.formats import FILE_NAMES
from vision.session.report import report_markdown
from vision.session.summary_json import from_json
from vision.ui.coach.results import (
    render_downloads,
    render_plots,
    render_steps,
    render_summary,
    strike_counts_csv,
)
from vision.ui.coach.state import UiSettings
from vision.ui.common.database import database
from vision.ui.common.escape import md_escape

VIDEO_TYPES = ("mp4", "mov", "m4v", "webm", "mkv", "avi")
MAX_UPLOAD_MB = 500
"""Largest upload (MB); also ``server.maxUploadSize`` in ``.streamlit/config.toml``."""
POLL_S = 1.0
"""How often the page looks at a queued or running job (seconds)."""
RECENT_JOBS = 8
"""How many of the browser's jobs the page lists."""


def is_video_name(name: str) -> bool:
    """True for a file name with one of :data:`VIDEO_TYPES` as its extension."""
    return Path(name).suffix.lower().lstrip(".") in VIDEO_TYPES


@st.cache_resource(show_spinner=False)
def _queue():
    from vision.jobs.queue import JobQueue

    return JobQueue(database())


def _owner() -> str:
    """This browser's token, kept in the URL (``?who=``) so that reloads and bookmarks keep it."""
    who = st.query_params.get("who")
    if not who:
        who = secrets.token_urlsafe(9)
        st.query_params["who"] = who
    return who[:80]


def _shown_job() -> int | None:
    value = st.query_params.get("job", "")
    return int(value) if value.isdigit() else None


def _show_job(job_id: int | None) -> None:
    if job_id is None:
        st.query_params.pop("job", None)
    else:
        st.query_params["job"] = str(job_id)


def analyze_page() -> None:
    """The page function (registered in :mod:`vision.ui.coach.main`)."""
    ui: UiSettings = st.session_state["rw_ui"]
    tr = Translator(ui.lang)
    queue = _queue()
    owner = _owner()
    st.title(tr("ui.analyze.title"))
    st.markdown(tr("ui.analyze.intro"))
    limit = min(MAX_UPLOAD_MB, int(st.get_option("server.maxUploadSize")))
    # No ``type=``: the uploader would refuse other files with only a red icon; here the page
    # says in words what is wrong. A new file hides the job shown so far.
    upload = st.file_uploader(
        tr("ui.analyze.upload", mb=limit),
        key="rw_upload",
        max_upload_size=limit,
        on_change=_show_job,
        args=(None,),
    )
    if upload is not None and not is_video_name(upload.name):
        types = ", ".join(t.upper() for t in VIDEO_TYPES)
        st.error(tr("ui.analyze.not_video", name=upload.name, types=types), icon=":material/block:")
        upload = None
    with st.expander(tr("ui.analyze.advanced")):
        subject = st.number_input(tr("ui.analyze.subject"), min_value=-1, max_value=9, value=-1, step=1)
        st.caption(tr("ui.analyze.subject_help"))
    if upload is not None and st.button(tr("ui.analyze.run"), type="primary", key="rw_analyze"):
        job = queue.submit(
            upload,
            file_name=upload.name,
            owner=owner,
            subject_index=None if subject < 0 else int(subject),
            lang=tr.lang,
        )
        _show_job(job.id)
        _start_worker(queue)
    job_id = _shown_job()
    if job_id is not None:
        job = queue.get(job_id)
        if job is None:
            st.warning(tr("ui.jobs.unknown", id=job_id))
        elif job.active:
            _start_worker(queue)
            _watch(job_id, tr)
        else:
            _finished(job, tr)
    _recent(queue, owner, job_id, tr)


def _start_worker(queue) -> None:
    from vision.jobs.launcher import ensure_worker

    ensure_worker(queue.data_dir)


@st.fragment(run_every=POLL_S)
def _watch(job_id: int, tr: Translator) -> None:
    """The running job's progress, refreshed every second; the whole page reruns when it ends."""
    queue = _queue()
    job = queue.get(job_id)
    if job is None or not job.active:
        st.rerun()
        return
    _start_worker(queue)  # a worker that died meanwhile is replaced (its job is then retried)
    if job.status == "queued":
        text = tr("ui.jobs.queued", name=job.file_name)
    else:
        text = tr("ui.jobs.running", name=job.file_name, pct=f"{100 * job.progress:.0f}")
    st.progress(job.progress, text=text)
    if job.attempts > 1 or (job.status == "queued" and job.error):
        st.caption(tr("ui.jobs.retry", attempt=max(job.attempts, 1), of=job.max_attempts))
    st.caption(tr("ui.jobs.leave"))


def _finished(job, tr: Translator) -> None:
    if job.status == "failed":
        st.error(tr("ui.analyze.failed", error=job.error or "?"))
        return
    out = job.out_dir
    files = {k: out / name for k, name in FILE_NAMES.items() if (out / name).exists()}
    st.header(tr("ui.analyze.result", name=job.file_name))
    summary = from_json(job.summary) if job.summary else None
    counts = strike_counts_csv(files.get("steps_csv"))
    if summary is not None:
        render_summary(summary, tr, counts)
    video = files.get("video")
    if video is not None:
        st.video(str(video))
    render_plots(files, tr)
    render_steps(files.get("steps_csv"), tr)
    if summary is not None:  # drawn here in the page's language; the plots are shown above
        with st.expander(tr("ui.analyze.report")):
            text = report_markdown(
                title=md_escape(job.file_name),
                summary=summary,
                counts=counts,
                files={},  # the plots are shown above, the files offered below
                tr=tr,
                images=False,
            )
            st.markdown(text)
    st.caption(tr("ui.result.kept", folder=str(out)))
    render_downloads(files, tr, key=f"analysis-{out.name}")


def _recent(queue, owner: str, shown: int | None, tr: Translator) -> None:
    jobs = queue.recent(owner, RECENT_JOBS)
    if not jobs:
        return
    st.subheader(tr("ui.jobs.recent"))
    for job in jobs:
        cols = st.columns([4, 2, 1])
        when = format_datetime(job.created_at.astimezone(), tr.lang)
        cols[0].markdown(f"**{job.file_name}** · {when}")
        status = tr(f"ui.jobs.status.{job.status}")
        cols[1].markdown(status if job.status != "running" else f"{status} {100 * job.progress:.0f} %")
        if job.id != shown:
            cols[2].button(tr("ui.jobs.show"), key=f"rw_job_{job.id}", on_click=_show_job, args=(job.id,))
