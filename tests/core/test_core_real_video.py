"""Gait events on real video through the engine: ``sports2d_demo.mp4`` and its labels.

Forward (as filmed): every labelled heel contact within ±2 frames, heel strike, forward.
Reversed in time (frame r = 229 − f, a backward-walking proxy, see the labels' notes): every
labelled contact within the labels' tolerance (±3), forefoot strike, backward.
"""

from __future__ import annotations

from functools import lru_cache

from tests.conftest import shared_labels, shared_video
from vision.core import analyze_frames
from vision.core.batch import BatchResult
from vision.engine.factory import create_backend
from vision.engine.lookahead import LookaheadTracker
from vision.video import iter_video

CLIP = "sports2d_demo.mp4"


@lru_cache(maxsize=1)
def _results() -> tuple[BatchResult, BatchResult]:
    frames = [(f.image, f.timestamp_s) for f in iter_video(shared_video(CLIP))]
    times = [t for _, t in frames]

    def run(seq) -> BatchResult:
        tracker = LookaheadTracker(create_backend("onnx", threads=2), 15)  # as `retrowalk analyze`
        poses = []
        for image, t in seq:
            poses += tracker.push(image, t)
        poses += list(tracker.flush())
        return analyze_frames(poses)

    n = len(frames)
    forward = run(frames)
    reversed_ = run([(frames[n - 1 - i][0], times[i]) for i in range(n)])
    return forward, reversed_


def _match(res: BatchResult, truth: list[dict], tol: int) -> list[tuple[str, int, int | None, str, str]]:
    """(foot, labelled frame, detected frame or None, strike, direction) per labelled contact."""
    out = []
    for lab in truth:
        cand = [s for s in res.summary.steps if s.foot.value == lab["foot"]]
        best = min(cand, key=lambda s: abs(s.contact_frame - lab["frame"]), default=None)
        if best is None or abs(best.contact_frame - lab["frame"]) > tol:
            out.append((lab["foot"], lab["frame"], None, "", ""))
        else:
            out.append(
                (lab["foot"], lab["frame"], best.contact_frame, best.strike.value, best.direction.value)
            )
    return out


def _extras(res: BatchResult, truth: list[dict], tol: int) -> list[int]:
    """Detected contacts inside the labelled stretch that match no labelled contact."""
    lo, hi = truth[0]["frame"] - tol, truth[-1]["frame"] + tol
    frames = [(t["foot"], t["frame"]) for t in truth]
    return [
        s.contact_frame
        for s in res.summary.steps
        if lo <= s.contact_frame <= hi
        and not any(f == s.foot.value and abs(s.contact_frame - fr) <= tol for f, fr in frames)
    ]


def _assert_contacts(res: BatchResult, truth: list[dict], tol: int, strike: str, direction: str) -> None:
    """Every labelled contact found within ``tol`` with ``strike`` and ``direction``, nothing
    else in the labelled stretch, and the session's direction."""
    rows = _match(res, truth, tol)
    print(f"{direction} (foot, label, detected, strike, direction):", rows)
    assert [r[2] for r in rows if r[2] is None] == [], rows
    assert all(r[3] == strike and r[4] == direction for r in rows), rows
    assert _extras(res, truth, tol) == []
    assert res.summary.direction.value == direction


def test_forward_heel_contacts_match_the_labels() -> None:
    labels = shared_labels(CLIP)
    tol = labels["initial_contact_tolerance_frames"]
    _assert_contacts(_results()[0], labels["initial_contacts"], tol, "heel", "forward")


def test_reversed_clip_is_backward_walking_with_forefoot_contacts() -> None:
    labels = shared_labels(CLIP)["reversed_proxy"]
    tol = labels["initial_contact_tolerance_frames"]
    _assert_contacts(_results()[1], labels["initial_contacts_reversed_frame"], tol, "forefoot", "backward")


def test_forward_contacts_have_a_mean_absolute_error_of_at_most_one_and_a_half_frames() -> None:
    labels = shared_labels(CLIP)
    rows = _match(_results()[0], labels["initial_contacts"], 3)
    errors = [r[2] - r[1] for r in rows if r[2] is not None]
    print("forward contact errors (frames):", errors)
    assert len(errors) == len(rows)
    assert sum(abs(e) for e in errors) / len(errors) <= 1.5, errors
