"""Landmark extraction and small geometric helpers shared by the core's estimators.

The streaming core works on Python floats: one vectorized gather per frame turns the 17 landmarks
it needs into lists (:func:`extract`), after which scalar ``math`` is faster than numpy calls.
Missing landmarks are NaN, and NaN propagates through every helper here.
"""

from __future__ import annotations

import math

import numpy as np

from vision.landmarks import LM

# Positions of the gathered landmarks in the lists returned by ``Extractor``: the 11 face
# landmarks keep their BlazePose numbers (0..10), then the body points follow.
NOSE, L_EYE, R_EYE, L_EAR, R_EAR = int(LM.NOSE), int(LM.LEFT_EYE), int(LM.RIGHT_EYE), 7, 8
N_FACE = 11
L_SH, R_SH, L_HIP, R_HIP = 11, 12, 13, 14
L_KNEE, R_KNEE, L_ANK, R_ANK = 15, 16, 17, 18
L_HEEL, R_HEEL, L_TOE, R_TOE = 19, 20, 21, 22
N_POINTS = 23
NAN = float("nan")

GATHER = np.array(
    [
        *range(N_FACE),
        LM.LEFT_SHOULDER,
        LM.RIGHT_SHOULDER,
        LM.LEFT_HIP,
        LM.RIGHT_HIP,
        LM.LEFT_KNEE,
        LM.RIGHT_KNEE,
        LM.LEFT_ANKLE,
        LM.RIGHT_ANKLE,
        LM.LEFT_HEEL,
        LM.RIGHT_HEEL,
        LM.LEFT_FOOT_INDEX,
        LM.RIGHT_FOOT_INDEX,
    ],
    dtype=np.intp,
)
"""Landmark index (``LM``) of each gathered point."""

RAD2DEG = 180.0 / math.pi


class Extractor:
    """Gathers the core's 23 landmarks of a frame into float lists (one numpy gather each).

    Body landmarks that are non-finite, below ``min_visibility`` or outside the image
    (presence < ``min_presence``) become NaN. Face landmarks use the lower ``min_face_visibility``: the head
    pose fit (:mod:`vision.core.glance`) uses every face point whose position is plausible.
    Also returns the bit mask of the valid face points (bit j = landmark j).
    """

    __slots__ = ("_min_presence", "_nan", "_plan")

    def __init__(
        self,
        min_visibility: float,
        min_face_visibility: float,
        min_leg_visibility: float | None = None,
        *,
        min_presence: float = 0.5,
    ) -> None:
        self._min_presence = min_presence
        legs = min_visibility if min_leg_visibility is None else min_leg_visibility
        thr = (
            [min_face_visibility] * N_FACE
            + [min_visibility] * (L_KNEE - N_FACE)
            + [legs] * (N_POINTS - L_KNEE)
        )
        # Per gathered point j: its visibility threshold and its face-mask bit.
        self._plan = tuple((j, thr[j], (1 << j) if j < N_FACE else 0) for j in range(N_POINTS))
        self._nan = [NAN] * N_POINTS

    def __call__(
        self, xy: np.ndarray, visibility: np.ndarray, presence: np.ndarray, *, width: float, height: float
    ) -> tuple[list, list, int]:
        """(xs, ys, face_mask): pixel lists of the 23 gathered points (NaN where missing).

        Points farther than one image size outside the image are implausible and dropped.
        """
        try:
            flat = xy.take(GATHER, axis=0).ravel().tolist()  # take: cheaper than xy[GATHER]
            vis = visibility[GATHER].tolist()
            pres = presence[GATHER].tolist()
            if len(flat) != 2 * N_POINTS:
                raise ValueError
        except (ValueError, TypeError, IndexError, AttributeError):
            return self._nan[:], self._nan[:], 0
        xs = flat[0::2]
        ys = flat[1::2]
        min_pres = self._min_presence
        mask = 0
        x0, x1, y0, y1 = -width, 2.0 * width, -height, 2.0 * height
        for j, thr, bit in self._plan:
            x = xs[j]
            y = ys[j]
            # NaN and ±inf fail the range tests; NaN presence (unknown) keeps the point.
            if vis[j] >= thr and not pres[j] < min_pres and x0 < x < x1 and y0 < y < y1:
                mask |= bit
            else:
                xs[j] = NAN
                ys[j] = NAN
        return xs, ys, mask


def knee_flexion_deg(
    hip: tuple[float, float], knee: tuple[float, float], ankle: tuple[float, float]
) -> float:
    """Knee flexion (0 = straight leg) from hip, knee and ankle (x, y), degrees, in the image plane."""
    hx, hy = hip
    kx, ky = knee
    ax, ay = ankle
    t1, t2 = kx - hx, ky - hy
    s1, s2 = ax - kx, ay - ky
    return abs(math.atan2(t1 * s2 - t2 * s1, t1 * s1 + t2 * s2)) * RAD2DEG


def wrap_deg(a: float) -> float:
    """Angle wrapped to (-180, 180] degrees."""
    a = math.fmod(a + 180.0, 360.0)
    if a <= 0.0:
        a += 360.0
    return a - 180.0


def finite(*values: float) -> bool:
    """True when every value is a finite float."""
    return all(v == v and v not in (math.inf, -math.inf) for v in values)


def sign(v: float) -> float:
    return 1.0 if v > 0 else (-1.0 if v < 0 else 0.0)


def vertex_time(p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float]) -> float:
    """Time of the extremum of the parabola through three samples (t, y) (uneven times allowed).

    Falls back to ``t1`` when the samples are collinear or the vertex lies outside [t0, t2].
    """
    (t0, y0), (t1, y1), (t2, y2) = p0, p1, p2
    d0, d2 = t0 - t1, t2 - t1
    a0, a2 = y0 - y1, y2 - y1
    den = a0 * d2 - a2 * d0
    if den == 0.0 or d0 == 0.0 or d2 == 0.0 or den != den:
        return t1
    num = a0 * d2 * d2 - a2 * d0 * d0
    tv = t1 + 0.5 * num / den
    if tv < t0 or tv > t2 or tv != tv:
        return t1
    return tv
