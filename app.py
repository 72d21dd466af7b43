"""RetroWalk Coach web app: ``streamlit run app.py`` from the repository (``retrowalk app`` runs
``vision/app/main.py`` itself, from anywhere; see docs/app.md)."""

from vision.app.main import main

main()
