"""Parts of the Ray batch that need no Ray: the task's function, storing an outcome, the
benchmark's table."""

from __future__ import annotations

from pathlib import Path

from vision.bench.cluster import RayRun, report
from vision.cluster.batch import store_outcome
from vision.cluster.tasks import ClipOutcome, run_clip


def test_a_clip_that_is_not_a_video_is_named_as_the_caller_knows_it() -> None:
    outcome = run_clip(b"\x00" * 500, name="walk.mp4", shown_as="clinic/in/walk.mp4", options={})
    assert not outcome.ok and outcome.files == {}
    assert "clinic/in/walk.mp4" in outcome.message and "retrowalk-clip-" not in outcome.message


def test_an_outcome_replaces_the_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "walk"
    out.mkdir()
    (out / "stale.csv").write_text("old")
    item = store_outcome(
        Path("walk.mp4"),
        out,
        ClipOutcome(True, "ok", {"steps": 3}, {"steps.csv": b"step\n", "a.png": b"\x89"}),
    )
    assert item.ok and item.summary == {"steps": 3}
    assert sorted(p.name for p in out.iterdir()) == ["a.png", "steps.csv"]
    assert (out / "steps.csv").read_bytes() == b"step\n"
    assert [p.name for p in tmp_path.iterdir()] == ["walk"]  # no partial or old folder left
    failed = store_outcome(Path("b.mp4"), tmp_path / "b", ClipOutcome(False, "b.mp4: not a video"))
    assert not failed.ok and failed.message == "b.mp4: not a video" and not (tmp_path / "b").exists()


def test_benchmark_table_numbers() -> None:
    runs = [
        RayRun(1, 5.0, 3.0, 40.0, 4, 38.0, 10.5, 10.2, 2.5),
        RayRun(2, 6.0, 4.0, 24.0, 4, 44.0, 11.0, 10.0, 2.5),
    ]
    text = report([9.0, 9.5, 8.0], runs, frames=150, load=1.5)
    assert "| direct call (no Ray), median of 3 | 1 | 9.00 | 6.7 | 9.00 |" in text
    assert "| Ray, 1 worker | 4 | 40.00 | 6.0 | 10.00 |" in text
    assert "| Ray, 2 workers | 4 | 24.00 | 10.0 | 6.00 |" in text
    assert "minus its time inside the task: 0.300 s (10.50 s round trip, 10.20 s in the task)" in text
    assert "2.5 MB of results back" in text
    assert "0.500 s (1 worker), 1.000 s (2 worker)" in text
    assert "1 worker steady state vs the direct call: +1.00 s per clip" in text
    assert "load average 1.5" in text
