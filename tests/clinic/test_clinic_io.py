"""Import of ``retrowalk analyze`` folders, and CSV/JSON export of the raw tables."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest
from clinic_helpers import landmarks_at, write_analysis_folder, write_analyze_output

from vision.clinic.access import ClinicianAccess
from vision.clinic.analysis_import import import_analysis_folder, read_analysis_folder
from vision.clinic.errors import ImportFormatError, NotFound
from vision.clinic.io import (
    export_session_folder,
    patient_tables,
    session_tables,
    tables_to_files,
    tables_zip,
    write_tables,
)
from vision.reports.charts import session_chart_png


def test_import_stores_summary_steps_glances_and_landmarks(admin: ClinicianAccess, tmp_path: Path) -> None:
    p = admin.create_patient("Jane")
    folder = write_analysis_folder(tmp_path / "run1")
    s = import_analysis_folder(admin, p.id, folder, model_version="onnx-1.0")
    assert s.source == "import" and s.status == "complete" and s.model_version == "onnx-1.0"
    assert s.started_at == datetime(2026, 3, 2, 10, tzinfo=timezone.utc)
    assert (s.steps, s.cadence_spm, s.forefoot_share, s.over_rotations) == (8, 96.5, 0.75, 1)
    assert (s.view, s.direction, s.duration_s, s.image_size) == ("side", "backward", 5.0, (640, 480))
    assert s.fps == pytest.approx(30.0, rel=1e-3) and s.settings["imported_from"] == "run1"
    tl = admin.timeline(s.id)
    assert [st.strike for st in tl.steps] == ["forefoot"] * 6 + ["flat", "heel"]
    assert tl.steps[0].contact_frame == 10 and tl.steps[0].liftoff_frame == 18 and tl.steps[0].foot == "right"
    assert [(g.start_s, g.end_s, g.peak_yaw_deg) for g in tl.glances] == [
        (pytest.approx(1.0), pytest.approx(39 / 30), 50.0),
        (pytest.approx(100 / 30), pytest.approx(105 / 30), 50.0),
    ]
    assert tl.seconds[1].glance_frames == 10 and tl.seconds[0].present_frames == 29
    frames = admin.landmarks(s.id)
    assert len(frames) == 150 and not frames.present[5]
    xy, vis = landmarks_at(frames.timestamps_s[77])
    assert np.abs(frames.xy[77] - xy).max() < 0.5 and np.abs(frames.visibility[77] - vis).max() < 0.01


def test_import_tolerates_missing_optional_columns(admin: ClinicianAccess, tmp_path: Path) -> None:
    p = admin.create_patient("Jane")
    folder = write_analysis_folder(tmp_path / "lean", landmarks=False, frame_columns=("time_s",))
    s = import_analysis_folder(admin, p.id, folder)
    frames = admin.landmarks(s.id)
    assert len(frames) == 150 and np.isnan(frames.xy).all() and not frames.present.any()
    assert admin.timeline(s.id).glances == ()


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda f: (f / "summary.json").unlink(), "summary.json is missing"),
        (lambda f: (f / "steps.csv").unlink(), "steps.csv is missing"),
        (lambda f: (f / "summary.json").write_text("{not json"), "not valid JSON"),
        (lambda f: (f / "summary.json").write_text("[1, 2]"), "JSON object"),
        (lambda f: (f / "summary.json").write_text('{"steps": "many"}'), "duration_s"),
        (lambda f: (f / "frames.csv").write_text("frame,x\n1,2\n"), "lacks the column time_s"),
        (lambda f: (f / "frames.csv").write_text("time_s,glance\n0.0,maybe\n"), "line 2: glance"),
        (lambda f: (f / "frames.csv").write_text("time_s\n0.1\n0.0\n"), "backwards"),
        (
            lambda f: (f / "frames.csv").write_text("time_s,head_yaw_deg\n0.0,abc\n"),
            "line 2: head_yaw_deg is not a number",
        ),
        (lambda f: (f / "frames.csv").write_text("time_s,a\n0.0\n"), "line 2 has 1 fields"),
        (lambda f: (f / "frames.csv").write_bytes(b"time_s\n\xff\xfe\n"), "UTF-8"),
        (
            lambda f: (f / "steps.csv").write_text("foot,contact_time_s\nmiddle,0.5\n"),
            "foot should be left or right",
        ),
        (lambda f: (f / "steps.csv").write_text("foot\nleft\n"), "lacks the column contact_time_s"),
    ],
)
def test_broken_folders_give_clear_errors_and_write_nothing(
    admin: ClinicianAccess, tmp_path: Path, breakage, message: str
) -> None:
    p = admin.create_patient("Jane")
    folder = write_analysis_folder(tmp_path / "broken", n_frames=20)
    breakage(folder)
    with pytest.raises(ImportFormatError, match=message) as info:
        import_analysis_folder(admin, p.id, folder)
    assert str(folder) in str(info.value) and info.value.problems
    assert admin.list_sessions(p.id) == []


def test_import_problems_are_said_in_the_pages_language(tmp_path: Path) -> None:
    from vision.feedback import Translator

    def problems(breakage) -> ImportFormatError:
        folder = write_analysis_folder(tmp_path / f"broken{len(list(tmp_path.iterdir()))}", n_frames=20)
        breakage(folder)
        with pytest.raises(ImportFormatError) as info:
            read_analysis_folder(folder)
        return info.value

    missing = problems(lambda f: (f / "summary.json").unlink())
    assert missing.problem_texts(Translator("de")) == ["summary.json fehlt"]
    assert missing.problem_texts(Translator("en")) == missing.problems == ["summary.json is missing"]
    foot = problems(lambda f: (f / "steps.csv").write_text("foot,contact_time_s\nmiddle,0.5\n"))
    assert foot.problem_texts(Translator("de")) == [
        "steps.csv Zeile 2: foot sollte left oder right sein ('middle')"
    ]
    assert ImportFormatError("x", ["plain words"]).problem_texts(Translator("de")) == ["plain words"]


def test_import_refuses_a_missing_folder_and_foreign_patients(
    admin: ClinicianAccess, other: ClinicianAccess, tmp_path: Path
) -> None:
    with pytest.raises(ImportFormatError, match="not a folder"):
        read_analysis_folder(tmp_path / "nope")
    p = admin.create_patient("Jane")
    with pytest.raises(NotFound):
        import_analysis_folder(other, p.id, write_analysis_folder(tmp_path / "ok", n_frames=10))
    assert admin.list_sessions(p.id) == [] and other.list_patients() == []


def test_csv_and_json_exports(admin: ClinicianAccess, tmp_path: Path) -> None:
    p = admin.create_patient("Jane")
    s = import_analysis_folder(admin, p.id, write_analysis_folder(tmp_path / "run", n_frames=60))
    admin.add_note(s.id, '=HYPERLINK("http://evil")')
    admin.add_note(s.id, "line one\nline two, with comma")
    tables = patient_tables(admin, p.id)
    assert {k: len(v) for k, v in tables.items()} == {
        "sessions": 1, "steps": 8, "glances": 1, "cues": 0, "metric_seconds": 2, "notes": 2
    }  # fmt: skip
    files = tables_to_files(tables, "csv")
    notes = list(csv.DictReader(io.StringIO(files["notes.csv"].decode())))
    assert notes[0]["text"] == '\'=HYPERLINK("http://evil")'  # neutralised for spreadsheets
    assert notes[1]["text"] == "line one\nline two, with comma"
    sessions = list(csv.DictReader(io.StringIO(files["sessions.csv"].decode())))
    assert sessions[0]["cadence_spm"] == "96.5" and json.loads(sessions[0]["summary_json"])["view"] == "side"
    doc = json.loads(tables_to_files(session_tables(admin, s.id), "json")["tables.json"])
    assert doc["notes"][0]["text"] == '=HYPERLINK("http://evil")'  # JSON keeps text verbatim
    assert doc["steps"][0]["strike"] == "forefoot"
    with zipfile.ZipFile(io.BytesIO(tables_zip(tables))) as zf:
        assert sorted(zf.namelist()) == sorted(f"{n}.csv" for n in tables)
    paths = write_tables(tables, tmp_path / "export", "json")
    assert [x.name for x in paths] == ["tables.json"]


def test_session_folder_export_round_trips(admin: ClinicianAccess, tmp_path: Path) -> None:
    p = admin.create_patient("Jane")
    first = import_analysis_folder(admin, p.id, write_analysis_folder(tmp_path / "in", n_frames=45))
    out = export_session_folder(admin, first.id, tmp_path / "out")
    again = import_analysis_folder(admin, p.id, out)
    assert again.started_at == first.started_at and again.duration_s == first.duration_s
    assert (again.steps, again.cadence_spm, again.forefoot_share) == (first.steps, first.cadence_spm, 0.75)
    a, b = admin.landmarks(first.id), admin.landmarks(again.id)
    assert np.array_equal(a.present, b.present) and np.allclose(a.timestamps_s, b.timestamps_s)
    assert np.nanmax(np.abs(a.xy - b.xy)) < 0.01 and np.nanmax(np.abs(a.visibility - b.visibility)) < 0.01
    assert [s.strike for s in admin.timeline(again.id).steps] == [
        s.strike for s in admin.timeline(first.id).steps
    ]


def test_import_of_the_real_analyze_layout(admin: ClinicianAccess, tmp_path: Path) -> None:
    p = admin.create_patient("Jane")
    s = import_analysis_folder(admin, p.id, write_analyze_output(tmp_path / "analyze"))
    assert s.image_size == (1280, 720) and s.fps == 30.0 and s.model_version == "onnx; app 0.1.0"
    assert s.started_at == datetime(2026, 4, 1, 8, 30, tzinfo=timezone.utc)
    assert s.upright_share is None and s.summary is not None and s.summary["not_measurable"]
    tl = admin.timeline(s.id)
    assert [st.strike for st in tl.steps] == ["forefoot", "flat", "unknown"]
    assert tl.steps[1].liftoff_frame is None and tl.steps[0].liftoff_frame == 30
    assert [(g.start_s, g.end_s, g.side, g.peak_yaw_deg) for g in tl.glances] == [(1.0, 1.5, "right", 48.2)]
    # upright is unknown (empty) before frame 10, so second 0 averages frames 10-29 only
    assert tl.seconds[0].upright_share == pytest.approx(14 / 20)
    assert tl.seconds[1].upright_share == pytest.approx(20 / 30)
    assert tl.seconds[0].present_frames == 27
    frames = admin.landmarks(s.id)
    assert len(frames) == 90 and not frames.present[:3].any() and np.isnan(frames.xy[:3]).all()
    assert session_chart_png(tl).startswith(b"\x89PNG")  # unknown strikes are drawn too
