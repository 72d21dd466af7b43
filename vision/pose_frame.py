"""The per-frame value type that every stage downstream of the pose engine consumes.

Shapes (N = 33 BlazePose landmarks, indexed by :class:`vision.landmarks.LM`):

- ``xy``          (N, 2) float32, image pixels of the *original* frame (x right, y down).
- ``z``           (N,)   float32, depth relative to the hip midpoint, in the same pixel scale
                         as x (smaller = nearer the camera), as BlazePose defines it.
- ``visibility``  (N,)   float32 in [0, 1]: probability the landmark is visible (not occluded).
- ``presence``    (N,)   float32 in [0, 1]: probability the landmark is inside the image.
- ``world``       (N, 3) float32, metres, origin at the hip midpoint, y down (BlazePose world).

When no subject is present all arrays are NaN and ``subject_id`` is ``None``.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field

import numpy as np

from vision.landmarks import NUM_LANDMARKS


def _nan(shape: tuple[int, ...]) -> np.ndarray:
    return np.full(shape, np.nan, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class PoseFrame:
    """The subject's pose in one video frame (or the statement that there is none)."""

    frame_index: int
    """Frame number in decode order, counting from 0."""
    timestamp_s: float
    """Presentation time of the frame in seconds from the start of the stream."""
    image_size: tuple[int, int]
    """(width, height) of the original frame in pixels, after rotation metadata is applied."""
    _: KW_ONLY
    xy: np.ndarray = field(default_factory=lambda: _nan((NUM_LANDMARKS, 2)))
    z: np.ndarray = field(default_factory=lambda: _nan((NUM_LANDMARKS,)))
    visibility: np.ndarray = field(default_factory=lambda: _nan((NUM_LANDMARKS,)))
    presence: np.ndarray = field(default_factory=lambda: _nan((NUM_LANDMARKS,)))
    world: np.ndarray = field(default_factory=lambda: _nan((NUM_LANDMARKS, 3)))
    subject_id: int | None = None
    """Stable id of the tracked subject; ``None`` when no subject is present."""
    score: float = 0.0
    """Pose presence score of the subject in [0, 1] (0 when absent)."""
    num_people: int = 0
    """How many people the engine saw in this frame (the subject included)."""

    @property
    def present(self) -> bool:
        """True when a subject was found in this frame."""
        return self.subject_id is not None

    @property
    def xy_norm(self) -> np.ndarray:
        """(N, 2) landmarks normalized to [0, 1] by image width and height."""
        w, h = self.image_size
        return self.xy / np.array([w, h], dtype=np.float32)

    @classmethod
    def absent(
        cls, frame_index: int, timestamp_s: float, image_size: tuple[int, int], *, num_people: int = 0
    ) -> PoseFrame:
        """A frame in which no subject is present."""
        return cls(frame_index, timestamp_s, image_size, num_people=num_people)

    def bbox(self, min_visibility: float = 0.0) -> np.ndarray | None:
        """(x0, y0, x1, y1) pixel box around the landmarks with at least ``min_visibility``."""
        if not self.present:
            return None
        keep = self.visibility >= min_visibility
        if not keep.any():
            return None
        pts = self.xy[keep]
        return np.concatenate([pts.min(axis=0), pts.max(axis=0)])
