"""Head yaw relative to the pelvis from 2D face landmarks, and glance events.

Head pose: the 11 BlazePose face landmarks are fitted to an adult face template (metres, head
frame: anterior, up, right) with a scaled-orthographic camera: x_j = c + M₀·p_j, y_j = c' + M₁·p_j.
The least-squares solution for each set of visible landmarks is a fixed 4×11 matrix (cached per
visibility mask), so a frame costs one small matrix product. The two rows M₀, M₁ are two rows of
the head rotation times a scale; the third follows from their cross product, which fixes the
sign of the yaw without depth. A para-perspective correction accounts for the head's position
off the optical axis (focal length assumed ``focal_length_frac`` × the image's long side).

Head roll (tilting the ear toward the shoulder) is a rotation about the head's anterior axis: it
leaves the anterior axis — and so the yaw — unchanged, so roll never reads as a glance.

Yaw is taken relative to the pelvis (hips' azimuth), positive toward the subject's left, minus a
bias calibrated over the first ``calibration_s`` seconds of (assumed neutral) walking; no glance
starts in those seconds, and a new person (another subject) is calibrated afresh.
"""

from __future__ import annotations

import math

import numpy as np

from vision.core.config import CoachConfig
from vision.core.events import GlanceEvent, OverRotationEvent
from vision.core.geometry import L_HIP, L_SH, N_FACE, NOSE, R_HIP, R_SH, RAD2DEG, wrap_deg
from vision.core.tuning import HeadTuning

NAN = math.nan

#: Face landmarks (BlazePose order 0..10) of an adult head, metres, relative to the top of the neck:
#: (anterior, up, right). Averages of adult head anthropometry (bitragion breadth ≈ 0.154 m,
#: tragion-to-nose-tip depth ≈ 0.12 m, interpupillary distance ≈ 0.064 m).
FACE_TEMPLATE_M = np.array(
    [
        (0.112, 0.088, 0.0),  # nose
        (0.084, 0.122, -0.017),  # left eye inner
        (0.080, 0.123, -0.032),  # left eye
        (0.072, 0.122, -0.046),  # left eye outer
        (0.084, 0.122, 0.017),  # right eye inner
        (0.080, 0.123, 0.032),  # right eye
        (0.072, 0.122, 0.046),  # right eye outer
        (-0.008, 0.106, -0.077),  # left ear
        (-0.008, 0.106, 0.077),  # right ear
        (0.086, 0.056, -0.024),  # mouth left
        (0.086, 0.056, 0.024),  # mouth right
    ]
)


HEAD_BREADTH_M = 0.154
"""Ear-to-ear breadth of the template head (bitragion breadth), m."""
MIN_FACE_POINTS = 5
"""The head pose needs at least this many face points (4 unknowns per image axis, plus one)."""
MAX_CONDITION = 1e7
"""Face-point sets whose normal equations are worse conditioned than this give no pose."""
HEAD_CENTRE_UP_M = 0.1
"""The head's centre: the template point this far up from the top of the neck (0, 0.1, 0), m."""


