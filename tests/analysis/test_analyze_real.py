"""`analyze_video` end to end on real video: ``../shared/videos/sports2d_demo.mp4`` and its labels."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import av
import pytest

from tests.conftest import shared_labels, shared_video
from vision.analysis import analyze_video
from vision.session.formats import ANALYZE_FILES, FILE_NAMES

CLIP = "sports2d_demo.mp4"


@pytest.fixture(scope="module")
def sports2d_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sports2d") / "result"
    analyze_video(shared_video(CLIP), out)
    return out


def _steps(out: Path) -> list[dict]:
    with (out / FILE_NAMES["steps_csv"]).open() as f:
        return list(csv.DictReader(f))


def test_outputs_exist_and_the_video_is_h264(sports2d_run: Path) -> None:
    for name in (FILE_NAMES[k] for k in ANALYZE_FILES):
        assert (sports2d_run / name).stat().st_size > 0, name
    with av.open(str(sports2d_run / FILE_NAMES["video"])) as c:
        stream = c.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert sum(1 for _ in c.decode(stream)) == shared_labels(CLIP)["format"]["frames"]


def test_step_table_matches_the_labelled_contacts(sports2d_run: Path) -> None:
    labels = shared_labels(CLIP)
    tol = labels["initial_contact_tolerance_frames"]
    truth = labels["initial_contacts"]
    steps = _steps(sports2d_run)
    errors = []
    for lab in truth:
        same = [s for s in steps if s["foot"] == lab["foot"]]
        best = min(same, key=lambda s: abs(int(s["contact_frame"]) - lab["frame"]))
        errors.append(int(best["contact_frame"]) - lab["frame"])
        assert abs(errors[-1]) <= tol, (lab, best)
        assert best["strike"] == "heel", best
        assert best["direction"] == "forward", best
    print("sports2d contact errors (frames):", errors)
    # Nothing else inside the walker's labelled stretch.
    lo, hi = truth[0]["frame"] - tol, truth[-1]["frame"] + tol
    inside = [s for s in steps if lo <= int(s["contact_frame"]) <= hi]
    assert len(inside) == len(truth), inside


def test_summary_states_forward_heel_walking(sports2d_run: Path) -> None:
    summary = json.loads((sports2d_run / FILE_NAMES["summary_json"]).read_text())
    assert summary["direction"] == "forward"
    assert summary["strike_share"]["heel"] >= 0.6
    assert summary["steps"] == len(_steps(sports2d_run))
    assert summary["video"]["width"] == 1768
