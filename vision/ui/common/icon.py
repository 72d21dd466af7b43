"""The app's page icon, drawn here: no icon font or emoji image fetched from a server.

A white walking figure with an arrow pointing back, on a teal rounded square. Streamlit serves
the image from this machine (as a media file), so the favicon needs no outside request.
"""

from __future__ import annotations

import functools

import cv2
import numpy as np

SIZE_PX = 64
"""Icon side (pixels); browsers scale it down for the tab."""
BACKGROUND_RGB = (0, 128, 128)
FIGURE_RGB = (255, 255, 255)
CORNER_PX = 12
"""Radius of the rounded corners (pixels)."""
LINE_PX = 5
"""Stroke width of the figure (pixels)."""


def _rounded_square() -> np.ndarray:
    """An RGBA square, transparent outside the rounded corners."""
    img = np.zeros((SIZE_PX, SIZE_PX, 4), np.uint8)
    r, s = CORNER_PX, SIZE_PX - 1
    colour = (*BACKGROUND_RGB, 255)
    cv2.rectangle(img, (r, 0), (s - r, s), colour, -1)
    cv2.rectangle(img, (0, r), (s, s - r), colour, -1)
    for cx, cy in ((r, r), (s - r, r), (r, s - r), (s - r, s - r)):
        cv2.circle(img, (cx, cy), r, colour, -1, cv2.LINE_AA)
    return img


def icon_rgba() -> np.ndarray:
    """The icon as an RGBA array of shape ``(SIZE_PX, SIZE_PX, 4)``, uint8."""
    img = _rounded_square()
    ink = (*FIGURE_RGB, 255)
    aa = cv2.LINE_AA
    cv2.circle(img, (38, 13), 6, ink, -1, aa)  # head
    strokes = (
        ((37, 21), (35, 38)),  # trunk
        ((35, 38), (42, 50)),  # front leg: thigh
        ((42, 50), (40, 58)),  # shin
        ((35, 38), (29, 48)),  # back leg (reaching back): thigh
        ((29, 48), (24, 56)),  # shin
        ((37, 24), (44, 33)),  # arm
        ((37, 24), (30, 32)),  # arm
        ((22, 24), (8, 24)),  # arrow shaft: walking backward (to the left)
    )
    for a, b in strokes:
        cv2.line(img, a, b, ink, LINE_PX, aa)
    cv2.fillPoly(img, [np.array([(4, 24), (13, 17), (13, 31)], np.int32)], ink, aa)  # arrow head
    return img


@functools.cache
def page_icon() -> bytes:
    """The icon as PNG bytes, for ``st.set_page_config(page_icon=...)`` (an array is not taken
    there: Streamlit compares the icon with a string)."""
    ok, png = cv2.imencode(".png", cv2.cvtColor(icon_rgba(), cv2.COLOR_RGBA2BGRA))
    if not ok:
        raise ValueError("PNG encoding of the icon failed")
    return png.tobytes()
