"""The wheel built from the repository carries everything the installed app needs: every module,
the model files with their checksums and licence, the sample clips, the clinic migrations; and
not the model build scripts. (``.ci/wheel_check.sh`` installs it in a fresh venv and runs it.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _tracked_files() -> list[str]:
    """Files git tracks or would track (untracked but not ignored): what a fresh clone builds from."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line for line in out.splitlines() if line and (REPO / line).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[zipfile.ZipFile, list[str]]:
    """The wheel, built from a clean copy of the checkout (no stale ``build/`` folder)."""
    files = _tracked_files()
    src = tmp_path_factory.mktemp("src")
    for name in files:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / name, src / name)
    dist = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(src), "-w", str(dist)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    (path,) = dist.glob("retrowalk_coach-*.whl")
    zf = zipfile.ZipFile(path)
    yield zf, files
    zf.close()


def test_every_module_is_in_the_wheel(wheel: tuple[zipfile.ZipFile, list[str]]) -> None:
    zf, files = wheel
    names = set(zf.namelist())
    modules = [f for f in files if f.startswith("vision/") and f.endswith(".py")]
    assert len(modules) > 50
    assert [m for m in modules if m not in names] == []
    assert "vision/clinic/migrations/script.py.mako" in names
    assert any(n.startswith("vision/clinic/migrations/versions/0001") for n in names)


def test_models_and_samples_are_package_data(wheel: tuple[zipfile.ZipFile, list[str]]) -> None:
    zf, _ = wheel
    names = set(zf.namelist())
    sums = zf.read("vision/models/SHA256SUMS").decode()
    listed = [line.split("  ", 1)[1] for line in sums.splitlines() if line.strip()]
    assert sorted(listed) == sorted((REPO / "models" / "SHA256SUMS").read_text().split()[1::2])
    for name in listed:
        assert zf.getinfo(f"vision/models/{name}").file_size == (REPO / "models" / name).stat().st_size
    assert "vision/models/LICENSE" in names
    assert "vision/sample_videos/backward_walk_side.mp4" in names
    assert "vision/sample_videos/backward_walk_side.json" in names
    assert not [n for n in names if n.startswith("vision/models/") and n.endswith(".py")]


def test_metadata_names_one_opencv_and_the_command(wheel: tuple[zipfile.ZipFile, list[str]]) -> None:
    zf, _ = wheel
    (meta_name,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
    meta = Parser().parsestr(zf.read(meta_name).decode())
    requires = meta.get_all("Requires-Dist") or []
    assert [r for r in requires if r.startswith("opencv")] == ["opencv-contrib-python==5.1.0.95"]
    assert any(r.startswith("mediapipe") and 'extra == "mediapipe"' in r for r in requires)
    entry = zf.read(meta_name.replace("METADATA", "entry_points.txt")).decode()
    assert "retrowalk = vision.cli:main" in entry
