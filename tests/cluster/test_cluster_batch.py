"""``analyze --cluster``: the same folders and byte-identical tables as the local process pool,
on an embedded Ray and on a Ray head started here on loopback; addresses and bad input."""

from __future__ import annotations

import csv
import filecmp
import subprocess
import sys
from pathlib import Path

import pytest
from cluster_helpers import REPO, child_env, ray_head, require_ray, run_cli

from vision.analysis.batch import analyze_many
from vision.cluster.address import ENV_RAY_ADDRESS, parse_target

TABLES = ("frames.csv", "steps.csv")


def _same_tables(a: Path, b: Path, stems: list[str]) -> None:
    assert filecmp.cmp(a / "batch_summary.csv", b / "batch_summary.csv", shallow=False)
    for stem in stems:
        for name in TABLES:
            assert filecmp.cmp(a / stem / name, b / stem / name, shallow=False), f"{stem}/{name} differs"
        assert sorted(p.name for p in (a / stem).iterdir()) == sorted(p.name for p in (b / stem).iterdir())


def _rows(table: Path) -> list[dict]:
    with table.open() as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def pool_run(two_clips, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two clips analysed by the local process pool (the reference)."""
    out = tmp_path_factory.mktemp("pool") / "out"
    run_cli(["analyze", *map(str, two_clips), "--out", str(out), "--jobs", "2"])
    return out


def test_cluster_local_gives_the_pools_folders_and_identical_tables(two_clips, pool_run, tmp_path) -> None:
    require_ray()
    clips = [str(c) for c in two_clips]
    out = run_cli(["analyze", *clips, "--out", str(tmp_path / "ray"), "--jobs", "2", "--cluster", "local"])
    assert "embedded Ray" in out
    stems = [c.stem for c in two_clips]
    _same_tables(pool_run, tmp_path / "ray", stems)
    rows = _rows(tmp_path / "ray" / "batch_summary.csv")
    assert [r["status"] for r in rows] == ["ok", "ok"]
    assert [r["out_dir"] for r in rows] == stems  # relative to the table: no run-specific path
    assert [r["direction"] for r in rows] == ["backward", "forward"]
    assert int(rows[0]["steps"]) >= 2


def test_batch_sent_to_a_ray_head_on_loopback(two_clips, pool_run, tmp_path: Path) -> None:
    require_ray()
    clips = [str(c) for c in two_clips]
    with ray_head(num_cpus=2) as (address, env):
        env = {**env, ENV_RAY_ADDRESS: address}
        out = run_cli(["analyze", *clips, "--out", str(tmp_path / "head"), "--cluster"], env=env)
    assert f"Ray cluster at {address}" in out
    _same_tables(pool_run, tmp_path / "head", [c.stem for c in two_clips])


def test_a_broken_clip_fails_alone_with_the_local_message(tmp_path: Path) -> None:
    require_ray()
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(b"not a video at all" * 100)
    local = analyze_many([bad, tmp_path / "missing.mp4"], tmp_path / "local", workers=1)
    cmd = [sys.executable, "-m", "vision.cli", "analyze", str(bad), str(tmp_path / "missing.mp4")]
    cmd += ["--out", str(tmp_path / "ray"), "--cluster", "local", "--jobs", "1"]
    proc = subprocess.run(cmd, cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=240)
    assert proc.returncode == 2, proc.stderr[-2000:]
    rows = _rows(tmp_path / "ray" / "batch_summary.csv")
    assert [r["status"] for r in rows] == ["error", "error"]
    assert [r["message"] for r in rows] == [it.message for it in local]
    assert str(bad) in rows[0]["message"]


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("local", None),
        ("10.0.0.5:6379", "10.0.0.5:6379"),
        ("ray://head.clinic:10001", "ray://head.clinic:10001"),
    ],
)
def test_targets(value: str, address: str | None) -> None:
    target = parse_target(value, env={})
    assert target.address == address
    assert target.local is (address is None)


def test_target_from_the_environment_and_bad_ones() -> None:
    assert parse_target(None, env={ENV_RAY_ADDRESS: "ray://h:10001"}).address == "ray://h:10001"
    assert parse_target("", env={ENV_RAY_ADDRESS: "local"}).local
    with pytest.raises(ValueError, match="no cluster given"):
        parse_target(None, env={})
    for bad in ("http://h:1", "h", "h:0", "h:70000", "ray://"):
        with pytest.raises(ValueError, match="not a cluster address"):
            parse_target(bad, env={})
