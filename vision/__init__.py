"""RetroWalk Coach: a computer-vision coach for backward walking."""

__version__ = "0.1.0"
