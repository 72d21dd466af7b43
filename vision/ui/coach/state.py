"""Per-browser-session state of the app and the sidebar settings (language, cues, speech, storage).

Everything is kept in ``st.session_state`` under keys starting with ``rw_``. Environment
knobs (for deployments, tests and benchmarks):

- ``RETROWALK_DATA_DIR`` — where sessions and analyses are kept (see ``vision.clinic.config``);
- ``RETROWALK_LIVE_STATS`` — write live throughput/latency statistics (JSON) to this file;
- ``RETROWALK_LOCAL_CAMERA`` — default source of the local-camera mode (index or video file);
- ``RETROWALK_ICE_SERVERS`` — JSON list of ICE servers for WebRTC (default: none, LAN only).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from vision.clinic.config import resolve_data_dir
from vision.feedback import LANGUAGE_NAMES, LANGUAGES, SWITCHABLE, CueConfig, CueKind
from vision.live import LiveHolder, LiveSettings, suggested_minutes
from vision.ui.common.database import database
from vision.ui.common.lang import LANG_KEY, keep_lang_in_url, lang, tr


@dataclass(frozen=True)
class UiSettings:
    """The sidebar's choices."""

    lang: str
    speak: bool
    cues_on_video: bool
    status_on_video: bool
    enabled: frozenset[CueKind]
    no_glance_s: float
    week: int
    goal_min: float
    keep_video: bool
    home_code: str

    def live(self, stats_path: Path | None = None) -> LiveSettings:
        """The settings of a live session started now."""
        cues = CueConfig(no_glance_s=self.no_glance_s, goal_s=60.0 * self.goal_min, enabled=self.enabled)
        return LiveSettings(
            lang=self.lang,
            cues=cues,
            show_cues_on_video=self.cues_on_video,
            show_status_on_video=self.status_on_video,
            keep_video=self.keep_video,
            data_dir=data_dir(),
            clinic_start=clinic_starter(self.home_code),
            stats_path=stats_path if stats_path is not None else env_stats_path(),
        )


def data_dir() -> Path:
    """The data folder (``RETROWALK_DATA_DIR`` or the default), created if needed."""
    path = resolve_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def env_stats_path() -> Path | None:
    value = os.environ.get("RETROWALK_LIVE_STATS")
    return Path(value) if value else None


def ice_servers() -> list:
    """ICE servers for WebRTC from ``RETROWALK_ICE_SERVERS`` (JSON), default none."""
    try:
        value = json.loads(os.environ.get("RETROWALK_ICE_SERVERS", "[]"))
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def holder() -> LiveHolder:
    """This browser session's live coach."""
    if "rw_holder" not in st.session_state:
        st.session_state["rw_holder"] = LiveHolder()
    return st.session_state["rw_holder"]


HOME_CHECK_KEY = "rw_home_checked"
"""``st.session_state`` key of the last home code checked and the refusal (a ``ClinicError``, or None)."""


def client_address() -> str:
    """The browser's address as the server sees it (for the home codes' per-address limit)."""
    return str(st.context.ip_address or "")


def clinic_starter(code: str):
    """``start_session`` of the patient whose home code was entered (None without a code or for
    a refused one). Called once per session start, so a code revoked meanwhile is refused."""
    code = code.strip()
    if not code:
        return None
    from vision.clinic import ClinicError, open_home

    try:
        patient = open_home(database(), code, client=client_address())
    except ClinicError:
        return None
    return patient.start_session


def check_home_code(code: str) -> str | None:
    """None when the code is valid (or empty); else the refusal, in the user's language.

    A code is checked once when it is entered, not at every rerun of the page: every refused
    check counts toward the home codes' failure limits."""
    code = code.strip()
    if not code:
        return None
    checked = st.session_state.get(HOME_CHECK_KEY)
    if not (isinstance(checked, tuple) and checked[0] == code):
        from vision.clinic import ClinicError, open_home

        try:
            open_home(database(), code, client=client_address())
            checked = (code, None)
        except ClinicError as exc:
            checked = (code, exc)
        st.session_state[HOME_CHECK_KEY] = checked
    reason = checked[1]
    return None if reason is None else reason.text(tr())


def _init(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


SETTING_DEFAULTS: dict[str, object] = {
    "rw_speak": True,
    "rw_cues_video": True,
    "rw_status_video": True,
    "rw_no_glance": 20,
    "rw_week": 1,
    "rw_keep_video": False,
    "rw_home_code": "",
    **{f"rw_cue_{kind.value}": True for kind in SWITCHABLE},
}
"""The patient's settings (``st.session_state`` key → first value)."""


def language_picker() -> None:
    """The language choice in the sidebar, on every page (coach and clinic). The choice is set
    again before the box is drawn: a page switch (``st.switch_page``, a click on a clinic table
    row) would otherwise bring the box back to its default, English. A new session (a reload)
    starts with the URL's ``?lang=``; a choice is written back to the URL."""
    st.session_state[LANG_KEY] = lang()
    with st.sidebar:
        st.selectbox(
            "Language / Sprache",
            LANGUAGES,
            format_func=lambda c: LANGUAGE_NAMES[c],
            key=LANG_KEY,
            on_change=keep_lang_in_url,
        )
    keep_lang_in_url()


def keep_settings() -> None:
    """Keep the patient's settings while a page without them (the clinic's) is shown: Streamlit
    forgets the value of a widget that a run does not draw, unless the run sets it itself."""
    for key, value in SETTING_DEFAULTS.items():
        st.session_state[key] = st.session_state.get(key, value)


def sidebar() -> UiSettings:
    """Draw the patient's settings in the sidebar (coach pages only) and return them."""
    for key, value in SETTING_DEFAULTS.items():
        _init(key, value)
    with st.sidebar:
        t = tr()
        st.header(t("ui.settings.title"))
        st.toggle(t("ui.settings.speak"), key="rw_speak")
        st.toggle(t("ui.settings.cues_video"), key="rw_cues_video")
        st.toggle(t("ui.settings.status_video"), key="rw_status_video")
        st.number_input(t("ui.settings.week"), min_value=1, max_value=52, step=1, key="rw_week")
        week = int(st.session_state["rw_week"])
        st.caption(t("ui.settings.week_help", minutes=f"{suggested_minutes(week):.0f}"))
        with st.expander(t("ui.settings.cues")):
            for kind in SWITCHABLE:
                st.checkbox(t(f"cuekind.{kind.value}"), key=f"rw_cue_{kind.value}")
            st.caption(t("ui.settings.cues_help"))
            st.slider(t("ui.settings.no_glance"), 10, 60, step=5, key="rw_no_glance")
        with st.expander(t("ui.settings.storage")):
            st.caption(t("ui.settings.storage_help", folder=str(data_dir())))
            st.checkbox(t("ui.settings.keep_video"), key="rw_keep_video")
            st.text_input(t("ui.settings.home_code"), type="password", key="rw_home_code")
            problem = check_home_code(st.session_state["rw_home_code"])
            if problem:
                st.warning(problem)
    enabled = frozenset(k for k in SWITCHABLE if st.session_state[f"rw_cue_{k.value}"])
    return UiSettings(
        lang=lang(),
        speak=bool(st.session_state["rw_speak"]),
        cues_on_video=bool(st.session_state["rw_cues_video"]),
        status_on_video=bool(st.session_state["rw_status_video"]),
        enabled=enabled,
        no_glance_s=float(st.session_state["rw_no_glance"]),
        week=week,
        goal_min=suggested_minutes(week),
        keep_video=bool(st.session_state["rw_keep_video"]),
        home_code=str(st.session_state["rw_home_code"]),
    )
