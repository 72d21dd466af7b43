"""Exact labels of a rendered clip, schema ``retrowalk.labels/2`` (see ``docs/labels.md``).

Everything is measured on the POSED body, not copied from the motion's inputs: contacts and
lift-offs from the sole points' heights on a fine time grid (the first sole point down names the
strike), head yaw/pitch from the head bone against the trunk, trunk lean from the hip midpoint
to the neck, thoracic and neck flexion from the spine bones, landmarks through the camera.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.core.config import CoachConfig
from vision.synth.human.motion.animate import Motion, animate
from vision.synth.human.motion.bones import BoneMap
from vision.synth.human.motion.spec import MotionSpec

SCHEMA = "retrowalk.labels/2"
FINE_DT_S = 0.002
"""Time step on which sole heights are sampled for the contact events (seconds)."""
CONTACT_EPS_M = 0.0015
"""A sole point this close to the floor touches it (metres)."""
FLAT_WINDOW_S = 0.03
"""Heel and forefoot touching within this time of each other make a flat strike (seconds)."""
MIN_STANCE_S = 0.05
"""Shorter floor touches (a scuff) are not steps (seconds)."""
SOLE_HEEL, SOLE_BALL, SOLE_TOE = 0, 1, 2


@dataclass(frozen=True, kw_only=True)
class StepLabel:
    foot: str
    contact_frame: int
    contact_time_s: float
    liftoff_frame: int
    liftoff_time_s: float | None
    strike: str
    direction: str


def first_frame_at_or_after(times_s: np.ndarray, t: float) -> int:
    """Index of the first frame whose timestamp is ≥ ``t`` (len(times) when none)."""
    return int(np.searchsorted(times_s, t - 1e-9, side="left"))


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) index runs where ``mask`` is True."""
    d = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1), strict=True))


def sole_heights(body, motion: Motion) -> np.ndarray:
    """(T, 2, 3) heights above the floor of heel, ball, toe of the left and right sole."""
    mats = body.pose(local_rot=motion.local_rot, root_m=motion.root_m)
    pts = body.sole_points(mats)
    return np.stack([pts["left"][..., 1], pts["right"][..., 1]], axis=1) - motion.floor_y_m


def strike_of(heights: np.ndarray, start: int, end: int, dt: float) -> str:
    """Strike class of the contact starting at sample ``start`` of a (G, 3) height track."""
    down = heights[start:end] < CONTACT_EPS_M
    first = np.array([np.argmax(down[:, k]) if down[:, k].any() else end - start for k in range(3)]) * dt
    heel, fore = first[SOLE_HEEL], min(first[SOLE_BALL], first[SOLE_TOE])
    if abs(heel - fore) <= FLAT_WINDOW_S:
        return "flat"
    return "heel" if heel < fore else "forefoot"


def contact_events(
    body, spec: MotionSpec, *, frame_times_s: np.ndarray, floor_y_m: float, place: tuple[float, float, float]
) -> list[StepLabel]:
    """Steps measured from the sole heights sampled every FINE_DT_S over the clip."""
    t_end = float(frame_times_s[-1])
    fine = np.arange(-0.5, t_end + 0.5, FINE_DT_S)
    motion = animate(body, spec, fine, floor_y_m=floor_y_m, place=place)
    h = sole_heights(body, motion)
    fall = np.inf if spec.fall_at_s is None else spec.fall_at_s
    direction = "forward" if spec.direction == "forward" else "backward"
    out = []
    for f, name in ((0, "left"), (1, "right")):
        low = h[:, f].min(axis=1) < CONTACT_EPS_M
        for a, b in _runs(low):
            if a == 0 or fine[a] < 0.0 or fine[a] > t_end or fine[a] >= fall:
                continue
            if b < len(fine) and fine[b] - fine[a] < MIN_STANCE_S:
                continue
            tl = float(fine[b]) if b < len(fine) else None
            lifted = tl is not None and tl <= t_end and tl < fall
            out.append(
                StepLabel(
                    foot=name,
                    contact_frame=first_frame_at_or_after(frame_times_s, float(fine[a])),
                    contact_time_s=round(float(fine[a]), 4),
                    liftoff_frame=first_frame_at_or_after(frame_times_s, tl) if lifted else -1,
                    liftoff_time_s=round(tl, 4) if lifted else None,
                    strike=strike_of(h[:, f], a, b, FINE_DT_S),
                    direction=direction,
                )
            )
    return sorted(out, key=lambda s: (s.contact_frame, s.contact_time_s))


def _signed_angle(u: np.ndarray, v: np.ndarray, axis: np.ndarray) -> np.ndarray:
    """Angle from u to v about ``axis`` (all (T, 3)), degrees, after projecting on its plane."""

    def proj(x: np.ndarray) -> np.ndarray:
        return x - np.sum(x * axis, -1, keepdims=True) * axis

    pu, pv = proj(u), proj(v)
    return np.rad2deg(np.arctan2(np.sum(np.cross(pu, pv) * axis, -1), np.sum(pu * pv, -1)))


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12)


