"""One session (``?session=ID``): summary, timeline of steps and glances, skeleton replay
(and the kept video), notes per session and per step, exports.

Clicking a step (a row of the step table, or a point on the timeline) or a glance moves the
replay time there; so do the time slider and the frame/step buttons. The replay time lives in
``st.session_state["rwr_t_<sid>"]``, the selected step in ``"rwr_step_<sid>"``. A new note
goes to the step the replay shows (the last contact at or before the replay time), named in
the form, or to the whole session.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from vision.clinic import ClinicianAccess, ValidationError
from vision.clinic.records import StepInfo, Timeline
from vision.ui.clinic.charts import STEP_SELECTION, signals_chart, steps_chart
from vision.ui.clinic.nav import link
from vision.ui.clinic.replay import WINDOW_S, render_replay
from vision.ui.clinic.state import query_id
from vision.ui.clinic.transfer import download_buttons, session_exports
from vision.ui.clinic.views import (
    ROW_CLICK,
    glances_frame,
    length_text,
    note_label,
    selected_row,
    shown_step,
    step_numbers,
    steps_frame,
    summary_frame,
    when,
)
from vision.ui.common.escape import md_escape
from vision.ui.common.lang import tr

_SAVED_KEY = "rwr_note_saved"


def _keys(sid: int) -> tuple[str, str]:
    return f"rwr_t_{sid}", f"rwr_step_{sid}"


def session_length(tl: Timeline) -> float:
    """The session's time axis length in seconds (duration, else the last event)."""
    ends = [tl.session.duration_s, *(s.contact_time_s for s in tl.steps), *(g.end_s for g in tl.glances)]
    ends += [s.second + 1.0 for s in tl.seconds]
    return max(0.0, *ends)


def render(me: ClinicianAccess) -> None:
    """The session page; without a valid ``?session=`` it points to the patient list."""
    sid = query_id("session")
    if sid is None:
        st.title("Session review")
        st.info("Open a session from a patient's page.")
        link("patients", "Patient list")
        return
    if st.session_state.pop(_SAVED_KEY, False):
        st.toast("Note saved.", icon=":material/check:")
    tl = me.timeline(sid)  # NotFound (also for another clinician's session) -> message
    s = tl.session
    patient = me.get_patient(s.patient_id)
    link("patient", patient.display_name, patient=patient.id)
    st.title(f"Session of {when(s.started_at)} UTC", anchor=False)
    st.caption(
        f"{length_text(s.duration_s, tr())} · {s.source} · {s.status} · {s.frames_stored} frames stored"
        + (f" · model {md_escape(s.model_version)}" if s.model_version else "")
    )
    if s.status == "interrupted":
        st.warning("This session was interrupted; its summary was derived from what was stored.")
    elif s.status == "recording":
        st.info("This session is still being recorded.")
    _metrics(tl)
    length = session_length(tl)
    tkey = _keys(sid)[0]
    st.session_state.setdefault(tkey, 0.0)
    left, right = st.columns([3, 2], gap="large")
    with right:
        _replay(me, tl, length)
    with left:
        _timeline(tl, length)
    st.divider()
    _notes(me, tl)
    st.divider()
    st.subheader("Export")
    download_buttons(session_exports(me, sid), f"rwr_dl_session_{sid}")


def _metrics(tl: Timeline) -> None:
    s = tl.session
    c = st.columns(6)
    c[0].metric("Steps", "–" if s.steps is None else s.steps)
    c[1].metric("Cadence", "–" if s.cadence_spm is None else f"{s.cadence_spm:.1f} /min")
    c[2].metric("Forefoot", "–" if s.forefoot_share is None else f"{100 * s.forefoot_share:.0f}%")
    c[3].metric("Upright", "–" if s.upright_share is None else f"{100 * s.upright_share:.0f}%")
    c[4].metric("Glances/min", "–" if s.glances_per_min is None else f"{s.glances_per_min:.1f}")
    c[5].metric("Over-rotations", "–" if s.over_rotations is None else s.over_rotations)


