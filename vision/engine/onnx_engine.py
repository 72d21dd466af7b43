"""The ONNX BlazePose engine: detect people, track each by its landmark ROI, follow the subject.

Per frame: the subject's landmark model always runs (ROI from its last landmarks); the detector
runs when nobody is tracked or the subject is lost, and otherwise every ``detect_every`` frames
if the scene changed outside the tracked people since it last ran (:mod:`vision.engine.motion`),
at the latest every ``detect_idle_every`` frames; other
people are refreshed every ``others_every`` frames (every frame while they are new, so a walker
who enters is recognised fast).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from vision.engine.base import PersonView, choose_subject
from vision.engine.detector import PoseDetector
from vision.engine.landmarker import LandmarkModel
from vision.engine.motion import MotionGate, MotionGateConfig
from vision.engine.roi import box_iou
from vision.engine.smoothing import OneEuroParams
from vision.engine.subject import SubjectPolicy, SubjectSelector
from vision.engine.tiles import tile_boxes
from vision.engine.tracks import Track, match_rois
from vision.model_files import verify_models
from vision.pose_frame import PoseFrame


@dataclass(frozen=True, kw_only=True, slots=True)
class EngineConfig:
    """Tuning of the ONNX engine; times in seconds (speed trade-offs: docs/outputs.md)."""

    threads: int = 2
    """onnxruntime intra-op threads per model."""
    device: str = "cpu"
    """onnxruntime device, ``cpu`` or ``cuda`` (:mod:`vision.engine.providers`)."""
    max_people: int = 3
    """People tracked at once (the subject and who might become it)."""
    detect_every: int = 5
    """Frames between detector runs while everyone is tracked (tracking follows in between)."""
    detect_idle_every: int = 30
    """The motion gate may skip the detector for at most this many frames."""
    motion_gate: MotionGateConfig | None = field(default_factory=MotionGateConfig)
    """Skip the detector while nothing changes outside the tracked people (None: never skip)."""
    others_every: int = 3
    """People other than the subject get their landmarks every this many frames..."""
    new_track_full_rate_s: float = 0.5
    """...except for this long after they appear (every frame then)."""
    min_presence: float = 0.5
    """A landmark-model pose score below this loses the track (BlazePose's own threshold)."""
    min_detection_score: float = 0.5
    """Detector scores below this are not people (MediaPipe's default)."""
    lost_ttl_s: float = 2.0
    """A lost track is forgotten after this long (re-found within it, it keeps its id)."""
    subject_hold_s: float = 0.7
    """A briefly lost subject stays the subject this long (an occlusion does not hand the choice
    to someone else)."""
    duplicate_iou: float = 0.6
    """Two tracks whose boxes overlap more than this (intersection over union) are one person."""
    fine_tile_frac: float | None = 0.5
    """While nobody is tracked and the whole frame shows nobody, the detector also runs on one
    square tile of this fraction of the frame's long side per frame, in turn over overlapping
    tiles (:mod:`vision.engine.tiles`; None: never). BlazePose's detector misses a walker under
    about a fifth of the long side (rendered human_00045 and human_00074: 88–114 px tall in
    640×480, found in no whole frame, found in 13 of 13 sampled frames on a 320-px tile)."""
    heatmap_refinement: bool = True
    """Refine landmark positions from the model's heatmap, as MediaPipe does."""
    smoothing: OneEuroParams | None = field(default_factory=OneEuroParams)
    """One-Euro parameters for the landmarks (None: raw model output)."""
    subject: SubjectPolicy = field(default_factory=SubjectPolicy)
    """How the subject is chosen among the people tracked."""


class OnnxPoseEngine:
    """BlazePose (full) on onnxruntime with multi-person tracking and subject choice."""

    name = "onnx"

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = cfg = config or EngineConfig()
        paths = verify_models(["pose_detection.onnx", "pose_landmark_full.onnx"])
        self._detector = PoseDetector(
            paths["pose_detection.onnx"],
            cfg.threads,
            min_score=cfg.min_detection_score,
            max_people=cfg.max_people,
            device=cfg.device,
        )
        self._landmarks = LandmarkModel(
            paths["pose_landmark_full.onnx"], cfg.threads, cfg.heatmap_refinement, device=cfg.device
        )
        self.reset()

    def reset(self) -> None:
        self._tracks: list[Track] = []
        self._selector = SubjectSelector(self.config.subject)
        self._next_id = 0
        self._frame = 0
        self._last_detect = -(10**9)
        self._last_t: float | None = None
        self._gate = None if self.config.motion_gate is None else MotionGate(self.config.motion_gate)
        self._grid_origin = 0
        self._tiles: np.ndarray | None = None
        self._next_tile = 0
        self.detections = 0
        """How many times the detector ran on the whole frame since :meth:`reset`."""
        self.tile_detections = 0
        """How many times it ran on a tile (the finer pass) since :meth:`reset`."""
        self.last_poses: dict[int, PoseFrame] = {}

    def close(self) -> None:
        self._tracks = []

    # --- per frame -------------------------------------------------------------------------
    def process(self, image_bgr: np.ndarray, timestamp_s: float) -> PoseFrame:
        if image_bgr is None or image_bgr.ndim != 3 or image_bgr.shape[2] != 3 or image_bgr.size == 0:
            raise ValueError("expected a BGR uint8 image of shape (H, W, 3)")
        cfg = self.config
        h, w = image_bgr.shape[:2]
        idx = self._frame
        self._frame += 1
        t = float(timestamp_s)
        if self._last_t is not None and t <= self._last_t:
            t = self._last_t + 1e-6  # keep time strictly increasing for the filters
        self._last_t = t
        for tr in self._tracks:
            tr.updated_this_frame = False

        subject = self._track(self._selector.subject_id)
        active = [tr for tr in self._tracks if not tr.lost]
        if self._detect_due(image_bgr, idx, active=active, subject=subject):
            self._detect(image_bgr, t)
            self._last_detect = idx
            if self._gate is not None:
                self._gate.reference(image_bgr, self._boxes())

        for tr in self._tracks:
            if tr.lost or (tr.updated_this_frame and tr.raw is not None and tr.last_seen_t == t):
                continue
            due = (
                tr.track_id == self._selector.subject_id
                or t - tr.born_t < cfg.new_track_full_rate_s
                or (idx + tr.track_id) % cfg.others_every == 0
                or tr.raw is None
            )
            if due:
                self._refresh(tr, image_bgr, t)
        self._dedupe()
        self._expire(t)

        alive = [tr.track_id for tr in self._tracks if not tr.lost]
        sub = self._track(self._selector.subject_id)
        if sub is not None and sub.lost and t - (sub.lost_since_t or t) < cfg.subject_hold_s:
            alive.append(sub.track_id)  # hold a briefly occluded subject
        by_size = sorted((tr for tr in self._tracks if not tr.lost), key=lambda tr: -(tr.roi.side))
        chosen = self._selector.choose(t, alive, [tr.track_id for tr in by_size])
        sub = self._track(chosen)
        if sub is not None and not sub.lost and sub.raw is not None and sub.last_seen_t != t:
            self._refresh(sub, image_bgr, t)  # newly chosen subject without landmarks this frame
        n_people = sum(not tr.lost for tr in self._tracks)
        self.last_poses = {
            tr.track_id: self._pose_of(tr, idx, timestamp_s, size=(w, h), n_people=n_people)
            for tr in self._tracks
            if not tr.lost and tr.raw is not None and tr.last_seen_t == t
        }
        if chosen in self.last_poses:
            return self.last_poses[chosen]
        return PoseFrame.absent(idx, timestamp_s, (w, h), num_people=n_people)

    @property
    def subject_id(self) -> int | None:
        """The subject's track id as currently decided."""
        return self._selector.subject_id

    @staticmethod
    def _pose_of(tr: Track, idx: int, t_s: float, *, size: tuple[int, int], n_people: int) -> PoseFrame:
        raw = tr.raw
        return PoseFrame(
            frame_index=idx,
            timestamp_s=t_s,
            image_size=size,
            xy=tr.smoothed_xy[:33].copy(),
            z=tr.smoothed_z[:33].copy(),
            visibility=raw.visibility[:33].copy(),
            presence=raw.presence[:33].copy(),
            world=raw.world[:33].copy(),
            subject_id=tr.track_id,
            score=raw.score,
            num_people=n_people,
        )

    def _detect_due(
        self, image_bgr: np.ndarray, idx: int, *, active: list[Track], subject: Track | None
    ) -> bool:
        """Whether the detector runs on this frame.

        Forced when nobody is tracked or the subject is lost. Otherwise on every
        ``detect_every``-th frame counted from the last forced run (the same frames with or
        without the gate), skipped there while nothing changed outside the tracked people,
        but not for more than ``detect_idle_every`` frames.
        """
        cfg = self.config
        if not active or subject is None or subject.lost:
            self._grid_origin = idx
            return True
        if (idx - self._grid_origin) % cfg.detect_every:
            return False
        if self._gate is None or idx - self._last_detect >= cfg.detect_idle_every:
            return True
        return self._gate.changed_outside(image_bgr, self._boxes()) > 0.0

    def _boxes(self) -> np.ndarray:
        """(N, 4) xyxy pixel boxes of the people tracked now."""
        boxes = [tr.box() for tr in self._tracks if not tr.lost]
        return np.stack(boxes) if boxes else np.zeros((0, 4))

    def _detect(self, image_bgr: np.ndarray, t: float) -> None:
        """Run the detector: revive lost people it finds again, start tracks for new ones."""
        dets = self._detector.detect(image_bgr)
        self.detections += 1
        if not dets and self.config.fine_tile_frac is not None and all(tr.lost for tr in self._tracks):
            dets = self._detector.detect_region(image_bgr, self._tile(image_bgr.shape))
            self.tile_detections += 1
        rois = [d.roi() for d in dets]
        matches = match_rois(self._tracks, rois)
        for ri, roi in enumerate(rois):
            if ri in matches:
                tr = self._tracks[matches[ri]]
                if tr.lost or tr.raw is None:
                    tr.roi = roi  # re-acquire where the detector sees them
                    self._refresh(tr, image_bgr, t)
                continue
            if sum(not tr.lost for tr in self._tracks) >= self.config.max_people:
                continue
            tr = Track(track_id=self._next_id, roi=roi, born_t=t, smoothing=self.config.smoothing)
            self._next_id += 1
            self._refresh(tr, image_bgr, t)
            if not tr.lost:  # the landmark model confirms a person there
                self._tracks.append(tr)

    def _tile(self, shape: tuple[int, ...]) -> np.ndarray:
        """The next tile of the finer pass, in turn (the layout is made again when the size changes)."""
        h, w = shape[:2]
        if self._tiles is None or self._tiles[-1, 2] != w or self._tiles[-1, 3] != h:
            self._tiles = tile_boxes(w, h, side_frac=float(self.config.fine_tile_frac))
            self._next_tile = 0
        box = self._tiles[self._next_tile % len(self._tiles)]
        self._next_tile += 1
        return box

    def _refresh(self, tr: Track, image_bgr: np.ndarray, t: float) -> None:
        raw = self._landmarks.run(image_bgr, tr.roi)
        tr.updated_this_frame = True
        if raw.score < self.config.min_presence or not np.isfinite(raw.xy).all():
            tr.mark_lost(t)
            return
        if tr.lost:
            self._selector.restart(tr.track_id)
        tr.update(raw, t)
        self._selector.observe(tr.track_id, t, raw.xy)

    def _dedupe(self) -> None:
        """Two tracks on one person (their boxes overlap heavily): keep the subject or the elder."""
        live = [tr for tr in self._tracks if not tr.lost and tr.raw is not None]
        for i, a in enumerate(live):
            for b in live[i + 1 :]:
                if a.lost or b.lost:
                    continue
                if box_iou(a.box(), b.box())[0, 0] > self.config.duplicate_iou:
                    drop = b if a.track_id == self._selector.subject_id or a.born_t <= b.born_t else a
                    drop.mark_lost(drop.last_seen_t)
                    drop.lost_since_t = -1e9  # expire at once

    def _expire(self, t: float) -> None:
        keep = []
        for tr in self._tracks:
            if tr.lost and t - (tr.lost_since_t or t) > self.config.lost_ttl_s:
                self._selector.forget(tr.track_id)
                continue
            keep.append(tr)
        self._tracks = keep

    def _track(self, track_id: int | None) -> Track | None:
        return next((tr for tr in self._tracks if tr.track_id == track_id), None)

    # --- people and subject choice ----------------------------------------------------------
    def people(self) -> list[PersonView]:
        t = self._last_t or 0.0
        live = [tr for tr in self._tracks if not tr.lost and tr.raw is not None]
        live.sort(key=lambda tr: float(tr.box()[0] + tr.box()[2]))
        return [
            PersonView(
                track_id=tr.track_id,
                box=tr.box(),
                is_subject=tr.track_id == self._selector.subject_id,
                walking_score=self._selector.walking_score(tr.track_id, t),
            )
            for tr in live
        ]

    def select_subject(self, *, index: int | None = None, point: tuple[float, float] | None = None) -> bool:
        return choose_subject(self._selector, self.people(), index=index, point=point)
