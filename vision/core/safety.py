"""Safety: falls and stumbles (sudden pelvis drop, trunk far from vertical, subject on the floor)
and the subject about to leave the camera's view.

Both detectors are incremental (O(1) per frame) and read short histories from the analyzer's
ring buffer through the ``history`` callable (value of a channel about ``dt`` seconds ago).
"""

from __future__ import annotations

import math

from vision.core import geometry as g
from vision.core import ring as rb
from vision.core.config import CoachConfig
from vision.core.events import FallEvent, LeavingFrameEvent

NAN = math.nan


class FallDetector:
    """Detects falls within ~0.1-0.4 s of the pelvis reaching fall depth; one event per fall.

    Body scale is the standing hip height above the lowest foot point (``hip_h0``), learned while
    the subject is upright; the pelvis baseline is a slow average of the pelvis height.
    """

    __slots__ = (
        "_base_y",
        "_below_since",
        "_cfg",
        "_hip_h0",
        "_last_t",
        "_onset_frame",
        "_onset_t",
        "_recover_since",
        "_state",
        "_stumble_armed",
        "_torso0",
    )

    def __init__(self, cfg: CoachConfig) -> None:
        self._cfg = cfg
        self.reset()

    def reset(self) -> None:
        self._hip_h0 = NAN
        self._torso0 = NAN
        self._base_y = NAN
        self._last_t = NAN
        self._onset_t = NAN
        self._onset_frame = -1
        self._below_since = NAN
        self._recover_since = NAN
        self._state = 0  # 0 normal, 1 fallen (waiting for recovery)
        self._stumble_armed = True

    @property
    def hip_height_px(self) -> float:
        """Learned standing hip height above the feet, pixels (NaN until learned)."""
        return self._hip_h0

    def update(
        self,
        t: float,
        frame_index: int,
        pelvis_y: float,
        ground_y: float,
        trunk_abs_deg: float,
        torso_px: float,
        pelvis_y_ago: float,
        dt_ago: float,
    ) -> FallEvent | None:
        """Feed one valid frame; returns a fall or stumble event when one is detected.

        ``pelvis_y_ago`` is the pelvis y (px) ``dt_ago`` seconds earlier (≈0.2 s).
        """
        cfg = self._cfg
        dt = t - self._last_t if self._last_t == self._last_t else 0.0
        self._last_t = t
        h = ground_y - pelvis_y
        upright = trunk_abs_deg == trunk_abs_deg and trunk_abs_deg < 25.0
        h0 = self._hip_h0
        if h0 != h0:
            if upright and h == h and h > 0.0:
                self._hip_h0 = h
                self._torso0 = torso_px
                self._base_y = pelvis_y
            return None
        # Slow baselines, learned only while upright and not dropping.
        drop = pelvis_y - self._base_y
        vdown = (pelvis_y - pelvis_y_ago) / (dt_ago * h0) if dt_ago > 0.05 else 0.0
        if vdown != vdown:
            vdown = 0.0
        calm = upright and self._state == 0 and abs(drop) < 0.12 * h0 and abs(vdown) < 0.5
        if calm and dt > 0.0:
            a = min(1.0, dt / 3.0)
            if h == h and h > 0.0:
                self._hip_h0 += a * (max(h, 0.5 * h0) - h0)
            self._base_y += a * (pelvis_y - self._base_y)
            if torso_px == torso_px:
                self._torso0 += a * (torso_px - self._torso0)
        h0 = self._hip_h0
        drop_frac = drop / h0
        # Effective trunk angle: 2D tilt, or foreshortening (a fall toward/away from the camera).
        tilt = trunk_abs_deg
        if torso_px == torso_px and self._torso0 == self._torso0 and self._torso0 > 0.0:
            c = min(1.0, torso_px / self._torso0)
            fore = math.degrees(math.acos(c)) if c > 0.0 else 90.0
            tilt = fore if tilt != tilt else max(tilt, fore - 15.0)
        h_frac = h / h0 if h == h else NAN

        if self._state == 1:
            # Fallen: wait until the subject is up again for 1.5 s before re-arming.
            if drop_frac < 0.15 and upright:
                if self._recover_since != self._recover_since:
                    self._recover_since = t
                elif t - self._recover_since > 1.5:
                    self._state = 0
                    self._recover_since = NAN
                    self._stumble_armed = True
            else:
                self._recover_since = NAN
            return None

        # Track the onset of a drop (for the event time).
        if drop_frac > 0.08 and vdown > 0.3:
            if self._onset_t != self._onset_t:
                self._onset_t = t
                self._onset_frame = frame_index
        elif drop_frac < 0.05:
            self._onset_t = NAN
            self._onset_frame = -1
            self._stumble_armed = True

        fast = vdown > cfg.fall_min_drop_speed_frac_s or self._onset_t == self._onset_t
        on_floor = h_frac == h_frac and h_frac < 0.35
        far_tilt = tilt == tilt and tilt > cfg.fall_trunk_deg
        reason = ""
        if fast and drop_frac > cfg.fall_drop_frac and (far_tilt or on_floor):
            reason = "sudden pelvis drop with the trunk far from vertical"
        elif vdown > 1.5 * cfg.fall_min_drop_speed_frac_s and drop_frac > 0.8 * cfg.fall_drop_frac:
            reason = "fast, deep pelvis drop"
        elif fast and drop_frac > 0.25 and tilt == tilt and tilt > cfg.fall_trunk_deg + 15.0:
            reason = "trunk toppled with a pelvis drop"
        elif on_floor and drop_frac > cfg.fall_drop_frac:
            if self._below_since != self._below_since:
                self._below_since = t
            if t - self._below_since >= 0.15:
                reason = "subject on the floor"
        else:
            self._below_since = NAN
        if reason:
            self._state = 1
            onset = self._onset_t if self._onset_t == self._onset_t else t
            frame = self._onset_frame if self._onset_frame >= 0 else frame_index
            conf = min(1.0, 0.5 + 0.5 * min(1.0, drop_frac / max(cfg.fall_drop_frac, 1e-6) - 0.5))
            self._onset_t = NAN
            self._onset_frame = -1
            return FallEvent("fall", onset, frame, t, conf, reason)
        if (
            self._stumble_armed
            and drop_frac > cfg.stumble_drop_frac
            and vdown > cfg.fall_min_drop_speed_frac_s
        ):
            self._stumble_armed = False
            onset = self._onset_t if self._onset_t == self._onset_t else t
            frame = self._onset_frame if self._onset_frame >= 0 else frame_index
            return FallEvent("stumble", onset, frame, t, 0.6, "sudden pelvis drop")
        return None


