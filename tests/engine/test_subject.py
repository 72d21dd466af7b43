"""Subject choice: the walker wins over a bystander, quickly; a pinned subject stays."""

import numpy as np
import pytest

from vision.engine.base import PersonView, pick_person
from vision.engine.subject import SubjectSelector
from vision.landmarks import LM


def _person(x: float, ankle_swing: float = 0.0, jump: float = 0.0) -> np.ndarray:
    """Minimal landmarks: torso 90 px, hips at y=300 (+jump), ankles at x ± swing."""
    xy = np.zeros((33, 2), np.float32)
    xy[[LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER]] = [x, 210 - jump]
    xy[[LM.LEFT_HIP, LM.RIGHT_HIP]] = [x, 300 - jump]
    xy[LM.LEFT_ANKLE] = [x + ankle_swing, 450 - jump]
    xy[LM.RIGHT_ANKLE] = [x - ankle_swing, 450 - jump]
    return xy


def test_walker_beats_a_jumping_bystander_within_half_a_second():
    sel = SubjectSelector()
    fps = 30
    chosen = []
    for i in range(60):
        t = i / fps
        # Person 0: jumps in place (vertical motion only) from the start.
        sel.observe(0, t, _person(100, jump=40 * abs(np.sin(3 * t))))
        alive = [0]
        if i >= 20:  # person 1 enters at t = 0.67 s, walking 0.3 m/s … ~90 px/s with swinging ankles
            tw = t - 20 / fps
            sel.observe(1, t, _person(600 - 90 * tw, ankle_swing=40 * np.sin(2 * np.pi * 0.9 * tw)))
            alive.append(1)
        chosen.append(sel.choose(t, alive, alive))
    assert chosen[19] == 0  # only the bystander is there: they are the subject meanwhile
    switch = next(i for i in range(20, 60) if chosen[i] == 1)
    assert switch - 20 <= 15  # within 0.5 s of appearing
    assert all(c == 1 for c in chosen[switch:])  # and it sticks
    assert sel.walking_score(0, 59 / fps) < 0.1 < sel.walking_score(1, 59 / fps)


def test_pinned_subject_is_kept_even_when_someone_else_walks():
    sel = SubjectSelector()
    sel.pin(0)
    for i in range(60):
        t = i / 30
        sel.observe(0, t, _person(100))
        sel.observe(1, t, _person(600 - 100 * t, ankle_swing=40 * np.sin(6 * t)))
        assert sel.choose(t, [0, 1], [0, 1]) == 0
    sel.unpin()
    assert sel.choose(2.0, [0, 1], [0, 1]) == 1


def test_pick_person_by_index_and_point():
    people = [
        PersonView(track_id=7, box=np.array([0, 0, 100, 300]), is_subject=False, walking_score=None),
        PersonView(track_id=3, box=np.array([300, 0, 400, 300]), is_subject=True, walking_score=0.8),
    ]
    assert pick_person(people, index=1) == 3
    assert pick_person(people, index=5) is None
    assert pick_person(people, point=(50, 150)) == 7
    assert pick_person(people, point=(250, 150)) == 3  # nearest box centre when inside none
    assert pick_person([], point=(1, 1)) is None


def test_a_person_found_again_after_a_loss_starts_a_new_history():
    """A speed measured across a gap in tracking means nothing (a bad track revived elsewhere)."""
    sel = SubjectSelector()
    for i in range(10):
        sel.observe(5, i / 30, _person(600.0))
    assert sel.walking_score(5, 9 / 30) == pytest.approx(0.0, abs=0.01)
    sel.restart(5)  # lost, then found again 300 px away
    for i in range(20, 23):
        sel.observe(5, i / 30, _person(300.0 + 3 * (i - 20)))
    score = sel.walking_score(5, 22 / 30)
    assert score is None or score < 0.4  # not the 300 px jump over 0.4 s (≈2.5 heights/s)
