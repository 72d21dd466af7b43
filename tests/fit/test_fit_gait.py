"""The choice of the same-foot repeat limit: the best contacts-minus-repeats, the least extreme of equals."""

from __future__ import annotations

from vision.fit.gait import Outcome, choose, objective


def _o(value: float, within2: float, repeats: float) -> Outcome:
    return Outcome(value=value, within2=within2, repeats=repeats, contacts=1000, steps=900)


def test_a_repeat_costs_as_much_as_a_missed_contact():
    assert objective(_o(0.7, 0.686, 0.012)) == 0.686 - 0.012
    best = choose([_o(0.6, 0.690, 0.030), _o(0.75, 0.686, 0.012), _o(0.9, 0.670, 0.004)])
    assert best.value == 0.75


def test_of_candidates_within_the_noise_the_least_extreme_wins():
    best = choose([_o(0.6, 0.681, 0.01), _o(0.8, 0.680, 0.01), _o(0.9, 0.68, 0.01)])
    assert best.value == 0.8  # 0.6 is better by 0.001 only: noise
    best = choose([_o(0.6, 0.690, 0.01), _o(0.8, 0.680, 0.01)])
    assert best.value == 0.6  # better by 0.01: a real difference
