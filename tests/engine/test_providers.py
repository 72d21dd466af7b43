"""``--device``: CPU by default, CUDA only with onnxruntime's CUDA provider, a clear error otherwise."""

from __future__ import annotations

import onnxruntime as ort
import pytest

from vision.cli import main as cli_main
from vision.engine.factory import create_backend
from vision.engine.providers import (
    CPU_PROVIDER,
    CUDA_PROVIDER,
    DeviceError,
    check_session,
    providers_for,
)
from vision.engine.session import make_session
from vision.model_files import verify_models


def test_cpu_is_the_default_and_uses_only_the_cpu_provider() -> None:
    path = verify_models(["pose_landmark_full.onnx"])["pose_landmark_full.onnx"]
    assert make_session(path, 1).get_providers() == [CPU_PROVIDER]
    assert providers_for("cpu", available=[]) == [CPU_PROVIDER]


def test_cuda_is_chosen_when_the_provider_is_there() -> None:
    assert providers_for("cuda", available=[CUDA_PROVIDER, CPU_PROVIDER]) == [CUDA_PROVIDER, CPU_PROVIDER]


def test_cuda_without_the_gpu_build_says_what_to_install() -> None:
    with pytest.raises(DeviceError, match=r"\[gpu\].*onnxruntime-gpu") as info:
        providers_for("cuda", available=["AzureExecutionProvider", CPU_PROVIDER])
    assert "AzureExecutionProvider, CPUExecutionProvider" in str(info.value)
    with pytest.raises(DeviceError, match="unknown device 'tpu'"):
        providers_for("tpu")


def test_a_cuda_session_that_fell_back_to_the_cpu_is_an_error() -> None:
    check_session("cuda", [CUDA_PROVIDER, CPU_PROVIDER])
    check_session("cpu", [CPU_PROVIDER])
    with pytest.raises(DeviceError, match="did not load"):
        check_session("cuda", [CPU_PROVIDER])


@pytest.mark.skipif(CUDA_PROVIDER in ort.get_available_providers(), reason="this machine has CUDA")
def test_engine_and_cli_refuse_cuda_here_with_the_reason(capsys, tmp_path) -> None:
    with pytest.raises(DeviceError, match="onnxruntime-gpu"):
        create_backend("onnx", threads=1, device="cuda")
    with pytest.raises(DeviceError, match="onnx backend"):
        create_backend("mediapipe", device="cuda")
    video = tmp_path / "a.mp4"
    video.write_bytes(b"x")
    assert cli_main(["analyze", str(video), "--device", "cuda", "--out", str(tmp_path / "out")]) == 2
    assert "onnxruntime-gpu" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
