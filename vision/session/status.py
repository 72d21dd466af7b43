"""The status strip and cue text every annotated picture shows (live video and annotated video).

Texts are translated (:class:`~vision.feedback.Translator`) and folded to ASCII for OpenCV's
Hershey fonts.
"""

from __future__ import annotations

import cv2

from vision.core.events import FrameMetrics
from vision.feedback.i18n import Translator, fold_ascii
from vision.overlay import BAD, CENTRE_COLOUR, GOOD, WARN, StatusItem
from vision.session.counters import CounterValues

_STRIKE_COLOUR = {"forefoot": GOOD, "flat": WARN, "heel": BAD, "unknown": CENTRE_COLOUR}
TEXT_WIDTH_PX = 960.0
"""Frame width at which :mod:`vision.overlay` draws text at scale 1."""
TEXT_MARGIN_PX = 24
"""Room left beside the cue line (pixels at scale 1)."""


def status_items(
    m: FrameMetrics, c: CounterValues, tr: Translator, *, no_glance_s: float
) -> tuple[StatusItem, ...]:
    """The status strip: posture, head, glance, last strikes, steps (translated, ASCII)."""
    items: list[StatusItem] = []
    if not m.present:
        return (StatusItem(fold_ascii(tr("status.no_person")), WARN),)
    if m.upright is True:
        items.append(StatusItem(fold_ascii(tr("status.upright")), GOOD))
    elif m.upright is False:
        items.append(StatusItem(fold_ascii(tr("status.not_upright")), BAD))
    else:
        items.append(StatusItem(fold_ascii(tr("status.posture_unknown")), CENTRE_COLOUR))
    if m.looking_down:
        items.append(StatusItem(fold_ascii(tr("status.looking_down")), BAD))
    since = m.time_since_glance_s
    if m.in_glance:
        items.append(StatusItem(fold_ascii(tr("status.glancing")), GOOD))
    elif since == since:
        colour = GOOD if since < no_glance_s else WARN
        items.append(StatusItem(fold_ascii(tr("status.glance_ago", seconds=f"{since:.0f}")), colour))
    else:
        items.append(StatusItem(fold_ascii(tr("status.no_glance_yet")), CENTRE_COLOUR))
    if c.last_strikes:
        items.append(StatusItem(fold_ascii(tr("status.last_steps"))))
        for s in c.last_strikes:
            items.append(
                StatusItem(fold_ascii(tr(f"strike.letter.{s}")), _STRIKE_COLOUR.get(s, CENTRE_COLOUR))
            )
    items.append(StatusItem(fold_ascii(tr("status.steps", n=c.steps))))
    return tuple(items)


def fit_cue(text: str, width_px: int, height_px: int) -> str:
    """``text`` if it fits on one line of a frame of that size (as the status strip draws the
    cue), else its first sentence (or as many words as fit, with '...')."""
    s = max(width_px, height_px, 1) / TEXT_WIDTH_PX
    room = width_px - TEXT_MARGIN_PX * s

    def wide(t: str) -> float:
        return cv2.getTextSize(t, cv2.FONT_HERSHEY_SIMPLEX, 1.0 * s, max(2, round(2 * s)))[0][0]

    if wide(text) <= room:
        return text
    first = text.split(". ")[0].rstrip(".") + "."
    if wide(first) <= room:
        return first
    words = text.split()
    while len(words) > 1 and wide(" ".join(words) + "...") > room:
        words.pop()
    return " ".join(words) + "..."
