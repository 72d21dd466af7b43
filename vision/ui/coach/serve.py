"""The app as ``retrowalk app`` and ``streamlit run app.py`` serve it: Streamlit's ASGI app
(``st.App``) running the pages of :mod:`vision.ui.coach.main`, with the clinic's login-cookie
routes mounted beside them (:func:`vision.ui.clinic.cookies.cookie_routes`), so that a clinician
stays logged in across reloads in the main app as in the clinic's own.

``streamlit run`` finds the ``app = App(...)`` assignment in the file it is given and serves it
with uvicorn; run as a plain page script instead (``streamlit.testing`` AppTest), the file draws
the pages without the routes (logins then last as long as the browser tab's session).
"""

from streamlit.starlette import App

from vision.ui.clinic.cookies import cookie_routes
from vision.ui.coach.launch import MAIN_SCRIPT

if __name__ == "__main__":  # a page script (AppTest): the pages only
    from vision.ui.coach.main import main

    main()
else:  # imported by `streamlit run` (uvicorn)
    app = App(MAIN_SCRIPT, routes=cookie_routes())
