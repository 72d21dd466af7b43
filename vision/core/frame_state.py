"""One valid frame as the analyzer's stages fill it in, and the point helpers they share.

``xs``/``ys`` are the 23 gathered landmarks of :mod:`vision.core.geometry` (``g.NOSE`` … ``g.R_TOE``)
as image pixels, NaN where missing. Angles are degrees, lengths pixels unless named otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from vision.core import geometry as g
from vision.core import ring as rb
from vision.core.events import Direction, FrameMetrics, View
from vision.core.tuning import FrameTuning
from vision.landmarks import LM

NAN = math.nan
LEG_PAIRS = ((g.L_KNEE, g.R_KNEE), (g.L_ANK, g.R_ANK), (g.L_HEEL, g.R_HEEL), (g.L_TOE, g.R_TOE))
"""Left/right point pairs of the legs (swapped together)."""
NO_BOX = (NAN, NAN, NAN, NAN)
LEFT_FOOT = (g.L_HEEL, g.L_TOE, g.L_ANK)
RIGHT_FOOT = (g.R_HEEL, g.R_TOE, g.R_ANK)
"""A foot's heel, toe and ankle points."""
_L_HIP, _R_HIP = int(LM.LEFT_HIP), int(LM.RIGHT_HIP)


@dataclass(kw_only=True, slots=True)
class FrameState:
    """Measurements of one valid frame (see the module docstring for units)."""

    t: float
    frame_index: int
    xs: list[float]
    ys: list[float]
    face_mask: int
    """Bit j set when face landmark j is valid."""
    width: float
    height: float
    sx: float
    sy: float
    """Shoulder midpoint (or the one visible shoulder)."""
    hx: float
    hy: float
    """Pelvis: hip midpoint (or the one visible hip)."""
    torso: float
    """Shoulder-to-hip length."""
    swapped: bool = False
    """The legs' labels were swapped back in this frame."""
    facing: float = 0.0
    """+1 image right, −1 left, 0 unknown."""
    view: View = View.UNKNOWN
    cos_view: float = 1.0
    """Cosine of the angle between the sagittal plane and the image plane."""
    focal: float = NAN
    tan_off: float = NAN
    """Pelvis offset from the optical axis / focal length."""
    hip_lr: float = NAN
    """Left-hip minus right-hip x."""
    turning: bool = False
    lean: float = NAN
    lateral: float = NAN
    neck: float = NAN
    neck_rel: float = NAN
    """Neck line against the trunk line (smoothed), + = ear ahead (docs/posture.md)."""
    head_az: float = NAN
    yaw: float = NAN
    head_flex: float = NAN
    knee_l: float = NAN
    knee_r: float = NAN
    rel_l: float = NAN
    rel_r: float = NAN
    """Zeni signals: foot centre x minus pelvis x, per leg."""
    ground_y: float = NAN
    """Lowest foot point."""
    box: tuple[float, float, float, float] = NO_BOX
    direction: Direction = Direction.UNKNOWN
    sway: float = NAN


def mid(xs: list, ys: list, pair: tuple[int, int]) -> tuple[float, float]:
    """Midpoint of the two points ``pair``, or the one that is present."""
    a, b = pair
    xa, xb = xs[a], xs[b]
    if xa == xa and xb == xb:
        return 0.5 * (xa + xb), 0.5 * (ys[a] + ys[b])
    if xa == xa:
        return xa, ys[a]
    return xb, ys[b]


def foot_x(xs: list, points: tuple[int, int, int]) -> float:
    """Mean x of a foot's heel, toe and ankle; NaN unless all three are seen."""
    s, n = 0.0, 0
    for j in points:
        v = xs[j]
        if v == v:
            s += v
            n += 1
    return s / n if n == 3 else NAN


def leg_points(xs: list, ys: list, points: tuple[int, int, int]) -> list[float]:
    """Knee, ankle, toe (x, y) of one leg (``points`` their indices), the layout
    :class:`~vision.core.legs.LegTracker` uses."""
    knee, ankle, toe = points
    return [xs[knee], ys[knee], xs[ankle], ys[ankle], xs[toe], ys[toe]]


def swap_legs(xs: list, ys: list) -> None:
    """Exchange the left and right leg points in place."""
    for a, b in LEG_PAIRS:
        xs[a], xs[b] = xs[b], xs[a]
        ys[a], ys[b] = ys[b], ys[a]


