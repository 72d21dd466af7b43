"""The bundled model files and the check that finds missing or damaged ones."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from vision import model_files
from vision.model_files import MODEL_NAMES, ModelFileError, verify_models


@pytest.fixture
def models_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real models folder, selected through RETROWALK_MODELS_DIR."""
    src = model_files.DEFAULT_MODELS_DIR
    for name in (*MODEL_NAMES, model_files.SUMS_FILE):
        shutil.copyfile(src / name, tmp_path / name)
    monkeypatch.setenv(model_files.ENV_VAR, str(tmp_path))
    return tmp_path


def test_real_files_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(model_files.ENV_VAR, raising=False)
    paths = verify_models()
    assert set(paths) == set(MODEL_NAMES)
    for name, path in paths.items():
        assert path == model_files.DEFAULT_MODELS_DIR / name
        assert path.stat().st_size > 1_000_000


def test_sums_file_lists_every_model() -> None:
    lines = (model_files.DEFAULT_MODELS_DIR / model_files.SUMS_FILE).read_text().splitlines()
    names = [line.split("  ", 1)[1] for line in lines]
    assert sorted(names) == sorted(MODEL_NAMES)
    assert all(len(line.split("  ", 1)[0]) == 64 for line in lines)


def test_task_bundle_holds_both_tflite_models() -> None:
    with zipfile.ZipFile(model_files.DEFAULT_MODELS_DIR / model_files.TASK_BUNDLE) as zf:
        infos = {i.filename: i for i in zf.infolist()}
    assert set(infos) == {"pose_detector.tflite", "pose_landmarks_detector.tflite"}
    assert all(i.compress_type == zipfile.ZIP_STORED for i in infos.values())


def test_env_var_selects_folder(models_copy: Path) -> None:
    assert model_files.models_dir() == models_copy
    paths = verify_models([model_files.DETECTOR_ONNX])
    assert paths == {model_files.DETECTOR_ONNX: models_copy / model_files.DETECTOR_ONNX}


def test_damaged_file_is_named(models_copy: Path) -> None:
    target = models_copy / model_files.LANDMARKS_ONNX
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(ModelFileError) as err:
        verify_models()
    msg = str(err.value)
    assert f"{model_files.LANDMARKS_ONNX} is damaged" in msg
    assert model_files.DETECTOR_ONNX not in msg
    assert "python models/build_models.py" in msg
    # Only the damaged file is a problem: the others still pass on their own.
    assert set(verify_models([model_files.DETECTOR_ONNX, model_files.TASK_BUNDLE])) == {
        model_files.DETECTOR_ONNX,
        model_files.TASK_BUNDLE,
    }


def test_missing_file_is_named(models_copy: Path) -> None:
    (models_copy / model_files.DETECTOR_ONNX).unlink()
    with pytest.raises(ModelFileError, match=r"pose_detection\.onnx is missing") as err:
        verify_models()
    assert "python models/build_models.py" in str(err.value)
    assert model_files.LANDMARKS_ONNX not in str(err.value)


def test_missing_sums_file(models_copy: Path) -> None:
    (models_copy / model_files.SUMS_FILE).unlink()
    with pytest.raises(ModelFileError, match="SHA256SUMS"):
        verify_models()


def test_unlisted_name_is_reported(models_copy: Path) -> None:
    with pytest.raises(ModelFileError, match=r"pose_landmark_lite\.onnx is not listed"):
        verify_models(["pose_landmark_lite.onnx"])


def test_change_after_a_passing_check_is_caught(models_copy: Path) -> None:
    """The hash cache is keyed by mtime and size, so a later change is hashed again."""
    target = models_copy / model_files.DETECTOR_ONNX
    verify_models([model_files.DETECTOR_ONNX])
    data = bytearray(target.read_bytes())
    data[-1] ^= 0x01
    st = target.stat()
    target.write_bytes(bytes(data))
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    with pytest.raises(ModelFileError, match=r"pose_detection\.onnx is damaged"):
        verify_models([model_files.DETECTOR_ONNX])


def test_hash_is_computed_once_per_file(models_copy: Path) -> None:
    model_files._sha256.cache_clear()
    verify_models()
    verify_models()
    info = model_files._sha256.cache_info()
    assert info.misses == len(MODEL_NAMES)
    assert info.hits == len(MODEL_NAMES)


@pytest.mark.parametrize(
    ("name", "input_shape", "outputs"),
    [
        (
            model_files.DETECTOR_ONNX,
            [1, 224, 224, 3],
            [("Identity", [1, 2254, 12]), ("Identity_1", [1, 2254, 1])],
        ),
        (
            model_files.LANDMARKS_ONNX,
            [1, 256, 256, 3],
            [
                ("Identity", [1, 195]),
                ("Identity_1", [1, 1]),
                ("Identity_3", [1, 64, 64, 39]),
                ("Identity_4", [1, 117]),
            ],
        ),
    ],
)
def test_onnx_io_matches_readme(
    name: str, input_shape: list[int], outputs: list[tuple[str, list[int]]]
) -> None:
    ort = pytest.importorskip("onnxruntime")
    sess = ort.InferenceSession(
        str(model_files.DEFAULT_MODELS_DIR / name), providers=["CPUExecutionProvider"]
    )
    (inp,) = sess.get_inputs()
    assert (inp.name, inp.shape, inp.type) == ("input_1", input_shape, "tensor(float)")
    assert [(o.name, o.shape) for o in sess.get_outputs()] == outputs


def test_landmark_onnx_has_no_segmentation_output() -> None:
    """The unused segmentation output (``Identity_2``) and its decoder are left out of the build."""
    ort = pytest.importorskip("onnxruntime")
    sess = ort.InferenceSession(
        str(model_files.DEFAULT_MODELS_DIR / model_files.LANDMARKS_ONNX), providers=["CPUExecutionProvider"]
    )
    outputs = {o.name: o.shape for o in sess.get_outputs()}
    assert "Identity_2" not in outputs
    assert [1, 256, 256, 1] not in outputs.values()
