"""Test data for the review UI tests: clinicians, patients and sessions in a fresh data folder."""

from __future__ import annotations

import json
import math
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

from vision.clinic import ClinicianAccess, Database, FrameMetrics, login, setup_first_clinician
from vision.clinic.analysis_import import import_analysis_folder
from vision.clinic.models import Patient
from vision.landmarks import NUM_LANDMARKS
from vision.pose_frame import PoseFrame

ALICE_PW = "alice passphrase 1"
BOB_PW = "bob passphrase 22"
XSS = "<script>alert('xss')</script><img src=x onerror=alert(1)> **not bold**"
SIZE = (640, 480)


@dataclass(frozen=True)
class Seeded:
    """Ids of the seeded records."""

    patient_id: int
    session_id: int
    other_session_id: int | None
    bob_patient_id: int
    bob_session_id: int


def synthetic_pose(i: int, fps: float = 30.0) -> PoseFrame:
    """A plausible-looking stick figure swaying in place (deterministic)."""
    t = i / fps
    k = np.arange(NUM_LANDMARKS, dtype=np.float64)
    x = 320 + 60 * np.sin(k * 0.7) + 15 * math.sin(2 * t)
    y = 60 + 12 * k + 5 * math.cos(3 * t)
    xy = np.stack([x, y], axis=1).astype(np.float32)
    return PoseFrame(i, t, SIZE, xy=xy, visibility=np.full(NUM_LANDMARKS, 0.9, np.float32), subject_id=1)


def record_synthetic(
    me: ClinicianAccess,
    patient_id: int,
    *,
    seconds: float = 4.0,
    started_at: datetime | None = None,
    summary: dict[str, Any] | None = None,
) -> int:
    """A short complete session with frames, 6 steps, one glance and one cue (``summary``:
    its summary.json, else derived from the stored data); its id."""
    fps = 30.0
    with me.start_session(
        patient_id, fps=fps, image_size=SIZE, started_at=started_at, model_version="test"
    ) as rec:
        for i in range(int(seconds * fps)):
            glance = 30 <= i < 45
            rec.append_frame(
                synthetic_pose(i, fps),
                FrameMetrics(
                    trunk_lean_deg=3.0, head_yaw_deg=50.0 if glance else 4.0, glance=glance, upright=True
                ),
            )
        for k in range(6):
            rec.add_step("left" if k % 2 else "right", 0.3 + 0.6 * k, strike="forefoot" if k < 4 else "heel")
        rec.add_glance(1.0, 1.5, side="right", peak_yaw_deg=52.0)
        rec.add_cue(2.0, "lean", "Stand tall")
        info = rec.close(summary)
    return info.id


def history(me: ClinicianAccess, patient_id: int, now: datetime, weeks: int = 4) -> None:
    """Home sessions over the last ``weeks`` weeks, improving week by week (2 or 3 a week)."""
    for w in range(weeks, 0, -1):
        progress = (weeks - w) / max(1, weeks - 1)
        for k in range(2 + w % 2):
            summary = {
                "duration_s": 540.0 + 90 * k + 60 * progress,
                "steps": int(700 + 120 * progress),
                "cadence_spm": 82.0 + 12 * progress + k,
                "strike_share": {
                    "forefoot": 0.18 + 0.2 * progress,
                    "flat": 0.5,
                    "heel": 0.32 - 0.2 * progress,
                },
                "upright_share": 0.78 + 0.15 * progress,
                "glances": int(300 - 80 * progress),
                "glances_per_min": 34.0 - 9 * progress,
                "over_rotations": max(0, 3 - round(3 * progress) - k),
            }
            when = now - timedelta(weeks=w, days=-2 * k, hours=3)
            record_synthetic(me, patient_id, seconds=2.0, started_at=when, summary=summary)


def _variant(analysis_dir: Path, out: Path) -> Path:
    """A copy of the analysis folder with a slower, heel-heavier summary (an earlier session)."""
    shutil.copytree(analysis_dir, out, dirs_exist_ok=True)
    summary = json.loads((out / "summary.json").read_text())
    summary["cadence_spm"] = round(float(summary.get("cadence_spm") or 95.0) - 7.5, 4)
    summary["strike_share"] = {"forefoot": 0.25, "flat": 0.35, "heel": 0.4}
    summary["glances_per_min"] = round(float(summary.get("glances_per_min") or 30.0) + 6.0, 4)
    summary["over_rotations"] = 2
    (out / "summary.json").write_text(json.dumps(summary))
    return out


def seed(data_dir: Path, analysis_dir: Path | None, video: Path | None = None) -> Seeded:
    """Alice (admin) with patients Jane (video consent, 35 days of history, the analysis folder
    imported twice, or synthetic sessions without one) and Zed; Bob with his own patient."""
    db = Database.open(data_dir=data_dir)
    try:
        setup_first_clinician(db, "alice", ALICE_PW, "Dr Alice")
        alice = login(db, "alice", ALICE_PW)
        alice.create_clinician("bob", BOB_PW, "Dr Bob")
        bob = login(db, "bob", BOB_PW)
        jane = alice.create_patient("Jane Doe", external_ref="H-1001", video_opt_in=True)
        alice.create_patient("Zed Example")
        now = datetime.now(timezone.utc)
        with db.transaction() as tx:
            tx.get(Patient, jane.id).created_at = now - timedelta(days=35)
        history(alice, jane.id, now)
        if analysis_dir is not None:
            earlier = _variant(analysis_dir, data_dir / "earlier-analysis")
            older = import_analysis_folder(alice, jane.id, earlier, started_at=now - timedelta(days=4))
            newer = import_analysis_folder(alice, jane.id, analysis_dir, started_at=now - timedelta(days=1))
            sid, other = newer.id, older.id
            if video is not None:
                alice.attach_video(sid, video)
        else:
            other = record_synthetic(alice, jane.id, started_at=now - timedelta(days=9))
            sid = record_synthetic(alice, jane.id, started_at=now - timedelta(days=2))
        bob_patient = bob.create_patient("Bob's patient")
        bob_sid = record_synthetic(bob, bob_patient.id)
        return Seeded(jane.id, sid, other, bob_patient.id, bob_sid)
    finally:
        db.close()
