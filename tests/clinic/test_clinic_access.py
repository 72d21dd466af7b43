"""Scoping: a clinician sees only their own patients; the review API's answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from clinic_helpers import pose_frame
from sqlalchemy import func, select

from vision.clinic.access import ClinicianAccess
from vision.clinic.config import Programme
from vision.clinic.db import Database
from vision.clinic.errors import NotFound, PermissionDenied, ValidationError
from vision.clinic.models import Glance, LandmarkChunk, MetricSecond, Note, StepEvent, WalkSession
from vision.clinic.recorder import FrameMetrics

XSS = """<script>alert("x")</script><img src=x onerror='alert(1)'> & **bold** $x^2$"""


def record(
    access: ClinicianAccess,
    patient_id: int,
    *,
    seconds: float = 3.0,
    started_at: datetime | None = None,
    summary: dict[str, Any] | None = None,
) -> int:
    """A short session at 30 fps with a step every half second; returns its id."""
    with access.start_session(patient_id, fps=30.0, image_size=(640, 480), started_at=started_at) as rec:
        for i in range(int(seconds * 30)):
            rec.append_frame(
                pose_frame(i), FrameMetrics(trunk_lean_deg=5.0, head_yaw_deg=10.0, upright=i % 4 != 0)
            )
            if i % 15 == 0:
                rec.add_step(
                    "left" if i % 30 else "right", i / 30, strike="heel" if i % 45 == 0 else "forefoot"
                )
        rec.add_glance(1.0, 1.4, side="left", peak_yaw_deg=55.0)
        rec.close(summary)
    return rec.session_id


def test_other_clinicians_records_are_not_found(
    admin: ClinicianAccess, other: ClinicianAccess, tmp_path: Path
) -> None:
    jane = admin.create_patient("Jane", video_opt_in=True)
    sid = record(admin, jane.id)
    step = admin.timeline(sid).steps[0].id
    note = admin.add_note(sid, "private")
    own = record(other, other.create_patient("Mine").id)
    video = tmp_path / "v.mp4"
    video.write_bytes(b"\x00" * 10)
    attempts: list[Callable[[], object]] = [
        lambda: other.get_patient(jane.id),
        lambda: other.list_sessions(jane.id),
        lambda: other.trend(jane.id),
        lambda: other.adherence(jane.id),
        lambda: other.update_patient(jane.id, display_name="hacked"),
        lambda: other.set_video_opt_in(jane.id, False),
        lambda: other.issue_home_code(jane.id),
        lambda: other.delete_patient(jane.id),
        lambda: other.start_session(jane.id),
        lambda: other.get_session(sid),
        lambda: other.timeline(sid),
        lambda: other.landmarks(sid),
        lambda: other.notes(sid),
        lambda: other.add_note(sid, "sneaky"),
        lambda: other.add_note(own, "cross", step_id=step),
        lambda: other.edit_note(note.id, "changed"),
        lambda: other.delete_note(note.id),
        lambda: other.compare(own, sid),
        lambda: other.delete_session(sid),
        lambda: other.attach_video(sid, video),
        lambda: other.video_path(sid),
        lambda: other.delete_video(sid),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound):
            attempt()
    assert [p.patient.display_name for p in other.list_patients()] == ["Mine"]
    assert other.search_patients("jane") == []
    assert admin.get_patient(jane.id).display_name == "Jane"
    assert [n.text for n in admin.notes(sid)] == ["private"]


@pytest.mark.parametrize("bad_id", [10**9, -1, "1 OR 1=1", None, 1.5, "x"])
def test_garbage_ids_are_not_found(admin: ClinicianAccess, bad_id: object) -> None:
    with pytest.raises(NotFound):
        admin.get_patient(bad_id)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        admin.timeline(bad_id)  # type: ignore[arg-type]


def test_untrusted_text_is_stored_verbatim(admin: ClinicianAccess) -> None:
    patient = admin.create_patient(XSS, external_ref="=cmd|' /C calc'!A0")
    sid = record(admin, patient.id)
    note = admin.add_note(sid, XSS)
    assert admin.notes(sid)[0].text == XSS == note.text
    assert admin.get_patient(patient.id).display_name == XSS
    assert admin.get_patient(patient.id).external_ref == "=cmd|' /C calc'!A0"


def test_notes_on_sessions_and_steps(admin: ClinicianAccess) -> None:
    p = admin.create_patient("Jane")
    a, b = record(admin, p.id), record(admin, p.id)
    steps = admin.timeline(a).steps
    admin.add_note(a, "whole session")
    on_step = admin.add_note(a, "heel strike here", step_id=steps[3].id)
    assert [n.text for n in admin.notes(a, step_id=steps[3].id)] == ["heel strike here"]
    assert len(admin.timeline(a).notes) == 2
    with pytest.raises(NotFound):
        admin.add_note(b, "wrong session", step_id=steps[3].id)
    with pytest.raises(ValidationError):
        admin.add_note(a, "   ")
    assert admin.edit_note(on_step.id, "edited").text == "edited"
    admin.delete_note(on_step.id)
    assert [n.text for n in admin.notes(a)] == ["whole session"]


def test_timeline_trend_compare_and_replay(admin: ClinicianAccess) -> None:
    p = admin.create_patient("Jane")
    t0 = datetime(2026, 3, 2, 10, tzinfo=timezone.utc)
    a = record(admin, p.id, started_at=t0)
    summary = {
        "duration_s": 600.0,
        "steps": 1000,
        "cadence_spm": 100.0,
        "over_rotations": 3,
        "strike_share": {"forefoot": 0.9, "flat": 0.1, "heel": 0.0},
        "upright_share": 0.95,
        "glances": 30,
        "glances_per_min": 3.0,
    }
    b = record(admin, p.id, started_at=t0 + timedelta(days=2), summary=summary)
    tl = admin.timeline(a)
    assert [s.step_index for s in tl.steps] == list(range(6))
    assert [s.second for s in tl.seconds] == [0, 1, 2]
    assert tl.seconds[0].upright_share == pytest.approx(0.75, abs=0.02)
    assert tl.glances[0].side == "left" and tl.session.steps == 6
    assert tl.session.heel_share == pytest.approx(2 / 6) and tl.session.cadence_spm == pytest.approx(
        6 / (89 / 30) * 60
    )
    trend = admin.trend(p.id)
    assert [pt.session_id for pt in trend.points] == [a, b]
    assert trend.series("minutes")[1] == pytest.approx(10.0)
    assert trend.series("forefoot_share")[1] == pytest.approx(0.9)
    assert trend.series("over_rotations") == [None, 3]
    cmp = admin.compare(a, b)
    rows = {r.key: r for r in cmp.rows}
    assert rows["cadence_spm"].b == 100.0 and rows["steps"].delta == 994
    frames = admin.landmarks(a, 1.0, 2.0)
    assert frames.timestamps_s.min() >= 1.0 and frames.timestamps_s.max() <= 2.0 and len(frames) == 31
    assert frames.image_size == (640, 480)
    back = frames.pose_frame(0)
    assert back.present and back.frame_index == 30
    assert abs(back.xy - pose_frame(30).xy).max() < 0.5


def test_patients_list_with_last_session_and_adherence(admin: ClinicianAccess) -> None:
    p = admin.create_patient("Zoe", programme=Programme(sessions_per_week=2, minutes_per_session=0.04))
    q = admin.create_patient("adam")
    record(admin, p.id)
    rows = admin.list_patients()
    assert [r.patient.display_name for r in rows] == ["adam", "Zoe"]
    zoe = rows[1]
    assert zoe.sessions_total == 1 and zoe.last_session is not None
    assert zoe.adherence.this_week.qualifying_sessions == 1 and zoe.patient.programme_is_custom
    assert rows[0].last_session is None and rows[0].adherence.programme == Programme()
    assert admin.update_patient(q.id, programme=Programme(4, 20)).programme == Programme(4, 20)
    assert admin.update_patient(q.id, programme=None).programme == Programme()
    assert [x.display_name for x in admin.search_patients("ZO")] == ["Zoe"]
    assert admin.search_patients("%") == []


def test_video_needs_opt_in_and_is_deletable(admin: ClinicianAccess, db: Database, tmp_path: Path) -> None:
    p = admin.create_patient("Jane")
    sid = record(admin, p.id)
    src = tmp_path / "walk.MP4"
    src.write_bytes(b"fake video")
    with pytest.raises(PermissionDenied):
        admin.attach_video(sid, src)
    admin.set_video_opt_in(p.id, True)
    with pytest.raises(ValidationError):
        admin.attach_video(sid, tmp_path / "../../etc/passwd")
    assert admin.attach_video(sid, src).has_video
    path = admin.video_path(sid)
    assert path is not None and path.parent == db.video_dir and path.read_bytes() == b"fake video"
    admin.delete_video(sid)
    assert not path.exists() and admin.video_path(sid) is None
    admin.attach_video(sid, src)
    path = admin.video_path(sid)
    admin.set_video_opt_in(p.id, False)  # withdrawing consent deletes the videos
    assert path is not None and not path.exists() and not admin.get_session(sid).has_video


def test_deleting_a_patient_deletes_everything(admin: ClinicianAccess, db: Database) -> None:
    p = admin.create_patient("Jane")
    sid = record(admin, p.id)
    admin.add_note(sid, "n")
    admin.delete_patient(p.id)
    with pytest.raises(NotFound):
        admin.get_session(sid)
    assert admin.list_patients() == []
    with db.transaction() as tx:  # ON DELETE CASCADE reached every table
        for model in (WalkSession, StepEvent, Glance, MetricSecond, LandmarkChunk, Note):
            assert tx.scalar(select(func.count()).select_from(model)) == 0
