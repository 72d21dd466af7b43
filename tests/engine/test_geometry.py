"""Anchors, ROI geometry and the One-Euro filter: the engine's math, without models."""

import math

import numpy as np
import pytest

from vision.engine.anchors import ssd_anchor_centers
from vision.engine.roi import Roi, box_iou
from vision.engine.smoothing import OneEuroFilter


def test_anchor_count_and_layout():
    a = ssd_anchor_centers()
    assert a.shape == (2254, 2)
    # First feature map: 28×28 cells, 2 anchors per cell, centres at (i + 0.5) / 28.
    assert a[0] == pytest.approx([0.5 / 28, 0.5 / 28])
    assert a[2] == pytest.approx([1.5 / 28, 0.5 / 28])
    # Last map: 7×7 cells with 6 anchors each (three stride-32 layers merged).
    assert a[-1] == pytest.approx([6.5 / 7, 6.5 / 7])
    assert np.all((a > 0) & (a < 1))


def test_roi_upright_person_has_no_rotation_and_expected_side():
    roi = Roi.from_alignment(np.array([100.0, 200.0]), np.array([100.0, 120.0]))
    assert roi.rotation_rad == pytest.approx(0.0)
    assert roi.side == pytest.approx(2 * 80 * 1.25)


def test_roi_lying_person_rotates_quarter_turn():
    # Scale point to the right of the hips: the body lies along +x; the crop must turn it upright.
    roi = Roi.from_alignment(np.array([100.0, 100.0]), np.array([180.0, 100.0]))
    assert abs(roi.rotation_rad) == pytest.approx(math.pi / 2)
    up = roi.crop_to_image(np.array([[128.0, 0.0]]), 256)[0]  # top centre of the crop
    assert up[0] > 150  # maps toward the scale point (the head side)


def test_crop_and_back_round_trip():
    rng = np.random.default_rng(0)
    roi = Roi(cx=320.0, cy=240.0, side=200.0, rotation_rad=0.4)
    pts = rng.uniform(0, 256, (20, 2))
    img_pts = roi.crop_to_image(pts, 256)
    m = roi.crop_matrix(256)
    back = np.linalg.solve(m[:, :2], (img_pts - m[:, 2]).T).T
    np.testing.assert_allclose(back, pts, atol=1e-9)


def test_crop_samples_the_right_pixels():
    image = np.zeros((480, 640, 3), np.uint8)
    image[230:250, 410:430] = 255  # a white square at (420, 240)
    roi = Roi(cx=320.0, cy=240.0, side=256.0, rotation_rad=0.0)
    crop = roi.crop(image, 256)
    ys, xs = np.nonzero(crop[:, :, 0] > 128)
    assert xs.mean() == pytest.approx(128 + 100, abs=1.0)
    assert ys.mean() == pytest.approx(128, abs=1.0)


def test_box_iou():
    iou = box_iou(np.array([[0, 0, 10, 10]]), np.array([[0, 0, 10, 10], [5, 0, 15, 10], [20, 20, 30, 30]]))
    np.testing.assert_allclose(iou[0], [1.0, 1 / 3, 0.0])


def _foot_height(t: np.ndarray) -> np.ndarray:
    """A foot's height (pixels): swings up for 0.4 s, rests on the floor for 0.6 s, repeatedly."""
    phase = t % 1.0
    return np.where(phase < 0.4, 40 * np.sin(np.pi * phase / 0.4), 0.0)


def test_one_euro_lags_a_foot_contact_by_at_most_one_frame():
    fps = 30.0
    t = np.arange(0, 5, 1 / fps)
    rng = np.random.default_rng(1)
    raw = _foot_height(t) + rng.normal(0, 1.0, t.size)
    f = OneEuroFilter((1,))
    out = np.array([f(np.array([v]), ti, 300.0)[0] for v, ti in zip(raw, t, strict=True)])
    true_contacts = np.nonzero((_foot_height(t) < 0.5) & (_foot_height(t - 1 / fps) >= 0.5))[0]
    for c in true_contacts[1:]:
        # The filtered foot is within 3 px of the floor no later than one frame after contact.
        window = out[c : c + 4]
        first_low = int(np.argmax(window < 3.0)) if (window < 3.0).any() else 99
        assert first_low <= 1
    # And it is steadier than the raw signal while standing.
    stance = (t % 1.0) > 0.6
    assert out[stance].std() < raw[stance].std()


def test_one_euro_passes_nan_and_recovers():
    f = OneEuroFilter((2,))
    f(np.array([1.0, 1.0]), 0.0)
    out = f(np.array([np.nan, 2.0]), 0.033)
    assert np.isnan(out[0]) or out[0] == pytest.approx(1.0)
    out = f(np.array([5.0, 2.0]), 0.066)
    assert out[0] == pytest.approx(5.0)
