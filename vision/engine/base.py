"""The interface every pose backend offers, and what it reports about the people it sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from vision.pose_frame import PoseFrame


@dataclass(frozen=True, kw_only=True, slots=True)
class PersonView:
    """A person the backend currently tracks: id, (x0, y0, x1, y1) pixel box, walking score."""

    track_id: int
    box: np.ndarray
    is_subject: bool
    walking_score: float | None


class PoseBackend(Protocol):
    """Frames in (BGR uint8, with a timestamp), the subject's :class:`PoseFrame` out."""

    name: str
    last_poses: dict[int, PoseFrame]
    """Poses of every person refreshed in the last frame, by track id (the subject included)."""

    @property
    def subject_id(self) -> int | None:
        """The subject's track id as currently decided."""
        ...

    def process(self, image_bgr: np.ndarray, timestamp_s: float) -> PoseFrame:
        """Pose of the subject in this frame; timestamps must increase."""
        ...

    def people(self) -> list[PersonView]:
        """People tracked after the last frame, left to right."""
        ...

    def select_subject(self, *, index: int | None = None, point: tuple[float, float] | None = None) -> bool:
        """Pin the subject: by index into :meth:`people` or by an image point (pixels).

        Returns False when nobody matches. ``index=None, point=None`` unpins (back to the walker).
        """
        ...

    def reset(self) -> None:
        """Forget all people and history (a new recording)."""
        ...

    def close(self) -> None:
        """Release model resources."""
        ...


def pick_person(
    people: list[PersonView], index: int | None = None, point: tuple[float, float] | None = None
) -> int | None:
    """Track id chosen by index into ``people`` (left to right) or by the box nearest a pixel point."""
    if index is not None:
        return people[index].track_id if 0 <= index < len(people) else None
    if point is None or not people:
        return None
    x, y = point
    inside = [p for p in people if p.box[0] <= x <= p.box[2] and p.box[1] <= y <= p.box[3]]

    def dist(p: PersonView) -> float:
        return float(np.hypot(x - (p.box[0] + p.box[2]) / 2, y - (p.box[1] + p.box[3]) / 2))

    return min(inside or people, key=dist).track_id


def choose_subject(
    selector, people: list[PersonView], *, index: int | None = None, point: tuple[float, float] | None = None
) -> bool:
    """Pin ``selector`` (a :class:`~vision.engine.subject.SubjectSelector`) to the person picked by
    ``index`` or ``point`` (:func:`pick_person`), or unpin it when neither is given; False when
    the asked-for person is not in ``people``. Both backends' ``select_subject`` is this."""
    if index is None and point is None:
        selector.unpin()
        return True
    chosen = pick_person(people, index, point)
    if chosen is None:
        return False
    selector.pin(chosen)
    return True
