"""The eval scores a hand-made case exactly: every number of the table checked by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from vision.evaluation.labels import ClipLabels, LabelGlance, LabelStep, Span
from vision.evaluation.metrics import score_clip
from vision.evaluation.run import PredGlance, Prediction, PredStep
from vision.evaluation.totals import totals

N, FPS = 300, 30.0  # 10 s: 1/6 min


def _labels() -> ClipLabels:
    feet = ("left", "right") * 3
    steps = tuple(LabelStep(f, 30 * (i + 1), -1, "forefoot", "backward") for i, f in enumerate(feet))
    marks = np.zeros((N, 33, 2))
    marks[:, :, 0] = 100.0 + np.arange(33)
    marks[:, :, 1] = np.linspace(0.0, 100.0, 33)  # 100 px tall
    return ClipLabels(
        name="hand",
        video=Path("hand.mp4"),
        kind="rendered",
        fps=FPS,
        frame_count=N,
        seed=3,
        direction="backward",
        strike="forefoot",
        posture="upright",
        steps=steps,
        glances=(LabelGlance(60, 90, 75, 50.0, "left"), LabelGlance(150, 180, 165, 80.0, "right")),
        walking=(Span(0, N - 1, "backward"),),
        trunk_lean_deg=np.zeros(N),
        upright=np.where(np.arange(N) < 30, 0.0, 1.0),
        landmarks_px=marks,
    )


def _step(foot: str, frame: int, strike: str = "forefoot", direction: str = "backward") -> PredStep:
    return PredStep(foot, frame, -1, strike, direction, 0.9)


def _prediction(labels: ClipLabels) -> Prediction:
    steps = (
        _step("left", 31),  # +1
        _step("right", 58),  # -2
        _step("left", 90, strike="heel"),  # 0, wrong class
        _step("right", 123, strike="unknown", direction="forward"),  # +3, wrong direction
        _step("left", 150),  # 0
        _step("left", 165),  # spurious, and a same-foot repeat
        _step("right", 250),  # spurious (the right contact at 180 is missed)
    )
    glances = (
        PredGlance(62, 88, 44.0, "left", False),  # found, 6° low
        PredGlance(250, 270, -85.0, "right", True),  # false, a false over-rotation
    )
    present = np.ones(N, bool)
    present[:30] = False
    xy = labels.landmarks_px + np.array([3.0, 4.0])  # 5 px off everywhere
    xy[~present] = np.nan
    upright = np.ones(N)
    upright[:60] = 0.0
    direction = np.array(["backward"] * N)
    direction[:100] = "unknown"
    return Prediction(
        fps=FPS,
        steps=steps,
        glances=glances,
        present=present,
        direction=direction,
        trunk_lean_deg=np.where(present, 2.0, np.nan),
        head_yaw_deg=np.zeros(N),
        upright=upright,
        landmarks_px=xy,
        view="side",
        cadence_spm=120.0,
        analysis_s=1.5,
    )


def test_hand_made_case_scores_exactly():
    labels = _labels()
    t = totals([score_clip(labels, _prediction(labels))])
    assert t.contact_mae_frames.value == pytest.approx(6 / 5) and t.contact_mae_frames.n == 5
    assert dict(t.within)[1].value == pytest.approx(3 / 6) and dict(t.within)[1].n == 6
    assert dict(t.within)[2].value == pytest.approx(4 / 6)
    assert (t.missed.value, t.missed.n, t.spurious) == (pytest.approx(1 / 6), 6, 2)
    assert t.confusion.tolist() == [[3, 0, 1, 1], [0, 0, 0, 0], [0, 0, 0, 0]]
    assert t.strike_accuracy.value == pytest.approx(3 / 4) and t.strike_accuracy.n == 4
    assert t.unknown_share.value == pytest.approx(1 / 5) and t.unknown_share.n == 5
    assert (t.repeats, t.repeat_share.n) == (1, 7)
    assert t.stride_direction.value == pytest.approx(4 / 5)
    assert (t.pass_direction.value, t.pass_direction.n) == (1.0, 1)
    assert (t.glance_recall.value, t.glance_recall.n) == (0.5, 2)
    assert (t.glance_precision.value, t.glance_precision.n) == (0.5, 2)
    assert t.false_glances_per_min.value == pytest.approx(6.0) and t.false_glances_per_min.n == 1
    assert (t.yaw_error_deg.value, t.yaw_error_deg.n) == (6.0, 1)
    assert (t.over_rotation_precision.value, t.over_rotation_precision.n) == (0.0, 1)
    assert t.lean_mae_deg.value == pytest.approx(2.0) and t.lean_mae_deg.n == 270
    assert t.upright_share["upright"].value == pytest.approx(0.8)
    assert t.upright_agreement.value == pytest.approx(270 / 300)  # frames 30-59 disagree
    assert t.landmarks["heels"].median_px.value == pytest.approx(5.0)
    assert t.landmarks["heels"].p90_px.value == pytest.approx(5.0)
    assert t.landmarks["all"].median_pct_height.value == pytest.approx(5.0)
    assert t.landmarks["all"].median_px.n == 270 * 33
    assert t.detection_rate.value == pytest.approx(0.9)


def _two_passes(walking: tuple[Span, Span], **stated) -> ClipLabels:
    """A shared clip's labels: two passes with a turn (frames 140-160) between them."""
    return ClipLabels(
        name="passes",
        video=Path("p.mp4"),
        kind="shared",
        fps=FPS,
        frame_count=N,
        walking=walking,
        turns=(Span(140, 160),),
        **stated,
    )


