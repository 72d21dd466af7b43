"""Recording: chunked landmark storage, commit cadence, crash recovery, SIGKILL safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from clinic_helpers import ADMIN_PW, SIZE, pose_frame
from sqlalchemy import select

from vision.clinic.access import ClinicianAccess
from vision.clinic.auth import login, setup_first_clinician
from vision.clinic.db import Database
from vision.clinic.errors import ClinicError, StorageError
from vision.clinic.models import LandmarkChunk, WalkSession, utcnow
from vision.clinic.recorder import FrameMetrics
from vision.clinic.replay import CodecError, decode_chunk, encode_chunk
from vision.landmarks import NUM_LANDMARKS

REPO = Path(__file__).resolve().parents[2]


class FakeClock:
    """A monotonic clock the test moves by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_codec_round_trip_keeps_precision_and_nan() -> None:
    n = 40
    rng = np.random.default_rng(1)
    xy = rng.uniform(0, 1920, (n, NUM_LANDMARKS, 2)).astype(np.float32)
    vis = rng.uniform(0, 1, (n, NUM_LANDMARKS)).astype(np.float32)
    xy[3], vis[3] = np.nan, np.nan
    ts = np.arange(n) / 30.0
    present = np.ones(n, bool)
    present[3] = False
    blob = encode_chunk(ts, np.arange(n), present, xy, vis)
    assert len(blob) < n * (NUM_LANDMARKS * 5 + 13)  # at most ~the raw float16+uint8 size
    back = decode_chunk(blob, SIZE)
    assert np.array_equal(back.timestamps_s, ts) and np.array_equal(back.present, present)
    ok = present
    assert np.abs(back.xy[ok] - xy[ok]).max() <= 1.0  # float16: 1 px steps in [1024, 2048)
    assert np.abs(back.visibility[ok] - vis[ok]).max() <= 0.5 / 254 + 1e-6
    assert np.isnan(back.xy[3]).all() and np.isnan(back.visibility[3]).all()
    assert not back.pose_frame(3).present and back.pose_frame(0).present
    for damaged in (blob[:10], b"XXXX" + blob[4:], blob[:-5]):
        with pytest.raises(CodecError):
            decode_chunk(damaged)


def test_commits_on_the_clock_and_is_readable_while_recording(
    admin: ClinicianAccess, db_url: str, tmp_path: Path
) -> None:
    p = admin.create_patient("Jane")
    clock = FakeClock()
    rec = admin.start_session(p.id, fps=30.0, image_size=SIZE, clock=clock, commit_interval_s=0.5)
    with Database.open(db_url, data_dir=tmp_path) as reader:
        viewer = login(reader, "admin", ADMIN_PW)  # another connection, as another process would
        for i in range(14):
            rec.append_frame(pose_frame(i))
        assert rec.frames_buffered == 14 and len(viewer.landmarks(rec.session_id)) == 0
        clock.now = 0.5
        rec.append_frame(pose_frame(14))  # the clock says it's time: commit
        assert rec.frames_buffered == 0
        assert len(viewer.landmarks(rec.session_id)) == 15
        assert viewer.get_session(rec.session_id).status == "recording"
        for i in range(15, 75):
            clock.now = i / 30.0
            rec.append_frame(pose_frame(i), FrameMetrics(trunk_lean_deg=2.0))
        stored = viewer.landmarks(rec.session_id)
        assert rec.frames_buffered < 16 and len(stored) == 75 - rec.frames_buffered
        assert np.array_equal(stored.frame_index, np.arange(len(stored)))
    info = rec.close({"duration_s": 2.5, "steps": 0})
    assert info.status == "complete" and info.frames_stored == 75 and info.duration_s == 2.5
    with admin.db.transaction() as tx:
        query = select(LandmarkChunk.n_frames).where(LandmarkChunk.session_id == rec.session_id)
        sizes = list(tx.scalars(query.order_by(LandmarkChunk.chunk_index)))
    assert sizes == [30, 30, 15]  # ~1 s chunks, rewritten while open
    with pytest.raises(ClinicError):
        rec.append_frame(pose_frame(99))