def _jump(sid: int, t: float, step: StepInfo | None = None) -> None:
    tkey, skey = _keys(sid)
    st.session_state[tkey] = float(t)
    if step is not None:
        st.session_state[skey] = step.id


def _on_step_row(tl: Timeline, key: str) -> Callable[[], None]:
    def pick() -> None:
        i = selected_row(st.session_state.get(key))
        if i is not None and i < len(tl.steps):
            _jump(tl.session.id, tl.steps[i].contact_time_s, tl.steps[i])

    return pick


def _on_glance_row(tl: Timeline, key: str) -> Callable[[], None]:
    def pick() -> None:
        i = selected_row(st.session_state.get(key))
        if i is not None and i < len(tl.glances):
            _jump(tl.session.id, tl.glances[i].start_s)

    return pick


def _on_chart_pick(tl: Timeline, key: str) -> Callable[[], None]:
    def pick() -> None:
        event = st.session_state.get(key)
        try:
            points = event["selection"][STEP_SELECTION]  # type: ignore[index]
        except (KeyError, TypeError):
            return
        if points:
            number = int(points[0].get("step", 0))
            step = next((x for x in tl.steps if x.step_index + 1 == number), None)
            if step is not None:
                _jump(tl.session.id, step.contact_time_s, step)

    return pick


def _timeline(tl: Timeline, length: float) -> None:
    sid = tl.session.id
    t_now = float(st.session_state[_keys(sid)[0]])
    st.subheader("Timeline")
    st.caption(
        "Foot contacts by strike; glances shaded orange; the red line is the replay time. "
        "Click a step (here or in the table) to jump the replay to it."
    )
    if tl.steps:
        key = f"rwr_steps_chart_{sid}"
        st.altair_chart(
            steps_chart(tl, t_now, length),
            width="stretch",
            on_select=_on_chart_pick(tl, key),
            selection_mode=STEP_SELECTION,
            key=key,
        )
    tab_steps, tab_glances, tab_signals, tab_summary = st.tabs(
        [f"Steps ({len(tl.steps)})", f"Glances ({len(tl.glances)})", "Lean and head turn", "Summary"]
    )
    with tab_steps:
        if tl.steps:
            key = f"rwr_steps_table_{sid}"
            st.dataframe(
                steps_frame(tl.steps, tl.notes),
                on_select=_on_step_row(tl, key),
                selection_mode=ROW_CLICK,
                hide_index=True,
                key=key,
                height=min(36 + 35 * len(tl.steps), 360),
            )
        else:
            st.caption("No steps detected.")
    with tab_glances:
        if tl.glances:
            key = f"rwr_glances_table_{sid}"
            st.dataframe(
                glances_frame(tl.glances),
                on_select=_on_glance_row(tl, key),
                selection_mode=ROW_CLICK,
                hide_index=True,
                key=key,
            )
        else:
            st.caption("No glances.")
    with tab_signals:
        if tl.seconds:
            st.altair_chart(signals_chart(tl, t_now, length), width="stretch")
        else:
            st.caption("No per-second metrics stored.")
    with tab_summary:
        st.dataframe(summary_frame(tl.session), hide_index=True)


def _neighbour_step(tl: Timeline, t: float, forward: bool) -> StepInfo | None:
    eps = 1e-3
    if forward:
        return next((s for s in tl.steps if s.contact_time_s > t + eps), None)
    return next((s for s in reversed(tl.steps) if s.contact_time_s < t - eps), None)


