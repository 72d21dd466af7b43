"""The streaming coaching core: one :class:`PoseFrame` in, per-frame metrics and events out.

``StreamingAnalyzer.update(frame)`` does O(1) work per frame on preallocated buffers: one
vectorized gather of 23 landmarks, scalar geometry, incremental detectors. Event delays (after
the event itself): falls ≈ 0.27 s after the onset (stumble alerts ≈ 0.2 s), contacts ≈ 0.25 s
(≤ 0.31 s), lift-offs ≈ 0.35 s (≤ 0.4 s) — up to 0.8 s for the first steps, until the direction of
travel is known — glances at their end, over-rotation alerts live, leaving-the-view warnings
ahead of the exit. Events of one frame come sorted by priority (falls first).
``summary()`` totals the session so far.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from vision.core import geometry as g
from vision.core import reasons as why
from vision.core import ring as rb
from vision.core.config import CoachConfig
from vision.core.events import (
    Event,
    FrameMetrics,
    GlanceEvent,
    OverRotationEvent,
    SessionSummary,
    View,
)
from vision.core.frame_state import (
    LEFT_FOOT,
    RIGHT_FOOT,
    FrameState,
    TorsoGate,
    absent_metrics,
    drop_leg,
    feet_facing,
    fill_ring_row,
    foot_x,
    hip_depth_rl,
    leg_points,
    mid,
    swap_legs,
)
from vision.core.glance import (
    HEAD_BREADTH_M,
    GlanceDetector,
    HeadPose,
    YawReference,
    cut_by_side_edge,
    pelvis_azimuth_deg,
    relative_yaw_deg,
    seen_from_behind,
)
from vision.core.legs import LegTracker
from vision.core.posture import PostureEstimator, Smoother, SwayTracker
from vision.core.posture_parts import classify, neck_to_trunk_deg
from vision.core.safety import FallDetector, LeavingFrameDetector, body_box
from vision.core.steps import StepDetector
from vision.core.summary import SessionTotals
from vision.core.travel import TravelTracker
from vision.core.view import FacingEstimator, ViewClassifier
from vision.pose_frame import PoseFrame

NAN = math.nan
R2D = g.RAD2DEG
_FEET_Y = (g.L_HEEL, g.R_HEEL, g.L_TOE, g.R_TOE, g.L_ANK, g.R_ANK)

# Enum members as module constants: a member lookup on an Enum class costs ~0.2 µs per use.
_FRONTAL = View.FRONTAL
_SIDE = View.SIDE


class StreamingAnalyzer:
    """Feed frames in time order with :meth:`update`; read totals with :meth:`summary`.

    One frame runs these stages in order, each filling in a :class:`FrameState`: admit (time,
    presence, subject), measure (landmarks, torso), legs, orientation (facing, view), posture,
    head (yaw, glances), knees and Zeni signals, ring row, gait (travel, steps), safety, metrics.
    """

    def __init__(self, config: CoachConfig | None = None) -> None:
        self.cfg = config or CoachConfig()
        self.reset()

    def reset(self) -> None:
        """Forget everything (a new recording)."""
        cfg = self.cfg
        self._ring = rb.Ring(cfg.ring_frames)
        self._row = [NAN] * rb.N_CHANNELS
        self._extract = g.Extractor(
            cfg.min_visibility, cfg.min_face_visibility, cfg.min_leg_visibility, min_presence=cfg.min_presence
        )
        self._legs = LegTracker(cfg.legs)
        self._facing = FacingEstimator(cfg.views)
        self._view = ViewClassifier(cfg)
        self._posture = PostureEstimator(cfg)
        self._lean_f = Smoother(cfg.frames.lean_tau_s, cfg.views.smoother_gap_s)
        self._lateral_f = Smoother(cfg.frames.lean_tau_s, cfg.views.smoother_gap_s)
        self._neck_f = Smoother(cfg.posture.smooth_tau_s, cfg.views.smoother_gap_s)
        self._head_flex_f = Smoother(cfg.posture.smooth_tau_s, cfg.views.smoother_gap_s)
        self._head = HeadPose()
        self._glance = GlanceDetector(cfg)
        self._steps = StepDetector(cfg, self._ring)
        self._fall = FallDetector(cfg)
        self._leave = LeavingFrameDetector(cfg)
        self._travel = TravelTracker(cfg, self._ring)
        self._yaw_ref = YawReference(cfg.head)
        self._sway = SwayTracker(cfg.views)
        self.totals = SessionTotals()
        self._last_t = NAN
        self._first_t = NAN
        self._torso_gate = TorsoGate(cfg.frames)
        self._tail_fall = 0  # ring index ≈ fall_lookback_s back (drop speed)
        self._reasons = why.ReasonCache()
        self._subject_id: int | None = None

    def _new_subject(self) -> None:
        """The pose engine switched to another person: start the per-person state afresh
        (body size, legs, facing, view, travel, gait, safety, the neutral head) and keep the
        session's totals, steps and glances."""
        totals, glance = self.totals, self._glance
        records = [*self._steps.records, *self._steps.flush()]
        first_t, last_t = self._first_t, self._last_t
        self.reset()
        self.totals, self._glance = totals, glance
        glance.restart_calibration()
        self._steps.records.extend(records)
        self._first_t, self._last_t = first_t, last_t

    # ------------------------------------------------------------------------------------------
    def update(self, frame: PoseFrame) -> tuple[FrameMetrics, list[Event]]:
        """Analyze one frame; returns its metrics and the events it completed (by priority)."""
        t = float(frame.timestamp_s)
        fi = int(frame.frame_index)
        self.totals.frames += 1
        rejected = self._admit(frame, t, fi)
        if rejected is not None:
            return self._empty(fi, t, rejected), []
        s = self._measure(frame, t, fi)
        if s is None:
            self._push_invalid(t, fi)
            return self._empty(fi, t, why.R_BAD_POSE), []
        self.totals.valid += 1
        events: list[Event] = []
        self._legs_stage(s)
        self._orient(s)
        self._posture_stage(s)
        self._head_stage(s, frame.z, events)
        self._knees(s)
        i = self._push_row(s)
        self._gait(s, i, events)
        self._safety(s, frame.image_size, events)
        metrics = self._metrics(s)
        if len(events) > 1:
            events.sort(key=lambda e: -e.priority)
        return metrics, events

    # -- stages ---------------------------------------------------------------------------------
    def _admit(self, frame: PoseFrame, t: float, fi: int) -> Mapping[str, str] | None:
        """Time order, presence and subject changes; the reasons of a rejected frame, else None."""
        tot = self.totals
        if not (t == t and abs(t) != math.inf) or (self._last_t == self._last_t and t <= self._last_t):
            return why.R_BAD_TIME
        if self._first_t != self._first_t:
            self._first_t = t
        self._last_t = t
        tot.last_t = t
        tot.first_t = self._first_t
        if not frame.present:
            self._push_invalid(t, fi)
            return why.R_NO_SUBJECT
        sid = frame.subject_id
        if sid is not None:
            if self._subject_id is not None and sid != self._subject_id:
                self._new_subject()
            self._subject_id = sid
        return None

    def _measure(self, frame: PoseFrame, t: float, fi: int) -> FrameState | None:
        """Landmarks in pixels and the torso (a one-sided fallback: a side view hides a shoulder
        or hip); None for an unusable image size, a too small torso or a size glitch."""
        try:
            w_img, h_img = frame.image_size
            w_img, h_img = float(w_img), float(h_img)
        except (TypeError, ValueError):
            w_img = h_img = NAN
        if not (w_img > 0.0 and h_img > 0.0):
            return None
        xs, ys, face_mask = self._extract(
            frame.xy, frame.visibility, frame.presence, width=w_img, height=h_img
        )
        sx, sy = mid(xs, ys, (g.L_SH, g.R_SH))
        hx, hy = mid(xs, ys, (g.L_HIP, g.R_HIP))
        torso = math.hypot(sx - hx, sy - hy)
        if not torso >= self.cfg.min_torso_px or self._torso_gate.glitch(t, torso):
            return None
        return FrameState(
            t=t,
            frame_index=fi,
            xs=xs,
            ys=ys,
            face_mask=face_mask,
            width=w_img,
            height=h_img,
            sx=sx,
            sy=sy,
            hx=hx,
            hy=hy,
            torso=torso,
        )

    def _legs_stage(self, s: FrameState) -> None:
        """Keep leg identities by continuity (undo far-leg label swaps, drop glitched legs)."""
        xs, ys = s.xs, s.ys
        left = leg_points(xs, ys, (g.L_KNEE, g.L_ANK, g.L_TOE))
        right = leg_points(xs, ys, (g.R_KNEE, g.R_ANK, g.R_TOE))
        s.swapped = self._legs.assign(s.t, left, right, scale_px=s.torso)
        if s.swapped:
            swap_legs(xs, ys)
        for k, bad in enumerate(self._legs.glitched):
            if bad:  # a leg pulled onto the other one for a frame: not a measurement
                drop_leg(xs, ys, k)

    def _orient(self, s: FrameState) -> None:
        """Facing, view, the view's foreshortening and whether the subject is turning."""
        cfg, xs, ys, t = self.cfg, s.xs, s.ys, s.t
        feet_dx, n_feet = feet_facing(xs)
        ex, _ey = mid(xs, ys, (g.L_EAR, g.R_EAR))
        sh_lr = xs[g.L_SH] - xs[g.R_SH]
        s.hip_lr = hip_lr = xs[g.L_HIP] - xs[g.R_HIP]
        s.facing = self._facing.update(
            t,
            feet_dx=feet_dx,
            n_feet=n_feet,
            face_dx=xs[g.NOSE] - ex,
            shoulder_lr_dx=sh_lr if sh_lr == sh_lr else hip_lr,
        )
        s.focal = cfg.focal_length_frac * max(s.width, s.height)
        s.tan_off = (s.hx - 0.5 * s.width) / s.focal
        s.view = self._view.update(t, abs(sh_lr), abs(hip_lr), torso_px=s.torso)
        ratio = self._view.width_ratio
        sin_v = min(1.0, ratio / cfg.frontal_width_ratio) if ratio == ratio else 0.0
        s.cos_view = math.sqrt(1.0 - sin_v * sin_v)
        s.turning = t - self._facing.flipped_at_s < cfg.frames.turn_suspend_s

    def _posture_stage(self, s: FrameState) -> None:
        """Trunk lean (smoothed), lateral lean (smoothed) and neck flexion."""
        lean, lateral, s.neck, _ = self._posture.trunk(
            s.xs, s.ys, view=s.view, facing=s.facing, cos_view=s.cos_view
        )
        s.lean = self._lean_f(s.t, lean)
        s.lateral = self._lateral_f(s.t, lateral)
        if lean == lean:
            nr = neck_to_trunk_deg(s.xs, s.ys, sx=s.sx, sy=s.sy, hx=s.hx, hy=s.hy, facing=s.facing)
            s.neck_rel = self._neck_f(s.t, nr)

    def _head_stage(self, s: FrameState, z: object, events: list[Event]) -> None:
        """Head pose → yaw relative to the pelvis (glances), head flexion."""
        cfg, t = self.cfg, s.t
        s.head_az, pitch, scale = self._head.solve(
            s.xs, s.ys, s.face_mask, cx=0.5 * s.width, cy=0.5 * s.height, focal_px=s.focal
        )
        if scale * HEAD_BREADTH_M < cfg.head.min_face_px or (
            s.view != _SIDE and seen_from_behind(z, torso=s.torso, limit_torso=cfg.head.back_view_depth_torso)
        ):
            s.head_az = NAN  # too small a face to tell its turn, or a head seen from behind
        paz = pelvis_azimuth_deg(
            -s.hip_lr,
            hip_depth_rl(z, s.hip_lr),
            width_px=cfg.hip_width_frac * s.torso,
            facing=s.facing,
            tan_off=s.tan_off,
            frontal=s.view == _FRONTAL,
        )
        pelvis_az = self._yaw_ref.update(t, paz, px=s.hx, torso=s.torso, facing_flipped=s.turning)
        s.turning = s.turning or t - self._yaw_ref.turn_s < cfg.frames.turn_suspend_s
        yaw_raw = relative_yaw_deg(s.head_az, pelvis_az) if s.head_az == s.head_az else NAN
        cut = cut_by_side_edge(s.xs, width=s.width, torso=s.torso, margin_torso=cfg.head.edge_margin_torso)
        yaw, gev = self._glance.update(t, s.frame_index, yaw_raw, suspend=s.turning or cut)
        s.yaw = yaw
        if gev:
            events.extend(gev)
            for e in gev:
                if isinstance(e, GlanceEvent):
                    self.totals.add_glance(e)
                elif isinstance(e, OverRotationEvent):
                    self.totals.over_alerts += 1
        if pitch == pitch and yaw == yaw and abs(yaw) < cfg.glance_on_yaw_deg:
            flex = pitch - cfg.head_neutral_pitch_deg - (s.lean if s.lean == s.lean else 0.0)
            s.head_flex = self._head_flex_f(t, flex)

    def _knees(self, s: FrameState) -> None:
        """Knee flexion (side view only) and the Zeni signals (foot centre minus pelvis, along x)."""
        xs, ys = s.xs, s.ys
        if s.view == _SIDE:
            lhip = (xs[g.L_HIP], ys[g.L_HIP]) if xs[g.L_HIP] == xs[g.L_HIP] else (s.hx, s.hy)
            rhip = (xs[g.R_HIP], ys[g.R_HIP]) if xs[g.R_HIP] == xs[g.R_HIP] else (s.hx, s.hy)
            s.knee_l = g.knee_flexion_deg(lhip, (xs[g.L_KNEE], ys[g.L_KNEE]), (xs[g.L_ANK], ys[g.L_ANK]))
            s.knee_r = g.knee_flexion_deg(rhip, (xs[g.R_KNEE], ys[g.R_KNEE]), (xs[g.R_ANK], ys[g.R_ANK]))
        s.rel_l = foot_x(xs, LEFT_FOOT) - s.hx
        s.rel_r = foot_x(xs, RIGHT_FOOT) - s.hx

    def _push_row(self, s: FrameState) -> int:
        """Write this frame's ring row (see :mod:`vision.core.ring`); returns its index."""
        ys = s.ys
        ground = -math.inf
        for j in _FEET_Y:
            y = ys[j]
            if y > ground:  # NaN never compares greater; the points seen are finite
                ground = y
        s.ground_y = NAN if ground == -math.inf else ground
        s.box = body_box(s.xs, ys)
        fill_ring_row(self._row, s)
        return self._ring.push(self._row)

    def _gait(self, s: FrameState, i: int, events: list[Event]) -> None:
        """Direction of travel, walking direction and the gait events."""
        trav = self._travel
        t = s.t
        trav.update(
            t,
            s.hx,
            s.torso,
            view=s.view,
            facing=s.facing,
            toward_camera=self._facing.toward_camera,
            steps=self._steps,
        )
        s.direction = trav.classify(t, s.frame_index, turning=s.turning, events=events)
        turn_s = max(self._facing.flipped_at_s, self._yaw_ref.turn_s)
        if trav.jitter > self.cfg.frames.max_pose_jitter_frac:
            turn_s = t  # landmarks jump about: no confident gait event
        sev = self._steps.update(
            i,
            t,
            (s.rel_l, s.rel_r),
            torso_px=s.torso,
            travel_x=trav.travel_x,
            facing=s.facing,
            view=s.view,
            direction=s.direction,
            turn_s=turn_s,
            width=s.width,
        )
        for e in sev:
            events.append(e)
            if e.kind == "contact":
                self.totals.contacts += 1

    def _safety(self, s: FrameState, image_size: tuple[int, int], events: list[Event]) -> None:
        """Falls, stumbles and leaving the view."""
        tot, t, ring = self.totals, s.t, self._ring
        trunk_abs = abs(math.atan2(s.sx - s.hx, s.hy - s.sy)) * R2D
        j = self._tail_fall = ring.advance(self._tail_fall, t - self.cfg.frames.fall_lookback_s)
        ago = ring.rows[j % ring.size]
        fev = self._fall.update(
            t,
            s.frame_index,
            pelvis_y=s.hy,
            ground_y=s.ground_y,
            trunk_abs_deg=trunk_abs,
            torso_px=s.torso,
            pelvis_y_ago=ago[rb.C_PY],
            dt_ago=t - ago[rb.C_T],
            body_cut=_cut(s.box, image_size),
        )
        if fev is not None:
            events.append(fev)
            tot.falls.append(fev)
        lev = self._leave.check(
            ring, t, s.frame_index, px=s.hx, box=s.box, image_size=image_size, torso=s.torso
        )
        if lev is not None:
            events.append(lev)
            tot.leaving += 1

    def _metrics(self, s: FrameState) -> FrameMetrics:
        """Sway, the session totals of this frame and its metrics."""
        cfg, tot = self.cfg, self.totals
        lean, lateral = s.lean, s.lateral
        s.sway = sway = self._sway(s.t, s.hx, s.torso, frontal=s.view == _FRONTAL)
        if sway == sway:
            tot.add_sway(sway)
        parts = classify(
            lean=lean,
            head_flex=s.head_flex,
            neck_rel=s.neck_rel,
            max_lean_deg=cfg.upright_max_lean_deg,
            head_down_deg=cfg.head_down_max_deg,
            rounded_deg=cfg.posture.rounded_neck_deg,
        )
        upright = parts.upright
        if lateral == lateral and abs(lateral) > cfg.upright_max_lateral_deg:
            upright = False
        elif upright is None and lateral == lateral:
            upright = True
        looking_down = parts.head_down
        if looking_down is None and s.head_flex == s.head_flex:
            looking_down = s.head_flex > cfg.head_down_max_deg
        tot.add_frame(
            s.view,
            s.direction,
            lean=lean,
            upright=upright,
            down=looking_down,
            leaning=parts.leaning,
            rounded=parts.rounded,
        )
        return FrameMetrics(
            frame_index=s.frame_index,
            time_s=s.t,
            present=True,
            view=s.view,
            direction=s.direction,
            trunk_lean_deg=lean,
            lateral_lean_deg=lateral,
            head_flexion_deg=s.head_flex,
            upright=upright,
            looking_down=looking_down,
            head_yaw_deg=s.yaw,
            in_glance=self._glance.active,
            time_since_glance_s=self._since_glance(s.t),
            knee_flexion_left_deg=s.knee_l,
            knee_flexion_right_deg=s.knee_r,
            pelvis_sway_frac=sway,
            neck_flexion_deg=s.neck,
            not_measurable=self._reasons(s),
            trunk_leaning=parts.leaning,
            rounded_back=parts.rounded,
            neck_to_trunk_deg=s.neck_rel,
        )

    # ------------------------------------------------------------------------------------------
    def _push_invalid(self, t: float, fi: int) -> None:
        row = [NAN] * rb.N_CHANNELS
        row[rb.C_T] = t
        row[rb.C_FRAME] = fi
        row[rb.C_VALID] = 0.0
        self._ring.push(row)

    def _since_glance(self, t: float) -> float:
        return t - self._glance.last_end_s if self._glance.count else NAN

    def _empty(self, fi: int, t: float, reasons: Mapping[str, str]) -> FrameMetrics:
        return absent_metrics(fi, t, reasons=reasons, since_glance_s=self._since_glance(t))

    def summary(self) -> SessionSummary:
        """Totals of the session so far (see :class:`SessionSummary`)."""
        return self.totals.summary(self._steps, self._glance, self.cfg)


def _cut(box: tuple[float, float, float, float], image_size: tuple[int, int]) -> bool:
    """The subject's landmark box (x0, y0, x1, y1) px reaches beyond the image."""
    w, h = image_size
    return box[0] < 0.0 or box[1] < 0.0 or box[2] > w or box[3] > h
