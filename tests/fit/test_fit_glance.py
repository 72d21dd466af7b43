"""The glance fit scores a parameter pair as the eval does and ranks pairs by F1."""

from __future__ import annotations

import pytest

from tests.evaluation.test_scoring import _labels, _prediction
from vision.evaluation.metrics import score_clip, score_glances
from vision.fit.glance import Score


def test_glance_scores_alone_equal_the_full_scoring():
    labels = _labels()
    pred = _prediction(labels)
    full, alone = score_clip(labels, pred), score_glances(labels, pred.glances)
    fields = ("glances_detected", "glances_false", "glances_found", "glances_labelled", "yaw_errors")
    assert [getattr(alone, f) for f in fields] == [getattr(full, f) for f in fields]
    assert (alone.glances_found, alone.glances_false, alone.yaw_errors) == (1, 1, [6.0])


def test_f1_balances_precision_and_recall_and_false_glances_are_per_minute():
    s = Score(
        on_deg=25.0, min_s=0.3, found=6, labelled=10, matched=6, detected=12, minutes=3.0, yaw_error_deg=5.0
    )
    assert (s.recall, s.precision, s.false_per_min) == (0.6, 0.5, 2.0)
    assert s.f1 == pytest.approx(2 * 0.6 * 0.5 / 1.1)
    nothing = Score(
        on_deg=25.0, min_s=0.3, found=0, labelled=10, matched=0, detected=0, minutes=3.0, yaw_error_deg=0.0
    )
    assert nothing.f1 == 0.0 and nothing.row()["glances_detected"] == 0