def _replay(me: ClinicianAccess, tl: Timeline, length: float) -> None:
    s = tl.session
    tkey = _keys(s.id)[0]
    st.subheader("Replay")
    frame_dt = 1.0 / s.fps if s.fps and s.fps > 0 else 1.0 / 30.0
    if length <= 0:
        st.caption("Nothing stored to replay.")
        return
    st.session_state[tkey] = min(max(float(st.session_state[tkey]), 0.0), length)
    t = float(st.session_state[tkey])
    frames = me.landmarks(s.id, max(0.0, t - WINDOW_S), t + WINDOW_S)
    video = me.video_path(s.id) if s.has_video else None
    image = render_replay(frames, t, video=video)
    if image.time_s is None:
        caption = f"Replay at {t:.2f} s: no stored frame near this time"
    else:
        who = "" if image.present else " (nobody detected)"
        caption = f"Replay at {image.time_s:.2f} s (frame {image.frame_index}){who}"
    st.image(image.rgb, caption=caption, width="stretch")
    st.slider("Replay time (s)", 0.0, float(length), step=0.01, key=tkey, format="%.2f")
    c = st.columns(4)
    c[0].button("◀ step", key=f"rwr_prev_step_{s.id}", on_click=_step_button(tl, False), width="stretch")
    c[1].button(
        "◀ frame", key=f"rwr_prev_f_{s.id}", on_click=_shift(s.id, -frame_dt, length), width="stretch"
    )
    c[2].button("frame ▶", key=f"rwr_next_f_{s.id}", on_click=_shift(s.id, frame_dt, length), width="stretch")
    c[3].button("step ▶", key=f"rwr_next_step_{s.id}", on_click=_step_button(tl, True), width="stretch")
    if video is not None:
        with st.expander("Video", expanded=False):
            st.video(str(video), start_time=int(t))
            if st.button("Delete the kept video", key=f"rwr_del_video_{s.id}"):
                me.delete_video(s.id)
                st.rerun()


def _shift(sid: int, dt: float, length: float) -> Callable[[], None]:
    def move() -> None:
        tkey = _keys(sid)[0]
        st.session_state[tkey] = min(max(float(st.session_state.get(tkey, 0.0)) + dt, 0.0), length)

    return move


def _step_button(tl: Timeline, forward: bool) -> Callable[[], None]:
    def move() -> None:
        tkey = _keys(tl.session.id)[0]
        step = _neighbour_step(tl, float(st.session_state.get(tkey, 0.0)), forward)
        if step is not None:
            _jump(tl.session.id, step.contact_time_s, step)

    return move


def _notes(me: ClinicianAccess, tl: Timeline) -> None:
    sid = tl.session.id
    numbers = step_numbers(tl.steps)
    t = float(st.session_state.get(_keys(sid)[0], 0.0))
    step = shown_step(tl.steps, t)  # what the replay shows now, not the last step clicked
    text_of = tr()
    st.subheader("Notes")
    with st.form(f"rwr_note_form_{sid}", clear_on_submit=True):
        text = st.text_area("New note", max_chars=20_000, placeholder="What you saw, what to work on...")
        targets: list[int | None] = [None] if step is None else [step.id, None]

        def label(target: int | None) -> str:
            if target is None or step is None:
                return text_of("clinic.note.whole")
            return text_of(
                "clinic.note.step", number=numbers[step.id], foot=step.foot, time=f"{step.contact_time_s:.2f}"
            )

        target = st.radio(
            text_of("clinic.note.attach"),
            targets,
            format_func=label,
            horizontal=True,
            key=f"rwr_note_target_{sid}_{step.id if step else 0}",
        )
        if step is None:
            st.caption(text_of("clinic.note.before_steps"))
        if st.form_submit_button("Save note", icon=":material/note_add:"):
            try:
                on_step = target if step is not None and target == step.id else None
                me.add_note(sid, text, step_id=on_step)
            except ValidationError as exc:
                st.error(md_escape(exc))
            else:
                st.session_state[_SAVED_KEY] = True
                st.rerun()
    notes = me.notes(sid)
    if not notes:
        st.caption("No notes yet.")
    for note in reversed(notes):
        with st.container(border=True):
            st.caption(note_label(note, numbers))
            st.markdown(md_escape(note.text, multiline=True))
