"""The annotated video sink: each frame drawn with the skeleton, the status strip, the cue the
live coach gives at that moment (in the session's language) and the clip's timeline.

The sink draws onto the output copy of the frame (:attr:`FrameResult.image`) and hands it to
``emit`` (the encoder). :attr:`AnnotatedVideoSink.drawn_cues` records every cue it started to
draw, with the words it was given, so that a test can hold the video to the cue log
(``cues.csv``). Drawn text is folded to ASCII for OpenCV's fonts and a cue too wide for the
frame is cut to its first sentence (:func:`vision.session.status.fit_cue`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import cv2
import numpy as np

from vision.core.events import GlanceEvent, StepEvent
from vision.feedback import Translator, fold_ascii
from vision.overlay import BAD, draw_skeleton, draw_status_strip
from vision.overlay_timeline import TimelineStrip
from vision.pose_frame import PoseFrame
from vision.session.coach import FrameResult
from vision.session.status import fit_cue, status_items
from vision.session.summary import SessionSummary

Emit = Callable[[np.ndarray, float], None]
"""``emit(image, time_s)``: the drawn frame goes to the encoder."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DrawnCue:
    """A cue as the annotated video showed it: start (stream s), kind, priority, words."""

    time_s: float
    kind: str
    priority: int
    text: str


class AnnotatedVideoSink:
    """Draws every frame's result and passes it on (see the module docstring)."""

    def __init__(
        self,
        emit: Emit,
        *,
        duration_s: float,
        out_per_video_px: float,
        lang: str = "en",
        no_glance_s: float = 20.0,
    ) -> None:
        """``out_per_video_px``: output pixels per pixel of the original video."""
        self._emit = emit
        self.duration_s = duration_s
        self.out_per_video_px = out_per_video_px
        self.tr = Translator(lang)
        self.no_glance_s = no_glance_s
        self.timeline = TimelineStrip(duration_s)
        self.drawn_cues: list[DrawnCue] = []

    def on_frame(self, result: FrameResult) -> None:
        image = result.image
        if image is None:
            return
        self._note(result)
        pose = _scaled(result.pose, result.to_video_scale * self.out_per_video_px)
        if pose.present:
            draw_skeleton(image, pose)
        items = status_items(result.metrics, result.counters, self.tr, no_glance_s=self.no_glance_s)
        text = None
        if result.cue is not None and result.cue_words:
            h, w = image.shape[:2]
            text = fit_cue(fold_ascii(result.cue_words), w, h)
        draw_status_strip(image, list(items), text)
        self.timeline.draw(image, result.metrics.time_s)
        if result.cue is not None and result.cue.critical:
            h, w = image.shape[:2]
            cv2.rectangle(image, (0, 0), (w - 1, h - 1), BAD, max(4, round(max(h, w) / 60)))
        self._emit(image, result.metrics.time_s)

    def _note(self, r: FrameResult) -> None:
        for e in r.events:
            if isinstance(e, StepEvent) and e.kind == "contact":
                self.timeline.add_contact(e.time_s, e.foot.value, e.strike.value)
            elif isinstance(e, GlanceEvent):
                self.timeline.add_glance(e.start_time_s, e.end_time_s)
        cue = r.new_cue
        if cue is not None:
            self.drawn_cues.append(
                DrawnCue(
                    time_s=cue.started_s, kind=cue.kind.value, priority=cue.priority, text=r.cue_words or ""
                )
            )

    def close(self, summary: SessionSummary) -> None:
        """Nothing left to draw (the encoder is closed by whoever owns it)."""


def _scaled(pose: PoseFrame, scale: float) -> PoseFrame:
    if scale == 1.0 or not pose.present:
        return pose
    return replace(pose, xy=pose.xy * np.float32(scale))
