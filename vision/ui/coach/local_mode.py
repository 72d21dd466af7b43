"""Local-camera mode: no WebRTC; OpenCV reads the camera on this machine, JPEGs go to ``st.image``.

The demo camera is the same mode with the bundled sample clip as the camera: played at its frame
rate and looped (:func:`vision.live.local_camera.camera_frames`), through the same live
processor, so anyone can watch the coach work without a camera.

The loop runs inside the script run: each camera frame goes to the live processor (newest frame
wins), the annotated frame is pushed to the page at ``VIDEO_HZ`` and the panel at ``PANEL_HZ``.
Stop (or any other widget) interrupts the run; the next run finishes the session. A camera
that fails mid-session (reads fail, or no frame for ``LiveSettings.camera_timeout_s``) ends the
session, which is kept, and the page says so.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import streamlit as st

from vision import bundled
from vision.feedback import Translator
from vision.live import LiveHolder, LiveSettings
from vision.live.local_camera import Pacer, camera_frames, jpeg, parse_source
from vision.live.session import EndReason
from vision.ui.coach import guard
from vision.ui.coach.panel import render_panel
from vision.ui.coach.state import UiSettings
from vision.video import VideoError

VIDEO_HZ = 12.0
"""Annotated frames pushed to the page per second."""
PANEL_HZ = 2.0
"""Panel refreshes per second."""


def _set_running(value: bool) -> None:
    st.session_state["rw_local_running"] = value


def stop_local() -> None:
    """The local loop stops at the next run (the source changed)."""
    _set_running(False)


def _source(tr: Translator, *, demo: bool) -> int | Path:
    """The camera index or video file: the sample clip for the demo, else what the user typed."""
    if demo:
        st.caption(tr("ui.demo.help"))
        return bundled.sample_clip()
    source_text = st.text_input(
        tr("ui.local.source"),
        value=os.environ.get("RETROWALK_LOCAL_CAMERA", "0"),
        key="rw_local_source",
        help=tr("ui.local.source_help"),
    )
    return parse_source(source_text.strip() or "0")


def _demo_settings(settings: LiveSettings) -> LiveSettings:
    """The sample walker is not the patient: coached like a camera, but not kept or sent to the clinic."""
    return replace(settings, record=False, keep_video=False, clinic_start=None)


def run_local(ui: UiSettings, tr: Translator, h: LiveHolder, *, demo: bool = False) -> None:
    """The local-camera part of the live page (``demo``: the sample clip plays as the camera)."""
    source = _source(tr, demo=demo)
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
        h.begin(_demo_settings(ui.live()) if demo else ui.live())
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