@dataclass(frozen=True, eq=False, kw_only=True)
class PostureTrack:
    """Per-frame angles (T,) in degrees, conventions as in ``docs/labels.md``."""

    head_yaw_deg: np.ndarray
    head_pitch_deg: np.ndarray
    trunk_lean_deg: np.ndarray
    neck_flexion_deg: np.ndarray
    thoracic_flexion_deg: np.ndarray
    upright: np.ndarray


def posture_track(body, mats: np.ndarray, *, upright_max_lean_deg: float | None = None) -> PostureTrack:
    """Angles measured on posed skinning matrices (T, B, 4, 4)."""
    bm = BoneMap.of(body)
    heads_r = np.asarray(body.rest_heads_m)
    pos = np.einsum("tbij,bj->tbi", mats[..., :3, :3], heads_r) + mats[..., :3, 3]
    rot = mats[..., :3, :3]
    hip = 0.5 * (pos[:, bm.legs[0].thigh] + pos[:, bm.legs[1].thigh])
    neck = pos[:, bm.neck[0]]
    sh_l, sh_r = pos[:, bm.arms[0].upper], pos[:, bm.arms[1].upper]
    lateral = _unit(sh_l - sh_r)
    up_t = _unit(neck - hip)
    front_t = _unit(np.cross(lateral, up_t))
    head_fwd = rot[:, bm.head] @ np.array([0.0, 0.0, 1.0])
    yaw = np.rad2deg(np.arctan2(np.sum(head_fwd * lateral, -1), np.sum(head_fwd * front_t, -1)))
    pitch = np.rad2deg(
        np.arctan2(
            -np.sum(head_fwd * up_t, -1), np.hypot(*(np.sum(head_fwd * a, -1) for a in (front_t, lateral)))
        )
    )
    facing = rot[:, bm.root] @ np.array([0.0, 0.0, 1.0])
    facing[:, 1] = 0.0
    facing = _unit(facing)
    v = neck - hip
    lean = np.rad2deg(np.arctan2(np.sum(v * facing, -1), v[:, 1]))
    pelvis_left = _unit(rot[:, bm.root] @ np.array([1.0, 0.0, 0.0]))

    def flexion(a: int, b: int, c: int, d: int) -> np.ndarray:
        """Forward bend of segment c→d against segment a→b, rest pose subtracted."""
        u, w = pos[:, b] - pos[:, a], pos[:, d] - pos[:, c]
        ang = _signed_angle(u, w, pelvis_left)
        ru, rw = heads_r[b] - heads_r[a], heads_r[d] - heads_r[c]
        rest = _signed_angle(ru[None], rw[None], np.array([[1.0, 0.0, 0.0]]))
        return ang - rest

    top = bm.thoracic[-1]
    thoracic = flexion(bm.lumbar[0], bm.thoracic[0], top, bm.neck[0])
    neck_flex = flexion(top, bm.neck[0], bm.neck[0], bm.head)
    limit = CoachConfig().upright_max_lean_deg if upright_max_lean_deg is None else upright_max_lean_deg
    return PostureTrack(
        head_yaw_deg=yaw,
        head_pitch_deg=pitch,
        trunk_lean_deg=lean,
        neck_flexion_deg=neck_flex,
        thoracic_flexion_deg=thoracic,
        upright=np.abs(lean) <= limit,
    )


@dataclass(frozen=True, kw_only=True)
class ClipMeta:
    """Clip-level facts the writer copies into the label file (see ``docs/labels.md``)."""

    video: str
    fps: float
    image_size: tuple[int, int]
    seed: int
    generator: str
    generator_version: str
    view: str
    camera: dict
    body: dict
    room: dict
    treadmill: bool
    second_person: bool
    compression: dict
    direction: str
    strike: str
    posture: str


CONVENTIONS = {
    "frames": "count from 0 in decode order; *_frame = first frame whose timestamp >= the event instant",
    "contact_frame": "the first part of the shoe sole reaches the floor (sole point within 1.5 mm of it)",
    "liftoff_frame": "the last part of the sole leaves the floor; -1 when after the clip (time null)",
    "strike": "which sole point touched first: heel, ball/toe (forefoot), or both within 30 ms (flat)",
    "head_yaw_deg": "head forward vs the shoulder line's normal, + = nose toward the walker's left",
    "head_pitch_deg": "head forward vs the trunk (hip midpoint to neck), + = chin down",
    "trunk_lean_deg": "hip midpoint to neck base from vertical, + = toward the facing direction",
    "neck_flexion_deg": "neck01→head joint against spine01→neck01, + = forward, rest = 0",
    "thoracic_flexion_deg": "spine01→neck01 against spine05→spine02 (upper back), + = rounded, rest = 0",
    "upright": "|trunk_lean_deg| <= CoachConfig.upright_max_lean_deg",
    "glances": "head turns over the shoulder; peak_yaw_deg unsigned, side = where the nose turns",
    "turns": "whole-body turns (not glances); steps during turns are in steps, flat strikes",
    "landmarks_px": "projected BlazePose anatomical places, pixel centres at integers, null behind camera",
}


