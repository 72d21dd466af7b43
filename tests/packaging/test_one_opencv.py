"""One OpenCV in every install: mediapipe needs opencv-contrib-python, so the project depends on
that one too; two distributions writing the same ``cv2`` folder give results that depend on which
was installed last (issue 12)."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
OPENCV = "opencv-contrib-python"


def _name(requirement: str) -> str:
    """The distribution name of a requirement string (``"numpy~=2.4.6"`` → ``"numpy"``)."""
    return canonicalize_name(Requirement(requirement).name)


def _cv2_providers() -> set[str]:
    providers = set()
    for dist in metadata.distributions():
        files = dist.files or []
        if any(f.parts[:1] == ("cv2",) and f.name == "__init__.py" for f in files):
            providers.add(canonicalize_name(dist.metadata["Name"]))
    return providers


def _project() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]


def test_exactly_one_distribution_provides_cv2() -> None:
    assert _cv2_providers() == {OPENCV}


def test_project_depends_on_the_opencv_mediapipe_needs() -> None:
    project = _project()
    extras = project["optional-dependencies"].values()
    every = [*project["dependencies"], *(r for reqs in extras for r in reqs)]
    opencvs = {_name(r) for r in every if _name(r).startswith("opencv")}
    assert opencvs == {OPENCV}
    try:
        needs = metadata.requires("mediapipe") or []
    except metadata.PackageNotFoundError:
        pytest.skip("mediapipe is not installed (the [mediapipe] extra)")
    assert {_name(r) for r in needs if _name(r).startswith("opencv")} == {OPENCV}


def test_results_stack_is_pinned_and_the_rest_bounded() -> None:
    """The versions the results were validated with: exact or compatible-release for the image,
    decoding and inference stack, an upper bound for every other runtime dependency."""
    deps = {_name(r): r for r in _project()["dependencies"]}
    for name in ("numpy", "opencv-contrib-python", "onnxruntime", "av", "streamlit", "streamlit-webrtc"):
        assert "==" in deps[name] or "~=" in deps[name], deps[name]
    for name, req in deps.items():
        assert "==" in req or "~=" in req or "<" in req, f"{name} has no upper bound: {req}"


def test_installed_versions_meet_the_pins() -> None:
    """The environment the tests run in is the one the pins describe (else the results were
    validated on something else)."""
    reqs = {_name(r): Requirement(r) for r in _project()["dependencies"]}
    for name in ("numpy", OPENCV, "onnxruntime", "av", "streamlit", "streamlit-webrtc"):
        version = metadata.version(name)
        assert reqs[name].specifier.contains(version, prereleases=True), (name, version, str(reqs[name]))
