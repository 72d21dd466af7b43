"""Create a pose backend by name."""

from __future__ import annotations

from vision.engine.base import PoseBackend


def create_backend(
    name: str = "onnx", threads: int = 2, max_people: int = 3, *, device: str = "cpu"
) -> PoseBackend:
    """``"onnx"`` (default, the product's engine) or ``"mediapipe"`` (reference, CPU only).

    ``device``: ``cpu`` or ``cuda`` (the ONNX engine only; see :mod:`vision.engine.providers`).
    """
    if name == "onnx":
        from vision.engine.onnx_engine import EngineConfig, OnnxPoseEngine

        return OnnxPoseEngine(EngineConfig(threads=threads, max_people=max_people, device=device))
    if device != "cpu":
        from vision.engine.providers import DeviceError

        raise DeviceError(f"--device {device} is for the onnx backend; {name!r} runs on the CPU")
    if name == "mediapipe":
        from vision.engine.mp_backend import MediaPipePoseBackend

        return MediaPipePoseBackend(num_poses=max(2, max_people))
    raise ValueError(f"unknown pose backend {name!r}: use 'onnx' or 'mediapipe'")
