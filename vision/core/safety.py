"""Safety: falls and stumbles (sudden pelvis drop, trunk far from vertical, subject on the floor)
and the subject about to leave the camera's view.

Both detectors are incremental (O(1) per frame) and read short histories from the analyzer's
ring buffer (trailing indices a fixed time back).
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
    the subject is upright; the pelvis baseline is a slow average of the pelvis height. The
    detector is armed once one person has been seen upright for ``FallTuning.learn_s`` without
    a break (their mean hip height and pelvis height then start the baselines): one frame's size
    is not a body size, and a person crouching within a second of coming into view (sports2d
    reversed: a man crouching to jump, seen 0.67 s) is not a fall of a walker the coach knows.
    """

    __slots__ = (
        "_base_y",
        "_below_since",
        "_cfg",
        "_hip_h0",
        "_last_t",
        "_learn",
        "_onset_frame",
        "_onset_t",
        "_recover_since",
        "_state",
        "_stumble_armed",
        "_tn",
        "_torso0",
    )

    def __init__(self, cfg: CoachConfig) -> None:
        self._cfg = cfg
        self._tn = cfg.falls
        self.reset()

    def reset(self) -> None:
        self._hip_h0 = NAN
        self._torso0 = NAN
        self._learn = [NAN, 0, 0.0, 0.0, 0.0]  # since (s), frames, sums of h, pelvis y, torso
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
        *,
        pelvis_y: float,
        ground_y: float,
        trunk_abs_deg: float,
        torso_px: float,
        pelvis_y_ago: float,
        dt_ago: float,
        body_cut: bool = False,
    ) -> FallEvent | None:
        """Feed one valid frame; returns a fall or stumble event when one is detected.

        Pixels: ``pelvis_y`` and ``ground_y`` (lowest foot point) image heights, ``torso_px``;
        ``trunk_abs_deg`` the trunk from vertical; ``pelvis_y_ago`` is the pelvis y ``dt_ago``
        seconds earlier (≈ ``fall_lookback_s``). ``body_cut``: landmarks lie beyond the image's
        edges; the pose engine then squashes the body it cannot see (room_people_10fps at 69.4 s:
        the pelvis 24 px lower in the last frame before the person left), so no stumble is told
        from such a frame; a fall still is.
        """
        dt = t - self._last_t if self._last_t == self._last_t else 0.0
        self._last_t = t
        h = ground_y - pelvis_y
        upright = trunk_abs_deg == trunk_abs_deg and trunk_abs_deg < self._tn.upright_max_deg
        if self._hip_h0 != self._hip_h0:
            self._learn_size(t, upright=upright, h=h, pelvis_y=pelvis_y, torso_px=torso_px)
            return None
        drop = pelvis_y - self._base_y
        vdown = self._drop_speed(pelvis_y, pelvis_y_ago, dt_ago)
        self._adapt(dt, h=h, pelvis_y=pelvis_y, torso_px=torso_px, upright=upright, drop=drop, vdown=vdown)
        h0 = self._hip_h0
        drop_frac = drop / h0
        if self._state == 1:
            self._recover(t, drop_frac, upright)
            return None
        self._track_onset(t, frame_index, drop_frac=drop_frac, vdown=vdown)
        reason = self._fall_reason(
            t,
            drop_frac=drop_frac,
            vdown=vdown,
            tilt=self._tilt(trunk_abs_deg, torso_px),
            h_frac=h / h0 if h == h else NAN,
        )
        if reason:
            return self._fall(t, frame_index, drop_frac=drop_frac, reason=reason)
        if body_cut:
            return None
        return self._stumble(t, frame_index, drop_frac=drop_frac, vdown=vdown)

    def _learn_size(self, t: float, *, upright: bool, h: float, pelvis_y: float, torso_px: float) -> None:
        """Average the upright frames; after ``learn_s`` of them without a break, arm the detector."""
        lr = self._learn
        if not (upright and h == h and h > 0.0 and torso_px == torso_px):
            lr[:] = [NAN, 0, 0.0, 0.0, 0.0]
            return
        if lr[0] != lr[0]:
            lr[0] = t
        lr[1] += 1
        lr[2] += h
        lr[3] += pelvis_y
        lr[4] += torso_px
        if t - lr[0] >= self._tn.learn_s:
            n = lr[1]
            self._hip_h0, self._base_y, self._torso0 = lr[2] / n, lr[3] / n, lr[4] / n

    def _drop_speed(self, pelvis_y: float, pelvis_y_ago: float, dt_ago: float) -> float:
        """Downward pelvis speed, standing hip heights / s (0 without a usable history)."""
        h0 = self._hip_h0
        vdown = (pelvis_y - pelvis_y_ago) / (dt_ago * h0) if dt_ago > self._tn.min_lookback_s else 0.0
        return 0.0 if vdown != vdown else vdown

    def _adapt(
        self,
        dt: float,
        *,
        h: float,
        pelvis_y: float,
        torso_px: float,
        upright: bool,
        drop: float,
        vdown: float,
    ) -> None:
        """Slow baselines (hip height, pelvis height, torso), learned only while upright and calm."""
        tn = self._tn
        h0 = self._hip_h0
        calm = upright and self._state == 0 and abs(drop) < tn.calm_drop_frac * h0
        if not (calm and abs(vdown) < tn.calm_speed_frac_s and dt > 0.0):
            return
        a = min(1.0, dt / tn.baseline_s)
        if h == h and h > 0.0:
            self._hip_h0 += a * (max(h, tn.min_hip_height_factor * h0) - h0)
        self._base_y += a * (pelvis_y - self._base_y)
        if torso_px == torso_px:
            self._torso0 += a * (torso_px - self._torso0)

    def _tilt(self, trunk_abs_deg: float, torso_px: float) -> float:
        """Effective trunk angle: 2D tilt, or foreshortening (a fall toward/away from the camera)."""
        tilt = trunk_abs_deg
        if torso_px == torso_px and self._torso0 == self._torso0 and self._torso0 > 0.0:
            c = min(1.0, torso_px / self._torso0)
            fore = math.degrees(math.acos(c)) if c > 0.0 else 90.0
            tilt = fore if tilt != tilt else max(tilt, fore - self._tn.foreshortening_margin_deg)
        return tilt

    def _recover(self, t: float, drop_frac: float, upright: bool) -> None:
        """Fallen: wait until the subject is up again for ``recover_s`` before re-arming."""
        if drop_frac < self._tn.recovered_drop_frac and upright:
            if self._recover_since != self._recover_since:
                self._recover_since = t
            elif t - self._recover_since > self._tn.recover_s:
                self._state = 0
                self._recover_since = NAN
                self._stumble_armed = True
        else:
            self._recover_since = NAN

    def _track_onset(self, t: float, frame_index: int, *, drop_frac: float, vdown: float) -> None:
        """The onset of a drop (the event time); a settled pelvis clears it and re-arms stumbles."""
        tn = self._tn
        if drop_frac > tn.onset_drop_frac and vdown > tn.onset_speed_frac_s:
            if self._onset_t != self._onset_t:
                self._onset_t = t
                self._onset_frame = frame_index
        elif drop_frac < tn.settled_drop_frac:
            self._onset_t = NAN
            self._onset_frame = -1
            self._stumble_armed = True

    def _fall_reason(self, t: float, *, drop_frac: float, vdown: float, tilt: float, h_frac: float) -> str:
        """Why this frame is a fall ('' when it is not)."""
        cfg, tn = self._cfg, self._tn
        fast = vdown > cfg.fall_min_drop_speed_frac_s or self._onset_t == self._onset_t
        on_floor = h_frac == h_frac and h_frac < tn.floor_height_frac
        far_tilt = tilt == tilt and tilt > cfg.fall_trunk_deg
        if fast and drop_frac > cfg.fall_drop_frac and (far_tilt or on_floor):
            return "sudden pelvis drop with the trunk far from vertical"
        if (
            vdown > tn.fast_drop_speed_factor * cfg.fall_min_drop_speed_frac_s
            and drop_frac > tn.fast_drop_depth_factor * cfg.fall_drop_frac
        ):
            return "fast, deep pelvis drop"
        if (
            fast
            and drop_frac > tn.topple_drop_frac
            and tilt == tilt
            and tilt > cfg.fall_trunk_deg + tn.topple_extra_deg
        ):
            return "trunk toppled with a pelvis drop"
        if on_floor and drop_frac > cfg.fall_drop_frac:
            if self._below_since != self._below_since:
                self._below_since = t
            if t - self._below_since >= tn.on_floor_s:
                return "subject on the floor"
            return ""
        self._below_since = NAN
        return ""

    def _onset(self, t: float, frame_index: int) -> tuple[float, int]:
        onset = self._onset_t if self._onset_t == self._onset_t else t
        frame = self._onset_frame if self._onset_frame >= 0 else frame_index
        return onset, frame

    def _fall(self, t: float, frame_index: int, *, drop_frac: float, reason: str) -> FallEvent:
        cfg = self._cfg
        self._state = 1
        onset, frame = self._onset(t, frame_index)
        # 0.5 at half the fall depth, rising to 1 at 1.5 times it.
        conf = min(1.0, 0.5 + 0.5 * min(1.0, drop_frac / max(cfg.fall_drop_frac, 1e-6) - 0.5))
        self._onset_t = NAN
        self._onset_frame = -1
        return FallEvent(
            kind="fall", time_s=onset, frame_index=frame, emitted_at_s=t, confidence=conf, reason=reason
        )

    def _stumble(self, t: float, frame_index: int, *, drop_frac: float, vdown: float) -> FallEvent | None:
        """A sudden drop short of a fall: one stumble per drop."""
        cfg = self._cfg
        if not (
            self._stumble_armed
            and drop_frac > cfg.stumble_drop_frac
            and vdown > cfg.fall_min_drop_speed_frac_s
        ):
            return None
        self._stumble_armed = False
        onset, frame = self._onset(t, frame_index)
        return FallEvent(
            kind="stumble",
            time_s=onset,
            frame_index=frame,
            emitted_at_s=t,
            confidence=self._tn.stumble_conf,
            reason="sudden pelvis drop",
        )


