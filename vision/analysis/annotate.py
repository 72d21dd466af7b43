"""Drawing one analysed frame: skeleton, status labels, the latest event, the timeline strip."""

from __future__ import annotations

from vision.core import CoachConfig, Event, FallEvent, FrameMetrics, GlanceEvent, StepEvent
from vision.core.events import LeavingFrameEvent, OverRotationEvent
from vision.overlay import BAD, GOOD, WARN, StatusItem, draw_skeleton, draw_status_strip, draw_timeline
from vision.pose_frame import PoseFrame

_STRIKE_COLOUR = {"forefoot": GOOD, "flat": WARN, "heel": BAD}
_SHOW_S = 1.2


class Annotator:
    """Keeps what the strips show (contacts and glances so far, the last message) across frames."""

    def __init__(self, duration_s: float, cfg: CoachConfig) -> None:
        self.duration_s = duration_s
        self.cfg = cfg
        self.contacts: list[tuple[float, str, str]] = []
        self.glances: list[tuple[float, float]] = []
        self._message: tuple[str, float] | None = None
        self._last_strike = "—"

    def _note(self, events: list[Event], t: float) -> None:
        for ev in sorted(events, key=lambda e: e.priority):
            if isinstance(ev, StepEvent) and ev.kind == "contact":
                self.contacts.append((ev.time_s, ev.foot.value, ev.strike.value))
                self._last_strike = f"{ev.foot.value} {ev.strike.value}"
                if ev.strike.value == "heel":
                    self._message = ("Heel strike - land on the ball of the foot", t)
            elif isinstance(ev, GlanceEvent):
                self.glances.append((ev.start_time_s, ev.end_time_s))
            elif isinstance(ev, OverRotationEvent):
                self._message = ("Glance shorter - do not over-twist the neck", t)
            elif isinstance(ev, LeavingFrameEvent):
                self._message = (f"Leaving the view ({ev.edge})", t)
            elif isinstance(ev, FallEvent):
                self._message = (f"{ev.kind.upper()} DETECTED", t + 3.0)

    def draw(self, image, pose: PoseFrame, m: FrameMetrics, events: list[Event], scale: float) -> None:
        """Draw onto ``image`` (the output frame); ``scale`` maps pose pixels to it."""
        self._note(events, m.time_s)
        if pose.present:
            draw_skeleton(image, _scaled(pose, scale))
        items: list[StatusItem] = []
        if not pose.present:
            items.append(StatusItem("no subject", WARN))
        else:
            lean = m.trunk_lean_deg
            if lean == lean:
                items.append(StatusItem(f"trunk {lean:+.0f} deg", GOOD if m.upright else BAD))
            yaw = m.head_yaw_deg
            if yaw == yaw:
                items.append(StatusItem(f"head {yaw:+.0f} deg", WARN if m.in_glance else GOOD))
            if m.looking_down:
                items.append(StatusItem("looking down", BAD))
            strike = self._last_strike.split(" ")[-1]
            items.append(StatusItem(f"last step: {self._last_strike}", _STRIKE_COLOUR.get(strike, WARN)))
            items.append(StatusItem(m.direction.value, GOOD if m.direction.value == "backward" else WARN))
        items.append(StatusItem(f"steps {len(self.contacts)}"))
        message = None
        if self._message and m.time_s - self._message[1] < _SHOW_S:
            message = self._message[0]
        draw_status_strip(image, items, message)
        draw_timeline(image, m.time_s, self.duration_s, self.contacts, self.glances)


def _scaled(pose: PoseFrame, scale: float) -> PoseFrame:
    if scale == 1.0:
        return pose
    from dataclasses import replace

    return replace(pose, xy=pose.xy * scale)