def test_exception_inside_with_marks_interrupted(admin: ClinicianAccess) -> None:
    p = admin.create_patient("Jane")
    with pytest.raises(RuntimeError), admin.start_session(p.id) as rec:
        rec.append_frame(pose_frame(0))
        raise RuntimeError("camera unplugged")
    s = admin.get_session(rec.session_id)
    assert s.status == "interrupted" and s.frames_stored == 1


def test_dead_or_stale_recorders_are_marked_interrupted(
    admin: ClinicianAccess, db_url: str, tmp_path: Path
) -> None:
    p = admin.create_patient("Jane")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    rec_dead = admin.start_session(p.id, commit_interval_s=None)
    for i in range(45):
        rec_dead.append_frame(pose_frame(i))
    rec_dead.add_step("left", 0.5, strike="heel")
    rec_dead.commit()
    rec_far = admin.start_session(p.id)
    rec_live = admin.start_session(p.id)  # this process is alive: must stay recording
    with admin.db.transaction() as tx:
        tx.get(WalkSession, rec_dead.session_id).recorder_pid = int(dead.stdout)
        far = tx.get(WalkSession, rec_far.session_id)
        far.recorder_host, far.heartbeat_at = "another-host", utcnow().replace(year=2020)
    with Database.open(db_url, data_dir=tmp_path) as again:
        assert sorted(again.recovery.interrupted_session_ids) == sorted(
            [rec_dead.session_id, rec_far.session_id]
        )
    s = admin.get_session(rec_dead.session_id)
    assert s.status == "interrupted" and s.steps == 1 and s.heel_share == 1.0
    assert s.duration_s == pytest.approx(44 / 30) and len(admin.landmarks(s.id)) == 45
    assert admin.get_session(rec_live.session_id).status == "recording"
    rec_live.close()


def test_damaged_landmarks_raise_storage_error(admin: ClinicianAccess) -> None:
    p = admin.create_patient("Jane")
    with admin.start_session(p.id) as rec:
        rec.append_frame(pose_frame(0))
    with admin.db.transaction() as tx:
        tx.get(LandmarkChunk, (rec.session_id, 0)).data = b"RWL1garbage"
    with pytest.raises(StorageError, match="damaged"):
        admin.landmarks(rec.session_id)


def test_sigkill_loses_at_most_one_second(
    admin: ClinicianAccess, db: Database, db_url: str, tmp_path: Path
) -> None:
    patient = admin.create_patient("Jane")
    code = admin.issue_home_code(patient.id)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(Path(__file__).parent)])}
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).parent / "clinic_kill_child.py"), db_url, str(tmp_path), code],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        hello = json.loads(child.stdout.readline())
        time.sleep(max(0.0, hello["t0"] + 2.5 - time.time()))
        killed_at = time.time()
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
    sid = hello["session_id"]
    with Database.open(db_url, data_dir=tmp_path) as again:
        assert sid in again.recovery.interrupted_session_ids
    s = admin.get_session(sid)
    frames = admin.landmarks(sid)
    assert s.status == "interrupted" and s.frames_stored == len(frames)
    last_t = float(frames.timestamps_s[-1])
    lost_s = killed_at - hello["t0"] - last_t
    print(f"SIGKILL lost {lost_s:.3f} s of frames")
    assert lost_s <= 1.0, f"lost {lost_s:.2f} s"
    assert np.array_equal(frames.frame_index, np.arange(len(frames)))  # no holes
    assert abs(frames.xy[-1] - pose_frame(len(frames) - 1).xy).max() < 0.5
    tl = admin.timeline(sid)
    assert len(tl.steps) >= 4 and tl.seconds and tl.session.steps == len(tl.steps)


def test_a_locked_database_delays_but_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    db = Database.open(f"sqlite:///{path}", data_dir=tmp_path, busy_timeout_s=0.2)
    setup_first_clinician(db, "admin", ADMIN_PW, "Dr Admin")
    me = login(db, "admin", ADMIN_PW)
    rec = me.start_session(me.create_patient("Jane").id, commit_interval_s=None)
    for i in range(10):
        rec.append_frame(pose_frame(i))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="locked"):
            rec.commit()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert rec.frames_buffered == 10
    info = rec.close()
    assert info.frames_stored == 10 and len(me.landmarks(info.id)) == 10
    db.close()
