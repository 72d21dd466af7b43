"""Reversed copies: labels map frame r = N − 1 − f and swap contact and lift-off; the video too."""

from __future__ import annotations

import json

import numpy as np
import pytest

from vision.analysis.h264 import H264Writer
from vision.evaluation.labels_rendered import read_rendered
from vision.evaluation.reversal import reverse_labels, reversed_video
from vision.synth.gait import GaitSpec, GlanceSpec, generate_gait
from vision.synth.make_samples import truth_json
from vision.video import iter_video


@pytest.fixture(scope="module")
def synthetic_labels(tmp_path_factory):
    spec = GaitSpec(
        direction="forward",
        strike="heel",
        duration_s=4.0,
        cadence_spm=100.0,
        speed_mps=0.7,
        glances=(GlanceSpec(1.0, 1.0, 50.0, "left"),),
        seed=5,
    )
    seq = generate_gait(spec)
    path = tmp_path_factory.mktemp("rev") / "clip.json"
    path.write_text(json.dumps(truth_json(seq, "clip.mp4", "none")))
    return read_rendered(path, path.with_suffix(".mp4"))


def test_reversed_labels_map_frames_and_swap_contact_and_liftoff(synthetic_labels):
    lab = synthetic_labels
    n = lab.frame_count
    rev = reverse_labels(lab, strike="forefoot")
    with_liftoff = [s for s in lab.steps if s.liftoff_frame >= 0]
    assert len(rev.steps) == len(with_liftoff) >= 5
    expected = sorted((n - 1 - s.liftoff_frame, n - 1 - s.contact_frame, s.foot) for s in with_liftoff)
    assert [(s.contact_frame, s.liftoff_frame, s.foot) for s in rev.steps] == expected
    assert {s.strike for s in rev.steps} == {"forefoot"}
    assert {s.direction for s in rev.steps} == {"backward"} and rev.direction == "backward"
    (g,), (rg,) = lab.glances, rev.glances
    assert (rg.start_frame, rg.end_frame, rg.peak_frame) == (
        n - 1 - g.end_frame,
        n - 1 - g.start_frame,
        n - 1 - g.peak_frame,
    )
    np.testing.assert_array_equal(rev.head_yaw_deg, lab.head_yaw_deg[::-1])
    np.testing.assert_array_equal(rev.landmarks_px[3], lab.landmarks_px[n - 4])
    assert rev.walking[0].direction == "backward" and rev.name.endswith("(reversed)") and rev.reversed
    # twice reversed = the original frames (steps whose contact was before the clip stay dropped)
    back = reverse_labels(rev, direction="forward", strike="heel")
    assert [(s.contact_frame, s.liftoff_frame) for s in back.steps] == [
        (s.contact_frame, s.liftoff_frame)
        for s in with_liftoff
        if s.contact_frame > n - 1 - rev.steps[-1].liftoff_frame - 1
    ]


def test_reversed_video_is_back_to_front_and_near_lossless(tmp_path):
    src = tmp_path / "ramp.mp4"
    rng = np.random.default_rng(0)
    frames = [np.clip(rng.normal(20 * i + 30, 3, (48, 64, 3)), 0, 255).astype(np.uint8) for i in range(10)]
    with H264Writer(src, (64, 48), 10.0, crf=0) as w:
        for i, f in enumerate(frames):
            w.write(f, i / 10)
    originals = [f.image for f in iter_video(src)]
    out = reversed_video(src, tmp_path / "cache")
    assert out == reversed_video(src, tmp_path / "cache")  # cached by content
    back = list(iter_video(out))
    assert [round(f.timestamp_s, 3) for f in back] == [i / 10 for i in range(10)]
    for r, f in enumerate(back):
        diff = np.abs(f.image.astype(int) - originals[9 - r].astype(int))
        assert diff.max() == 0, r  # the same YUV planes decode to the same pixels


def test_reversed_passes_swap_their_direction_and_strike(synthetic_labels):
    """A pass labelled forward heel plays back as backward forefoot (and back), frames flipped."""
    import dataclasses

    from vision.evaluation.labels import Span

    lab = dataclasses.replace(
        synthetic_labels,
        walking=(Span(0, 49, "forward", "heel"), Span(70, 119, "backward", "forefoot")),
        turns=(Span(50, 69),),
    )
    n = lab.frame_count
    rev = reverse_labels(lab)
    assert rev.walking == (
        Span(n - 120, n - 71, "forward", "heel"),
        Span(n - 50, n - 1, "backward", "forefoot"),
    )
    assert rev.turns == (Span(n - 70, n - 51),)
