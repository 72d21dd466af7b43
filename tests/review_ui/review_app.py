"""The review UI tests' server with the login-cookie routes: ``streamlit run
tests/review_ui/review_app.py`` (Streamlit finds ``app`` and serves it with uvicorn); the pages
are those of ``review_entry.py``. The main app mounts the routes the same way (docs/clinic.md)."""

from streamlit.starlette import App

from vision.ui.clinic.cookies import cookie_routes

app = App("review_entry.py", routes=cookie_routes())
