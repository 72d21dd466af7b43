"""The gait realism check: the foot's extreme along the travel, timed against labelled contacts."""

from pathlib import Path

import numpy as np
import pytest

from vision.evaluation.config import EvalConfig
from vision.evaluation.kinematics import extreme_leads_s as _leads
from vision.evaluation.labels import ClipLabels, LabelStep, Span
from vision.evaluation.metrics import _walking_contact

FPS = 30.0
N = 150
CONTACTS = (40, 80, 120)
LEAD_S = -0.06
"""The foot's extreme comes 60 ms (1.8 frames) before each contact in the drawn walk."""


def _walk(*, hip_speed_px_s: float, lead_s: float = LEAD_S) -> np.ndarray:
    """(N, 33, 2) landmarks: hips moving along −x, the left foot peaking (along the travel) at
    each contact + ``lead_s`` with a smooth cosine bump; legs 200 px long."""
    t = np.arange(N) / FPS
    xy = np.full((N, 33, 2), np.nan)
    hip_x = 500.0 - hip_speed_px_s * t
    xy[:, (23, 24), 0] = hip_x[:, None]
    xy[:, (23, 24), 1] = 200.0
    xy[:, (27, 28), 1] = 400.0
    rel = np.zeros(N)
    for c in CONTACTS:
        u = (t - (c / FPS + lead_s)) / 0.4
        rel += np.where(np.abs(u) < 1.0, 0.5 * (1.0 + np.cos(np.pi * u)), 0.0)
    foot_x = hip_x - 80.0 * rel  # travel is −x: the extreme along it is the minimum of x
    xy[:, (29, 31), 0] = foot_x[:, None]
    xy[:, (30, 32), 0] = hip_x[:, None]
    return xy


def extreme_leads_s(labels, xy, cfg):
    return _leads(labels, xy, cfg, walking=[_walking_contact(labels, s.contact_frame) for s in labels.steps])


def _labels(kind: str = "rendered") -> ClipLabels:
    return ClipLabels(
        name="drawn",
        video=Path("drawn.mp4"),
        kind=kind,
        fps=FPS,
        frame_count=N,
        steps=tuple(LabelStep(foot="left", contact_frame=c) for c in CONTACTS),
        walking=(Span(0, N - 1, "backward"),),
    )


def test_lead_is_recovered_to_a_few_milliseconds():
    leads = extreme_leads_s(_labels(), _walk(hip_speed_px_s=150.0), EvalConfig())
    assert len(leads) == len(CONTACTS)
    assert np.allclose(leads, LEAD_S, atol=0.005)


def test_an_extreme_after_the_contact_is_positive():
    leads = extreme_leads_s(_labels("shared"), _walk(hip_speed_px_s=150.0, lead_s=0.04), EvalConfig())
    assert np.allclose(leads, 0.04, atol=0.005)


def test_no_travel_no_measure():
    """A treadmill (the pelvis stays put) gives no direction, so no extreme is taken."""
    assert extreme_leads_s(_labels(), _walk(hip_speed_px_s=0.0), EvalConfig()) == []


def test_contacts_outside_walking_and_extremes_off_the_window_are_left_out():
    labels = _labels()
    turning = ClipLabels(**{**labels.__dict__, "turns": (Span(70, 90),)})
    assert len(extreme_leads_s(turning, _walk(hip_speed_px_s=150.0), EvalConfig())) == 2
    far = extreme_leads_s(labels, _walk(hip_speed_px_s=150.0, lead_s=-0.4), EvalConfig())
    assert far == []  # 0.4 s before: outside the ±0.25 s window


@pytest.mark.parametrize("missing", [35, 41])
def test_a_gap_in_the_window_skips_only_that_contact(missing):
    xy = _walk(hip_speed_px_s=150.0)
    xy[missing, (29, 31)] = np.nan
    assert len(extreme_leads_s(_labels(), xy, EvalConfig())) == len(CONTACTS) - 1


def test_landing_speed_is_the_foot_speed_into_the_contact_frame_in_torso_lengths():
    from vision.evaluation.kinematics import landing_speeds

    xy = np.full((N, 33, 2), np.nan)
    xy[:, (11, 12)] = (300.0, 100.0)
    xy[:, (23, 24)] = (300.0, 200.0)  # torso 100 px
    t = np.arange(N, dtype=float)
    for c in CONTACTS:  # the left foot travels 10 px a frame up to each contact, then stays
        xy[c - 10 : c + 1, (29, 31), 0] = (300.0 + 10.0 * (t[c - 10 : c + 1] - c))[:, None]
        xy[c + 1 : c + 30, (29, 31), 0] = 300.0
    labels = _labels()
    walking = [_walking_contact(labels, s.contact_frame) for s in labels.steps]
    assert np.allclose(landing_speeds(labels, xy, walking=walking), 10.0 * FPS / 100.0)
    xy[CONTACTS[1] - 1, 29:32:2] = np.nan  # a missing foot skips that contact only
    assert len(landing_speeds(labels, xy, walking=walking)) == len(CONTACTS) - 1
