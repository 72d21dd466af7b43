"""The learned stance/swing model's pieces: windowed features by time, the network's fit, the
minimum-duration decoder (offline and with a fixed lag) and the contacts it gives."""

from __future__ import annotations

import numpy as np

from vision.evaluation.labels import LabelStep
from vision.fit.stance import _stance_labels
from vision.fit.stance_decode import Durations, contact_frames, decode
from vision.fit.stance_model import N_SIGNALS, Mlp, StanceWindow, foot_signals, windowed


def test_the_window_reads_times_not_frames():
    w = StanceWindow(back_s=0.2, ahead_s=0.1, step_s=0.05)
    assert np.allclose(w.offsets(), [-0.2, -0.15, -0.1, -0.05, 0.0, 0.05, 0.1])
    for fps in (15.0, 60.0):
        t = np.arange(0, 2.0, 1 / fps)
        x = windowed((3.0 * t)[:, None], t, w)  # a signal linear in time
        i = len(t) // 2
        assert np.allclose(x[i], 3.0 * (t[i] + w.offsets()))  # same values at any frame rate
        assert x[0, 0] == 0.0  # held at the clip's start


def test_a_planted_foot_stands_still_and_is_lower_than_the_swinging_one():
    n, fps = 60, 30.0
    t = np.arange(n) / fps
    xy = np.zeros((n, 33, 2))
    xy[:, [23, 24], 0] = (100.0 * t)[:, None]  # pelvis moves right at 100 px/s
    xy[:, [29, 31], 0] = [[50.0, 70.0]]  # left heel and toe planted
    xy[:, [29, 31], 1] = 500.0
    xy[:, [30, 32], 0] = (200.0 * t)[:, None] + [[0.0, 20.0]]  # right foot swings forward
    xy[:, [30, 32], 1] = 480.0
    xy[10, 30] = np.nan  # a missing landmark is bridged
    s = foot_signals(xy, t, torso_px=100.0)
    assert s["left"].shape == (n, N_SIGNALS) and np.isfinite(s["right"]).all()
    assert np.allclose(s["left"][5:-5, 0], -1.0)  # heel vs pelvis: -100 px/s = -1 torso/s
    assert np.allclose(s["left"][5:-5, 4], 0.0)  # absolute speed 0: planted
    assert np.allclose(s["right"][5:-5, 4], 2.0)
    assert np.allclose(s["left"][:, 8], 0.2)  # 20 px lower than the other heel
    assert np.allclose(s["right"][:, 8], -0.2)


def test_the_network_learns_a_nonlinear_rule():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4000, 2))
    y = (np.abs(x[:, 0]) < 0.7).astype(float)  # not linearly separable
    model = Mlp.fit(x, y, hidden=16, epochs=30)
    acc = ((model.predict(x) > 0.5) == (y == 1)).mean()
    assert acc > 0.95
    again = Mlp(**{k: np.asarray(v) for k, v in model.to_dict().items()})
    assert np.allclose(again.predict(x[:50]), model.predict(x[:50]))


def _gait_probabilities(fps: float, *, flicker: bool) -> tuple[np.ndarray, list[int]]:
    """A foot in swing 0.4 s then stance 0.6 s, five times; p 0.1 in swing, 0.9 in stance;
    with ``flicker`` one frame of the opposite in the middle of every swing and stance."""
    period, swing = round(fps), round(0.4 * fps)
    phase = np.arange(5 * period) % period
    p = np.where(phase >= swing, 0.9, 0.1)
    if flicker:
        mid = (phase == swing // 2) | (phase == (swing + period) // 2)
        p[mid] = 1.0 - p[mid]
    return p, [k * period + swing for k in range(5)]


def test_minimum_durations_remove_flickers_and_keep_every_contact():
    for fps in (15.0, 30.0, 60.0):
        p, truth = _gait_probabilities(fps, flicker=True)
        plain = contact_frames(decode(p, fps=fps, durations=Durations(min_swing_s=0.0, min_stance_s=0.0)), p)
        found = contact_frames(decode(p, fps=fps, durations=Durations()), p)
        assert len(plain) > len(truth)  # the flickers make contacts without minimum durations
        assert [f for f, _ in found] == truth
        assert all(0.5 < c <= 0.9 for _, c in found)


def test_states_last_at_least_their_minimum():
    rng = np.random.default_rng(3)
    p = rng.uniform(size=300)
    d = Durations(min_swing_s=0.2, min_stance_s=0.3, switch_cost=0.0)
    s = decode(p, fps=30.0, durations=d)
    change = np.flatnonzero(np.diff(s)) + 1
    runs = np.diff(change)  # whole runs between changes
    kinds = s[change[:-1]]
    assert (runs[kinds == 1] >= 9).all() and (runs[kinds == 0] >= 6).all()


def test_a_fixed_lag_decoder_agrees_with_the_whole_clip_on_a_clear_gait():
    p, truth = _gait_probabilities(30.0, flicker=True)
    live = decode(p, fps=30.0, durations=Durations(), lag_frames=5)
    assert [f for f, _ in contact_frames(live, p)] == truth
    assert len(decode(np.zeros(0), fps=30.0, durations=Durations())) == 0


def test_stance_labels_run_from_contact_to_lift_off_and_swing_to_the_next_contact():
    steps = [
        LabelStep("left", 2, 8),
        LabelStep("left", 12, -1),
        LabelStep("right", 5, 10),
    ]
    lab = _stance_labels(steps, 15)
    assert lab["left"].tolist() == [-1, -1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1]
    assert lab["right"].tolist() == [-1] * 5 + [1] * 5 + [-1] * 5  # after the last lift-off: unknown