def _frame_span(times: np.ndarray, start_s: float, end_s: float) -> tuple[int, int]:
    a = first_frame_at_or_after(times, start_s)
    b = int(np.searchsorted(times, end_s + 1e-9, side="right")) - 1
    return a, min(b, len(times) - 1)


def _events(spec: MotionSpec, motion: Motion, times: np.ndarray, yaw: np.ndarray) -> dict:
    glances = []
    for g in spec.glances:
        a, b = _frame_span(times, g.start_s, g.start_s + g.duration_s)
        if a > b or a >= len(times):
            continue
        peak = int(np.argmin(np.abs(times - (g.start_s + 0.5 * g.duration_s))))
        glances.append(
            {
                "start_frame": a,
                "end_frame": b,
                "peak_frame": peak,
                "peak_yaw_deg": round(float(abs(yaw[peak])), 2),
                "side": g.side,
                "with_trunk": g.with_trunk,
            }
        )
    distractors = []
    for d in spec.distractors:
        a, b = _frame_span(times, d.start_s, d.start_s + d.duration_s)
        if a <= b < len(times):
            distractors.append(
                {"kind": d.kind, "start_frame": a, "end_frame": b, "peak_deg": round(d.peak_deg, 2)}
            )
    segments = []
    for s in motion.plan.segments:
        a, b = _frame_span(times, s.start_s, s.end_s)
        if a <= b:
            segments.append({"start_frame": a, "end_frame": b, "activity": s.activity})
    turns = [
        {"start_frame": s["start_frame"], "end_frame": s["end_frame"]}
        for s in segments
        if s["activity"] == "turn"
    ]
    return {"glances": glances, "turns": turns, "distractors": distractors, "segments": segments}


def build_labels(
    *,
    body,
    spec: MotionSpec,
    motion: Motion,
    mats: np.ndarray,
    steps: list[StepLabel],
    landmarks_px: np.ndarray,
    meta: ClipMeta,
) -> dict:
    """The label document (JSON-ready) for one clip; ``landmarks_px`` (T, 33, 2), NaN = behind."""
    times = motion.times_s
    n = len(times)
    track = posture_track(body, mats)
    w, h = meta.image_size
    finite = np.isfinite(landmarks_px).all(axis=-1)
    inside = finite & (landmarks_px[..., 0] >= -0.5) & (landmarks_px[..., 0] <= w - 0.5)
    inside &= (landmarks_px[..., 1] >= -0.5) & (landmarks_px[..., 1] <= h - 0.5)
    lm = np.round(landmarks_px, 1)
    lm_list = [
        [[float(x), float(y)] if ok else None for (x, y), ok in zip(fr, okf, strict=True)]
        for fr, okf in zip(lm, finite, strict=True)
    ]
    fall = None if spec.fall_at_s is None else first_frame_at_or_after(times, spec.fall_at_s)
    fall = fall if fall is not None and fall < n else None

    def r(a: np.ndarray) -> list[float]:
        return [round(float(x), 2) for x in a]

    doc = {
        "schema": SCHEMA,
        "video": meta.video,
        "fps": meta.fps,
        "frame_count": n,
        "duration_s": round(n / meta.fps, 4),
        "image_size": [w, h],
        "seed": meta.seed,
        "generator": meta.generator,
        "generator_version": meta.generator_version,
        "view": meta.view,
        "camera": meta.camera,
        "body": meta.body,
        "room": meta.room,
        "treadmill": meta.treadmill,
        "second_person": meta.second_person,
        "compression": meta.compression,
        "direction": meta.direction,
        "strike": meta.strike,
        "posture": meta.posture,
        "fall_frame": fall,
        "steps": [s.__dict__ for s in steps if fall is None or s.contact_frame <= fall],
        **_events(spec, motion, times, track.head_yaw_deg),
        "head_yaw_deg": r(track.head_yaw_deg),
        "head_pitch_deg": r(track.head_pitch_deg),
        "trunk_lean_deg": r(track.trunk_lean_deg),
        "neck_flexion_deg": r(track.neck_flexion_deg),
        "thoracic_flexion_deg": r(track.thoracic_flexion_deg),
        "upright": [bool(x) for x in track.upright],
        "landmarks_px": lm_list,
        "landmarks_in_image": inside.tolist(),
        "conventions": CONVENTIONS,
    }
    return doc