class LeavingFrameDetector:
    """Warns once per approach when the subject's box will reach an image edge within the horizon."""

    __slots__ = ("_armed", "_cfg", "_hits", "_tail")

    def __init__(self, cfg: CoachConfig) -> None:
        self._cfg = cfg
        self.reset()

    def reset(self) -> None:
        self._armed = [True, True, True, True]  # left, right, top, bottom
        self._hits = [0, 0, 0, 0]
        self._tail = 0

    def check(
        self,
        ring: rb.Ring,
        t: float,
        frame_index: int,
        px: float,
        box: tuple[float, float, float, float],
        image_size: tuple[int, int],
        torso: float,
    ) -> LeavingFrameEvent | None:
        """Box edges move with the pelvis sideways; the head (top) and feet (bottom) move on
        their own (walking toward or away from the camera). Velocities over ~0.4 s from the ring
        buffer (``C_PX``, ``C_BOX``), only from frames where the whole body was seen."""
        if box[0] != box[0] or box[1] != box[1] or box[3] != box[3]:
            return None
        j = self._tail = ring.advance(self._tail, t - 0.4)
        row = ring.rows[j % ring.size]
        dt = t - row[rb.C_T]
        if not dt > 0.15:
            return None
        vx = (px - row[rb.C_PX]) / dt
        vy0 = (box[1] - row[rb.C_BOX + 1]) / dt
        vy1 = (box[3] - row[rb.C_BOX + 3]) / dt
        if vx != vx:
            return None
        vel = (vx, vy0 if vy0 == vy0 else 0.0, vx, vy1 if vy1 == vy1 else 0.0)
        return self.update(t, frame_index, box, vel, image_size, 0.15 * torso)

    def update(
        self,
        t: float,
        frame_index: int,
        box: tuple[float, float, float, float],
        vel: tuple[float, float, float, float],
        image_size: tuple[int, int],
        speed_floor_px_s: float,
    ) -> LeavingFrameEvent | None:
        """``box`` = (x0, y0, x1, y1) px of the subject; ``vel`` the velocity of each, px/s.

        ``speed_floor_px_s``: slower motion is ignored (doubled for the top and bottom edges,
        which bob with the gait). A warning needs 3 consecutive frames inside the horizon.
        """
        w, h = image_size
        cfg = self._cfg
        mx, my = cfg.leave_margin_frac * w, cfg.leave_margin_frac * h
        x0, y0, x1, y1 = box
        vx0, vy0, vx1, vy1 = vel
        inf = math.inf
        slow = speed_floor_px_s
        slow_y = 2.0 * slow
        # Time for each box edge to reach its image edge (inf when moving away or too slowly).
        times = (
            (x0 - mx) / -vx0 if vx0 < -slow else inf,
            (w - mx - x1) / vx1 if vx1 > slow else inf,
            (y0 - my) / -vy0 if vy0 < -slow_y else inf,
            (h - my - y1) / vy1 if vy1 > slow_y else inf,
        )
        event = None
        hits = self._hits
        for k, tx in enumerate(times):
            if tx != tx:
                continue
            if tx <= cfg.leave_horizon_s:
                hits[k] += 1
                if self._armed[k] and hits[k] >= 3:
                    self._armed[k] = False
                    if event is None:
                        event = LeavingFrameEvent(t, frame_index, t, _EDGES[k], max(0.0, tx))
            else:
                hits[k] = 0
                if tx > 2.0 * cfg.leave_horizon_s:
                    self._armed[k] = True
        return event


_EDGES = ("left", "right", "top", "bottom")


def body_box(xs: list, ys: list) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) px of the whole body: NaN unless the head, shoulders, hips and at
    least one foot are seen (a partly hidden body gives no box)."""
    for j in (g.NOSE, g.L_HIP, g.R_HIP):
        if xs[j] != xs[j]:
            return NAN, NAN, NAN, NAN
    if xs[g.L_SH] != xs[g.L_SH] and xs[g.R_SH] != xs[g.R_SH]:
        return NAN, NAN, NAN, NAN
    feet = [ys[j] for j in (g.L_HEEL, g.R_HEEL, g.L_TOE, g.R_TOE) if ys[j] == ys[j]]
    if not feet:
        return NAN, NAN, NAN, NAN
    vx = [v for v in xs if v == v]
    top = min(v for v in ys[: g.L_HIP] if v == v)
    return min(vx), top, max(vx), max(feet)