class HeadPose:
    """Per-frame head azimuth and pitch from face landmarks (see module docstring)."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[int, object] = {}

    def _solver(self, mask: int) -> tuple[tuple[int, float, float, float, float], ...] | None:
        """Per valid face point of ``mask``: (j, 4 least-squares weights); None when unsolvable."""
        sol = self._cache.get(mask, 0)
        if isinstance(sol, int):
            idx = [j for j in range(N_FACE) if (mask >> j) & 1]
            sol = None
            if len(idx) >= MIN_FACE_POINTS:
                d = np.ones((len(idx), 4))
                d[:, 1:] = FACE_TEMPLATE_M[idx]
                dtd = d.T @ d
                if np.linalg.cond(dtd) < MAX_CONDITION:
                    cols = np.linalg.solve(dtd, d.T).T.tolist()  # per valid point: 4 weights
                    sol = tuple((j, *c) for j, c in zip(idx, cols, strict=True))
            self._cache[mask] = sol
        return sol

    def solve(
        self, xs: list, ys: list, mask: int, *, cx: float, cy: float, focal_px: float
    ) -> tuple[float, float, float]:
        """(azimuth_deg, pitch_deg, scale_px_per_m) of the head from the face points in
        ``xs``/``ys`` (BlazePose order 0..10) valid per ``mask``; NaNs when unsolvable.

        Azimuth: angle of the head's anterior axis in the camera's x-z plane from +x toward +z
        (away from the camera). Pitch: anterior axis below horizontal (chin down), degrees.
        """
        sol = self._solver(mask)
        if sol is None:
            return NAN, NAN, NAN
        # Least-squares rows (offset, anterior, up, right) for x and for y.
        ox = a0 = a1 = a2 = oy = b0 = b1 = b2 = 0.0
        for j, w0, w1, w2, w3 in sol:
            x = xs[j]
            y = ys[j]
            ox += w0 * x
            a0 += w1 * x
            a1 += w2 * x
            a2 += w3 * x
            oy += w0 * y
            b0 += w1 * y
            b1 += w2 * y
            b2 += w3 * y
        tx = (ox + HEAD_CENTRE_UP_M * a1 - cx) / focal_px  # the head centre
        ty = (oy + HEAD_CENTRE_UP_M * b1 - cy) / focal_px
        p0, p1, p2 = a0, a1, a2
        q0, q1, q2 = b0, b1, b2
        u0 = u1 = u2 = w0 = w1 = w2 = 0.0
        vx = 0.0
        s = 0.0
        sqrt = math.sqrt
        for _ in range(2):
            na = sqrt(p0 * p0 + p1 * p1 + p2 * p2)
            nb = sqrt(q0 * q0 + q1 * q1 + q2 * q2)
            if not (na > 1e-9 and nb > 1e-9):
                return NAN, NAN, NAN
            s = 0.5 * (na + nb)
            u0, u1, u2 = p0 / na, p1 / na, p2 / na
            d = (q0 * u0 + q1 * u1 + q2 * u2) / nb
            v0, v1, v2 = q0 / nb - d * u0, q1 / nb - d * u1, q2 / nb - d * u2
            nv = sqrt(v0 * v0 + v1 * v1 + v2 * v2)
            if nv < 1e-9:
                return NAN, NAN, NAN
            vx, vy, vz = v0 / nv, v1 / nv, v2 / nv
            w0, w1, w2 = u1 * vz - u2 * vy, u2 * vx - u0 * vz, u0 * vy - u1 * vx
            # Para-perspective: measured rows = s·(R₀ − tx·R₂), s·(R₁ − ty·R₂).
            p0, p1, p2 = a0 + tx * s * w0, a1 + tx * s * w1, a2 + tx * s * w2
            q0, q1, q2 = b0 + ty * s * w0, b1 + ty * s * w1, b2 + ty * s * w2
        # Anterior axis in camera coordinates = first column (u0, v0, w0).
        az = math.atan2(w0, u0) * RAD2DEG
        pitch = math.asin(max(-1.0, min(1.0, vx))) * RAD2DEG
        return az, pitch, s


def pelvis_azimuth_deg(
    dx_rl: float, dz_rl: float, *, width_px: float, facing: float, tan_off: float, frontal: bool
) -> float:
    """Azimuth of the pelvis' anterior axis (same convention as :meth:`HeadPose.solve`).

    ``dx_rl``/``dz_rl``: right-hip minus left-hip x and depth z (px; z from the pose engine,
    NaN if unknown); ``tan_off``: horizontal offset of the pelvis from the optical axis / focal
    length. With depth, the right-hip vector (W·sin φ, −W·cos φ) gives φ directly. Without it,
    ``width_px`` (expected hip width) gives sin φ and ``facing`` (image-x facing sign) the sign of
    cos φ — or cos φ = 0 in a ``frontal`` view, where the feet do not tell front from back.
    """
    if dx_rl != dx_rl:
        return NAN
    if dz_rl == dz_rl and (dx_rl != 0.0 or dz_rl != 0.0):
        # Para-perspective: image Δx ∝ δx − tanθ·δz.
        return math.atan2(dx_rl + tan_off * dz_rl, -dz_rl) * RAD2DEG
    if not width_px > 0.0:
        return NAN
    off = math.atan(tan_off)
    sn = max(-1.0, min(1.0, dx_rl * math.cos(off) / width_px))
    if frontal:
        sn = 1.0 if sn > 0 else -1.0
    cs = math.sqrt(max(0.0, 1.0 - sn * sn))
    if facing < 0:
        cs = -cs
    elif facing == 0.0 and cs > 0.5:
        return NAN
    return (math.atan2(sn, cs) - off) * RAD2DEG


class YawReference:
    """Smoothed pelvis azimuth (the reference of head yaw) and whole-body turn detection.

    A jump of the pelvis azimuth (> ``turn_jump_deg``) or of its position (> ``turn_shift_frac``
    torso lengths) is the body turning or a new detection, not a glance: ``turn_s`` records when,
    and glances are suspended for ``FrameTuning.turn_suspend_s``.
    """

    __slots__ = ("_az", "_az_t", "_hx", "_hx_t", "_tn", "turn_s")

    def __init__(self, tuning: HeadTuning | None = None) -> None:
        self._tn = tuning or HeadTuning()
        self._az = NAN
        self._az_t = NAN
        self._hx = NAN
        self._hx_t = NAN
        self.turn_s = -math.inf

    def update(self, t: float, pelvis_az: float, *, px: float, torso: float, facing_flipped: bool) -> float:
        """Feed this frame's pelvis azimuth (deg), x and torso length (px); returns the smoothed
        azimuth."""
        tn = self._tn
        if abs(px - self._hx) > tn.turn_shift_frac * torso and t - self._hx_t < tn.azimuth_gap_s:
            self.turn_s = t
        self._hx = px
        self._hx_t = t
        if pelvis_az == pelvis_az:
            jump = wrap_deg(pelvis_az - self._az)
            gap = not t - self._az_t < tn.azimuth_gap_s
            self._az_t = t
            if abs(jump) > tn.turn_jump_deg:
                self.turn_s = t
            if self._az != self._az or facing_flipped or gap or abs(jump) > tn.turn_jump_deg:
                self._az = pelvis_az
            else:
                self._az = wrap_deg(self._az + tn.azimuth_rate * jump)
        return self._az


class GlanceDetector:
    """Glance events with hysteresis from the per-frame relative head yaw; O(1) per frame."""

    __slots__ = (
        "_bias",
        "_calib",
        "_calib_n",
        "_calib_t0",
        "_cfg",
        "_hist",
        "_last_valid_t",
        "_over_hold",
        "_over_yaw",
        "_peak",
        "_rise",
        "_smooth",
        "_smooth_t",
        "_start",
        "_tn",
        "active",
        "count",
        "events",
        "last_end_s",
    )

    def __init__(self, cfg: CoachConfig) -> None:
        self._cfg = cfg
        self._tn = cfg.head
        self._bias = 0.0
        self._calib = np.empty(cfg.head.calib_samples, dtype=np.float64)
        self._calib_n = 0
        self._calib_t0 = NAN
        self._hist = [NAN, NAN]
        self._smooth = NAN
        self._smooth_t = NAN
        self._last_valid_t = NAN
        self._rise: tuple[float, int] | None = None  # last crossing above the off threshold
        self._start: tuple[float, int] | None = None
        self._peak = (0.0, NAN, -1)
        self._over_yaw = False
        self._over_hold = False
        self.active = False
        self.count = 0
        self.last_end_s = NAN
        self.events: list[GlanceEvent] = []

    @property
    def calibrated(self) -> bool:
        return self._calib_n < 0

    def restart_calibration(self) -> None:
        """Another person: their neutral head is calibrated afresh over their first
        ``calibration_s`` (no glance starts before), keeping the session's glances and count."""
        self._bias = 0.0
        self._calib_n = 0
        self._calib_t0 = NAN
        self._hist = [NAN, NAN]
        self._smooth = NAN
        self._rise = None
        self.active = False

    def _calibrate(self, t: float, yaw: float) -> None:
        if self._calib_n < 0:
            return
        if self._calib_t0 != self._calib_t0:
            self._calib_t0 = t
        if self._calib_n < len(self._calib):
            self._calib[self._calib_n] = yaw
            self._calib_n += 1
        if t - self._calib_t0 >= self._cfg.calibration_s:
            vals = self._calib[: self._calib_n]
            med = float(np.median(vals))
            mad = float(np.median(np.abs(vals - med)))
            if abs(med) < self._tn.calib_max_bias_deg and mad < self._tn.calib_max_mad_deg:
                self._bias = med
            self._calib_n = -1

    def update(
        self, t: float, frame: int, yaw_raw: float, *, suspend: bool
    ) -> tuple[float, list[GlanceEvent | OverRotationEvent]]:
        """Feed the raw relative yaw (deg, NaN when unseen); returns (yaw_deg, events).
        ``suspend``: the body is turning (no glance can start or go on)."""
        cfg, tn = self._cfg, self._tn
        out: list = []
        y = NAN
        if yaw_raw == yaw_raw and not suspend:
            if not self.active:
                self._calibrate(t, yaw_raw)
            y0 = yaw_raw - self._bias
            h0, h1 = self._hist
            self._hist = [h1, y0]
            # Median of 3, then a short EMA (τ = yaw_tau_s).
            m = sorted((h0, h1, y0))[1] if h0 == h0 and h1 == h1 else y0
            dt = t - self._smooth_t
            if self._smooth != self._smooth or not dt < tn.yaw_gap_s:
                self._smooth = m
            else:
                a = min(1.0, dt / tn.yaw_tau_s) if dt > 0 else 1.0
                self._smooth += a * (m - self._smooth)
            self._smooth_t = t
            self._last_valid_t = t
            y = self._smooth
        else:
            self._hist = [NAN, NAN]
        ay = abs(y) if y == y else NAN
        if not self.active:
            # No glance starts while the neutral head is being calibrated (the first seconds).
            if ay == ay and self.calibrated:
                if ay > cfg.glance_off_yaw_deg:
                    if self._rise is None:
                        self._rise = (t, frame)
                else:
                    self._rise = None
                if ay > cfg.glance_on_yaw_deg:
                    self.active = True
                    self._start = self._rise or (t, frame)
                    self._peak = (y, t, frame)
                    self._over_yaw = self._over_hold = False
            return y, out
        # Active glance.
        if ay == ay:
            if ay > abs(self._peak[0]):
                self._peak = (y, t, frame)
            if ay < cfg.glance_off_yaw_deg:
                self._finish(t, frame, out)
                return y, out
        elif suspend:
            # The whole body turns (turn-around): what looked like a glance was not one.
            self.active = False
            self._rise = None
            return y, out
        elif t - self._last_valid_t > tn.glance_lost_s:
            self._finish(self._last_valid_t, frame, out)
            return y, out
        st = self._start[0]
        if not self._over_yaw and ay == ay and ay > cfg.over_rotation_yaw_deg:
            self._over_yaw = True
            out.append(
                OverRotationEvent(
                    time_s=t, frame_index=frame, emitted_at_s=t, reason="yaw", yaw_deg=y, held_s=t - st
                )
            )
        if not self._over_hold and t - st > cfg.over_rotation_hold_s:
            self._over_hold = True
            out.append(
                OverRotationEvent(
                    time_s=t, frame_index=frame, emitted_at_s=t, reason="hold", yaw_deg=y, held_s=t - st
                )
            )
        return y, out

    def _finish(self, t_end: float, frame: int, out: list) -> None:
        self.active = False
        self._rise = None
        st, sf = self._start
        pk, pt, pf = self._peak
        if t_end - st >= self._cfg.glance_min_duration_s:
            over = self._over_yaw or self._over_hold
            conf = min(1.0, abs(pk) / (2.0 * self._cfg.glance_on_yaw_deg))
            ev = GlanceEvent(
                start_time_s=st,
                end_time_s=t_end,
                peak_time_s=pt,
                start_frame=sf,
                end_frame=frame,
                peak_frame=pf,
                peak_yaw_deg=round(pk, 2),
                side="left" if pk > 0 else "right",
                emitted_at_s=t_end,
                over_rotation=over,
                confidence=round(conf, 3),
            )
            self.events.append(ev)
            self.count += 1
            self.last_end_s = t_end
            out.append(ev)


