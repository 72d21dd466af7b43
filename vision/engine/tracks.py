"""Per-person tracks of the ONNX engine: ROI, last landmarks, smoothing, loss and revival."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.engine.landmarker import NUM_RAW, RawLandmarks
from vision.engine.roi import Roi, box_iou
from vision.engine.smoothing import OneEuroFilter, OneEuroParams


@dataclass(kw_only=True)
class Track:
    """One person followed from frame to frame (times in seconds)."""

    track_id: int
    roi: Roi
    born_t: float
    raw: RawLandmarks | None = None
    smoothed_xy: np.ndarray | None = None
    smoothed_z: np.ndarray | None = None
    last_seen_t: float = -1.0
    lost_since_t: float | None = None
    updated_this_frame: bool = False
    smoothing: OneEuroParams | None = None
    xy_filter: OneEuroFilter | None = None
    z_filter: OneEuroFilter | None = None

    def __post_init__(self) -> None:
        if self.smoothing is not None:
            p = self.smoothing
            self.xy_filter = OneEuroFilter(
                (NUM_RAW, 2), min_cutoff_hz=p.min_cutoff_hz, beta=p.beta, d_cutoff_hz=p.d_cutoff_hz
            )
            self.z_filter = OneEuroFilter(
                (NUM_RAW,), min_cutoff_hz=p.min_cutoff_hz, beta=p.beta, d_cutoff_hz=p.d_cutoff_hz
            )

    @property
    def lost(self) -> bool:
        return self.lost_since_t is not None

    def box(self) -> np.ndarray:
        """Pixel box of the last landmarks (body only), else of the ROI."""
        if self.raw is None:
            return self.roi.box()
        pts = self.raw.xy[:33]
        return np.concatenate([pts.min(axis=0), pts.max(axis=0)])

    def update(self, raw: RawLandmarks, t_s: float) -> None:
        """Accept new landmarks: smooth them and place the next ROI."""
        if self.xy_filter is None or self.z_filter is None:
            self.smoothed_xy, self.smoothed_z = raw.xy, raw.z
        else:
            if self.lost:
                self.xy_filter.reset()
                self.z_filter.reset()
            scale = max(self.roi.side, 1.0)
            self.smoothed_xy = self.xy_filter(raw.xy, t_s, scale).astype(np.float32)
            self.smoothed_z = self.z_filter(raw.z, t_s, scale).astype(np.float32)
        self.raw = raw
        self.roi = raw.next_roi()
        self.last_seen_t = t_s
        self.lost_since_t = None
        self.updated_this_frame = True

    def mark_lost(self, t_s: float) -> None:
        if self.lost_since_t is None:
            self.lost_since_t = t_s


def match_rois(tracks: list[Track], rois: list[Roi], min_iou: float = 0.3) -> dict[int, int]:
    """Greedy one-to-one matching of detection ROIs to tracks by box IoU → {roi index: track index}."""
    if not tracks or not rois:
        return {}
    iou = box_iou(
        np.stack([t.roi.box() if t.raw is None else _square(t.box()) for t in tracks]),
        np.stack([r.box() for r in rois]),
    )
    out: dict[int, int] = {}
    while True:
        ti, ri = np.unravel_index(np.argmax(iou), iou.shape)
        if iou[ti, ri] < min_iou:
            return out
        out[int(ri)] = int(ti)
        iou[ti, :] = -1
        iou[:, ri] = -1


def _square(box: np.ndarray, scale: float = 1.25) -> np.ndarray:
    """Square box around a landmark box, like the ROI it would produce."""
    c = (box[:2] + box[2:]) / 2
    half = max(box[2] - box[0], box[3] - box[1]) * scale / 2
    return np.concatenate([c - half, c + half])
