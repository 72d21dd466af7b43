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
from vision.feedback.dates import DASH, format_number, format_percent
from vision.feedback.i18n import Translator
from vision.feedback.values import forefoot_steps_text, glances_metric, shown_value, strike_counts_of
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
    t = tr()
    if sid is None:
        st.title(t("clinic.session.title_none"))
        st.info(t("clinic.session.open_hint"))
        link("patients", t("clinic.patient.list"))
        return
    if st.session_state.pop(_SAVED_KEY, False):
        st.toast(t("clinic.session.note_saved"), icon=":material/check:")
    tl = me.timeline(sid)  # NotFound (also for another clinician's session) -> message
    s = tl.session
    patient = me.get_patient(s.patient_id)
    link("patient", patient.display_name, patient=patient.id)
    st.title(t("clinic.session.title", when=when(s.started_at, t)), anchor=False)
    parts = [
        length_text(s.duration_s, t),
        t(f"clinic.source.{s.source}"),
        t(f"clinic.status.{s.status}"),
        t("clinic.session.frames_stored", n=s.frames_stored),
    ]
    if s.model_version:
        parts.append(t("clinic.session.model", name=md_escape(s.model_version)))
    st.caption(" · ".join(parts))
    if s.status == "interrupted":
        st.warning(t("clinic.session.interrupted"))
    elif s.status == "recording":
        st.info(t("clinic.session.recording"))
    _metrics(tl, t)
    length = session_length(tl)
    tkey = _keys(sid)[0]
    st.session_state.setdefault(tkey, 0.0)
    left, right = st.columns([3, 2], gap="large")
    with right:
        _replay(me, tl, length, t)
    with left:
        _timeline(tl, length, t)
    st.divider()
    _notes(me, tl)
    st.divider()
    st.subheader(t("clinic.session.export"))
    download_buttons(session_exports(me, sid, lang=t.lang), f"rwr_dl_session_{sid}", t)


def _metrics(tl: Timeline, t: Translator) -> None:
    s = tl.session
    cadence = (
        DASH
        if s.cadence_spm is None
        else t("clinic.session.per_min", n=format_number(s.cadence_spm, t.lang, 0))
    )
    c = st.columns(6)
    c[0].metric(t("clinic.session.m_steps"), DASH if s.steps is None else s.steps)
    c[1].metric(t("clinic.session.m_cadence"), cadence)
    counts = strike_counts_of(x.strike for x in tl.steps) if tl.steps else None
    c[2].metric(t("clinic.session.m_forefoot"), format_percent(s.forefoot_share, t.lang))
    if steps := forefoot_steps_text(counts, t):  # under the value: a metric truncates a long one
        c[2].caption(steps)
    c[3].metric(t("clinic.session.m_upright"), format_percent(s.upright_share, t.lang))
    glance_labels = ("clinic.session.m_glances_n", "clinic.session.m_glances")
    glances = glances_metric(
        t, glances=s.glances, per_min=s.glances_per_min, duration_s=s.duration_s, labels=glance_labels
    )
    c[4].metric(*glances)
    c[5].metric(t("clinic.session.m_over"), DASH if s.over_rotations is None else s.over_rotations)


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


def _timeline(tl: Timeline, length: float, t: Translator) -> None:
    sid = tl.session.id
    t_now = float(st.session_state[_keys(sid)[0]])
    st.subheader(t("clinic.timeline.title"))
    st.caption(t("clinic.timeline.caption"))
    if tl.steps:
        key = f"rwr_steps_chart_{sid}"
        st.altair_chart(
            steps_chart(tl, t_now, length, t),
            width="stretch",
            on_select=_on_chart_pick(tl, key),
            selection_mode=STEP_SELECTION,
            key=key,
        )
    tab_steps, tab_glances, tab_signals, tab_summary = st.tabs(
        [
            t("clinic.timeline.tab_steps", n=len(tl.steps)),
            t("clinic.timeline.tab_glances", n=len(tl.glances)),
            t("clinic.timeline.tab_signals"),
            t("clinic.timeline.tab_summary"),
        ]
    )
    with tab_steps:
        if tl.steps:
            key = f"rwr_steps_table_{sid}"
            st.dataframe(
                steps_frame(tl.steps, tl.notes, t),
                on_select=_on_step_row(tl, key),
                selection_mode=ROW_CLICK,
                hide_index=True,
                key=key,
                height=min(36 + 35 * len(tl.steps), 360),
            )
        else:
            st.caption(t("clinic.timeline.no_steps"))
    with tab_glances:
        if tl.glances:
            key = f"rwr_glances_table_{sid}"
            st.dataframe(
                glances_frame(tl.glances, t),
                on_select=_on_glance_row(tl, key),
                selection_mode=ROW_CLICK,
                hide_index=True,
                key=key,
            )
        else:
            st.caption(t("clinic.timeline.no_glances"))
    with tab_signals:
        if tl.seconds:
            st.altair_chart(signals_chart(tl, t_now, length, t), width="stretch")
        else:
            st.caption(t("clinic.timeline.no_seconds"))
    with tab_summary:
        st.dataframe(summary_frame(tl.session, t), hide_index=True)