def test_weak_label_scores_every_detected_walking_step():
    """'every step heel' with passes and a turn: steps in the turn are not scored."""
    labels = _two_passes(
        (Span(0, 139, "forward"), Span(161, N - 1, "forward")), strike_all="heel", glances=()
    )
    pred = _prediction(_labels())  # contacts 31..250; 150 lies in the turn
    t = totals([score_clip(labels, pred)])
    # scored: 31 ff, 58 ff, 90 heel, 123 unknown | 165 ff, 250 ff
    assert t.confusion[2].tolist() == [4, 0, 1, 1]
    assert t.strike_accuracy.value == pytest.approx(1 / 5)
    assert t.repeats == 0  # 150 (in the turn) is not counted, so 165 follows nothing of its pass
    assert t.false_glances_per_min.value == pytest.approx(12.0)  # 2 false in 1/6 min
    assert t.pass_direction.n == 2
    assert t.contact_mae_frames.value is None


def test_a_pass_that_states_its_own_strike_scores_its_steps_against_it():
    """A reviewed clip: forward heel to frame 139, backward forefoot from 161; the clip states none."""
    labels = _two_passes((Span(0, 139, "forward", "heel"), Span(161, N - 1, "backward", "forefoot")))
    t = totals([score_clip(labels, _prediction(_labels()))])
    # heel pass: 31 ff, 58 ff, 90 heel, 123 unknown | forefoot pass: 165 ff, 250 ff
    assert t.confusion.tolist() == [[2, 0, 0, 0], [0, 0, 0, 0], [2, 0, 1, 1]]
    assert t.strike_accuracy.value == pytest.approx(3 / 5)


def test_contacts_while_walking_leave_out_a_turns_steps():
    """The contact at 150 lies in a turn: all contacts count it, contacts while walking do not."""
    from dataclasses import replace

    labels = replace(_labels(), turns=(Span(140, 160),))
    t = totals([score_clip(labels, _prediction(labels))])
    assert dict(t.within)[1].value == pytest.approx(3 / 6)  # 31 (+1), 90 (0), 150 (0)
    assert dict(t.within_walking)[1].value == pytest.approx(2 / 5) and dict(t.within_walking)[1].n == 5
    assert dict(t.within_walking)[2].value == pytest.approx(3 / 5)  # 58 (-2) too; 123 (+3) not


def test_targets_of_issue_12_checked_on_the_hand_made_case():
    from vision.evaluation.targets import targets_table

    labels = _labels()
    rows = {r[0]: r[1:] for r in targets_table([score_clip(labels, _prediction(labels))]).rows}
    assert rows["rendered: contacts while walking within ±1 frame"] == ("≥ 90 %", "50 % (6)", "not met")
    assert rows["rendered: median peak-yaw error, °"] == ("≤ 10", "6 (1)", "met")
    assert rows["rendered: false glances per minute"] == ("≤ 1", "6 (1)", "not met")
    assert rows["rendered: upright share of upright clips"] == ("≥ 90 %", "80 % (1)", "not met")
    assert rows["shared: glances"] == ("≤ 0", "–", "not measured")
