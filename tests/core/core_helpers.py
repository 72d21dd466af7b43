"""Shared helpers of the coaching-core tests: synthetic walks (vision.synth) and event matching."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.core import analyze_frames
from vision.core.batch import BatchResult
from vision.core.config import CoachConfig
from vision.core.events import GlanceEvent, StepEvent
from vision.synth.gait import GaitSequence, GaitSpec, generate_gait

# A walk that stays in a side view: 8 s at 0.5 m/s is 4 m, seen from 6 m (≤ 18° off-axis).
SIDE = dict(
    image_size=(1280, 720),
    subject_height_px=400.0,
    camera_distance_m=6.0,
    duration_s=8.0,
    speed_mps=0.5,
    cadence_spm=100.0,
)


def side_spec(**kw) -> GaitSpec:
    args = dict(SIDE)
    args.update(kw)
    return GaitSpec(**args)


def run(spec: GaitSpec, config: CoachConfig | None = None) -> tuple[GaitSequence, BatchResult]:
    seq = generate_gait(spec)
    return seq, analyze_frames(seq.frames, config)


def step_events(res: BatchResult, kind: str) -> list[StepEvent]:
    return [e for e in res.events if isinstance(e, StepEvent) and e.kind == kind]


def _foot_in_view(seq: GaitSequence, frame: int, foot: str, margin: int = 8) -> bool:
    """The foot stays inside the image for ``margin`` frames around ``frame``."""
    w, _ = seq.spec.image_size
    lo, hi = max(0, frame - margin), min(len(seq.frames) - 1, frame + margin)
    idx = [27, 29, 31] if foot == "left" else [28, 30, 32]
    x = seq.truth.xy_px[lo : hi + 1][:, idx, 0]
    return bool(np.all((x > 0.03 * w) & (x < 0.97 * w)))


@dataclass
class StepScore:
    n: int
    """Truth contacts observable in the clip (not at its very ends, foot in view)."""
    within_1: int
    """Detected with the right foot within ±1 frame."""
    strike_ok: int
    strike_n: int
    false: int
    """Detected contacts more than 3 frames from every true contact."""
    errors: list


def score_contacts(seq: GaitSequence, res: BatchResult, kind: str = "contact") -> StepScore:
    """Match detected contacts (or lift-offs) to the generator's truth."""
    det = step_events(res, kind)
    last = len(seq.frames) - 1
    n = ok = s_ok = s_n = 0
    errors = []
    truth_frames = []
    for s in seq.truth.steps:
        fr = s.contact_frame if kind == "contact" else s.liftoff_frame
        if fr < 0:
            continue
        truth_frames.append(fr)
        if fr < 3 or fr > last - 10 or not _foot_in_view(seq, fr, s.foot):
            continue
        n += 1
        cand = [e for e in det if e.foot.value == s.foot]
        if not cand:
            errors.append(None)
            continue
        e = min(cand, key=lambda e: abs(e.frame_index - fr))
        d = e.frame_index - fr
        # A dropped labelled frame, or jittered frame times (VFR, where a frame index says little
        # about time: an event 20 ms early can be two frames early), compare times instead.
        if seq.truth.dropped[fr] or seq.spec.vfr_jitter_s > 0:
            t_true = s.contact_time_s if kind == "contact" else s.liftoff_time_s
            d = round((e.time_s - t_true) * seq.spec.fps)
        errors.append(d)
        ok += abs(d) <= 1
        if kind == "contact" and abs(d) <= 3 and e.strike.value != "unknown":
            s_n += 1
            s_ok += e.strike.value == s.strike
    # (a lift-off before its foot's first labelled contact belongs to a contact before the clip)
    first = {
        f: min((s.contact_frame for s in seq.truth.steps if s.foot == f), default=0)
        for f in ("left", "right")
    }
    false = sum(
        1
        for e in det
        if e.frame_index > first[e.foot.value]
        and min((abs(e.frame_index - f) for f in truth_frames), default=99) > 3
    )
    return StepScore(n, ok, s_ok, s_n, false, errors)


def glance_specs(seed: int, duration_s: float) -> tuple:
    """Random realistic glances (35-85°, 0.8-2.2 s, both sides) after a 3.5 s neutral start."""
    from vision.synth.gait import GlanceSpec

    rng = np.random.default_rng(seed)
    out = []
    t = 3.5
    while t < duration_s - 2.5:
        d = float(rng.uniform(0.8, 2.2))
        out.append(GlanceSpec(t, d, float(rng.uniform(35, 85)), "left" if rng.random() < 0.5 else "right"))
        t += d + float(rng.uniform(1.5, 3.5))
    return tuple(out)


def match_glances(seq: GaitSequence, res: BatchResult) -> tuple[int, int, int, int]:
    """(truth glances, detected ones overlapping a truth glance, false detections, side errors)."""
    det = [e for e in res.events if isinstance(e, GlanceEvent)]
    used: set[int] = set()
    hit = side_err = 0
    for g in seq.truth.glances:
        m = [e for e in det if e.start_frame <= g.end_frame and e.end_frame >= g.start_frame]
        if m:
            hit += 1
            used.update(id(e) for e in m)
            e = max(m, key=lambda e: abs(e.peak_yaw_deg))
            side_err += e.side != g.side
    return len(seq.truth.glances), hit, sum(1 for e in det if id(e) not in used), side_err
