"""``retrowalk replay`` against ``retrowalk analyze`` on the bundled sample: the same steps, and
the annotated video shows exactly the cues the replay logs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from vision.analysis import analyze_video
from vision.cli import main as cli_main
from vision.feedback import cue_text
from vision.feedback.cues import Cue, CueKind
from vision.session.formats import ANALYZE_FILES, CUE_COLUMNS, FILE_NAMES

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_videos" / "backward_walk_side.mp4"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> tuple[Path, Path, list]:
    root = tmp_path_factory.mktemp("replay")
    analysed = analyze_video(SAMPLE, root / "analyze", lang="de")
    assert cli_main(["replay", str(SAMPLE), "--out", str(root / "replay"), "--lang", "de"]) == 0
    return analysed.out_dir, root / "replay", analysed.drawn_cues


def test_replay_writes_the_analyze_folder_plus_the_cue_log(runs) -> None:
    _, replay, _ = runs
    for key in (*ANALYZE_FILES, "cues_csv"):
        assert (replay / FILE_NAMES[key]).stat().st_size > 0, key
    with (replay / FILE_NAMES["cues_csv"]).open() as f:
        assert tuple(next(csv.reader(f))) == CUE_COLUMNS
    summary = json.loads((replay / FILE_NAMES["summary_json"]).read_text())
    assert summary["source"] == "replay" and summary["language"] == "de"


def test_replay_and_analyze_agree_step_for_step(runs) -> None:
    analysed, replay, _ = runs
    a, r = _rows(analysed / "steps.csv"), _rows(replay / "steps.csv")
    assert len(a) == 13
    assert a == r
    sa = json.loads((analysed / "summary.json").read_text())
    sr = json.loads((replay / "summary.json").read_text())
    for key in (
        "steps",
        "cadence_spm",
        "strike_share",
        "glances",
        "upright_share",
        "walking_time_backward_s",
    ):
        assert sa[key] == sr[key], key


def test_the_annotated_video_shows_the_replays_cues(runs) -> None:
    """The video sink records each cue it drew: the same times, kinds, priorities and words."""
    _, replay, drawn = runs
    logged = _rows(replay / "cues.csv")
    assert logged, "the sample gives cues (praise, leaving the view)"
    assert [(f"{c.time_s:.3f}", c.kind, str(c.priority), c.text) for c in drawn] == [
        (r["time_s"], r["kind"], r["priority"], r["text"]) for r in logged
    ]
    kinds = {r["kind"]: r["text"] for r in logged}
    praise = Cue(kind=CueKind.PRAISE, key="cue.praise_forefoot", started_s=0.0, seq=1)
    assert kinds.get("praise") == cue_text(praise, "de") == "Gut, weiche Landungen auf dem Fußballen."
    assert "cues_csv" not in {k for k in FILE_NAMES if (runs[0] / FILE_NAMES[k]).exists()}
