"""Fit scripts: parameters of the core fitted on labelled rendered clips (``python -m vision.fit.<name>``)."""
