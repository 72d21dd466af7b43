"""Pure helpers of the review pages: escaping, ids, tables, replay drawing, uploads, charts."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np
import pytest
from review_seed import ALICE_PW, SIZE, Seeded, synthetic_pose

from vision.clinic import Database, ImportFormatError, login
from vision.clinic import io as clinic_io
from vision.clinic.replay import ReplayFrames
from vision.ui.clinic import charts, transfer
from vision.ui.clinic.replay import blank_canvas, frame_near, render_replay
from vision.ui.clinic.session_page import session_length
from vision.ui.clinic.state import idle_expired, parse_id
from vision.ui.clinic.views import (
    EN,
    adherence_text,
    comparison_frame,
    glances_frame,
    nearest_index,
    note_label,
    patient_list_frame,
    selected_row,
    sessions_frame,
    step_numbers,
    steps_frame,
    summary_frame,
    trend_frame,
)
from vision.ui.common.escape import md_escape

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        (
            "**b** _i_ `c` [l](u) $x$ :red[z] # h",
            "\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\[l\\]\\(u\\) \\$x\\$ \\:red\\[z\\] \\# h",
        ),
        ("&lt;", "\\&lt;"),
        ("a\nb", "a b"),
    ],
)
def test_md_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


def test_md_escape_multiline_keeps_line_breaks() -> None:
    assert md_escape("1. one\n  - two\n===", multiline=True) == "1\\. one  \n\\- two  \n\\=\\=\\="


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (["7"], 7), (" 3 ", 3), (None, None), ("0", None), ("-1", None), ("1e3", None),
     ("abc", None), ("１２", None), ("9" * 19, None), ([], None)],
)  # fmt: skip
def test_parse_id(value: object, expected: int | None) -> None:
    assert parse_id(value) == expected


def test_idle_expired() -> None:
    assert not idle_expired(None, 1e9)
    assert not idle_expired(1000.0, 1000.0 + 60)
    assert idle_expired(1000.0, 1000.0 + 31 * 60)


def test_tables_and_labels(seeded: tuple[Database, Seeded]) -> None:
    db, ids = seeded
    me = login(db, "alice", ALICE_PW)
    rows = me.list_patients()
    df = patient_list_frame(rows)
    assert list(df["patient"]) == ["Jane Doe", "Zed Example"]
    assert df["sessions"].tolist() == [12, 0]
    assert df["adherence"].iloc[0] is not None and df["sessions/week"].iloc[1] == "–"
    assert "Programme 3×/week" in adherence_text(rows[0].adherence)
    sessions = me.list_sessions(ids.patient_id)
    assert len(sessions_frame(sessions)) == 12
    trend = trend_frame(me.trend(ids.patient_id))
    assert set(trend["metric"]) >= {"Walking time (min)", "Cadence (steps/min)", "Forefoot landings (%)"}
    assert trend[trend["metric"] == "Forefoot landings (%)"]["value"].between(0, 100).all()
    tl = me.timeline(ids.session_id)
    note = me.add_note(ids.session_id, "on step 2", step_id=tl.steps[1].id)
    steps = steps_frame(tl.steps, [note])
    assert steps["step"].tolist() == [1, 2, 3, 4, 5, 6]
    assert steps["notes"].tolist() == [0, 1, 0, 0, 0, 0]
    assert note_label(note, step_numbers(tl.steps)).endswith("· step 2")
    assert glances_frame(tl.glances)["length (s)"].tolist() == ["0.50"]
    summary = summary_frame(tl.session)
    assert "Cadence" in summary["metric"].tolist()
    cmp = comparison_frame(me.compare(ids.other_session_id, ids.session_id))
    assert cmp.columns[-1] == "change (B − A)"
    assert cmp[cmp["metric"] == "Steps"]["change (B − A)"].item() == "+0"
    assert session_length(tl) == pytest.approx(4.0, abs=0.05)


def test_small_helpers() -> None:
    assert nearest_index(np.array([0.0, 0.5, 1.0]), 0.7) == 1
    assert nearest_index(np.array([]), 1.0) is None
    assert selected_row({"selection": {"rows": [3]}}) == 3
    assert selected_row({"selection": {"rows": []}}) is None
    assert selected_row(None) is None
    since, until = transfer.period_bounds(date(2026, 3, 1), date(2026, 3, 31))
    assert since == datetime(2026, 3, 1, tzinfo=timezone.utc)
    assert until == datetime(2026, 4, 1, tzinfo=timezone.utc)
    assert transfer.period_bounds(None, None) == (None, None)
    assert transfer.safe_folder_name("../../etc/passwd.zip") == "passwd"
    assert transfer.safe_folder_name("C:\\x\\my walk (1).ZIP") == "my_walk_1"
    assert transfer.safe_folder_name("...") == "upload"


def _frames(n: int = 60, fps: float = 30.0, absent: tuple[int, ...] = ()) -> ReplayFrames:
    poses = [synthetic_pose(i, fps) for i in range(n)]
    present = np.array([i not in absent for i in range(n)])
    xy = np.stack([p.xy for p in poses])
    xy[~present] = np.nan
    return ReplayFrames(
        np.array([p.timestamp_s for p in poses]),
        np.arange(n),
        present,
        xy,
        np.stack([p.visibility for p in poses]),
        SIZE,
    )


def test_replay_draws_the_nearest_skeleton() -> None:
    frames = _frames()
    pose = frame_near(frames, 1.0)
    assert pose is not None and pose.frame_index == 30
    assert frame_near(frames, 5.0) is None  # nothing within half a second
    image = render_replay(frames, 1.0)
    assert image.rgb.shape == (SIZE[1], SIZE[0], 3)
    assert image.frame_index == 30 and image.present and not image.on_video
    blank = blank_canvas(SIZE)
    assert np.abs(image.rgb.astype(int) - blank[:, :, ::-1]).sum() > 0  # something drawn
    assert np.array_equal(render_replay(frames, 9.0).rgb, blank[:, :, ::-1])
    gone = render_replay(_frames(absent=(30,)), 1.0)
    assert not gone.present and gone.frame_index == 30


def test_replay_on_the_video_frame() -> None:
    video = REPO / "sample_videos" / "backward_walk_side.mp4"
    frames = _frames()
    image = render_replay(frames, 1.0, video=video, max_side=480)
    assert image.on_video and max(image.rgb.shape[:2]) == 480
    assert not render_replay(frames, 1.0, video=Path("/nonexistent.mp4")).on_video


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_collect_upload_takes_only_the_analysis_files() -> None:
    found, folder = transfer.collect_upload(
        [("summary.json", b"{}"), ("steps.csv", b"a"), ("evil.py", b"x"), ("../frames.csv", b"f")]
    )
    assert found == {"summary.json": b"{}", "steps.csv": b"a", "frames.csv": b"f"} and folder == "upload"
    found, folder = transfer.collect_upload(
        [
            (
                "walk-1.zip",
                _zip({"walk-1/summary.json": b"{}", "../../x/frames.csv": b"f", "walk-1/a.mp4": b"v"}),
            )
        ]
    )
    assert found == {"summary.json": b"{}", "frames.csv": b"f"} and folder == "walk-1"
    with pytest.raises(transfer.UploadError, match="more than one"):
        transfer.collect_upload([("x.zip", _zip({"a/summary.json": b"1", "b/summary.json": b"2"}))])
    with pytest.raises(transfer.UploadError, match="damaged"):
        transfer.collect_upload([("x.zip", b"not a zip")])
    with pytest.raises(transfer.UploadError, match="either one zip"):
        transfer.collect_upload([("x.zip", _zip({})), ("steps.csv", b"")])
    with pytest.raises(transfer.UploadError, match="None of"):
        transfer.collect_upload([("notes.txt", b"")])
    with pytest.raises(transfer.UploadError, match="Choose"):
        transfer.collect_upload([])


def test_upload_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transfer, "MAX_FILE_BYTES", 100)
    with pytest.raises(transfer.UploadError, match="larger than"):
        transfer.collect_upload([("x.zip", _zip({"frames.csv": b"0" * 10_000}))])
    with pytest.raises(transfer.UploadError, match="larger than"):
        transfer.collect_upload([("frames.csv", b"0" * 101)])


def test_import_uploads_round_trip(seeded: tuple[Database, Seeded], tmp_path: Path) -> None:
    db, ids = seeded
    me = login(db, "alice", ALICE_PW)
    folder = clinic_io.export_session_folder(me, ids.session_id, tmp_path / "exported")
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    before = len(me.list_sessions(ids.patient_id))
    loose = transfer.import_uploads(me, ids.patient_id, list(files.items()))
    zipped = transfer.import_uploads(
        me, ids.patient_id, [("exported.zip", _zip({f"exported/{k}": v for k, v in files.items()}))]
    )
    assert len(me.list_sessions(ids.patient_id)) == before + 2
    original = me.get_session(ids.session_id)
    for s in (loose, zipped):
        assert (
            s.source == "import" and s.steps == original.steps and s.frames_stored == original.frames_stored
        )
    broken = dict(files, **{"summary.json": json.dumps({"started_at": "nonsense"}).encode()})
    broken["frames.csv"] = b"frame,time_s\n0,abc\n"
    with pytest.raises(ImportFormatError):
        transfer.import_uploads(me, ids.patient_id, list(broken.items()))
    assert len(me.list_sessions(ids.patient_id)) == before + 2


def test_charts_build(seeded: tuple[Database, Seeded]) -> None:
    db, ids = seeded
    me = login(db, "alice", ALICE_PW)
    panels = charts.trend_panels(trend_frame(me.trend(ids.patient_id)))
    assert len(panels) == 6 and all(c is not None for _, c in panels)
    tl = me.timeline(ids.session_id)
    for chart in (charts.signals_chart(tl, 1.0, 4.0), charts.steps_chart(tl, None, 4.0)):
        spec = chart.to_dict()
        assert spec["autosize"]["type"] == "fit-x"
    assert charts.STEP_SELECTION in json.dumps(charts.steps_chart(tl, 1.0, 4.0).to_dict())
    empty = me.create_patient("Nobody")
    assert [c for _, c in charts.trend_panels(trend_frame(me.trend(empty.id)))] == [None] * 6


def test_exports_make_their_files(seeded: tuple[Database, Seeded]) -> None:
    db, ids = seeded
    me = login(db, "alice", ALICE_PW)
    me.add_note(ids.session_id, "=cmd|' /C calc'!A0")
    session = {EN(e.label): e for e in transfer.session_exports(me, ids.session_id)}
    assert session["PDF report"].make().startswith(b"%PDF")
    with zipfile.ZipFile(io.BytesIO(session["Tables (CSV, zip)"].make())) as zf:
        assert "steps.csv" in zf.namelist()
        assert "'=cmd" in zf.read("notes.csv").decode()  # no spreadsheet formula
    assert set(json.loads(session["Tables (JSON)"].make())) >= {"sessions", "steps", "notes"}
    assert session["Landmarks (frames.csv)"].make().startswith(b"frame,time_s,subject_present")
    patient = transfer.patient_exports(me, ids.patient_id, date(2000, 1, 1), date(2100, 1, 1))
    pdf, csv_zip, js = (e.make() for e in patient)
    assert pdf.startswith(b"%PDF") and zipfile.is_zipfile(io.BytesIO(csv_zip))
    assert len(json.loads(js)["sessions"]) == 12
    empty = transfer.patient_exports(me, ids.patient_id, date(2000, 1, 1), date(2000, 1, 2))
    assert json.loads(empty[2].make())["sessions"] == []
    assert all(e.file_name.startswith("retrowalk-patient-") for e in patient)
