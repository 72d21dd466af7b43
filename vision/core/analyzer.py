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
from types import MappingProxyType

from vision.core import geometry as g
from vision.core import ring as rb
from vision.core.config import CoachConfig
from vision.core.events import (
    Direction,
    Event,
    FrameMetrics,
    GlanceEvent,
    OverRotationEvent,
    SessionSummary,
    View,
)
from vision.core.glance import GlanceDetector, HeadPose, YawReference, pelvis_azimuth_deg, relative_yaw_deg
from vision.core.legs import LegTracker
from vision.core.posture import PostureEstimator, Smoother, SwayTracker
from vision.core.safety import FallDetector, LeavingFrameDetector, body_box
from vision.core.steps import StepDetector
from vision.core.summary import SessionTotals
from vision.core.travel import TravelTracker
from vision.core.view import (
    HEAD_FLEXION,
    HEAD_YAW,
    KNEE_FLEXION,
    LATERAL_LEAN,
    STRIKE,
    SWAY,
    TRUNK_LEAN,
    VIEW_LIMITS,
    FacingEstimator,
    ViewClassifier,
)
from vision.landmarks import LM
from vision.pose_frame import PoseFrame

NAN = math.nan
R2D = g.RAD2DEG
_L_HIP, _R_HIP = int(LM.LEFT_HIP), int(LM.RIGHT_HIP)
MAX_POSE_JITTER = 0.2
"""Mean |second difference| of the pelvis x per frame (torso lengths) above which the pose is too
jittery for confident events (1-2 px noise on a 100 px torso gives ≈ 0.04)."""
_LEG_PAIRS = ((g.L_KNEE, g.R_KNEE), (g.L_ANK, g.R_ANK), (g.L_HEEL, g.R_HEEL), (g.L_TOE, g.R_TOE))

_NO_SUBJECT = "no subject in this frame"
_BAD_POSE = "pose incomplete (torso not found)"
_BAD_TIME = "timestamp not increasing"
_ALL_METRICS = (TRUNK_LEAN, LATERAL_LEAN, HEAD_FLEXION, HEAD_YAW, STRIKE, KNEE_FLEXION, SWAY)


def _reasons(reason: str) -> MappingProxyType:
    return MappingProxyType(dict.fromkeys(_ALL_METRICS, reason))


_R_NO_SUBJECT = _reasons(_NO_SUBJECT)
_R_BAD_POSE = _reasons(_BAD_POSE)
_R_BAD_TIME = _reasons(_BAD_TIME)
_FACE_HIDDEN = "face and ears not seen well enough for the head pose"
_TURNING = "subject turning around"


