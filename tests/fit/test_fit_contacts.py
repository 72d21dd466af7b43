"""The contact-delay measurement: label − detected time of walking contacts, matched one to one."""

from __future__ import annotations

import pytest

from vision.fit.contacts import residuals


def _doc() -> dict:
    steps = [
        {"foot": "left", "contact_frame": 10, "contact_time_s": 0.40},
        {"foot": "right", "contact_frame": 25, "contact_time_s": 1.00},
        {"foot": "left", "contact_frame": 40, "contact_time_s": 1.60},  # in the turn: left out
    ]
    segments = [
        {"start_frame": 0, "end_frame": 30, "activity": "walk"},
        {"start_frame": 31, "end_frame": 59, "activity": "turn"},
    ]
    return {"frame_count": 60, "steps": steps, "segments": segments}


def test_residuals_of_walking_contacts_only():
    got = residuals(_doc(), [("left", 0.37), ("right", 0.95), ("left", 1.58)])
    assert got == pytest.approx([0.03, 0.05])


def test_a_contact_of_the_other_foot_or_too_far_is_not_matched():
    got = residuals(_doc(), [("right", 0.40), ("right", 1.30)])  # 0.30 s > MATCH_S from 1.00
    assert got == []
