"""Pose engines: the ONNX BlazePose pipeline and the MediaPipe reference, one interface."""
