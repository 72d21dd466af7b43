"""RetroWalk Coach web app: ``streamlit run app.py`` from the repository (``retrowalk app`` runs
``vision/ui/coach/main.py`` itself, from anywhere; see docs/app.md)."""

from vision.ui.coach.main import main

main()
