"""The annotated video's timeline strip: the whole clip's time axis along the bottom of each
frame, glances shaded, contacts as ticks coloured by strike class, a line at the current time.

The marks are drawn once, when they happen, into two layers kept by :class:`TimelineStrip`
(glances under contacts); each frame only darkens its strip and copies the layers' marked
pixels over it. So a frame costs the same after an hour as after a second (the old per-frame
redraw of every contact took ≈17 ms a frame after an hour's 6000 steps).
"""

from __future__ import annotations

import cv2
import numpy as np

from vision.overlay import BAD, CENTRE_COLOUR, GOOD, WARN, overlay_scale

STRIP_PX = 26
"""Height of the strip at 960 px (scaled with the frame like the other overlays)."""
MARGIN_PX = 8
"""Left and right margin of the time axis at 960 px."""
DARKEN = 0.35
"""Brightness kept of the video under the strip (0..1)."""
GLANCE_COLOUR = (120, 90, 40)
NOW_COLOUR = (255, 255, 255)
STRIKE_COLOURS = {"forefoot": GOOD, "flat": WARN, "heel": BAD}
"""BGR tick colour per strike class; any other class (unknown) is drawn in the centre colour."""


class _Layer:
    """An image-sized strip of marks and the mask of the pixels they cover."""

    def __init__(self, h: int, w: int) -> None:
        self.image = np.zeros((h, w, 3), np.uint8)
        self.mask = np.zeros((h, w), np.uint8)

    def rectangle(self, p0: tuple[int, int], p1: tuple[int, int], colour: tuple[int, int, int]) -> None:
        cv2.rectangle(self.image, p0, p1, colour, -1)
        cv2.rectangle(self.mask, p0, p1, 255, -1)

    def line(
        self, p0: tuple[int, int], p1: tuple[int, int], colour: tuple[int, int, int], width: int
    ) -> None:
        cv2.line(self.image, p0, p1, colour, width)
        cv2.line(self.mask, p0, p1, 255, width)

    def paint(self, roi: np.ndarray) -> None:
        np.copyto(roi, self.image, where=self.mask[..., None].astype(bool))


class TimelineStrip:
    """Timeline of one clip of ``duration_s`` seconds; marks are added as they happen."""

    def __init__(self, duration_s: float) -> None:
        self.duration_s = duration_s
        self.contacts: list[tuple[float, str, str]] = []
        """(time s, foot 'left'/'right', strike class) of every contact so far."""
        self.glances: list[tuple[float, float]] = []
        """(start s, end s) of every glance so far."""
        self._size: tuple[int, int] | None = None
        self._glance_layer: _Layer | None = None
        self._contact_layer: _Layer | None = None

    def add_contact(self, time_s: float, foot: str, strike: str) -> None:
        self.contacts.append((time_s, foot, strike))
        if self._contact_layer is not None:
            self._draw_contact(time_s, foot, strike)

    def add_glance(self, start_s: float, end_s: float) -> None:
        self.glances.append((start_s, end_s))
        if self._glance_layer is not None:
            self._draw_glance(start_s, end_s)

    def draw(self, image: np.ndarray, t_now_s: float) -> None:
        """Draw the strip in place at the bottom of the BGR ``image``."""
        if self.duration_s <= 0:
            return
        h, w = image.shape[:2]
        if self._size != (h, w):
            self._layout(h, w)
        roi = image[h - self._strip_h :]
        roi[:] = (roi * DARKEN).astype(np.uint8)
        self._glance_layer.paint(roi)
        self._contact_layer.paint(roi)
        x = self._x_of(t_now_s)
        cv2.line(roi, (x, 0), (x, self._strip_h), NOW_COLOUR, self._width)

    def _layout(self, h: int, w: int) -> None:
        """(Re)build the layers for frames of ``h`` × ``w`` and draw every mark so far."""
        s = overlay_scale(h, w)
        self._size = (h, w)
        self._strip_h = round(STRIP_PX * s)
        self._margin = MARGIN_PX * s
        self._axis_w = w - 2 * MARGIN_PX * s
        self._width = max(1, round(2 * s))
        self._glance_layer = _Layer(self._strip_h, w)
        self._contact_layer = _Layer(self._strip_h, w)
        for a, b in self.glances:
            self._draw_glance(a, b)
        for t, foot, strike in self.contacts:
            self._draw_contact(t, foot, strike)

    def _x_of(self, t: float) -> int:
        return round(self._margin + self._axis_w * min(max(t / self.duration_s, 0.0), 1.0))

    def _draw_glance(self, start_s: float, end_s: float) -> None:
        xa = self._x_of(start_s)
        self._glance_layer.rectangle(
            (xa, 2), (max(self._x_of(end_s), xa + 2), self._strip_h - 2), GLANCE_COLOUR
        )

    def _draw_contact(self, time_s: float, foot: str, strike: str) -> None:
        x, half = self._x_of(time_s), self._strip_h // 2
        top = 3 if foot == "left" else half
        colour = STRIKE_COLOURS.get(strike, CENTRE_COLOUR)
        self._contact_layer.line((x, top), (x, top + half - 4), colour, width=self._width)
