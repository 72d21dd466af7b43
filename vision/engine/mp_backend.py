"""MediaPipe Tasks ``PoseLandmarker`` behind the :class:`~vision.engine.base.PoseBackend` interface.

The reference for parity and speed. It runs the bundled ``models/pose_landmarker_full.task``
(no download) in VIDEO mode with ``num_poses`` ≥ 2; people get stable ids by box overlap from
frame to frame and the same :class:`~vision.engine.subject.SubjectSelector` as the ONNX engine
chooses the subject.
"""

from __future__ import annotations

import numpy as np

from vision.engine.base import PersonView, choose_subject
from vision.engine.roi import box_iou
from vision.engine.subject import SubjectPolicy, SubjectSelector
from vision.model_files import verify_models
from vision.pose_frame import PoseFrame

TASK_FILE = "pose_landmarker_full.task"


class MediaPipePoseBackend:
    """MediaPipe PoseLandmarker (BlazePose full) with subject choice."""

    name = "mediapipe"

    def __init__(
        self,
        *,
        num_poses: int = 2,
        min_confidence: float = 0.5,
        policy: SubjectPolicy | None = None,
        lost_ttl_s: float = 2.0,
    ) -> None:
        try:
            import mediapipe as mp
            from mediapipe.tasks.python import BaseOptions
            from mediapipe.tasks.python import vision as mpv
        except ImportError as exc:  # optional dependency
            raise RuntimeError(
                "the MediaPipe backend needs the 'mediapipe' package: "
                "pip install 'retrowalk-coach[mediapipe]'"
            ) from exc
        self._mp = mp
        path = verify_models([TASK_FILE])[TASK_FILE]
        self._options = mpv.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(path)),
            running_mode=mpv.RunningMode.VIDEO,
            num_poses=num_poses,
            min_pose_detection_confidence=min_confidence,
            min_pose_presence_confidence=min_confidence,
            min_tracking_confidence=min_confidence,
        )
        self._factory = mpv.PoseLandmarker
        self._policy = policy
        self._lost_ttl_s = lost_ttl_s
        self._landmarker = None
        self.reset()

    def reset(self) -> None:
        self.close()
        self._landmarker = self._factory.create_from_options(self._options)
        self._selector = SubjectSelector(self._policy)
        self._people: dict[int, tuple[np.ndarray, float, np.ndarray]] = {}  # id → (box, seen s, xy)
        self._next_id = 0
        self._frame = 0
        self._last_ms = -1
        self._last_t = 0.0
        self.last_poses: dict[int, PoseFrame] = {}

    def close(self) -> None:
        if self._landmarker is not None:
            self._landmarker.close()
            self._landmarker = None

    def process(self, image_bgr: np.ndarray, timestamp_s: float) -> PoseFrame:
        h, w = image_bgr.shape[:2]
        idx = self._frame
        self._frame += 1
        ms = max(round(timestamp_s * 1000), self._last_ms + 1)
        self._last_ms = ms
        t = ms / 1000.0
        self._last_t = t
        rgb = np.ascontiguousarray(image_bgr[:, :, ::-1])
        image = self._mp.Image(image_format=self._mp.ImageFormat.SRGB, data=rgb)
        result = self._landmarker.detect_for_video(image, ms)
        poses = []
        for lms, world in zip(result.pose_landmarks, result.pose_world_landmarks, strict=True):
            arr = np.array([[p.x * w, p.y * h, p.z * w, p.visibility, p.presence] for p in lms], np.float32)
            warr = np.array([[p.x, p.y, p.z] for p in world], np.float32)
            poses.append((arr, warr))
        poses = self._drop_duplicates(poses)
        ids = self._assign_ids([a[:, :2] for a, _ in poses], t)
        for pid, (arr, _) in zip(ids, poses, strict=True):
            self._selector.observe(pid, t, arr[:, :2])
        for pid in [p for p, (_, seen, _) in self._people.items() if t - seen > self._lost_ttl_s]:
            del self._people[pid]
            self._selector.forget(pid)
        order = sorted(ids, key=lambda pid: -(self._people[pid][0][3] - self._people[pid][0][1]))
        alive = list(ids)
        held = self._selector.subject_id
        if held in self._people and held not in alive and t - self._people[held][1] < 0.7:
            alive.append(held)  # hold a briefly occluded subject
        chosen = self._selector.choose(t, alive, order)
        self.last_poses = {
            pid: PoseFrame(
                frame_index=idx,
                timestamp_s=timestamp_s,
                image_size=(w, h),
                xy=arr[:, :2].copy(),
                z=arr[:, 2].copy(),
                visibility=arr[:, 3].copy(),
                presence=arr[:, 4].copy(),
                world=warr,
                subject_id=pid,
                score=float(np.mean(arr[:, 4])),
                num_people=len(ids),
            )
            for pid, (arr, warr) in zip(ids, poses, strict=True)
        }
        if chosen in self.last_poses:
            return self.last_poses[chosen]
        return PoseFrame.absent(idx, timestamp_s, (w, h), num_people=len(ids))

    @property
    def subject_id(self) -> int | None:
        """The subject's id as currently decided."""
        return self._selector.subject_id

    def _drop_duplicates(self, poses: list[tuple[np.ndarray, np.ndarray]]) -> list:
        """MediaPipe can return two poses on one person (a second, badly placed region): keep the
        one that continues a known person best (landmark distance to their last pose)."""
        if len(poses) < 2:
            return poses
        boxes = np.stack([np.concatenate([a[:, :2].min(0), a[:, :2].max(0)]) for a, _ in poses])
        iou = box_iou(boxes, boxes)

        def cost(i: int) -> float:
            xy = poses[i][0][:, :2]
            prev = [p[2] for p in self._people.values()]
            if not prev:
                return -float(poses[i][0][:, 3].mean())
            return min(float(np.median(np.linalg.norm(xy - q, axis=1))) for q in prev)

        keep: list[int] = []
        for i in sorted(range(len(poses)), key=cost):
            if all(iou[i, k] < 0.4 for k in keep):
                keep.append(i)
        return [poses[i] for i in sorted(keep)]

    def _assign_ids(self, landmarks: list[np.ndarray], t: float) -> list[int]:
        """Stable ids by greedy box-IoU matching with people seen recently."""
        boxes = [np.concatenate([xy.min(0), xy.max(0)]) for xy in landmarks]
        known = list(self._people)
        ids: list[int | None] = [None] * len(boxes)
        if known and boxes:
            iou = box_iou(np.stack(boxes), np.stack([self._people[k][0] for k in known]))
            while iou.size and iou.max() > 0.2:
                bi, ki = np.unravel_index(np.argmax(iou), iou.shape)
                ids[bi] = known[ki]
                iou[bi, :] = -1
                iou[:, ki] = -1
        out = []
        for i, box in enumerate(boxes):
            pid = ids[i]
            if pid is None:
                pid = self._next_id
                self._next_id += 1
            self._people[pid] = (box, t, landmarks[i])
            out.append(pid)
        return out

    def people(self) -> list[PersonView]:
        live = [(pid, box) for pid, (box, seen, _) in self._people.items() if seen == self._last_t]
        live.sort(key=lambda p: float(p[1][0] + p[1][2]))
        return [
            PersonView(
                track_id=pid,
                box=box,
                is_subject=pid == self._selector.subject_id,
                walking_score=self._selector.walking_score(pid, self._last_t),
            )
            for pid, box in live
        ]

    def select_subject(self, *, index: int | None = None, point: tuple[float, float] | None = None) -> bool:
        return choose_subject(self._selector, self.people(), index=index, point=point)
