"""Fit the posture limits (head down, rounded back) on labelled rendered clips.

``python -m vision.fit.posture --corpus /work/corpus --cache /work/cache/eval --seeds 0:110
--out vision/core/fitted/posture.json``

Reads the engine's poses of each clip from the eval's pose cache (clips not cached are skipped:
the engine never runs here), runs the core on them and compares, per frame, the measured head
flexion and neck-to-trunk angle with the label's head pitch and thoracic flexion. The label side
of each part is the programme's definition (docs/posture.md): head down = labelled head pitch
> ``HEAD_DOWN_LABEL_DEG``; rounded back = labelled thoracic flexion > ``ROUNDED_LABEL_DEG``. Each
limit is the threshold on the measured angle with the best balanced accuracy against its part.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vision.fit.common import fit_parser, git_commit, utc_now

HEAD_DOWN_LABEL_DEG = 25.0
"""Labelled head pitch (chin down, against the trunk) beyond which the head is down, degrees."""
ROUNDED_LABEL_DEG = 15.0
"""Labelled thoracic flexion beyond which the upper back is rounded, degrees."""
GRID_DEG = np.arange(0.0, 70.0, 0.5)
"""Candidate limits, degrees."""


@dataclass(frozen=True, slots=True)
class Samples:
    """Per-frame pairs (measured, labelled) pooled over clips; arrays of equal length."""

    head_flex: np.ndarray
    pitch_label: np.ndarray
    neck_rel: np.ndarray
    thoracic_label: np.ndarray
    clips: int


def best_threshold(
    measured: np.ndarray, truth: np.ndarray, grid: np.ndarray = GRID_DEG
) -> tuple[float, float]:
    """(threshold, balanced accuracy) of ``measured > threshold`` against boolean ``truth``
    (finite measured values only); NaN when one class is missing."""
    ok = np.isfinite(measured)
    m, t = measured[ok], truth[ok].astype(bool)
    if t.all() or not t.any():
        return float("nan"), float("nan")
    pred = m[None, :] > grid[:, None]
    tpr = (pred & t).sum(axis=1) / t.sum()
    tnr = (~pred & ~t).sum(axis=1) / (~t).sum()
    bal = 0.5 * (tpr + tnr)
    i = int(np.argmax(bal))
    return float(grid[i]), float(bal[i])


def fit(samples: Samples) -> dict[str, float]:
    """The limits and their balanced accuracies."""
    hd, hd_acc = best_threshold(samples.head_flex, samples.pitch_label > HEAD_DOWN_LABEL_DEG)
    rn, rn_acc = best_threshold(samples.neck_rel, samples.thoracic_label > ROUNDED_LABEL_DEG)
    return {
        "head_down_deg": hd,
        "rounded_neck_deg": rn,
        "head_down_bal_acc": hd_acc,
        "rounded_bal_acc": rn_acc,
    }


def _label_array(doc: dict, key: str, n: int) -> np.ndarray:
    vals = doc.get(key) or [None] * n
    return np.array([np.nan if v is None else float(v) for v in vals[:n]], dtype=float)


def collect(corpus: Path, cache: Path, seeds: range) -> Samples:
    """Measured and labelled angles of every cached rendered clip with a seed in ``seeds``."""
    from vision.evaluation.clips import find_clips
    from vision.evaluation.poses import PoseTrack
    from vision.evaluation.reversal import file_sha256
    from vision.evaluation.run import engine_version
    from vision.session.coach import CoachSession, CoachSettings

    ev = engine_version()
    parts: dict[str, list[np.ndarray]] = {"hf": [], "pl": [], "nr": [], "tl": []}
    clips = 0
    for c in find_clips([corpus], seeds).clips:
        path = cache / "poses" / f"{file_sha256(c.video)[:20]}-{ev}-t1.poses.npz"
        if c.kind != "rendered" or not path.exists():
            continue
        track = PoseTrack.load(path)
        doc = json.loads(c.video.with_suffix(".json").read_text())
        session = CoachSession(CoachSettings())
        metrics = [session.feed(p, to_video_scale=s).metrics for p, s in track.frames()]
        n = min(len(metrics), int(doc["frame_count"]))
        parts["hf"].append(np.array([m.head_flexion_deg for m in metrics[:n]], dtype=float))
        parts["nr"].append(np.array([m.neck_to_trunk_deg for m in metrics[:n]], dtype=float))
        parts["pl"].append(_label_array(doc, "head_pitch_deg", n))
        parts["tl"].append(_label_array(doc, "thoracic_flexion_deg", n))
        clips += 1
    cat = {k: np.concatenate(v) if v else np.empty(0) for k, v in parts.items()}
    return Samples(
        head_flex=cat["hf"], pitch_label=cat["pl"], neck_rel=cat["nr"], thoracic_label=cat["tl"], clips=clips
    )


def main(argv: list[str] | None = None) -> int:
    from vision.evaluation.clips import parse_seeds

    args = fit_parser("python -m vision.fit.posture").parse_args(argv)
    samples = collect(args.corpus, args.cache, parse_seeds(args.seeds))
    if not samples.clips:
        print("error: no cached rendered clips", file=sys.stderr)
        return 2
    res = fit(samples)
    doc = {
        "limits": {
            "head_down_deg": res["head_down_deg"],
            "rounded_neck_deg": res["rounded_neck_deg"],
            "smooth_tau_s": 0.3,
        },
        "provenance": {
            "seeds": args.seeds,
            "clips": samples.clips,
            "frames": int(samples.head_flex.size),
            "balanced_accuracy": {"head_down": res["head_down_bal_acc"], "rounded": res["rounded_bal_acc"]},
            "label_definitions_deg": {
                "head_pitch": HEAD_DOWN_LABEL_DEG,
                "thoracic_flexion": ROUNDED_LABEL_DEG,
            },
            "date": utc_now(),
            "commit": git_commit(),
            "command": "python -m vision.fit.posture " + " ".join(sys.argv[1:] if argv is None else argv),
        },
    }
    args.out.write_text(json.dumps(doc, indent=2) + "\n")
    print(json.dumps(doc, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
