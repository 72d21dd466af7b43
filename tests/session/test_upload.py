"""An uploaded video goes into the clinic through the clinic sink, in the same pass as the folder."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import pytest

from vision.analysis.upload import analyze_upload, engine_size

SAMPLE = Path(__file__).resolve().parents[2] / "sample_videos" / "backward_walk_side.mp4"


def test_engine_size() -> None:
    assert engine_size(960, 540, 1920) == (960, 540)
    assert engine_size(3840, 2160, 1920) == (1920, 1080)


def test_the_clinic_gets_what_the_folder_gets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sqlalchemy")
    from argon2 import PasswordHasher

    from vision.clinic import Database, auth, login, setup_first_clinician

    monkeypatch.setattr(auth, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    db = Database.open(f"sqlite:///{tmp_path / 'clinic.db'}", data_dir=tmp_path)
    setup_first_clinician(db, "alice", "a long passphrase", "Dr Alice")
    me = login(db, "alice", "a long passphrase")
    patient = me.create_patient("Jane")
    up = analyze_upload(
        SAMPLE, tmp_path / "out", start_session=functools.partial(me.start_session, patient.id)
    )
    assert up.clinic_error is None and up.clinic_session_id is not None
    with (up.analysis.out_dir / "steps.csv").open() as f:
        steps = list(csv.DictReader(f))
    info = me.get_session(up.clinic_session_id)
    assert info.status == "complete" and info.source == "upload" and info.steps == len(steps) == 13
    assert info.image_size == (960, 540) and info.fps == 30.0
    assert info.summary is not None and info.summary["source"] == "analyze"
    tl = me.timeline(up.clinic_session_id)
    assert [s.strike for s in tl.steps] == [s["strike"] for s in steps]
    assert len(tl.glances) == up.analysis.summary.glances
    assert [c.kind for c in tl.cues] == [c.kind for c in up.analysis.drawn_cues]
    assert len(list(me.landmarks(up.clinic_session_id, 0.0, 10.0).pose_frames())) == 270
    db.close()
