"""SSD anchors of the BlazePose detector (224×224 input, 2254 anchors).

Matches MediaPipe's ``SsdAnchorsCalculator`` options for ``pose_detection.tflite``:
5 layers, strides (8, 16, 32, 32, 32), min_scale 0.1484375, max_scale 0.75, anchor offset 0.5,
one aspect ratio (1.0) plus the interpolated scale, fixed anchor size. Layers with the same
stride are merged, as MediaPipe does.
"""

from __future__ import annotations

import numpy as np

INPUT_SIZE = 224
STRIDES = (8, 16, 32, 32, 32)


def ssd_anchor_centers(
    input_size: int = INPUT_SIZE, strides: tuple[int, ...] = STRIDES, offset: float = 0.5
) -> np.ndarray:
    """(K, 2) anchor centres (x, y), normalized to [0, 1]; anchor size is fixed at 1×1."""
    centers: list[np.ndarray] = []
    layer = 0
    while layer < len(strides):
        stride = strides[layer]
        per_cell = 0
        # Consecutive layers with equal stride share one feature map (MediaPipe behaviour).
        while layer < len(strides) and strides[layer] == stride:
            per_cell += 2  # aspect ratio 1.0 and the interpolated scale
            layer += 1
        n = int(np.ceil(input_size / stride))
        ys, xs = np.meshgrid((np.arange(n) + offset) / n, (np.arange(n) + offset) / n, indexing="ij")
        grid = np.stack([xs.ravel(), ys.ravel()], axis=1)
        centers.append(np.repeat(grid, per_cell, axis=0))
    return np.concatenate(centers).astype(np.float32)
