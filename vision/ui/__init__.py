"""The Streamlit user interface, one package on top of everything else (nothing imports it but
``app.py`` and the ``retrowalk app`` command):

- :mod:`vision.ui.coach` — the patient's pages: live coach, analyze a video, my sessions;
- :mod:`vision.ui.clinic` — the clinician's pages on top of the data layer :mod:`vision.clinic`;
- :mod:`vision.ui.common` — what both use: the one database cache, the translator of the chosen
  language, the escaping of user text.
"""
