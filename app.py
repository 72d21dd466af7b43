"""RetroWalk Coach web app: ``streamlit run app.py`` (see docs/app.md)."""

from vision.app.main import main

main()
