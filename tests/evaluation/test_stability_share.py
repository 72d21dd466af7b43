"""The stability benchmark's step comparison: same foot, ±2 frames, same class, one to one."""

from __future__ import annotations

from vision.evaluation.run import PredStep
from vision.evaluation.stability import kept_share


def step(foot: str, frame: int, strike: str = "forefoot") -> PredStep:
    return PredStep(
        foot=foot, contact_frame=frame, liftoff_frame=-1, strike=strike, direction="backward", confidence=0.9
    )


def test_kept_share_counts_foot_frame_and_class():
    ref = (step("left", 10), step("right", 25), step("left", 40), step("right", 55))
    other = (step("left", 12), step("right", 28), step("left", 40, "heel"), step("left", 56))
    # left 10→12 kept; right 25→28 too far; left 40 other class; right 55 vs a left foot.
    assert kept_share(ref, other) == 0.25
    assert kept_share(ref, ref) == 1.0


def test_one_to_one_matching():
    ref = (step("left", 10), step("left", 11))
    assert kept_share(ref, (step("left", 10),)) == 0.5
