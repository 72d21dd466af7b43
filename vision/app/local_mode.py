"""Local-camera mode: no WebRTC; OpenCV reads the camera on this machine, JPEGs go to ``st.image``.

The loop runs inside the script run: each camera frame goes to the live processor (newest frame
wins), the annotated frame is pushed to the page at ``VIDEO_HZ`` and the panel at ``PANEL_HZ``.
Stop (or any other widget) interrupts the run; the next run finishes the session. A camera
that fails mid-session (reads fail, or no frame for ``LiveSettings.camera_timeout_s``) ends the
session, which is kept, and the page says so.
"""

from __future__ import annotations

import os

import streamlit as st

from vision.app import guard
from vision.app.panel import render_panel
from vision.app.state import UiSettings
from vision.feedback import Translator
from vision.live import LiveHolder
from vision.live.local_camera import Pacer, camera_frames, jpeg, parse_source
from vision.live.session import EndReason
from vision.video import VideoError

VIDEO_HZ = 12.0
"""Annotated frames pushed to the page per second."""
PANEL_HZ = 2.0
"""Panel refreshes per second."""


def _set_running(value: bool) -> None:
    st.session_state["rw_local_running"] = value


def run_local(ui: UiSettings, tr: Translator, h: LiveHolder) -> None:
    """The local-camera part of the live page."""
    source_text = st.text_input(
        tr("ui.local.source"),
        value=os.environ.get("RETROWALK_LOCAL_CAMERA", "0"),
        key="rw_local_source",
        help=tr("ui.local.source_help"),
    )
    problem = st.session_state.pop("rw_local_error", None)
    if problem:
        st.error(tr("ui.local.camera_error", error=problem))
    running = bool(st.session_state.get("rw_local_running"))
    notice = st.empty()
    # The same elements in the same places whether running or not: a long-running script run
    # keeps the previous run's leftovers on screen (faded) until it ends, which here is never.
    start_col, stop_col, _ = st.columns([1, 1, 4])
    start_col.button(
        tr("ui.local.start"),
        key="rw_local_start",
        type="primary",
        disabled=running,
        on_click=_set_running,
        args=(True,),
    )
    stop_col.button(
        tr("ui.local.stop"), key="rw_local_stop", disabled=not running, on_click=_set_running, args=(False,)
    )
    left, right = st.columns([3, 2], gap="medium")
    video_slot = left.empty()
    panel_slot = right.empty()
    if not running:
        if h.active:
            h.finish()
        guard.render_camera_notice(notice, h, tr)
        panel_slot.info(tr("ui.local.press_start"))
        return
    if not h.active:
        if not guard.claim(h):  # another tab started first
            _set_running(False)
            st.rerun()
        h.begin(ui.live())
    source = parse_source(source_text.strip() or "0")
    video_pacer, panel_pacer = Pacer(VIDEO_HZ), Pacer(PANEL_HZ)
    frames = 0
    try:
        for frame in camera_frames(source, loop=not isinstance(source, int)):
            if not h.active:  # the watchdog ended it: the camera stalled for too long
                _set_running(False)
                st.rerun()
            frames += 1
            out = h.process_bgr(frame.image, frame.timestamp_s)
            if video_pacer.due():
                video_slot.image(jpeg(out), width="stretch")
            if panel_pacer.due():
                snap = h.snapshot()
                with panel_slot.container():
                    render_panel(snap, ui, h.session_uid)
                if snap is not None and snap.halted is not None:
                    st.session_state["rw_halt"] = snap.halted.value
                    _set_running(False)
                    h.finish()
                    st.rerun()
    except VideoError as exc:
        _set_running(False)
        if frames:  # it worked, then stopped: unplugged, switched off, taken by another program
            h.finish(EndReason.CAMERA_LOST)
        else:
            h.finish()
            st.session_state["rw_local_error"] = str(exc)
        st.rerun()
