"""A small, independent kinematic walker for the core's tests (not the product's generator).

Builds PoseFrames of a 3D stick figure projected by a pinhole camera. Each foot alternates a
stance (pivoting on the contact point, flat, pivoting on the lift-off point) and a swing; the
pelvis travels at constant speed (or stays in place on a treadmill). Truth: contact and lift-off
times, strike class, head yaw, trunk lean, fall time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from vision.landmarks import LM, NUM_LANDMARKS
from vision.pose_frame import PoseFrame

THIGH, SHANK, ANKLE_H = 0.44, 0.43, 0.08
HEEL_BACK, TOE_FWD = 0.06, 0.16
TORSO, HIP_HALF, SH_HALF = 0.50, 0.09, 0.18

STRIKE_ANGLE = {"heel": 18.0, "flat": 0.0, "forefoot": -16.0}


@dataclass
class Walk:
    direction: str = "backward"  # backward | forward | standing
    strike: str = "forefoot"
    fps: float = 30.0
    duration_s: float = 8.0
    speed_mps: float = 0.5
    cadence_spm: float = 90.0
    view: str = "side"  # side | front | oblique
    travel: str = "left_to_right"
    treadmill: bool = False
    trunk_lean_deg: float = 0.0
    head_flexion_deg: float = 0.0
    glances: tuple = ()  # (start_s, duration_s, yaw_deg) ; yaw + = subject's left
    head_roll: tuple = ()  # (start_s, duration_s, roll_deg)
    fall_at_s: float | None = None
    noise_px: float = 1.0
    image_size: tuple = (1280, 720)
    subject_height_px: float = 420.0
    seed: int = 0
    start_x_frac: float = 0.2


@dataclass
class Truth:
    contacts: list = field(default_factory=list)  # (foot, time_s)
    liftoffs: list = field(default_factory=list)
    strike: str = ""
    direction: str = ""
    head_yaw_deg: np.ndarray | None = None
    trunk_lean_deg: float = 0.0
    fall_time_s: float | None = None
    times: np.ndarray | None = None


def _smooth(u: float) -> float:
    u = min(1.0, max(0.0, u))
    return u * u * (3 - 2 * u)


def _foot_state(
    t: float,
    tc0: float,
    T: float,
    beta: float,
    step_x: float,
    x_of: callable,
    th_c: float,
    th_l: float,
    s: float,
    clear: float,
):
    """Ankle (a, h) in world-forward coords and foot pitch (deg, toe up +) for one foot at time t."""
    k = math.floor((t - tc0) / T)
    tc = tc0 + k * T
    ph = t - tc
    xf = x_of(k)
    ta, tb = 0.10 * T, 0.16 * T

    def pose_from_pivot(pivot: str, xp: float, ang: float) -> tuple[float, float]:
        r = math.radians(ang)
        if pivot == "heel":  # heel point fixed at (xp, 0)
            ax = xp + HEEL_BACK * math.cos(r) - ANKLE_H * math.sin(r)
            ah = HEEL_BACK * math.sin(r) + ANKLE_H * math.cos(r)
        else:  # toe fixed
            ax = xp - TOE_FWD * math.cos(r) - ANKLE_H * math.sin(r)
            ah = -TOE_FWD * math.sin(r) + ANKLE_H * math.cos(r)
        return ax, ah

    heel_flat, toe_flat = xf - HEEL_BACK, xf + TOE_FWD
    if ph < beta * T:
        if ph < ta:
            ang = th_c * (1 - _smooth(ph / ta))
            piv = "heel" if th_c > 0 else "toe"
        elif ph > beta * T - tb:
            ang = th_l * _smooth((ph - (beta * T - tb)) / tb)
            piv = "toe" if th_l < 0 else "heel"
        else:
            return xf, ANKLE_H, 0.0
        ax, ah = pose_from_pivot(piv, heel_flat if piv == "heel" else toe_flat, ang)
        return ax, ah, ang
    # swing: from lift-off pose to the next contact pose
    piv_l = "toe" if th_l < 0 else "heel"
    a0, h0 = pose_from_pivot(piv_l, heel_flat if piv_l == "heel" else toe_flat, th_l)
    xn = x_of(k + 1)
    piv_c = "heel" if th_c > 0 else "toe"
    a1, h1 = pose_from_pivot(piv_c, (xn - HEEL_BACK) if piv_c == "heel" else (xn + TOE_FWD), th_c)
    u = (ph - beta * T) / ((1 - beta) * T)
    su = u * u * u * (10 - 15 * u + 6 * u * u)
    ax = a0 + (a1 - a0) * su
    ah = h0 + (h1 - h0) * u + clear * math.sin(math.pi * u)
    ang = th_l + (th_c - th_l) * _smooth(u)
    return ax, ah, ang


def make_walk(w: Walk) -> tuple[list[PoseFrame], Truth]:
    rng = np.random.default_rng(w.seed)
    n = round(w.duration_s * w.fps)
    times = np.arange(n) / w.fps
    tr = Truth(strike=w.strike, direction=w.direction, trunk_lean_deg=w.trunk_lean_deg, times=times)
    s = {"backward": -1.0, "forward": 1.0, "standing": 0.0}[w.direction]  # travel relative to facing
    T = 120.0 / w.cadence_spm
    beta = 0.64 if s < 0 else 0.60
    w.speed_mps * T if s != 0 else 0.0
    th_c = STRIKE_ANGLE[w.strike]
    th_l = 14.0 if s < 0 else -18.0  # backward: heel leaves last (toe up); forward: toe leaves last
    if s == 0:
        th_c = th_l = 0.0
    travel = 1.0 if w.travel == "left_to_right" else -1.0
    facing = travel * (s if s != 0 else 1.0)  # image-x facing sign (side view)
    # camera
    width, height = w.image_size
    D = 5.0
    F = w.subject_height_px / 1.75 * D
    if w.view == "side":
        az = 0.0 if facing > 0 else math.pi
    elif w.view == "front":
        az = -math.pi / 2  # facing the camera
    else:
        az = (-math.pi / 4) if facing > 0 else (-3 * math.pi / 4)
    fwd = np.array([math.cos(az), 0.0, math.sin(az)])
    up = np.array([0.0, -1.0, 0.0])
    left = np.cross(up, fwd)
    x_world_start = ((w.start_x_frac - 0.5) * width) / F * D
    hp0 = 0.86

    def pelvis_a(t: float) -> float:  # forward-axis position of the pelvis (body coords, m)
        return 0.0 if w.treadmill else s * w.speed_mps * t

    contacts = {"left": 0.25 * T, "right": 0.75 * T}
    for foot, tc0 in contacts.items():

        def x_of(k: int, tc0=tc0) -> float:
            tmid = tc0 + k * T + beta * T / 2
            return s * w.speed_mps * tmid

        contacts[foot] = (tc0, x_of)
        k = -2
        while tc0 + k * T < w.duration_s + T:
            tc = tc0 + k * T
            if s != 0 and 0 <= tc < w.duration_s:
                tr.contacts.append((foot, tc))
            tl = tc + beta * T
            if s != 0 and 0 <= tl < w.duration_s:
                tr.liftoffs.append((foot, tl))
            k += 1
    tr.contacts.sort(key=lambda c: c[1])
    tr.liftoffs.sort(key=lambda c: c[1])
    yaw = np.zeros(n)
    for st, du, yd in w.glances:
        for i, t in enumerate(times):
            if st <= t <= st + du:
                u = (t - st) / du
                yaw[i] = yd * math.sin(math.pi * min(1.0, u * 1.0)) ** 0.5 if du > 0 else 0.0
    tr.head_yaw_deg = yaw
    frames: list[PoseFrame] = []
    for i, t in enumerate(times):
        P = np.zeros((NUM_LANDMARKS, 3))
        pa = pelvis_a(t)
        ph_osc = 0.012 * math.cos(4 * math.pi * t / T) if s != 0 else 0.0
        hp = hp0 + ph_osc
        base = np.array([x_world_start, 0.0, 0.0])  # world origin of the walk, ground at y=0

        def body(a: float, h: float, lft: float, base=base) -> np.ndarray:
            return base + a * fwd + h * up + lft * left

        pel = body(pa, hp, 0.0)
        lean = math.radians(w.trunk_lean_deg)
        tdir = math.sin(lean) * fwd + math.cos(lean) * up
        shc = pel + TORSO * tdir
        P[LM.LEFT_HIP] = pel + HIP_HALF * left
        P[LM.RIGHT_HIP] = pel - HIP_HALF * left
        P[LM.LEFT_SHOULDER] = shc + SH_HALF * left
        P[LM.RIGHT_SHOULDER] = shc - SH_HALF * left
        for side, sg in (("LEFT", 1.0), ("RIGHT", -1.0)):
            tc0, x_of = contacts[side.lower()]
            if s == 0:
                ax, ah, ang = (0.0, ANKLE_H, 0.0)
            else:
                ax, ah, ang = _foot_state(t, tc0, T, beta, 0.0, x_of, th_c, th_l, s, 0.07)
                if w.treadmill:
                    ax -= s * w.speed_mps * t
            hip = pel + sg * HIP_HALF * left
            ank = body(ax, ah, sg * HIP_HALF)
            r = math.radians(ang)
            fa = math.cos(r) * fwd + math.sin(r) * up
            fu = -math.sin(r) * fwd + math.cos(r) * up
            heel = ank - HEEL_BACK * fa - ANKLE_H * fu
            toe = ank + TOE_FWD * fa - ANKLE_H * fu
            # knee IK in the sagittal plane, knee bends forward
            dvec = ank - hip
            dist = min(np.linalg.norm(dvec), THIGH + SHANK - 1e-6)
            dunit = dvec / np.linalg.norm(dvec)
            ca = (THIGH**2 + dist**2 - SHANK**2) / (2 * THIGH * dist)
            aa = math.acos(max(-1.0, min(1.0, ca)))
            perp = np.cross(dunit, left)  # in sagittal plane
            if perp @ fwd < 0:
                perp = -perp
            knee = hip + THIGH * (math.cos(aa) * dunit + math.sin(aa) * perp)
            P[LM[f"{side}_KNEE"]] = knee
            P[LM[f"{side}_ANKLE"]] = ank
            P[LM[f"{side}_HEEL"]] = heel
            P[LM[f"{side}_FOOT_INDEX"]] = toe
            P[LM[f"{side}_WRIST"]] = shc + 0.55 * (-up) + sg * SH_HALF * left
            P[LM[f"{side}_ELBOW"]] = shc + 0.28 * (-up) + sg * SH_HALF * left
            for nm in ("PINKY", "INDEX", "THUMB"):
                P[LM[f"{side}_{nm}"]] = P[LM[f"{side}_WRIST"]] + 0.05 * (-up)
        # head: yaw about up, pitch about the head's left axis, roll about its forward axis
        y = math.radians(yaw[i])
        hf = math.cos(y) * fwd + math.sin(y) * left
        hl = np.cross(up, hf)
        p = math.radians(w.head_flexion_deg)
        hf2 = math.cos(p) * hf - math.sin(p) * up
        hu = math.sin(p) * hf + math.cos(p) * up
        roll = 0.0
        for st, du, rd in w.head_roll:
            if st <= t <= st + du:
                roll = rd * math.sin(math.pi * (t - st) / du)
        rr = math.radians(roll)
        hl2 = math.cos(rr) * hl + math.sin(rr) * hu
        hu2 = -math.sin(rr) * hl + math.cos(rr) * hu
        neck = shc + 0.08 * tdir
        ear_c = neck + 0.12 * hu2
        P[LM.LEFT_EAR] = ear_c + 0.075 * hl2
        P[LM.RIGHT_EAR] = ear_c - 0.075 * hl2
        P[LM.NOSE] = ear_c + 0.10 * hf2 - 0.02 * hu2
        for sd, sg in (("LEFT", 1.0), ("RIGHT", -1.0)):
            eye = ear_c + 0.08 * hf2 + 0.02 * hu2 + sg * 0.032 * hl2
            P[LM[f"{sd}_EYE"]] = eye
            P[LM[f"{sd}_EYE_INNER"]] = eye - sg * 0.012 * hl2
            P[LM[f"{sd}_EYE_OUTER"]] = eye + sg * 0.012 * hl2
        P[LM.MOUTH_LEFT] = ear_c + 0.09 * hf2 - 0.05 * hu2 + 0.02 * hl2
        P[LM.MOUTH_RIGHT] = ear_c + 0.09 * hf2 - 0.05 * hu2 - 0.02 * hl2
        if w.fall_at_s is not None and t >= w.fall_at_s:
            u = _smooth((t - w.fall_at_s) / 0.9)
            ang = -s * (math.pi / 2) * u if s != 0 else math.pi / 2 * u  # fall toward travel
            pivot = body(pa, 0.0, 0.0)
            ax_ = left
            c, sn = math.cos(ang), math.sin(ang)
            for j in range(NUM_LANDMARKS):
                v = P[j] - pivot
                # Rodrigues about `left`
                P[j] = pivot + v * c + np.cross(ax_, v) * sn + ax_ * (ax_ @ v) * (1 - c)
            P[:, 1] = np.minimum(P[:, 1], 0.0)
            tr.fall_time_s = w.fall_at_s
        Zc = P[:, 2] + D
        xy = np.stack([width / 2 + F * P[:, 0] / Zc, height * 0.85 + F * P[:, 1] / Zc], axis=1)
        xy += rng.normal(0.0, w.noise_px, xy.shape)
        pel_mid = 0.5 * (P[LM.LEFT_HIP] + P[LM.RIGHT_HIP])
        z = (P[:, 2] - pel_mid[2]) * F / D
        vis = np.full(NUM_LANDMARKS, 0.95)
        world = P - pel_mid
        frames.append(
            PoseFrame(
                frame_index=i,
                timestamp_s=float(t),
                image_size=(width, height),
                xy=xy.astype(np.float32),
                z=z.astype(np.float32),
                visibility=vis.astype(np.float32),
                presence=np.full(NUM_LANDMARKS, 0.99, dtype=np.float32),
                world=world.astype(np.float32),
                subject_id=1,
                score=0.95,
                num_people=1,
            )
        )
    return frames, tr
