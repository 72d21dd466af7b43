"""Keeping live sessions: the session folder (flushed every second) and the clinic database."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "feedback"))
from feedback_helpers import contact, fm, glance, standing_pose

from vision.core import StreamingAnalyzer
from vision.core.events import Strike
from vision.feedback import CueKind
from vision.feedback.cues import Cue
from vision.live.store import LiveRecording, new_session_folder, open_recording
from vision.session.clinic_sink import ClinicSink
from vision.session.coach import FrameResult
from vision.session.counters import SessionCounters
from vision.session.formats import CUE_COLUMNS
from vision.session.summary import RunFacts, from_core


def _summary(backward_s: float = 0.0):
    a = StreamingAnalyzer()
    for i in range(10):
        a.update(standing_pose(t=i / 30))
    return from_core(a.summary(), backward_s=backward_s, run=RunFacts(source="live", language="en"))


def _result(t: float, events=(), cue: Cue | None = None, words: str | None = None, image=None) -> FrameResult:
    return FrameResult(
        pose=standing_pose(t=t),
        metrics=fm(t),
        events=tuple(events),
        cue=cue,
        new_cue=cue,
        cue_words=words,
        guidance=(),
        counters=SessionCounters().values(),
        image=image,
    )


def _close(rec: LiveRecording, summary):
    for sink in rec.sinks:
        sink.close(summary)
    return rec.result(summary)


class FakeClinic:
    """Duck-typed SessionRecorder."""

    session_id = 42

    def __init__(self) -> None:
        self.frames = 0
        self.steps: list[tuple] = []
        self.glances: list[tuple] = []
        self.cues: list[tuple] = []
        self.closed: tuple | None = None

    def append_frame(self, pose, metrics=None):
        self.frames += 1
        assert metrics is not None and metrics.upright is True

    def add_step(self, foot, t, **kw):
        self.steps.append((foot, t, kw["strike"]))

    def add_glance(self, start, end, **kw):
        self.glances.append((start, end))

    def add_cue(self, t, kind, message):
        self.cues.append((t, kind, message))

    def close(self, summary=None, *, status="complete"):
        self.closed = (summary, status)


def test_frames_are_on_disk_within_a_second(tmp_path: Path) -> None:
    now = [0.0]
    rec = LiveRecording(new_session_folder(tmp_path), (640, 480), clock=lambda: now[0])
    for i in range(45):
        now[0] = i / 30
        rec.result_folder.on_frame(_result(i / 30))
        lines = (rec.folder / "frames.csv").read_text().count("\n")
        if now[0] >= 1.0:
            assert lines >= 30  # header + at least the first second's frames
    result = _close(rec, _summary(backward_s=1.2))
    assert (rec.folder / "frames.csv").read_text().count("\n") == 46
    assert json.loads(result.files["summary_json"].read_text())["walking_time_backward_s"] == 1.2
    assert result.clinic_session_id is None


def test_close_writes_tables_plots_and_cues(tmp_path: Path) -> None:
    rec = LiveRecording(new_session_folder(tmp_path), (640, 480), keep_video=True)
    image = np.zeros((480, 640, 3), np.uint8)
    cue = Cue(kind=CueKind.HEEL_STRIKE, key="cue.heel_strike", started_s=0.5, seq=1)
    for i in range(20):
        t = i / 30
        events = [contact(t, Strike.HEEL)] if i == 15 else []
        r = _result(t, events, cue if i == 15 else None, "Land on the ball" if i == 15 else None, image)
        for sink in rec.sinks:
            sink.on_frame(r)
    result = _close(rec, _summary())
    for key in (
        "frames_csv",
        "cues_csv",
        "steps_csv",
        "summary_json",
        "plot_trunk_yaw",
        "plot_feet",
        "plot_strikes",
        "raw_video",
    ):
        assert result.files[key].exists() and result.files[key].stat().st_size > 0, key
    with result.files["cues_csv"].open() as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CUE_COLUMNS
    assert rows[1:] == [["0.500", "heel_strike", "60", "Land on the ball"]]
    data = json.loads(result.files["summary_json"].read_text())
    assert data["source"] == "live" and data["language"] == "en"


def test_no_video_unless_opted_in(tmp_path: Path) -> None:
    rec = LiveRecording(new_session_folder(tmp_path), (640, 480))
    for sink in rec.sinks:
        sink.on_frame(_result(0.0, image=np.zeros((480, 640, 3), np.uint8)))
    assert "raw_video" not in _close(rec, _summary()).files
    assert not (rec.folder / "raw.mp4").exists()


def test_clinic_recorder_gets_frames_steps_glances_cues(tmp_path: Path) -> None:
    clinic = FakeClinic()
    rec = LiveRecording(new_session_folder(tmp_path), (640, 480), clinic=ClinicSink(clinic))
    for r in (
        _result(0.0, [contact(0.0, Strike.FOREFOOT), glance(0.0, 0.0)]),
        _result(
            0.1, (), Cue(kind=CueKind.PRAISE, key="cue.praise_glance", started_s=0.1, seq=1), "Good glance."
        ),
    ):
        for sink in rec.sinks:
            sink.on_frame(r)
    result = _close(rec, _summary(backward_s=0.1))
    assert (
        clinic.frames == 2 and clinic.steps == [("left", 0.0, "forefoot")] and clinic.glances == [(0.0, 0.0)]
    )
    assert clinic.cues == [(0.1, "praise", "Good glance.")]
    assert clinic.closed is not None and clinic.closed[1] == "complete"
    assert clinic.closed[0].run.source == "live" and clinic.closed[0].walking_time_backward_s == 0.1
    assert result.clinic_session_id == 42


def test_real_clinic_database_through_a_home_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sqlalchemy")
    from argon2 import PasswordHasher

    from vision.clinic import Database, auth, login, open_home, setup_first_clinician

    monkeypatch.setattr(auth, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    db = Database.open(f"sqlite:///{tmp_path / 'clinic.db'}", data_dir=tmp_path)
    setup_first_clinician(db, "alice", "a long passphrase", "Dr Alice")
    me = login(db, "alice", "a long passphrase")
    patient = me.create_patient("Jane")
    code = me.issue_home_code(patient.id)
    rec = open_recording(tmp_path, (640, 480), clinic_start=open_home(db, code).start_session)
    for i in range(40):
        t = i / 30
        r = _result(t, [contact(t, Strike.FOREFOOT)] if i == 20 else [])
        for sink in rec.sinks:
            sink.on_frame(r)
    result = _close(rec, _summary(backward_s=1.0))
    assert result.clinic_error is None and result.clinic_session_id is not None
    info = me.get_session(result.clinic_session_id)
    assert info.status == "complete" and info.source == "live"
    assert me.timeline(result.clinic_session_id).steps
    frames = me.landmarks(result.clinic_session_id, 0.0, 10.0)
    assert len(list(frames.pose_frames())) == 40
    db.close()


def test_clinic_failure_never_loses_the_folder(tmp_path: Path) -> None:
    from vision.clinic import StorageError

    def broken(**kw):
        raise StorageError("The database file is damaged.")

    rec = open_recording(tmp_path, (640, 480), clinic_start=broken)
    for sink in rec.sinks:
        sink.on_frame(_result(0.0))
    result = _close(rec, _summary())
    assert result.clinic_error == "The database file is damaged." and result.files["summary_json"].exists()
