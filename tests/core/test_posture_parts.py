"""The programme's upright (trunk near vertical, head not down, back not rounded), its parts, and the fit."""

from __future__ import annotations

import json
import math

import numpy as np
from core_helpers import run, side_spec

from vision.core import CoachConfig
from vision.core.posture_parts import FITTED_FILE, classify, load_limits
from vision.fit.posture import best_threshold


def test_upright_walker_passes_and_head_down_walker_fails():
    """A trunk within the limit is not enough: a dropped head fails upright, and the parts say why."""
    _, up = run(side_spec(trunk_lean_deg=3.0, head_flexion_deg=0.0, seed=2, noise_px=1.0))
    assert up.summary.upright_share > 0.95
    assert up.summary.looking_down_share < 0.05
    assert up.summary.trunk_leaning_share < 0.05
    _, down = run(side_spec(trunk_lean_deg=3.0, head_flexion_deg=45.0, seed=2, noise_px=1.0))
    assert down.summary.upright_share < 0.2
    assert down.summary.looking_down_share > 0.8
    assert down.summary.trunk_leaning_share < 0.05
    _, lean = run(side_spec(trunk_lean_deg=18.0, head_flexion_deg=0.0, seed=2, noise_px=1.0))
    assert lean.summary.upright_share < 0.05
    assert lean.summary.trunk_leaning_share > 0.95


def test_classify_parts():
    lim = dict(max_lean_deg=10.0, head_down_deg=28.0, rounded_deg=31.0)
    ok = classify(lean=4.0, head_flex=10.0, neck_rel=20.0, **lim)
    assert (ok.upright, ok.leaning, ok.head_down, ok.rounded) == (True, False, False, False)
    hunched = classify(lean=4.0, head_flex=10.0, neck_rel=45.0, **lim)
    assert (hunched.upright, hunched.rounded) == (False, True)
    nohead = classify(lean=-12.0, head_flex=math.nan, neck_rel=math.nan, **lim)
    assert (nohead.upright, nohead.leaning, nohead.head_down) == (False, True, None)
    assert classify(lean=math.nan, head_flex=50.0, neck_rel=50.0, **lim).upright is None


def test_best_threshold_finds_the_class_boundary():
    rng = np.random.default_rng(0)
    neg = rng.normal(10.0, 4.0, 4000)
    pos = rng.normal(40.0, 4.0, 4000)
    thr, acc = best_threshold(np.r_[neg, pos], np.r_[np.zeros(4000, bool), np.ones(4000, bool)])
    assert 23.0 <= thr <= 27.0
    assert acc > 0.99
    assert math.isnan(best_threshold(neg, np.zeros(4000, bool))[0])


def test_fit_on_synthetic_head_flexion_separates_down_from_level():
    """The fit, run on the core's own measurements of synthetic walks with known head flexion,
    puts the limit between the level and the dropped heads."""
    meas, truth = [], []
    for flex, seed in ((0.0, 1), (10.0, 2), (40.0, 3), (50.0, 4)):
        _seq, res = run(side_spec(trunk_lean_deg=2.0, head_flexion_deg=flex, seed=seed, noise_px=1.0))
        m = np.array([x.head_flexion_deg for x in res.metrics])
        meas.append(m)
        truth.append(np.full(m.shape, flex > 25.0))
    thr, acc = best_threshold(np.concatenate(meas), np.concatenate(truth))
    assert 10.0 < thr < 40.0
    assert acc > 0.95


def test_shipped_limits_are_fitted_with_provenance():
    doc = json.loads(FITTED_FILE.read_text())
    prov = doc["provenance"]
    assert prov["seeds"] == "0:110" and prov["clips"] > 50 and "vision.fit.posture" in prov["command"]
    lim = load_limits()
    assert lim.rounded_neck_deg == doc["limits"]["rounded_neck_deg"]
    assert CoachConfig().head_down_max_deg == doc["limits"]["head_down_deg"]
    assert 15.0 < lim.rounded_neck_deg < 50.0 and 15.0 < CoachConfig().head_down_max_deg < 45.0
