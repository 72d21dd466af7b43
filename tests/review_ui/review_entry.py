"""Streamlit entry script of the review UI tests (``streamlit run tests/review_ui/review_entry.py``
with ``RETROWALK_DATA_DIR`` pointing at a seeded data folder)."""

from vision.ui.clinic import render_review

render_review()
