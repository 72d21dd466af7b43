"""The clinic database of the app: one per server process, shared by the coach and clinic pages."""

from __future__ import annotations

import streamlit as st

from vision.clinic import Database


@st.cache_resource(show_spinner=False)
def database() -> Database:
    """The clinic database (``$RETROWALK_DB_URL`` or SQLite in the data folder), opened once per
    process."""
    return Database.open()