def drop_leg(xs: list, ys: list, k: int) -> None:
    """Mark leg ``k`` (0 left, 1 right) missing in place."""
    for pair in LEG_PAIRS:
        xs[pair[k]] = ys[pair[k]] = NAN


def feet_facing(xs: list) -> tuple[float, int]:
    """(summed sign of toe x − heel x, number of feet seen)."""
    feet_dx, n_feet = 0.0, 0
    for hk, tk in ((g.L_HEEL, g.L_TOE), (g.R_HEEL, g.R_TOE)):
        d = xs[tk] - xs[hk]
        if d == d and d != 0.0:
            feet_dx += 1.0 if d > 0 else -1.0
            n_feet += 1
    return feet_dx, n_feet


def hip_depth_rl(z: object, hip_lr: float) -> float:
    """Right-hip minus left-hip depth z from the pose engine (NaN if unknown or not finite)."""
    try:
        dz_rl = float(z[_R_HIP]) - float(z[_L_HIP]) if hip_lr == hip_lr else NAN  # type: ignore[index]
    except (TypeError, IndexError, ValueError):
        dz_rl = NAN
    if dz_rl - dz_rl != 0.0:  # NaN or inf
        dz_rl = NAN
    return dz_rl


class TorsoGate:
    """Rejects pose-size glitches: a torso ``glitch_size_factor`` times larger or smaller than the
    recent frames' (within ``glitch_window_s``) is a detector glitch; ``glitch_frames`` in a row
    mean the subject really changed (re-detected nearer or farther)."""

    __slots__ = ("_count", "_ref", "_ref_t", "_tn")

    def __init__(self, tuning: FrameTuning) -> None:
        self._tn = tuning
        self._ref = NAN
        self._ref_t = NAN
        self._count = 0

    def glitch(self, t: float, torso: float) -> bool:
        """Feed the torso length (px) at time ``t``; True when it is a glitch (ignore the frame)."""
        tn = self._tn
        ref = self._ref
        big = tn.glitch_size_factor
        if ref == ref and t - self._ref_t < tn.glitch_window_s and not 1.0 / big < torso / ref < big:
            self._count += 1
            if self._count < tn.glitch_frames:
                return True
            ref = NAN
        self._count = 0
        self._ref = torso if ref != ref else ref + tn.torso_ref_rate * (torso - ref)
        self._ref_t = t
        return False


def absent_metrics(fi: int, t: float, *, reasons: Mapping[str, str], since_glance_s: float) -> FrameMetrics:
    """Metrics of frame ``fi`` at ``t`` without a usable pose (every value unmeasured)."""
    return FrameMetrics(
        frame_index=fi,
        time_s=t,
        present=False,
        view=View.UNKNOWN,
        direction=Direction.UNKNOWN,
        trunk_lean_deg=NAN,
        lateral_lean_deg=NAN,
        head_flexion_deg=NAN,
        upright=None,
        looking_down=None,
        head_yaw_deg=NAN,
        in_glance=False,
        time_since_glance_s=since_glance_s,
        knee_flexion_left_deg=NAN,
        knee_flexion_right_deg=NAN,
        pelvis_sway_frac=NAN,
        neck_flexion_deg=NAN,
        not_measurable=reasons,
    )


def fill_ring_row(row: list[float], s: FrameState) -> None:
    """Write the ring channels (:mod:`vision.core.ring`) of valid frame ``s`` into ``row``.

    Slices follow the channel layout: ``C_T`` … ``C_SWAP`` are columns 0-7, each leg's
    ``LEG_HX`` … ``LEG_REL`` 8 consecutive columns from ``C_LEG0 + 8·k``, then the box."""
    xs, ys = s.xs, s.ys
    row[_HEAD] = (s.t, s.frame_index, 1.0, s.hx, s.hy, s.torso, s.facing, 1.0 if s.swapped else 0.0)
    h, t, a = LEFT_FOOT
    row[_LEFT] = (xs[h], ys[h], xs[t], ys[t], xs[a], ys[a], s.knee_l, s.rel_l)
    h, t, a = RIGHT_FOOT
    row[_RIGHT] = (xs[h], ys[h], xs[t], ys[t], xs[a], ys[a], s.knee_r, s.rel_r)
    row[_BOX] = s.box


_HEAD = slice(rb.C_T, rb.C_SWAP + 1)
_LEFT = slice(rb.C_LEG0, rb.C_LEG0 + 8)
_RIGHT = slice(rb.C_LEG0 + 8, rb.C_LEG0 + 16)
_BOX = slice(rb.C_BOX, rb.C_BOX + 4)
