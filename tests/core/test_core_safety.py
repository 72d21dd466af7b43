"""Safety: falls within 0.5 s (highest priority), no false falls, leaving-the-view warnings."""

from __future__ import annotations

import itertools

import numpy as np
from core_helpers import glance_specs, run, side_spec

from vision.core import StreamingAnalyzer
from vision.core.events import FallEvent, LeavingFrameEvent, Priority


def test_every_fall_is_detected_within_half_a_second():
    for direction, travel, seed, fall_at in itertools.product(
        ("backward", "forward"), ("left_to_right", "right_to_left"), (1, 2), (3.0, 5.4)
    ):
        seq, res = run(
            side_spec(direction=direction, travel=travel, seed=seed, noise_px=1.5, fall_at_s=fall_at)
        )
        t_fall = seq.frames[seq.truth.fall_frame].timestamp_s
        falls = [e for e in res.events if isinstance(e, FallEvent) and e.kind == "fall"]
        assert len(falls) == 1, (direction, travel, seed, fall_at)
        assert 0.0 <= falls[0].emitted_at_s - t_fall <= 0.5
        assert falls[0].time_s <= falls[0].emitted_at_s
        assert res.summary.falls


def test_fall_event_has_the_highest_priority_and_comes_first():
    seq, _ = run(side_spec(direction="backward", seed=3, noise_px=1.0, fall_at_s=3.0))
    an = StreamingAnalyzer()
    for f in seq.frames:
        _, ev = an.update(f)
        if any(isinstance(e, FallEvent) for e in ev):
            assert isinstance(ev[0], FallEvent)
            assert ev[0].priority == Priority.CRITICAL == max(Priority)
            break
    else:
        raise AssertionError("no fall")


def test_no_false_fall_in_normal_walking_or_standing():
    for direction, travel, seed, noise in itertools.product(
        ("backward", "forward", "standing"), ("left_to_right", "right_to_left"), (1, 2, 3), (1.0, 2.0)
    ):
        spec = side_spec(
            direction=direction, travel=travel, seed=seed, noise_px=noise, glances=glance_specs(seed, 8.0)
        )
        _, res = run(spec)
        assert not [e for e in res.events if isinstance(e, FallEvent)], (direction, travel, seed, noise)


def _exit_time(seq) -> float:
    """First time, after being fully in view, any landmark of the walker is outside the image."""
    w, h = seq.spec.image_size
    xy = seq.truth.xy_px
    out = ((xy[..., 0] < 0) | (xy[..., 0] >= w) | (xy[..., 1] < 0) | (xy[..., 1] >= h)).any(axis=1)
    inside = int(np.argmin(out))  # first frame fully in view (the walk may start outside)
    i = inside + int(np.argmax(out[inside:]))
    assert out[i] and i > inside
    return float(seq.truth.timestamps_s[i])


def test_leaving_the_view_is_flagged_before_it_happens():
    for direction, travel in itertools.product(("backward", "forward"), ("left_to_right", "right_to_left")):
        spec = side_spec(
            direction=direction, travel=travel, seed=1, noise_px=1.5, image_size=(960, 540), duration_s=14.0
        )
        seq, res = run(spec)
        t_exit = _exit_time(seq)
        warn = [e for e in res.events if isinstance(e, LeavingFrameEvent)]
        assert warn, (direction, travel)
        first = warn[0]
        assert first.edge == ("right" if travel == "left_to_right" else "left")
        assert t_exit - 2.5 <= first.emitted_at_s < t_exit
        assert first.time_to_exit_s <= 1.5


def test_no_leaving_warning_while_walking_inside_the_view():
    _, res = run(side_spec(direction="backward", seed=2, noise_px=1.5, duration_s=5.0, speed_mps=0.3))
    assert not [e for e in res.events if isinstance(e, LeavingFrameEvent)]


def _feed_drop(det, *, seen_s: float, body_cut: bool = False) -> list:
    """Upright walker seen ``seen_s`` at 30 frames/s, then in 0.5 s a pelvis drop of 150 px
    with the trunk at 70°: the events the detector gives."""
    n = round(seen_s * 30)
    pelvis = [300.0] * (n + 1) + [300.0 + 10.0 * k for k in range(1, 16)]
    trunk = [3.0] * (n + 1) + [70.0] * 15
    events = []
    for i in range(1, len(pelvis)):
        ev = det.update(
            i / 30.0,
            i,
            pelvis_y=pelvis[i],
            ground_y=500.0,
            trunk_abs_deg=trunk[i],
            torso_px=150.0,
            pelvis_y_ago=pelvis[max(0, i - 3)],
            dt_ago=0.1,
            body_cut=body_cut,
        )
        events += [ev] if ev is not None else []
    return events


def test_falls_are_watched_for_once_the_person_was_seen_upright_for_a_second():
    from vision.core import CoachConfig
    from vision.core.safety import FallDetector

    cfg = CoachConfig()
    assert cfg.falls.learn_s == 1.0
    assert _feed_drop(FallDetector(cfg), seen_s=0.6) == []  # a crouch 0.6 s after coming into view
    late = _feed_drop(FallDetector(cfg), seen_s=2.0)
    assert [e.kind for e in late] == ["stumble", "fall"]  # the drop's alert, then the fall
    assert 2.0 < late[1].time_s < 2.3


def test_a_body_cut_by_the_image_edge_gives_no_stumble_but_still_a_fall():
    from vision.core import CoachConfig
    from vision.core.analyzer import _cut
    from vision.core.safety import FallDetector

    assert _cut((587.0, 107.0, 771.0, 382.0), (768, 432)) and not _cut((10.0, 5.0, 700.0, 430.0), (768, 432))
    det = FallDetector(CoachConfig())
    assert [e.kind for e in _feed_drop(det, seen_s=2.0, body_cut=True)] == ["fall"]  # no stumble
