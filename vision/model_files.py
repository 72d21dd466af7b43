"""Where the bundled BlazePose model files live, and a check that they are intact.

The files sit in ``models/`` at the repository root, installed by a wheel as package data in
``vision/models/`` (:mod:`vision.bundled` finds either); set ``RETROWALK_MODELS_DIR`` to use
another folder. ``models/SHA256SUMS`` lists the expected SHA-256 of each file;
``models/build_models.py`` rebuilds them all.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from vision.bundled import MODELS

ENV_VAR = "RETROWALK_MODELS_DIR"
DEFAULT_MODELS_DIR = MODELS.path()
"""The bundled models: ``vision/models/`` in an installed wheel, else the checkout's ``models/``."""
SUMS_FILE = "SHA256SUMS"

DETECTOR_ONNX = "pose_detection.onnx"
LANDMARKS_ONNX = "pose_landmark_full.onnx"
TASK_BUNDLE = "pose_landmarker_full.task"
MODEL_NAMES: tuple[str, ...] = (DETECTOR_ONNX, LANDMARKS_ONNX, TASK_BUNDLE)

REBUILD_HINT = "rebuild with `python models/build_models.py` (needs PyPI access)"


class ModelFileError(RuntimeError):
    """A model file is missing, damaged or unknown; the message names it and says how to fix it."""


def models_dir() -> Path:
    """The models folder: ``$RETROWALK_MODELS_DIR`` if set, else :data:`DEFAULT_MODELS_DIR`."""
    override = os.environ.get(ENV_VAR)
    return Path(override).expanduser() if override else DEFAULT_MODELS_DIR


def model_path(name: str) -> Path:
    """Path of one model file (not checked; see :func:`verify_models`)."""
    return models_dir() / name


def _read_sums(folder: Path) -> dict[str, str]:
    sums_path = folder / SUMS_FILE
    try:
        text = sums_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelFileError(f"cannot read {sums_path}: {exc.strerror}; {REBUILD_HINT}") from exc
    sums = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, name = line.partition("  ")
            sums[name.strip().lstrip("*")] = digest.strip().lower()
    return sums


@functools.lru_cache(maxsize=64)
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    """SHA-256 of a file; the key includes mtime and size so a changed file is hashed again."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_sha256(path: Path | str) -> str:
    """Hex SHA-256 of a file's bytes, computed once per process while the file is unchanged."""
    path = Path(path)
    st = path.stat()
    return _sha256(str(path.resolve()), st.st_mtime_ns, st.st_size)


def verify_models(names: list[str] | tuple[str, ...] | None = None) -> dict[str, Path]:
    """Check that the model files exist and match ``SHA256SUMS``; return ``{name: path}``.

    ``names`` defaults to :data:`MODEL_NAMES`. Raises :class:`ModelFileError` naming every
    missing, damaged or unlisted file and how to rebuild it.
    """
    folder = models_dir()
    sums = _read_sums(folder)
    wanted = MODEL_NAMES if names is None else names
    paths: dict[str, Path] = {}
    problems: list[str] = []
    for name in wanted:
        path = folder / name
        expected = sums.get(name)
        if expected is None:
            problems.append(f"{name} is not listed in {folder / SUMS_FILE}")
        elif not path.is_file():
            problems.append(f"{name} is missing ({path})")
        else:
            actual = file_sha256(path)
            if actual != expected:
                problems.append(f"{name} is damaged ({path}: sha256 {actual}, expected {expected})")
            else:
                paths[name] = path
    if problems:
        raise ModelFileError("; ".join(problems) + f"; {REBUILD_HINT}")
    return paths