class LeavingFrameDetector:
    """Warns once per approach when the subject's box will reach an image edge within the horizon."""

    __slots__ = ("_armed", "_cfg", "_hits", "_tail", "_tn")

    def __init__(self, cfg: CoachConfig) -> None:
        self._cfg = cfg
        self._tn = cfg.leaving
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
        *,
        px: float,
        box: tuple[float, float, float, float],
        image_size: tuple[int, int],
        torso: float,
    ) -> LeavingFrameEvent | None:
        """Box edges move with the pelvis sideways; the head (top) and feet (bottom) move on
        their own (walking toward or away from the camera). Velocities over ``velocity_s`` from
        the ring buffer (``C_PX``, ``C_BOX``), only from frames where the whole body was seen.
        ``px`` pelvis x, ``box`` (x0, y0, x1, y1) and ``torso`` in pixels."""
        tn = self._tn
        if box[0] != box[0] or box[1] != box[1] or box[3] != box[3]:
            return None
        j = self._tail = ring.advance(self._tail, t - tn.velocity_s)
        row = ring.rows[j % ring.size]
        dt = t - row[rb.C_T]
        if not dt > tn.min_velocity_span_s:
            return None
        vx = (px - row[rb.C_PX]) / dt
        vy0 = (box[1] - row[rb.C_BOX + 1]) / dt
        vy1 = (box[3] - row[rb.C_BOX + 3]) / dt
        if vx != vx:
            return None
        vel = (vx, vy0 if vy0 == vy0 else 0.0, vx, vy1 if vy1 == vy1 else 0.0)
        return self.update(
            t,
            frame_index,
            box=box,
            vel=vel,
            image_size=image_size,
            speed_floor_px_s=tn.speed_floor_frac_s * torso,
        )

    def update(
        self,
        t: float,
        frame_index: int,
        *,
        box: tuple[float, float, float, float],
        vel: tuple[float, float, float, float],
        image_size: tuple[int, int],
        speed_floor_px_s: float,
    ) -> LeavingFrameEvent | None:
        """``box`` = (x0, y0, x1, y1) px of the subject; ``vel`` the velocity of each, px/s.

        ``speed_floor_px_s``: slower motion is ignored (doubled for the top and bottom edges,
        which bob with the gait). A warning needs ``hit_frames`` consecutive frames inside the horizon.
        """
        w, h = image_size
        cfg, tn = self._cfg, self._tn
        mx, my = cfg.leave_margin_frac * w, cfg.leave_margin_frac * h
        x0, y0, x1, y1 = box
        vx0, vy0, vx1, vy1 = vel
        inf = math.inf
        slow = speed_floor_px_s
        slow_y = tn.vertical_floor_factor * slow
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
                if self._armed[k] and hits[k] >= tn.hit_frames:
                    self._armed[k] = False
                    if event is None:
                        event = LeavingFrameEvent(
                            time_s=t,
                            frame_index=frame_index,
                            emitted_at_s=t,
                            edge=_EDGES[k],
                            time_to_exit_s=max(0.0, tx),
                        )
            else:
                hits[k] = 0
                if tx > tn.rearm_factor * cfg.leave_horizon_s:
                    self._armed[k] = True
        return event


