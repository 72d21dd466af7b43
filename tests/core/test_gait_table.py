"""The session-wide step table: walking same-foot repeats resolved, real strides kept."""

from __future__ import annotations

import itertools
import math

from vision.core.events import Direction, Foot, StepRecord, Strike
from vision.core.gait.table import median_stride_s, resolve_repeats
from vision.core.tuning import GaitTuning

NAN = math.nan


def rec(foot: Foot, t: float, conf: float = 0.8, direction: Direction = Direction.FORWARD) -> StepRecord:
    return StepRecord(
        foot=foot,
        contact_time_s=t,
        contact_frame=round(30 * t),
        liftoff_time_s=NAN,
        liftoff_frame=-1,
        strike=Strike.HEEL,
        foot_angle_deg=NAN,
        knee_flexion_contact_deg=NAN,
        knee_flexion_peak_deg=NAN,
        direction=direction,
        confidence=conf,
    )


L, R = Foot.LEFT, Foot.RIGHT


def walk(n: int, step_s: float = 0.5) -> list[StepRecord]:
    return [rec(L if i % 2 == 0 else R, i * step_s) for i in range(n)]


def test_median_stride_of_alternating_steps():
    assert math.isclose(median_stride_s(walk(8)), 1.0)


def test_phantom_repeat_dropped_keeps_the_alternating_one():
    steps = walk(8)
    # A phantom left contact 0.2 s after the real one at 2.0 s, sure of itself.
    steps.append(rec(L, 2.2, conf=0.95))
    out = resolve_repeats(steps, GaitTuning())
    assert len(out) == 8
    assert [r.contact_time_s for r in out] == [i * 0.5 for i in range(8)]
    assert all(a.foot != b.foot for a, b in itertools.pairwise(out))


def test_missed_other_foot_keeps_both_contacts():
    steps = [r for r in walk(10) if r.contact_time_s != 2.5]  # right contact at 2.5 s unseen
    out = resolve_repeats(steps, GaitTuning())
    assert len(out) == 9  # left at 2.0 and 3.0 are a stride apart: both real


def test_repeats_while_turning_are_left_alone():
    steps = walk(8)
    steps.append(rec(L, 2.2, direction=Direction.TURNING))
    steps = [
        rec(r.foot, r.contact_time_s, direction=Direction.TURNING) if r.contact_time_s == 2.0 else r
        for r in steps
    ]
    assert len(resolve_repeats(steps, GaitTuning())) == 9


def test_too_few_strides_no_pass():
    steps = [rec(L, 0.0), rec(R, 0.5), rec(L, 0.6)]
    assert len(resolve_repeats(steps, GaitTuning())) == 3


def test_running_cadence_no_pass():
    steps = walk(12, step_s=0.35)  # 171 steps/min: running
    steps.append(rec(L, 0.8, conf=0.95))
    assert len(resolve_repeats(steps, GaitTuning())) == 13
