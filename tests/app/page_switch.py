"""Open a page of the app's ``st.navigation`` by its url path in ``streamlit.testing`` AppTest.

AppTest's ``switch_page`` takes page *files*; the app's pages are functions, which Streamlit
identifies by the hash of their url path (``st.Page._script_hash``), so that is what is set."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash


def open_page(at: AppTest, url_path: str) -> AppTest:
    """Run ``at`` on the page registered under ``url_path`` (e.g. ``"clinic"``, ``"analyze"``)."""
    at._page_hash = calc_hash(url_path)
    return at.run()
