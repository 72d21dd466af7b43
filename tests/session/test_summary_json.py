"""The typed summary and ``summary.json``: one writer, one reader, old files still readable."""

from __future__ import annotations

import dataclasses
import json
import math
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "feedback"))
from feedback_helpers import standing_pose

from vision.core import StreamingAnalyzer
from vision.core.events import SessionSummary as CoreSummary
from vision.session.summary import MEASURED_FIELDS, ModelFacts, RunFacts, SessionSummary, from_core
from vision.session.summary_json import from_json, read_summary, to_json, write_summary


def _summary(**run) -> SessionSummary:
    a = StreamingAnalyzer()
    for i in range(60):
        a.update(standing_pose(t=i / 30))
    return from_core(a.summary(), backward_s=1.23456, run=RunFacts(**run))


def test_not_measured_is_none_and_floats_are_rounded() -> None:
    s = _summary(source="live", language="de", cues=3)
    assert s.steps == 0 and s.cadence_spm is None and s.strike_share.forefoot is None
    data = to_json(s)
    assert data["walking_time_backward_s"] == 1.2346
    assert data["cadence_spm"] is None and data["strike_share"] == {
        "forefoot": None,
        "flat": None,
        "heel": None,
    }
    assert data["source"] == "live" and data["language"] == "de" and data["cues"] == 3
    assert "video" not in data and "processing" not in data  # a live session has neither
    assert data["upright_share"] == 1.0 and math.isclose(data["duration_s"], 59 / 30, abs_tol=1e-4)


def test_every_measured_field_is_copied_from_the_core_by_name() -> None:
    core_fields = {f.name for f in dataclasses.fields(CoreSummary)}
    typed = {f.name: f.type for f in dataclasses.fields(SessionSummary)}
    for name in MEASURED_FIELDS:
        assert name in core_fields and typed[name] == "float | None", name
    s = _summary()
    assert s.upright_share == 1.0 and s.detection_rate == 1.0 and s.step_time_s is None


def test_round_trip_through_the_file(tmp_path: Path) -> None:
    s = _summary(model=ModelFacts(backend="onnx", files={"pose": "pose.onnx"}), app_version="0.1.0")
    path = tmp_path / "summary.json"
    write_summary(path, s)
    back = read_summary(path)
    assert to_json(back) == to_json(s) == json.loads(path.read_text())
    assert back.run.model == ModelFacts(backend="onnx", files={"pose": "pose.onnx"})
    assert back.step_records == () and back.steps == s.steps


def test_an_old_or_partial_summary_is_read() -> None:
    s = from_json(
        {"duration_s": 90, "steps": 12, "strike_share": {"forefoot": 0.5}, "over_rotations": [1, 2]}
    )
    assert s.duration_s == 90.0 and s.steps == 12 and s.over_rotations == 2
    assert s.strike_share.forefoot == 0.5 and s.strike_share.heel is None
    assert s.direction == "unknown" and s.run.source == "analyze" and s.glance_list == ()


def test_the_summary_crosses_process_boundaries() -> None:
    s = _summary(source="analyze")
    assert pickle.loads(pickle.dumps(s)) == s
