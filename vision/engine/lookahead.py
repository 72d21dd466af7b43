"""Subject choice with a short look into the future, for recorded video.

Live, a walker who enters the view is recognised only after a few tenths of a second of
walking. A recording can wait: :class:`LookaheadTracker` holds each frame back for
``delay_frames`` and then emits the pose of whoever the backend has decided is the subject
by then, if that person was seen in the held frame. Poses are delayed, never invented.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

import numpy as np

from vision.engine.base import PoseBackend
from vision.pose_frame import PoseFrame


class LookaheadTracker:
    """Wraps a backend; :meth:`push` returns the poses that are ready, in frame order."""

    def __init__(self, backend: PoseBackend, delay_frames: int = 15) -> None:
        self.backend = backend
        self.delay_frames = max(0, int(delay_frames))
        self._held: deque[tuple[PoseFrame, dict[int, PoseFrame]]] = deque()

    def push(self, image_bgr: np.ndarray, timestamp_s: float) -> list[PoseFrame]:
        """Process one frame; return the frames whose subject is now decided (0 or 1)."""
        pose = self.backend.process(image_bgr, timestamp_s)
        self._held.append((pose, dict(self.backend.last_poses)))
        out = []
        while len(self._held) > self.delay_frames:
            out.append(self._emit())
        return out

    def flush(self) -> Iterator[PoseFrame]:
        """The held frames at the end of the stream."""
        while self._held:
            yield self._emit()

    def _emit(self) -> PoseFrame:
        pose, everyone = self._held.popleft()
        decided = self.backend.subject_id
        if decided is not None and decided in everyone and decided != pose.subject_id:
            return everyone[decided]
        return pose
