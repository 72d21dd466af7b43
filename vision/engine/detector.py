"""BlazePose person detector: letterboxed 224×224 input, SSD anchor decoding, weighted NMS."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from vision.engine.anchors import INPUT_SIZE, ssd_anchor_centers
from vision.engine.roi import Roi, box_iou
from vision.engine.session import make_session


@dataclass(frozen=True, kw_only=True, slots=True)
class Detection:
    """One detected person, in image pixels.

    ``keypoints`` (4, 2): hip midpoint, full-body scale point, shoulder midpoint,
    upper-body scale point.
    """

    score: float
    box: np.ndarray
    keypoints: np.ndarray

    def roi(self) -> Roi:
        """The landmark model's region for this person."""
        return Roi.from_alignment(self.keypoints[0], self.keypoints[1])


class PoseDetector:
    """Runs ``pose_detection.onnx`` on whole frames (BGR uint8) and returns people."""

    def __init__(
        self,
        model_path: Path,
        threads: int = 1,
        *,
        min_score: float = 0.5,
        nms_iou: float = 0.3,
        max_people: int = 4,
        device: str = "cpu",
    ) -> None:
        self._session = make_session(model_path, threads, device)
        self._input_name = self._session.get_inputs()[0].name
        outs = self._session.get_outputs()
        # Regressors have 12 values per anchor, scores 1; identify them by shape, not name.
        self._reg_name = next(o.name for o in outs if o.shape[-1] == 12)
        self._score_name = next(o.name for o in outs if o.shape[-1] == 1)
        self._anchors = ssd_anchor_centers()
        self._min_logit = float(np.log(min_score / (1.0 - min_score)))
        self._nms_iou = nms_iou
        self._max_people = max_people
        self._input = np.empty((1, INPUT_SIZE, INPUT_SIZE, 3), dtype=np.float32)

    def _letterbox(self, image_bgr: np.ndarray) -> tuple[float, float, float]:
        """Fill the input buffer; return (scale, pad_x, pad_y) to map 224-px coords back."""
        h, w = image_bgr.shape[:2]
        scale = INPUT_SIZE / max(h, w)
        nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
        # Bilinear without antialiasing, as MediaPipe samples: the detector scores people higher on it.
        resized = cv2.resize(image_bgr, (nw, nh), interpolation=cv2.INTER_LINEAR)
        px, py = (INPUT_SIZE - nw) // 2, (INPUT_SIZE - nh) // 2
        buf = self._input[0]
        buf.fill(-1.0)  # black border, as MediaPipe's zero border after [-1, 1] scaling
        rgb = cv2.cvtColor(resized, cv2.COLOR_BGR2RGB)
        np.multiply(rgb, 1.0 / 127.5, out=buf[py : py + nh, px : px + nw], casting="unsafe")
        buf[py : py + nh, px : px + nw] -= 1.0
        return scale, float(px), float(py)

    def detect(self, image_bgr: np.ndarray) -> list[Detection]:
        """People in the frame, best first, at most ``max_people``."""
        scale, px, py = self._letterbox(image_bgr)
        reg, logits = self._session.run([self._reg_name, self._score_name], {self._input_name: self._input})
        logits = logits[0, :, 0]
        keep = np.nonzero(logits > self._min_logit)[0]
        if keep.size == 0:
            return []
        scores = 1.0 / (1.0 + np.exp(-np.clip(logits[keep], -100, 100)))
        raw = reg[0, keep].reshape(-1, 6, 2) / INPUT_SIZE
        anchors = self._anchors[keep]
        centers = raw[:, 0] + anchors
        sizes = raw[:, 1]
        kps = raw[:, 2:] + anchors[:, None, :]
        boxes = np.concatenate([centers - sizes / 2, centers + sizes / 2], axis=1)
        # Back from letterboxed 224-px space to image pixels.
        to_px = np.array([INPUT_SIZE, INPUT_SIZE]) / scale
        off = np.array([px, py]) / scale
        boxes_px = boxes * np.tile(to_px, 2) - np.tile(off, 2)
        kps_px = kps * to_px - off
        return self._weighted_nms(scores, boxes_px, kps_px)

    def detect_region(self, image_bgr: np.ndarray, box: np.ndarray) -> list[Detection]:
        """People inside the pixel box ``x0, y0, x1, y1`` of the frame (a finer pass: the box is
        letterboxed to the model's input alone), in whole-frame pixels."""
        x0, y0, x1, y1 = (int(v) for v in box)
        found = self.detect(image_bgr[y0:y1, x0:x1])
        off = np.array([x0, y0], dtype=np.float32)
        return [
            Detection(score=d.score, box=d.box + np.tile(off, 2), keypoints=d.keypoints + off) for d in found
        ]

    def _weighted_nms(self, scores: np.ndarray, boxes: np.ndarray, kps: np.ndarray) -> list[Detection]:
        """MediaPipe's weighted NMS: overlapping candidates are averaged by score."""
        order = np.argsort(-scores)
        remaining = order
        out: list[Detection] = []
        while remaining.size and len(out) < self._max_people:
            best = remaining[0]
            ious = box_iou(boxes[best], boxes[remaining])[0]
            group = remaining[ious > self._nms_iou]
            w = scores[group][:, None]
            box = (boxes[group] * w).sum(0) / w.sum()
            kp = (kps[group] * w[:, :, None]).sum(0) / w.sum()
            out.append(
                Detection(
                    score=float(scores[best]), box=box.astype(np.float32), keypoints=kp.astype(np.float32)
                )
            )
            remaining = remaining[ious <= self._nms_iou]
        return out