_EDGES = ("left", "right", "top", "bottom")


def body_box(xs: list, ys: list) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) px of the whole body: NaN unless the head, shoulders, hips and at
    least one foot are seen (a partly hidden body gives no box)."""
    if xs[g.NOSE] != xs[g.NOSE] or xs[g.L_HIP] != xs[g.L_HIP] or xs[g.R_HIP] != xs[g.R_HIP]:
        return _NO_BOX
    if xs[g.L_SH] != xs[g.L_SH] and xs[g.R_SH] != xs[g.R_SH]:
        return _NO_BOX
    bottom = -math.inf
    for j in _FEET:
        y = ys[j]
        if y > bottom:  # NaN never compares greater
            bottom = y
    if bottom == -math.inf:
        return _NO_BOX
    # Extremes of the points seen (NaN fails every comparison), starting at the nose (seen).
    x0 = x1 = xs[g.NOSE]
    for v in xs:
        if v < x0:
            x0 = v
        elif v > x1:
            x1 = v
    top = ys[g.NOSE]
    for j in _ABOVE_HIPS:
        y = ys[j]
        if y < top:
            top = y
    return x0, top, x1, bottom


_NO_BOX = (NAN, NAN, NAN, NAN)
_FEET = (g.L_HEEL, g.R_HEEL, g.L_TOE, g.R_TOE)
_ABOVE_HIPS = tuple(range(g.L_HIP))
