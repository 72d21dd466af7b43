"""Live coach page: calm start screen with safety advice → camera (WebRTC or local) → results.

WebRTC mode: streamlit-webrtc sends the browser camera to the server; every frame goes through
``LiveHolder.video_frame_callback`` (newest frame wins, see ``vision.live.processor``) and the
annotated frame goes back. A fragment refreshes the panel twice a second. A fall or stumble
stops the session at once (the panel sees it, the page reruns, the camera is stopped). So does a
camera that stops sending frames (the holder's watchdog; the page says why, see
:mod:`vision.ui.coach.guard`). Only one tab runs a session at a time; another shows a message.
"""

from __future__ import annotations

import streamlit as st

from vision.feedback import Translator
from vision.live import LiveHolder, LiveSettings
from vision.ui.coach import guard, state
from vision.ui.coach.local_mode import run_local, stop_local
from vision.ui.coach.panel import render_halt, render_panel
from vision.ui.coach.results import (
    render_downloads,
    render_plots,
    render_steps,
    render_summary,
    strike_counts_csv,
)
from vision.ui.coach.state import UiSettings

_WEBRTC_KEY = "rw-live"


def live_page() -> None:
    """The page function (registered in :mod:`vision.ui.coach.main`)."""
    ui: UiSettings = st.session_state["rw_ui"]
    tr = Translator(ui.lang)
    h = state.holder()
    st.title(tr("ui.live.title"))
    halt = st.session_state.get("rw_halt")
    if halt:
        _halted(halt, ui, tr, h)
        return
    if not st.session_state.get("rw_safety_ok"):
        _start_screen(ui, tr)
        _last_result(h, tr)
        return
    if not h.active and guard.busy():
        guard.render_busy(tr)
        return
    h.warm_up(LiveSettings())  # only the engine kind matters here
    mode = st.radio(
        tr("ui.live.mode"),
        ("browser", "local", "demo"),
        format_func=lambda m: tr(f"ui.live.mode_{m}"),
        horizontal=True,
        key="rw_mode",
        on_change=_mode_changed,
        args=(h,),
    )
    if mode in ("local", "demo"):
        run_local(ui, tr, h, demo=mode == "demo")
    else:
        _browser(ui, tr, h)
    if not h.active:
        _last_result(h, tr)


def _mode_changed(h: LiveHolder) -> None:
    """Another camera source: the running session ends (kept), and the new source waits for Start."""
    h.finish()
    stop_local()


def _start_screen(ui: UiSettings, tr: Translator) -> None:
    st.markdown(tr("ui.start.intro"))
    st.warning(
        "\n".join(
            [f"**{tr('ui.start.safety_title')}**", ""]
            + [f"- {tr(f'ui.start.safety_{i}')}" for i in range(1, 6)]
        )
    )
    st.info(tr("ui.start.programme", minutes=f"{ui.goal_min:.0f}", week=ui.week))
    st.markdown(f"**{tr('ui.start.camera_title')}** {tr('ui.start.camera')}")
    ok = st.checkbox(tr("ui.start.confirm"), key="rw_confirm")
    if st.button(tr("ui.start.continue"), type="primary", disabled=not ok, key="rw_continue"):
        st.session_state["rw_safety_ok"] = True
        st.rerun()


def _webrtc(tr: Translator, h: LiveHolder, stop: bool = False):
    from streamlit_webrtc import WebRtcMode, webrtc_streamer

    return webrtc_streamer(
        key=_WEBRTC_KEY,
        mode=WebRtcMode.SENDRECV,
        video_frame_callback=h.video_frame_callback,
        on_video_ended=h.video_ended,
        # The same ICE servers on both sides, none by default: streamlit-webrtc and aiortc would
        # otherwise ask Google's STUN server (a request leaving the machine).
        rtc_configuration={"iceServers": state.ice_servers()},
        server_rtc_configuration={"iceServers": state.ice_servers()},
        media_stream_constraints={
            "video": {"width": {"ideal": 640}, "height": {"ideal": 480}},
            "audio": False,
        },
        async_processing=True,
        desired_playing_state=False if stop else None,
        video_html_attrs={"autoPlay": True, "controls": False, "muted": True, "style": {"width": "100%"}},
        translations={"start": tr("ui.webrtc.start"), "stop": tr("ui.webrtc.stop")},
    )


def _browser(ui: UiSettings, tr: Translator, h: LiveHolder) -> None:
    notice = st.empty()
    left, right = st.columns([3, 2], gap="medium")
    with left:
        # The camera went away mid-session: stop the component too, so that START shows again.
        ctx = _webrtc(tr, h, stop=h.camera_ended and h.end_reason in guard.CAMERA_GONE)
        st.caption(tr("ui.live.browser_help"))
    playing = bool(ctx.state.playing)
    if not playing:
        if h.camera_ended:
            h.camera_ended = False
            if h.end_reason in guard.CAMERA_GONE:
                st.rerun()  # draw the component again without the stop request (START shows)
        if h.active:
            h.finish()
    elif not h.active and not h.camera_ended:
        if not guard.claim(h):  # another tab started first: show the message, drop the camera
            st.rerun()
        h.begin(ui.live())
    guard.render_camera_notice(notice, h, tr)
    with right:
        if h.active:
            _panel_fragment(ui)
        else:
            st.info(tr("ui.live.press_start"))


@st.fragment(run_every=0.5)
def _panel_fragment(ui: UiSettings) -> None:
    h = state.holder()
    if not h.active:  # ended from the camera side (connection lost): show the results
        st.rerun(scope="app")
    snap = h.snapshot()
    if snap is not None and snap.halted is not None:
        st.session_state["rw_halt"] = snap.halted.value
        h.finish()
        st.rerun(scope="app")
    render_panel(snap, ui, h.session_uid)


def _halted(kind: str, ui: UiSettings, tr: Translator, h: LiveHolder) -> None:
    """After a fall or stumble: the alert, the stopped camera, the kept session."""
    h.finish()
    render_halt(kind, ui.lang, h.session_uid)
    if st.session_state.get("rw_mode", "browser") == "browser":
        _webrtc(tr, h, stop=True)
    st.button(tr("ui.halt.ack"), key="rw_halt_ack", on_click=_back_to_start)
    _last_result(h, tr)


def _back_to_start() -> None:
    """After an alert: the calm start screen with the safety advice again."""
    st.session_state.pop("rw_halt", None)
    st.session_state["rw_safety_ok"] = False
    st.session_state["rw_confirm"] = False


def _last_result(h: LiveHolder, tr: Translator) -> None:
    """The last session's results (this page has now shown how it ended)."""
    if h.active:
        return
    guard.seen()
    res = h.last_result
    if res is None:
        return
    st.divider()
    st.header(tr("ui.result.title"))
    if res.summary is None:
        st.info(tr("ui.result.empty"))
        return
    rec = res.recording
    render_summary(res.summary, tr, None if rec is None else strike_counts_csv(rec.files.get("steps_csv")))
    if rec is None:
        return
    st.caption(tr("ui.result.kept", folder=str(rec.folder)))
    if rec.clinic_session_id is not None:
        st.success(tr("ui.result.clinic_saved", id=rec.clinic_session_id))
    if rec.clinic_error:
        st.warning(tr("ui.result.clinic_error", error=rec.clinic_error))
    render_plots(rec.files, tr)
    render_steps(rec.files.get("steps_csv"), tr)
    render_downloads(rec.files, tr, key=f"live-{rec.folder.name}")
