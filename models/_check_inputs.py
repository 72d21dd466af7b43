"""Inputs for checking the converted models: a synthetic figure and crops of real images.

Used by ``_build_in_venv.py`` (inside the build venv; needs numpy and OpenCV). The decoding
here is the minimum needed to find one person for a realistic landmark-model crop.
"""

from __future__ import annotations

import cv2
import numpy as np

DET_SIZE = 224
LMK_SIZE = 256
# SSD anchors of the pose detector (MediaPipe pose_detection_cpu.pbtxt): 224 x 224 input,
# strides 8, 16, 32, 32, 32, two anchors per layer and cell, all of size 1 (fixed_anchor_size).
ANCHOR_STRIDES = (8, 16, 32, 32, 32)
NUM_ANCHORS = 2254
MIN_SCORE = 0.5


def ssd_anchors() -> np.ndarray:
    """(2254, 2) anchor centres (x, y) normalized to [0, 1]; all anchors are 1 x 1."""
    centres = []
    layer = 0
    while layer < len(ANCHOR_STRIDES):
        stride = ANCHOR_STRIDES[layer]
        per_cell = 0
        while layer < len(ANCHOR_STRIDES) and ANCHOR_STRIDES[layer] == stride:
            per_cell += 2  # aspect ratio 1 plus the interpolated scale, per layer
            layer += 1
        cells = -(-DET_SIZE // stride)
        for y in range(cells):
            for x in range(cells):
                centres += [((x + 0.5) / cells, (y + 0.5) / cells)] * per_cell
    anchors = np.asarray(centres, np.float32)
    assert len(anchors) == NUM_ANCHORS, len(anchors)
    return anchors


def letterbox(rgb: np.ndarray, size: int) -> tuple[np.ndarray, float, tuple[int, int]]:
    """Fit an RGB uint8 image in a black size x size square; return it, scale and offset."""
    h, w = rgb.shape[:2]
    scale = size / max(h, w)
    nw, nh = round(w * scale), round(h * scale)
    out = np.zeros((size, size, 3), np.uint8)
    ox, oy = (size - nw) // 2, (size - nh) // 2
    out[oy : oy + nh, ox : ox + nw] = cv2.resize(rgb, (nw, nh), interpolation=cv2.INTER_AREA)
    return out, scale, (ox, oy)


def synthetic_person(size: int = 480) -> np.ndarray:
    """A deterministic real-looking RGB frame: textured background and a drawn standing figure."""
    rng = np.random.default_rng(7)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / size
    bg = np.stack([90 + 80 * yy, 120 + 40 * xx, 60 + 30 * (1 - yy)], axis=-1)
    noise = cv2.GaussianBlur(rng.normal(0, 25, (size, size, 3)).astype(np.float32), (0, 0), 6)
    img = np.clip(bg + noise, 0, 255).astype(np.uint8)
    c = size // 2
    u = size // 12
    skin, shirt, trousers = (205, 160, 130), (40, 70, 160), (50, 50, 60)
    cv2.circle(img, (c, 2 * u), int(0.7 * u), skin, -1, cv2.LINE_AA)
    cv2.line(img, (c, 3 * u), (c, 6 * u), shirt, int(1.6 * u), cv2.LINE_AA)
    for side in (-1, 1):
        cv2.line(img, (c + side * u, 3 * u), (c + side * 2 * u, 5 * u), shirt, u // 2, cv2.LINE_AA)
        cv2.line(img, (c + side * 2 * u, 5 * u), (c + side * 2 * u, 7 * u), skin, u // 3, cv2.LINE_AA)
        cv2.line(img, (c + side * u // 2, 6 * u), (c + side * u, 9 * u), trousers, u // 2, cv2.LINE_AA)
        cv2.line(img, (c + side * u, 9 * u), (c + side * u, 11 * u), trousers, u // 2, cv2.LINE_AA)
    return img


def detector_input(rgb: np.ndarray) -> np.ndarray:
    boxed, _, _ = letterbox(rgb, DET_SIZE)
    return (boxed.astype(np.float32)[None] / 127.5 - 1.0).astype(np.float32)


def top_detection(outputs: list[np.ndarray]) -> tuple[float, np.ndarray]:
    """Best score (after sigmoid) and its 4 keypoints (x, y) in letterboxed 224-px pixels."""
    boxes, logits = outputs
    scores = 1 / (1 + np.exp(-np.clip(logits[0, :, 0].astype(np.float64), -100, 100)))
    best = int(np.argmax(scores))
    kps = boxes[0, best, 4:12].reshape(4, 2) + ssd_anchors()[best] * DET_SIZE
    return float(scores[best]), kps


def landmark_crop(rgb: np.ndarray, det_outputs: list[np.ndarray]) -> np.ndarray:
    """256 x 256 crop around the best detection (centre: hip midpoint, side 2.5 x radius)."""
    score, kps = top_detection(det_outputs)
    h, w = rgb.shape[:2]
    if score < MIN_SCORE:
        cx, cy, side = w / 2, h / 2, float(max(w, h))
    else:
        _, scale, (ox, oy) = letterbox(rgb, DET_SIZE)
        pts = (kps - (ox, oy)) / scale
        cx, cy = pts[0]
        side = 2.5 * float(np.hypot(*(pts[1] - pts[0])))
    k = LMK_SIZE / side
    m = np.float32([[k, 0, LMK_SIZE / 2 - k * cx], [0, k, LMK_SIZE / 2 - k * cy]])
    crop = cv2.warpAffine(rgb, m, (LMK_SIZE, LMK_SIZE), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    return (crop.astype(np.float32)[None] / 255.0).astype(np.float32)
