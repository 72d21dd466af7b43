"""RetroWalk Coach web app: ``streamlit run app.py`` from the repository (``retrowalk app`` serves
``vision/ui/coach/serve.py``, the same, from anywhere; see docs/app.md). Streamlit finds ``app``
below and serves the pages with the clinic's login-cookie routes (:mod:`vision.ui.coach.serve`)."""

from streamlit.starlette import App

from vision.ui.clinic.cookies import cookie_routes
from vision.ui.coach.launch import MAIN_SCRIPT

if __name__ == "__main__":  # a page script (streamlit.testing AppTest): the pages only
    from vision.ui.coach.main import main

    main()
else:  # imported by `streamlit run app.py` (uvicorn)
    app = App(MAIN_SCRIPT, routes=cookie_routes())
