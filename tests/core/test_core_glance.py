"""Glances: head yaw relative to the trunk from face landmarks, glance events, over-rotation."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from core_fixtures import Walk, make_walk
from core_helpers import glance_specs, match_glances, run, side_spec

from vision.core import CoachConfig, analyze_frames
from vision.core.events import GlanceEvent, OverRotationEvent
from vision.synth.gait import GlanceSpec


def test_glance_recall_false_rate_and_side():
    """Recall ≥ 95 %, ≤ 1 false glance per minute, side right, both directions and travels."""
    n = hit = false = side_err = 0
    minutes = 0.0
    for direction, travel, seed, noise in itertools.product(
        ("backward", "forward"), ("left_to_right", "right_to_left"), (1, 2), (1.0, 2.0)
    ):
        dur = 20.0
        spec = side_spec(
            direction=direction,
            travel=travel,
            seed=seed,
            noise_px=noise,
            duration_s=dur,
            speed_mps=0.25,
            cadence_spm=90.0,
            glances=glance_specs(seed, dur),
        )
        seq, res = run(spec)
        a, b, c, d = match_glances(seq, res)
        n, hit, false, side_err = n + a, hit + b, false + c, side_err + d
        minutes += dur / 60.0
    assert hit / n >= 0.95, (hit, n)
    assert false / minutes <= 1.0
    assert side_err == 0


def test_head_yaw_tracks_truth():
    spec = side_spec(
        direction="backward",
        seed=3,
        noise_px=1.0,
        duration_s=12.0,
        speed_mps=0.3,
        glances=glance_specs(3, 12.0),
    )
    seq, res = run(spec)
    yaw = np.array([m.head_yaw_deg for m in res.metrics])
    ok = np.isfinite(yaw)
    assert ok.mean() > 0.95
    err = yaw[ok] - seq.truth.head_yaw_deg[ok]
    assert np.sqrt(np.mean(err**2)) < 8.0


def test_glance_event_fields_rate_and_time_since():
    g = (GlanceSpec(3.0, 1.5, 60.0, "left"), GlanceSpec(6.0, 1.2, 50.0, "right"))
    _seq, res = run(side_spec(direction="backward", seed=2, noise_px=1.0, glances=g, speed_mps=0.3))
    ev = [e for e in res.events if isinstance(e, GlanceEvent)]
    assert [e.side for e in ev] == ["left", "right"]
    assert ev[0].peak_yaw_deg > 45.0 and ev[1].peak_yaw_deg < -35.0
    for e, spec in zip(ev, g, strict=True):
        assert (
            spec.start_s
            <= e.start_time_s
            < e.peak_time_s
            < e.end_time_s
            <= spec.start_s + spec.duration_s + 0.1
        )
        assert e.emitted_at_s >= e.end_time_s
        assert not e.over_rotation
    s = res.summary
    assert s.glances_per_min == pytest.approx(len(ev) / (s.duration_s / 60.0))
    last = res.metrics[-1]
    assert abs(last.time_since_glance_s - (last.time_s - ev[-1].end_time_s)) < 1e-9
    assert np.isnan(res.metrics[10].time_since_glance_s)  # before the first glance


def test_over_rotation_by_yaw_and_by_hold_time():
    g = (GlanceSpec(3.0, 1.2, 85.0, "left"), GlanceSpec(6.0, 3.5, 45.0, "right"))
    cfg = CoachConfig(over_rotation_yaw_deg=70.0, over_rotation_hold_s=2.0)
    _seq, res = run(
        side_spec(direction="backward", seed=1, noise_px=1.0, glances=g, duration_s=11.0, speed_mps=0.3), cfg
    )
    alerts = [e for e in res.events if isinstance(e, OverRotationEvent)]
    assert [a.reason for a in alerts] == ["yaw", "hold"]
    assert alerts[0].time_s < 3.0 + 1.2
    assert alerts[1].held_s >= 2.0
    glances = [e for e in res.events if isinstance(e, GlanceEvent)]
    assert [e.over_rotation for e in glances] == [True, True]
    assert res.summary.over_rotations == 2


def test_head_roll_is_not_a_glance():
    """Tilting the head side to side (roll up to 35°) in side and frontal views: no glance."""
    for view in ("side", "front"):
        frames, _ = make_walk(
            Walk(view=view, noise_px=1.5, head_roll=((2.0, 1.5, 30.0), (4.5, 1.5, -35.0), (6.5, 1.0, 25.0)))
        )
        res = analyze_frames(frames)
        assert not [e for e in res.events if isinstance(e, GlanceEvent)], view
        yaw = np.array([m.head_yaw_deg for m in res.metrics])
        assert np.nanmax(np.abs(yaw)) < 15.0, view


def test_glances_in_frontal_and_oblique_views():
    g = (GlanceSpec(3.0, 1.5, 60.0, "left"), GlanceSpec(6.0, 1.5, 55.0, "right"))
    for view in ("front", "oblique"):
        seq, res = run(
            side_spec(view=view, direction="backward", seed=4, noise_px=1.0, glances=g, speed_mps=0.3)
        )
        n, hit, false, side_err = match_glances(seq, res)
        assert (n, hit, false, side_err) == (2, 2, 0, 0), view


def test_no_yaw_and_no_glance_from_a_face_too_small_to_read():
    spec = side_spec(
        direction="backward",
        seed=3,
        noise_px=1.0,
        duration_s=12.0,
        speed_mps=0.3,
        glances=glance_specs(3, 12.0),
    )
    base = CoachConfig()
    _, res = run(spec)
    seen = np.isfinite([m.head_yaw_deg for m in res.metrics])
    assert seen.mean() > 0.95 and len(res.summary.glances) >= 1
    # The drawn walker's face is ~40-80 px ear to ear: a limit above that hides the yaw.
    huge = dataclasses.replace(base, head=dataclasses.replace(base.head, min_face_px=1000.0))
    _, res2 = run(spec, huge)
    assert not np.isfinite([m.head_yaw_deg for m in res2.metrics]).any()
    assert res2.summary.glances == ()
    # A limit under it changes nothing.
    small = dataclasses.replace(base, head=dataclasses.replace(base.head, min_face_px=5.0))
    _, res3 = run(spec, small)
    assert [m.head_yaw_deg for m in res3.metrics] == pytest.approx(
        [m.head_yaw_deg for m in res.metrics], nan_ok=True
    )


def test_no_glance_starts_in_the_calibration_seconds():
    """A head turn inside the first ``calibration_s`` is not a glance (the neutral head is being
    measured); the same turn later is."""
    cfg = CoachConfig()
    early = (GlanceSpec(0.6, 1.0, 60.0, "left"),)
    late = (GlanceSpec(4.0, 1.0, 60.0, "left"),)
    found = []
    for g in (early, late):
        _seq, res = run(side_spec(direction="backward", seed=2, noise_px=1.0, glances=g, duration_s=8.0))
        found.append([e for e in res.events if isinstance(e, GlanceEvent)])
    assert found[0] == []
    assert len(found[1]) == 1 and found[1][0].start_time_s >= cfg.calibration_s
    assert abs(abs(found[1][0].peak_yaw_deg) - 60.0) < 15.0


def test_another_subject_is_calibrated_afresh():
    """When the pose engine switches to another person, no glance starts in their first
    ``calibration_s`` either; the glances before the switch are kept."""
    from vision.core.glance import GlanceDetector

    cfg = CoachConfig()
    det = GlanceDetector(cfg)
    t = np.arange(0.0, 12.0, 1 / 30)
    turn = np.where((t > 4.0) & (t < 5.0), 50.0, 0.0) + np.where((t > 6.5) & (t < 7.5), 50.0, 0.0)
    got = []
    for i, (ti, y) in enumerate(zip(t, turn, strict=True)):
        if abs(ti - 6.0) < 1e-9 or (t[i - 1] < 6.0 <= ti if i else False):
            det.restart_calibration()
        _, ev = det.update(float(ti), i, float(y), suspend=False)
        got += [e for e in ev if isinstance(e, GlanceEvent)]
    assert len(got) == 1 and 4.0 <= got[0].start_time_s < 4.1
    assert det.count == 1 and det.calibrated


def test_a_body_at_a_side_edge_and_a_head_seen_from_behind():
    """The two guards of a head turn: nose/shoulders/hips within half a torso of a side edge, and
    (frontal views) a nose deeper than the ears."""
    from vision.core.geometry import L_HIP, L_SH, N_POINTS, NOSE, R_HIP, R_SH
    from vision.core.glance import cut_by_side_edge, seen_from_behind

    xs = [float("nan")] * N_POINTS
    for j, x in ((NOSE, 600.0), (L_SH, 590.0), (R_SH, 610.0), (L_HIP, 592.0), (R_HIP, 608.0)):
        xs[j] = x
    kw = {"width": 1280.0, "torso": 100.0, "margin_torso": 0.5}
    assert not cut_by_side_edge(xs, **kw)
    xs[R_SH] = 1235.0  # 45 px from the right edge: within 50
    assert cut_by_side_edge(xs, **kw)
    xs[R_SH] = float("nan")  # a hidden point does not count
    assert not cut_by_side_edge(xs, **kw)
    xs[NOSE] = 30.0
    assert cut_by_side_edge(xs, **kw)
    z = np.zeros(33)
    z[0], z[7], z[8] = 90.0, 0.0, 10.0  # nose 85 px deeper than the ears: from behind
    assert seen_from_behind(z, torso=100.0, limit_torso=0.5)
    z[0] = -40.0  # the face toward the camera
    assert not seen_from_behind(z, torso=100.0, limit_torso=0.5)
    assert not seen_from_behind(None, torso=100.0, limit_torso=0.5)
