"""Posture: trunk lean, lateral lean, head flexion, upright flags, and what each view supports."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pytest
from core_helpers import run, side_spec

from vision.core import CoachConfig, View, analyze_frames


def test_trunk_lean_within_2_degrees():
    for lean, direction, travel in itertools.product(
        (-5.0, 0.0, 8.0, 15.0), ("backward", "forward"), ("left_to_right", "right_to_left")
    ):
        seq, res = run(
            side_spec(direction=direction, travel=travel, trunk_lean_deg=lean, seed=1, noise_px=1.5)
        )
        m = np.array([x.trunk_lean_deg for x in res.metrics])
        ok = np.isfinite(m)
        assert ok.mean() > 0.95
        err = np.abs(m[ok] - seq.truth.trunk_lean_deg[ok])
        assert np.median(err) < 0.6, (lean, direction, travel)
        assert np.percentile(err, 95) < 2.0, (lean, direction, travel)
        assert abs(res.summary.mean_trunk_lean_deg - lean) < 1.0


def test_upright_and_looking_down_flags():
    cfg = CoachConfig(upright_max_lean_deg=10.0, head_down_max_deg=20.0)
    _, res = run(side_spec(trunk_lean_deg=3.0, head_flexion_deg=0.0, seed=2, noise_px=1.0), cfg)
    assert res.summary.upright_share > 0.98
    assert res.summary.looking_down_share < 0.02
    _, res = run(side_spec(trunk_lean_deg=16.0, head_flexion_deg=30.0, seed=2, noise_px=1.0), cfg)
    assert res.summary.upright_share < 0.02
    assert res.summary.looking_down_share > 0.98


@pytest.mark.parametrize("flexion", [0.0, 20.0, 35.0])
def test_head_flexion(flexion):
    _seq, res = run(side_spec(head_flexion_deg=flexion, trunk_lean_deg=5.0, seed=3, noise_px=1.0))
    h = np.array([m.head_flexion_deg for m in res.metrics])
    assert np.isfinite(h).mean() > 0.9
    assert np.nanmedian(h) == pytest.approx(flexion, abs=3.0)


def _tilt_upper_body(frame, lean_deg: float):
    """Rotate face, shoulders and arms about the hip midpoint in the image plane (lateral lean)."""
    xy = frame.xy.astype(np.float64).copy()
    hip = 0.5 * (xy[23] + xy[24])
    a = math.radians(lean_deg)
    d = xy[:23] - hip
    xy[:23, 0] = hip[0] + math.cos(a) * d[:, 0] - math.sin(a) * d[:, 1]
    xy[:23, 1] = hip[1] + math.sin(a) * d[:, 0] + math.cos(a) * d[:, 1]
    return replace(frame, xy=xy.astype(np.float32))


@pytest.mark.parametrize("lean", [0.0, 6.0, -10.0])
def test_lateral_lean_in_frontal_view(lean):
    """Facing the camera, the subject's left is on the image right: a +x tilt is a left lean."""
    seq, _ = run(side_spec(view="front", direction="standing", seed=4, noise_px=1.0))
    res = analyze_frames([_tilt_upper_body(f, lean) for f in seq.frames])
    lat = np.array([m.lateral_lean_deg for m in res.metrics])
    assert np.isfinite(lat[30:]).all()
    assert np.median(lat[30:]) == pytest.approx(lean, abs=1.5)
    assert np.all(np.isnan([m.trunk_lean_deg for m in res.metrics]))
    upright = res.summary.upright_share
    assert upright == (pytest.approx(0.0, abs=0.05) if abs(lean) > 8.0 else pytest.approx(1.0, abs=0.05))


def test_not_measurable_in_this_view_is_reported_with_a_reason():
    _, side = run(side_spec(seed=5, noise_px=1.0))
    m = side.metrics[100]
    assert m.view == View.SIDE
    assert math.isnan(m.lateral_lean_deg) and "frontal view" in m.not_measurable["lateral_lean_deg"]
    assert math.isnan(m.pelvis_sway_frac) and "pelvis_sway_frac" in m.not_measurable
    assert math.isfinite(m.trunk_lean_deg) and "trunk_lean_deg" not in m.not_measurable

    _, front = run(side_spec(view="front", seed=5, noise_px=1.0))
    m = front.metrics[100]
    assert m.view == View.FRONTAL
    assert math.isnan(m.trunk_lean_deg) and "side" in m.not_measurable["trunk_lean_deg"]
    assert math.isnan(m.knee_flexion_left_deg) and "side view" in m.not_measurable["knee_flexion_deg"]
    assert "side view" in m.not_measurable["strike"]
    assert math.isfinite(m.lateral_lean_deg) and math.isfinite(m.pelvis_sway_frac)
    assert "strike" in front.summary.not_measurable and "steps" in front.summary.not_measurable


def test_pelvis_sway_in_frontal_view():
    """The walker's pelvis sways ±1.5 cm; standing still it does not."""
    seq, walk = run(side_spec(view="front", direction="backward", seed=6, noise_px=1.0, speed_mps=0.4))
    _, stand = run(side_spec(view="front", direction="standing", seed=6, noise_px=1.0))
    torso_m = seq.body.trunk_m
    assert walk.summary.sway_frac == pytest.approx(0.03 / torso_m, rel=0.35)
    assert stand.summary.sway_frac < 0.5 * walk.summary.sway_frac
