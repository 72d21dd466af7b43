"""Create a pose backend by name."""

from __future__ import annotations

from vision.engine.base import PoseBackend


def create_backend(name: str = "onnx", threads: int = 2, max_people: int = 3) -> PoseBackend:
    """``"onnx"`` (default, the product's engine) or ``"mediapipe"`` (reference)."""
    if name == "onnx":
        from vision.engine.onnx_engine import EngineConfig, OnnxPoseEngine

        return OnnxPoseEngine(EngineConfig(threads=threads, max_people=max_people))
    if name == "mediapipe":
        from vision.mp_backend import MediaPipePoseBackend

        return MediaPipePoseBackend(num_poses=max(2, max_people))
    raise ValueError(f"unknown pose backend {name!r}: use 'onnx' or 'mediapipe'")