class StreamingAnalyzer:
    """Feed frames in time order with :meth:`update`; read totals with :meth:`summary`."""

    def __init__(self, config: CoachConfig | None = None) -> None:
        self.cfg = config or CoachConfig()
        self.reset()

    def reset(self) -> None:
        """Forget everything (a new recording)."""
        cfg = self.cfg
        self._ring = rb.Ring(cfg.ring_frames)
        self._row = [NAN] * rb.N_CHANNELS
        self._extract = g.Extractor(cfg.min_visibility, cfg.min_face_visibility, cfg.min_leg_visibility)
        self._legs = LegTracker()
        self._facing = FacingEstimator()
        self._view = ViewClassifier(cfg)
        self._posture = PostureEstimator(cfg)
        self._lean_f = Smoother(0.1)
        self._lateral_f = Smoother(0.1)
        self._head = HeadPose()
        self._glance = GlanceDetector(cfg)
        self._steps = StepDetector(cfg, self._ring)
        self._fall = FallDetector(cfg)
        self._leave = LeavingFrameDetector(cfg)
        self._travel = TravelTracker(cfg, self._ring)
        self._yaw_ref = YawReference()
        self._sway = SwayTracker()
        self.totals = SessionTotals()
        self._last_t = NAN
        self._first_t = NAN
        self._torso_ref = NAN
        self._torso_t = NAN
        self._glitches = 0
        self._tail_fall = 0  # ring index ≈ 0.2 s back (drop speed)
        self._reason_cache: dict[tuple, MappingProxyType] = {}
        self._subject_id: int | None = None

    def _new_subject(self) -> None:
        """The pose engine switched to another person: start the per-person state afresh
        (body size, legs, facing, view, travel, gait, safety) and keep the session's totals,
        steps and glances."""
        totals, glance = self.totals, self._glance
        records = [*self._steps.records, *self._steps.flush()]
        first_t, last_t = self._first_t, self._last_t
        self.reset()
        self.totals, self._glance = totals, glance
        self._steps.records.extend(records)
        self._first_t, self._last_t = first_t, last_t

    # ------------------------------------------------------------------------------------------
    def update(self, frame: PoseFrame) -> tuple[FrameMetrics, list[Event]]:
        """Analyze one frame; returns its metrics and the events it completed (by priority)."""
        t = float(frame.timestamp_s)
        fi = int(frame.frame_index)
        tot = self.totals
        tot.frames += 1
        if not (t == t and abs(t) != math.inf) or (self._last_t == self._last_t and t <= self._last_t):
            return self._empty(fi, t, _R_BAD_TIME), []
        if self._first_t != self._first_t:
            self._first_t = t
        self._last_t = t
        tot.last_t = t
        tot.first_t = self._first_t
        if not frame.present:
            self._push_invalid(t, fi)
            return self._empty(fi, t, _R_NO_SUBJECT), []
        sid = frame.subject_id
        if sid is not None:
            if self._subject_id is not None and sid != self._subject_id:
                self._new_subject()
            self._subject_id = sid
        cfg = self.cfg
        try:
            w_img, h_img = (float(v) for v in frame.image_size)
        except (TypeError, ValueError):
            w_img = h_img = NAN
        if not (w_img > 0.0 and h_img > 0.0):
            self._push_invalid(t, fi)
            return self._empty(fi, t, _R_BAD_POSE), []
        xs, ys, face_mask = self._extract(frame.xy, frame.visibility, frame.presence, w_img, h_img)
        # Torso: midpoints, with a one-sided fallback (side view hides a shoulder or hip).
        sx, sy = _mid(xs, ys, g.L_SH, g.R_SH)
        hx, hy = _mid(xs, ys, g.L_HIP, g.R_HIP)
        torso = math.hypot(sx - hx, sy - hy)
        if not torso >= cfg.min_torso_px or self._glitch(t, torso):
            self._push_invalid(t, fi)
            return self._empty(fi, t, _R_BAD_POSE), []
        tot.valid += 1
        events: list[Event] = []
        # Legs: keep identities by continuity (undo far-leg label swaps).
        left = [xs[g.L_KNEE], ys[g.L_KNEE], xs[g.L_ANK], ys[g.L_ANK], xs[g.L_TOE], ys[g.L_TOE]]
        right = [xs[g.R_KNEE], ys[g.R_KNEE], xs[g.R_ANK], ys[g.R_ANK], xs[g.R_TOE], ys[g.R_TOE]]
        swapped = self._legs.assign(t, left, right, torso)
        if swapped:
            for a, b in _LEG_PAIRS:
                xs[a], xs[b] = xs[b], xs[a]
                ys[a], ys[b] = ys[b], ys[a]
        for k, bad in enumerate(self._legs.glitched):
            if bad:  # a leg pulled onto the other one for a frame: not a measurement
                for pair in _LEG_PAIRS:
                    xs[pair[k]] = ys[pair[k]] = NAN
        # Facing and view.
        feet_dx, n_feet = 0.0, 0
        for hk, tk in ((g.L_HEEL, g.L_TOE), (g.R_HEEL, g.R_TOE)):
            d = xs[tk] - xs[hk]
            if d == d and d != 0.0:
                feet_dx += 1.0 if d > 0 else -1.0
                n_feet += 1
        ex, _ey = _mid(xs, ys, g.L_EAR, g.R_EAR)
        face_dx = xs[g.NOSE] - ex
        sh_lr = xs[g.L_SH] - xs[g.R_SH]
        hip_lr = xs[g.L_HIP] - xs[g.R_HIP]
        facing = self._facing.update(t, feet_dx, n_feet, face_dx, sh_lr if sh_lr == sh_lr else hip_lr)
        focal = cfg.focal_length_frac * max(w_img, h_img)
        tan_off = (hx - 0.5 * w_img) / focal
        view = self._view.update(t, abs(sh_lr), abs(hip_lr), torso)
        ratio = self._view.width_ratio
        sin_v = min(1.0, ratio / cfg.frontal_width_ratio) if ratio == ratio else 0.0
        cos_view = math.sqrt(1.0 - sin_v * sin_v)
        turning = t - self._facing.flipped_at_s < 1.0
        # Posture.
        lean, lateral, neck, _ = self._posture.trunk(xs, ys, view, facing, cos_view)
        lean = self._lean_f(t, lean)
        lateral = self._lateral_f(t, lateral)
        # Head pose → yaw relative to the pelvis, head flexion.
        head_az, pitch, _scale = self._head.solve(xs, ys, face_mask, 0.5 * w_img, 0.5 * h_img, focal)
        zz = frame.z
        try:
            dz_rl = float(zz[_R_HIP]) - float(zz[_L_HIP]) if hip_lr == hip_lr else NAN
        except (TypeError, IndexError, ValueError):
            dz_rl = NAN
        if dz_rl - dz_rl != 0.0:  # NaN or inf
            dz_rl = NAN
        paz = pelvis_azimuth_deg(
            -hip_lr, dz_rl, cfg.hip_width_frac * torso, facing, tan_off, view == View.FRONTAL
        )
        pelvis_az = self._yaw_ref.update(t, paz, hx, torso, turning)
        turning = turning or t - self._yaw_ref.turn_s < 1.0
        yaw_raw = relative_yaw_deg(head_az, pelvis_az) if head_az == head_az else NAN
        yaw, gev = self._glance.update(t, fi, yaw_raw, turning)
        if gev:
            events.extend(gev)
            for e in gev:
                if isinstance(e, GlanceEvent):
                    tot.add_glance(e)
                elif isinstance(e, OverRotationEvent):
                    tot.over_alerts += 1
        head_flex = NAN
        if pitch == pitch and yaw == yaw and abs(yaw) < cfg.glance_on_yaw_deg:
            head_flex = pitch - cfg.head_neutral_pitch_deg - (lean if lean == lean else 0.0)
        # Knees (side view only).
        side = view == View.SIDE
        knee_l = knee_r = NAN
        if side:
            lhx, lhy = (xs[g.L_HIP], ys[g.L_HIP]) if xs[g.L_HIP] == xs[g.L_HIP] else (hx, hy)
            rhx, rhy = (xs[g.R_HIP], ys[g.R_HIP]) if xs[g.R_HIP] == xs[g.R_HIP] else (hx, hy)
            knee_l = g.knee_flexion_deg(lhx, lhy, xs[g.L_KNEE], ys[g.L_KNEE], xs[g.L_ANK], ys[g.L_ANK])
            knee_r = g.knee_flexion_deg(rhx, rhy, xs[g.R_KNEE], ys[g.R_KNEE], xs[g.R_ANK], ys[g.R_ANK])
        # Zeni signals: foot centre (heel, toe, ankle) minus pelvis, along x.
        rel_l = _foot_x(xs, g.L_HEEL, g.L_TOE, g.L_ANK) - hx
        rel_r = _foot_x(xs, g.R_HEEL, g.R_TOE, g.R_ANK) - hx
        # Ring row.
        row = self._row
        row[rb.C_T] = t
        row[rb.C_FRAME] = fi
        row[rb.C_VALID] = 1.0
        row[rb.C_PX] = hx
        row[rb.C_PY] = hy
        row[rb.C_TORSO] = torso
        row[rb.C_FACING] = facing
        row[rb.C_SWAP] = 1.0 if swapped else 0.0
        for k, (hk, tk, ak, kn, rel) in enumerate(
            ((g.L_HEEL, g.L_TOE, g.L_ANK, knee_l, rel_l), (g.R_HEEL, g.R_TOE, g.R_ANK, knee_r, rel_r))
        ):
            c = rb.C_LEG0 + 8 * k
            row[c] = xs[hk]
            row[c + 1] = ys[hk]
            row[c + 2] = xs[tk]
            row[c + 3] = ys[tk]
            row[c + 4] = xs[ak]
            row[c + 5] = ys[ak]
            row[c + 6] = kn
            row[c + 7] = rel
        feet_y = [ys[j] for j in (g.L_HEEL, g.R_HEEL, g.L_TOE, g.R_TOE, g.L_ANK, g.R_ANK) if ys[j] == ys[j]]
        ground_y = max(feet_y) if feet_y else NAN
        box = body_box(xs, ys)
        row[rb.C_BOX] = box[0]
        row[rb.C_BOX + 1] = box[1]
        row[rb.C_BOX + 2] = box[2]
        row[rb.C_BOX + 3] = box[3]
        i = self._ring.push(row)
        # Direction of travel.
        trav = self._travel
        trav.update(t, hx, torso, view, facing, self._facing.toward_camera, self._steps)
        direction = trav.classify(t, fi, turning, events)
        # Gait events.
        turn_s = max(self._facing.flipped_at_s, self._yaw_ref.turn_s)
        if trav.jitter > MAX_POSE_JITTER:
            turn_s = t  # landmarks jump about: no confident gait event
        sev = self._steps.update(i, t, (rel_l, rel_r), torso, trav.travel_x, facing, view, direction, turn_s)
        for e in sev:
            events.append(e)
            if e.kind == "contact":
                tot.contacts += 1
        # Safety.
        trunk_abs = abs(math.atan2(sx - hx, hy - sy)) * R2D
        j = self._tail_fall = self._ring.advance(self._tail_fall, t - 0.2)
        ago = self._ring.rows[j % self._ring.size]
        fev = self._fall.update(t, fi, hy, ground_y, trunk_abs, torso, ago[rb.C_PY], t - ago[rb.C_T])
        if fev is not None:
            events.append(fev)
            tot.falls.append(fev)
        lev = self._leave.check(self._ring, t, fi, hx, box, frame.image_size, torso)
        if lev is not None:
            events.append(lev)
            tot.leaving += 1
        # Sway (frontal view).
        sway = self._sway(t, hx, torso, view == View.FRONTAL)
        if sway == sway:
            tot.add_sway(sway)
        # Totals.
        upright = None
        if lean == lean or lateral == lateral:
            upright = not (
                (lean == lean and abs(lean) > cfg.upright_max_lean_deg)
                or (lateral == lateral and abs(lateral) > cfg.upright_max_lateral_deg)
            )
        world_pitch = head_flex + (lean if lean == lean else 0.0)
        looking_down = None if world_pitch != world_pitch else world_pitch > cfg.head_down_max_deg
        tot.add_frame(view, direction, lean, upright, looking_down)
        reasons = self._frame_reasons(view, lean, lateral, head_flex, yaw, turning, head_az)
        since = t - self._glance.last_end_s if self._glance.count else NAN
        metrics = FrameMetrics(
            fi,
            t,
            True,
            view,
            direction,
            lean,
            lateral,
            head_flex,
            upright,
            looking_down,
            yaw,
            self._glance.active,
            since,
            knee_l,
            knee_r,
            sway,
            neck,
            reasons,
        )
        if len(events) > 1:
            events.sort(key=lambda e: -e.priority)
        return metrics, events

    # ------------------------------------------------------------------------------------------
    def _glitch(self, t: float, torso: float) -> bool:
        """A pose whose size jumps by 2× from the last frames (0.5 s) is a detector glitch;
        three in a row mean the subject really changed (re-detected nearer or farther)."""
        ref = self._torso_ref
        if ref == ref and t - self._torso_t < 0.5 and not 0.5 < torso / ref < 2.0:
            self._glitches += 1
            if self._glitches < 3:
                return True
            ref = NAN
        self._glitches = 0
        self._torso_ref = torso if ref != ref else ref + 0.2 * (torso - ref)
        self._torso_t = t
        return False

    def _push_invalid(self, t: float, fi: int) -> None:
        row = [NAN] * rb.N_CHANNELS
        row[rb.C_T] = t
        row[rb.C_FRAME] = fi
        row[rb.C_VALID] = 0.0
        self._ring.push(row)

    def _empty(self, fi: int, t: float, reasons: MappingProxyType) -> FrameMetrics:
        since = t - self._glance.last_end_s if self._glance.count else NAN
        return FrameMetrics(
            fi,
            t,
            False,
            View.UNKNOWN,
            Direction.UNKNOWN,
            NAN,
            NAN,
            NAN,
            None,
            None,
            NAN,
            False,
            since,
            NAN,
            NAN,
            NAN,
            NAN,
            reasons,
        )

    def _frame_reasons(
        self, view: View, lean: float, lateral: float, head: float, yaw: float, turning: bool, head_az: float
    ) -> MappingProxyType:
        key = (view, lean != lean, lateral != lateral, head != head, yaw != yaw, turning, head_az != head_az)
        r = self._reason_cache.get(key)
        if r is None:
            d = dict(VIEW_LIMITS[view])
            if yaw != yaw:
                d[HEAD_YAW] = (
                    _TURNING if turning else (_FACE_HIDDEN if head_az != head_az else d.get(HEAD_YAW, ""))
                )
            if head != head:
                if head_az != head_az:
                    d[HEAD_FLEXION] = _FACE_HIDDEN
                elif yaw == yaw:
                    d[HEAD_FLEXION] = "head turned (glance): pitch not comparable"
                else:
                    d.setdefault(HEAD_FLEXION, d.get(HEAD_YAW) or _FACE_HIDDEN)
            if lean != lean:
                d.setdefault(TRUNK_LEAN, "facing direction not known yet")
            if lateral != lateral:
                d.setdefault(LATERAL_LEAN, "shoulders and hips not seen")
            r = MappingProxyType({k: v for k, v in d.items() if v})
            self._reason_cache[key] = r
        return r

    # ------------------------------------------------------------------------------------------
    def summary(self) -> SessionSummary:
        """Totals of the session so far (see :class:`SessionSummary`)."""
        return self.totals.summary(self._steps, self._glance, self.cfg)


def _mid(xs: list, ys: list, a: int, b: int) -> tuple[float, float]:
    """Midpoint of two points, or the one that is present."""
    xa, xb = xs[a], xs[b]
    if xa == xa and xb == xb:
        return 0.5 * (xa + xb), 0.5 * (ys[a] + ys[b])
    if xa == xa:
        return xa, ys[a]
    return xb, ys[b]


def _foot_x(xs: list, h: int, t: int, a: int) -> float:
    s, n = 0.0, 0
    for j in (h, t, a):
        v = xs[j]
        if v == v:
            s += v
            n += 1
    return s / n if n == 3 else NAN
