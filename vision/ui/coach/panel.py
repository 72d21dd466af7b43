"""The live panel beside the video: timer and goal, the current cue, setup advice, counters.

:func:`render_panel` draws one :class:`~vision.live.LiveSnapshot` (from the WebRTC fragment or
from the local-camera loop) and speaks a new cue through the browser when speech is on.
"""

from __future__ import annotations

import html
import math

import streamlit as st

from vision.feedback import Translator, cue_text, speech_html
from vision.live import LiveSnapshot
from vision.ui.coach.state import UiSettings


def _pct(v: float | None) -> str:
    return "—" if v is None or v != v else f"{100 * v:.0f} %"


def _clock(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 60:d}:{s % 60:02d}"


def speak(snippet: str) -> None:
    """Run a speech snippet (:func:`vision.feedback.speech_html`) in a 1-pixel iframe."""
    if hasattr(st, "iframe"):
        st.iframe(snippet, height=1)
    else:  # Streamlit before st.iframe
        import streamlit.components.v1 as components

        components.html(snippet, height=0)


def render_panel(snap: LiveSnapshot | None, ui: UiSettings, uid: str) -> None:
    """Draw the panel into the current container; ``uid`` names the session (speech).

    Always the same number of elements in the same order (one per slot, whatever the state):
    in the local-camera loop the script run never ends, and Streamlit removes a replaced
    container's surplus children only when a run ends.
    """
    tr = Translator(ui.lang)
    goal_s = 60.0 * ui.goal_min
    elapsed = snap.elapsed_s if snap is not None else 0.0
    note = ""
    if snap is None:
        note = tr("ui.live.waiting_camera")
    elif snap.error:
        note = tr("ui.live.engine_error", error=snap.error)
    elif not snap.ready:
        note = tr("ui.live.loading")
    st.markdown(  # slot 1: timer (and a note)
        f"<div data-testid='rw-timer' style='font-size:2.2rem;font-weight:600'>"
        f"{_clock(elapsed)} <span style='font-size:1rem;color:#777'>/ {_clock(goal_s)}</span></div>"
        + (f"<div style='color:#b00'>{html.escape(note)}</div>" if note else ""),
        unsafe_allow_html=True,
    )
    st.progress(min(1.0, elapsed / goal_s) if goal_s > 0 else 0.0)  # slot 2
    cue = snap.cue if snap is not None else None
    words = cue_text(cue, ui.lang) if cue is not None else ""
    if cue is not None:  # slot 3: the cue
        box = (
            st.error
            if cue.critical or cue.priority >= 60
            else st.warning
            if cue.priority >= 40
            else st.success
        )
        box(words, icon=":material/record_voice_over:")
    else:
        st.markdown(
            f"<div data-testid='rw-no-cue' style='color:#777;padding:0.6rem 0'>{tr('ui.live.no_cue')}</div>",
            unsafe_allow_html=True,
        )
    guidance = snap.guidance[:2] if snap is not None else ()
    if guidance:  # slot 4: camera set-up advice
        st.info("  \n".join(tr(k) for k in guidance), icon=":material/photo_camera:")
    else:
        st.empty()
    c = snap.counters if snap is not None else None
    a, b = st.columns(2)  # slot 5: counters
    a.metric(tr("ui.counter.steps"), c.steps if c else 0)
    b.metric(tr("ui.counter.forefoot"), _pct(c.forefoot_share if c else None))
    a.metric(
        tr("ui.counter.glances_min"),
        "—" if c is None or c.glances_per_min is None else f"{c.glances_per_min:.1f}",
    )
    b.metric(tr("ui.counter.upright"), _pct(c.upright_share if c else None))
    lat = "—" if snap is None or math.isnan(snap.latency_p50_ms) else f"{snap.latency_p50_ms:.0f}"
    st.caption(  # slot 6: engine statistics
        tr(
            "ui.live.engine_stats",
            fps=f"{snap.fps:.1f}" if snap else "—",
            latency=lat,
            processed=snap.frames_processed if snap else 0,
            dropped=snap.frames_dropped if snap else 0,
        )
    )
    if cue is not None and (ui.speak or cue.critical):  # slot 7: speech
        speak(speech_html(words, ui.lang, f"{uid}:{cue.seq}", interrupt=cue.critical))
    else:
        st.empty()


def render_halt(kind_value: str, lang: str, uid: str) -> None:
    """The alert after a fall or stumble stopped the session, shown and spoken (always)."""
    tr = Translator(lang)
    st.error(f"### {tr('ui.halt.title_' + kind_value)}\n\n{tr('ui.halt.body')}", icon=":material/emergency:")
    words = f"{tr('cue.' + kind_value)} {tr('ui.halt.body')}"
    speak(speech_html(words, lang, f"{uid}:halt", interrupt=True))