def _neighbour_step(tl: Timeline, t: float, forward: bool) -> StepInfo | None:
    eps = 1e-3
    if forward:
        return next((s for s in tl.steps if s.contact_time_s > t + eps), None)
    return next((s for s in reversed(tl.steps) if s.contact_time_s < t - eps), None)


def _replay(me: ClinicianAccess, tl: Timeline, length: float, tr_: Translator) -> None:
    s = tl.session
    tkey = _keys(s.id)[0]
    st.subheader(tr_("clinic.replay.title"))
    frame_dt = 1.0 / s.fps if s.fps and s.fps > 0 else 1.0 / 30.0
    if length <= 0:
        st.caption(tr_("clinic.replay.nothing"))
        return
    st.session_state[tkey] = min(max(float(st.session_state[tkey]), 0.0), length)
    t = float(st.session_state[tkey])
    frames = me.landmarks(s.id, max(0.0, t - WINDOW_S), t + WINDOW_S)
    video = me.video_path(s.id) if s.has_video else None
    image = render_replay(frames, t, video=video)
    if image.time_s is None:
        caption = tr_("clinic.replay.no_frame", t=format_number(t, tr_.lang, 2))
    else:
        key = "clinic.replay.at" if image.present else "clinic.replay.nobody"
        caption = tr_(key, t=format_number(image.time_s, tr_.lang, 2), frame=image.frame_index)
    st.image(image.rgb, caption=caption, width="stretch")
    st.slider(tr_("clinic.replay.slider"), 0.0, float(length), step=0.01, key=tkey, format="%.2f")
    c = st.columns(4)
    buttons = (
        ("prev_step", f"rwr_prev_step_{s.id}", _step_button(tl, False)),
        ("prev_frame", f"rwr_prev_f_{s.id}", _shift(s.id, -frame_dt, length)),
        ("next_frame", f"rwr_next_f_{s.id}", _shift(s.id, frame_dt, length)),
        ("next_step", f"rwr_next_step_{s.id}", _step_button(tl, True)),
    )
    for col, (name, key, move) in zip(c, buttons, strict=True):
        col.button(tr_(f"clinic.replay.{name}"), key=key, on_click=move, width="stretch")
    if video is not None:
        with st.expander(tr_("clinic.replay.video"), expanded=False):
            st.video(str(video), start_time=int(t))
            if st.button(tr_("clinic.replay.delete_video"), key=f"rwr_del_video_{s.id}"):
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
    st.subheader(text_of("clinic.notes.title"))
    with st.form(f"rwr_note_form_{sid}", clear_on_submit=True):
        text = st.text_area(
            text_of("clinic.notes.new"), max_chars=20_000, placeholder=text_of("clinic.notes.placeholder")
        )
        targets: list[int | None] = [None] if step is None else [step.id, None]

        def label(target: int | None) -> str:
            if target is None or step is None:
                return text_of("clinic.note.whole")
            return text_of(
                "clinic.note.step",
                number=numbers[step.id],
                foot=shown_value("foot", step.foot, text_of),
                time=format_number(step.contact_time_s, text_of.lang, 2),
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
        if st.form_submit_button(text_of("clinic.notes.save"), icon=":material/note_add:"):
            try:
                on_step = target if step is not None and target == step.id else None
                me.add_note(sid, text, step_id=on_step)
            except ValidationError as exc:
                st.error(md_escape(exc.text(tr())))
            else:
                st.session_state[_SAVED_KEY] = True
                st.rerun()
    notes = me.notes(sid)
    if not notes:
        st.caption(text_of("clinic.notes.none"))
    for note in reversed(notes):
        with st.container(border=True):
            st.caption(note_label(note, numbers, text_of))
            st.markdown(md_escape(note.text, multiline=True))