_EDGE_POINTS = (NOSE, L_SH, R_SH, L_HIP, R_HIP)
"""Nose, shoulders and hips (indices of the core's gathered points): the points whose nearness
to a side edge cuts the head turn (``HeadTuning.edge_margin_torso``)."""


def cut_by_side_edge(xs: list, *, width: float, torso: float, margin_torso: float) -> bool:
    """True when a finite point of :data:`_EDGE_POINTS` in ``xs`` (px) lies within
    ``margin_torso`` × ``torso`` px of x = 0 or x = ``width``, or beyond."""
    m = margin_torso * torso
    lo, hi = m, width - m
    for j in _EDGE_POINTS:
        x = xs[j]
        if x == x and not lo <= x <= hi:
            return True
    return False


def seen_from_behind(z: object, *, torso: float, limit_torso: float) -> bool:
    """True when the nose lies more than ``limit_torso`` × ``torso`` px deeper than the ears'
    midpoint in the engine's depth ``z`` ((33,) BlazePose order; False when unknown)."""
    try:
        dz = float(z[0]) - 0.5 * (float(z[7]) + float(z[8]))  # type: ignore[index]
    except (TypeError, IndexError, ValueError):
        return False
    return dz > limit_torso * torso


def relative_yaw_deg(head_az: float, pelvis_az: float) -> float:
    """Head yaw relative to the pelvis, positive toward the subject's left, degrees."""
    return wrap_deg(head_az - pelvis_az)
