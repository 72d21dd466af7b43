"""The session's gait inputs kept whole: dense arrays over the frame range, gaps as NaN."""

from __future__ import annotations

import numpy as np
from core_helpers import run, side_spec

from vision.core import CoachConfig, StreamingAnalyzer
from vision.core import ring as rb
from vision.core.events import Direction, View
from vision.core.gait.history import GaitHistory


def test_dense_arrays_fill_gaps():
    h = GaitHistory()
    for fi in (3, 4, 7):
        row = [float(fi)] * rb.N_CHANNELS
        row[rb.C_T] = fi / 30.0
        row[rb.C_FRAME] = fi
        h.add(row, direction=Direction.FORWARD, view=View.SIDE)
    a = h.arrays()
    assert a.n == 5
    assert list(a.frame) == [3, 4, 5, 6, 7]
    assert np.isnan(a.torso[2]) and a.torso[4] == 7.0
    np.testing.assert_allclose(a.t, np.arange(3, 8) / 30.0)
    assert list(a.direction) == [1, 1, -1, -1, 1]
    assert a.legs.shape == (5, 2, 8)


def test_analyzer_keeps_every_valid_frame():
    seq, _ = run(side_spec(duration_s=3.0))
    an = StreamingAnalyzer(CoachConfig())
    for f in seq.frames:
        an.update(f)
    a = an.gait_history.arrays()
    assert a.n == len(seq.frames)
    assert np.isfinite(a.legs[:, 0, rb.LEG_HX]).mean() > 0.9
