"""Which onnxruntime execution providers a session uses: ``cpu`` (default) or ``cuda``.

``cuda`` needs the ``onnxruntime-gpu`` package (the ``gpu`` extra) in place of ``onnxruntime``
and an NVIDIA driver. onnxruntime quietly falls back to the CPU when its CUDA provider cannot
load (no driver, missing CUDA libraries); :func:`check_session` turns that into an error, so a
``--device cuda`` run never runs on the CPU without saying so.
"""

from __future__ import annotations

from collections.abc import Sequence

DEVICES = ("cpu", "cuda")
CUDA_PROVIDER = "CUDAExecutionProvider"
CPU_PROVIDER = "CPUExecutionProvider"


class DeviceError(RuntimeError):
    """The requested device cannot be used (unknown name, or its provider is not available)."""


def _available() -> list[str]:
    import onnxruntime as ort

    return list(ort.get_available_providers())


def providers_for(device: str, available: Sequence[str] | None = None) -> list[str]:
    """The provider list for ``device``; raises :class:`DeviceError` when it cannot be had."""
    if device not in DEVICES:
        raise DeviceError(f"unknown device {device!r}: use one of {', '.join(DEVICES)}")
    if device == "cpu":
        return [CPU_PROVIDER]
    have = list(_available() if available is None else available)
    if CUDA_PROVIDER not in have:
        raise DeviceError(
            "--device cuda needs onnxruntime's CUDA execution provider, which this installation "
            f"does not have (it offers: {', '.join(have) or 'none'}). Install the GPU build in place "
            "of the CPU one: pip uninstall onnxruntime && pip install 'retrowalk-coach[gpu]' "
            "(package onnxruntime-gpu), with an NVIDIA driver and CUDA 12 present."
        )
    return [CUDA_PROVIDER, CPU_PROVIDER]  # CPU for the few ops CUDA does not implement


def check_session(device: str, used: Sequence[str]) -> None:
    """Raise :class:`DeviceError` when a ``cuda`` session fell back to the CPU (``used``: its providers)."""
    if device == "cuda" and CUDA_PROVIDER not in used:
        raise DeviceError(
            "onnxruntime-gpu is installed but its CUDA provider did not load (no NVIDIA driver, "
            "or CUDA 12 / cuDNN 9 libraries missing); the session would run on the CPU. "
            "Run without --device cuda, or fix the CUDA installation."
        )
