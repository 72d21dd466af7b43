"""The Streamlit pages of RetroWalk Coach (live coach, analyze a video, my sessions); see docs/app.md."""
