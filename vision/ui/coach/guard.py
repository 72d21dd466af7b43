"""What the pages do about live sessions that end on their own, and about a second tab.

- One live session per server (one camera, one pose-engine budget): the registry
  (:class:`vision.live.registry.LiveRegistry`, one per process through ``st.cache_resource``)
  knows which page runs it; another page shows :func:`render_busy` instead of the camera.
- A session whose page was reloaded or closed is finished and kept by the next page that opens
  (:func:`collect_orphan`), which says so (:func:`render_notice`).
- A camera that stops sending frames ends the session (the holder's watchdog); the page says
  so (:func:`render_camera_notice`).
"""

from __future__ import annotations

import streamlit as st

from vision.feedback import Translator
from vision.live import LiveHolder
from vision.live.registry import LiveRegistry
from vision.live.session import EndReason

CAMERA_GONE = (EndReason.CAMERA_LOST, EndReason.NO_CAMERA)
"""End reasons after which the camera component is stopped and the page explains why."""
_NOTICE = "rw_notice"


def _is_connected(session_id: str) -> bool:
    from streamlit import runtime

    if not runtime.exists():  # AppTest, bare mode: nobody can go away
        return True
    return runtime.get_instance().is_active_session(session_id)


@st.cache_resource(show_spinner=False)
def registry() -> LiveRegistry:
    """The server's live-session registry."""
    return LiveRegistry(is_connected=_is_connected)


def page_id() -> str:
    """This page's (browser tab's) Streamlit session id."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "bare"


def busy() -> bool:
    """True while another tab or window runs a live session."""
    return registry().busy_for(page_id())


def claim(h: LiveHolder) -> bool:
    """Take the camera for this page's next session; False when another tab has it."""
    ok = registry().claim(page_id(), h)
    if ok:
        st.session_state.pop(_NOTICE, None)
    return ok


def seen() -> None:
    """This page has shown how its last session ended (call when no session runs)."""
    registry().seen(page_id())


def collect_orphan() -> None:
    """Finish and keep a session whose page went away (reload, closed tab); remember its folder
    for :func:`render_notice`. Called on every run of every page."""
    result = registry().take_orphan(page_id())
    if result is not None and result.recording is not None:
        st.session_state[_NOTICE] = str(result.recording.folder)


def _dismiss() -> None:
    st.session_state.pop(_NOTICE, None)


def render_notice(tr: Translator) -> None:
    """The message about an interrupted session that was kept (until dismissed or a new start)."""
    folder = st.session_state.get(_NOTICE)
    if not folder:
        return
    st.warning(tr("ui.notice.interrupted", folder=folder), icon=":material/history:")
    st.button(tr("ui.notice.ok"), key="rw_notice_ok", on_click=_dismiss)


def render_busy(tr: Translator) -> None:
    """Another tab runs a session: say so, and come back to the camera once it has ended."""
    st.warning(tr("ui.live.busy"), icon=":material/videocam_off:")
    _wait_until_free()


@st.fragment(run_every=1.0)
def _wait_until_free() -> None:
    if not busy():
        st.rerun(scope="app")


def render_camera_notice(slot, h: LiveHolder, tr: Translator) -> None:
    """Into ``slot`` (an ``st.empty``): why the last session ended when the camera went away."""
    if h.active or h.end_reason not in CAMERA_GONE:
        slot.empty()
        return
    key = "ui.live.camera_lost" if h.end_reason is EndReason.CAMERA_LOST else "ui.live.no_camera"
    slot.warning(tr(key), icon=":material/videocam_off:")
