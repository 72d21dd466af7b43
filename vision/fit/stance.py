"""Fit the learned stance/swing model (:mod:`vision.fit.stance_model`) and score its contacts
against the labels and against the core's contacts on the same clips.

``python -m vision.fit.stance --corpus /work/corpus2 --cache /work/cache/eval --seeds 0:60
--test-corpus /work/corpus2h --test-seeds 110:201 --shared ../shared/videos --out stance.json``

Fit: every cached rendered clip of ``--seeds`` whose label says forward or backward gives its
frames, each foot's stance (labelled contact → lift-off) or swing (lift-off → next contact);
frames before a foot's first contact or after the clip's last event are left out. Score: the
clips of ``--test-seeds`` and the shared real clips with labelled contacts (and their
time-reversed copies). A labelled contact counts when a decoded contact of the same foot is
matched to it (the eval's one-to-one matching) within ±1 (±2) frames; only contacts while
walking count, and decoded contacts there that match no label are spurious. The core's contacts
(``analyze`` on the same poses) are scored the same way. The core does not use this model yet:
the result and the reasons are in docs/contacts.md.
"""

from __future__ import annotations

import itertools
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from vision.fit.common import fit_parser, write_fit
from vision.fit.stance_decode import Durations, contact_frames, decode
from vision.fit.stance_model import FEET, Mlp, StanceWindow, foot_signals, windowed
from vision.landmarks import LM

MATCH_FRAMES = 6
"""Largest offset at which a decoded contact is matched to a labelled one, frames."""
LIVE_LAG_S = 0.15
"""Decoder lag of the live variant, s (plus the window's ``ahead_s``: the live delay)."""
CONF_BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.01)
"""Confidence bins of the reliability table."""


@dataclass(kw_only=True)
class ClipData:
    """One clip's per-foot windowed features, stance labels (−1 unknown) and labelled contacts."""

    name: str
    fps: float
    features: dict[str, np.ndarray]
    stance: dict[str, np.ndarray]
    contacts: list[tuple[str, int]]
    walking: list[tuple[int, int]]
    core: list[tuple[str, int]] = field(default_factory=list)

    def in_walk(self, frame: int) -> bool:
        return any(a <= frame <= b for a, b in self.walking) if self.walking else True


def _stance_labels(steps, n: int) -> dict[str, np.ndarray]:
    out = {f: np.full(n, -1, dtype=np.int8) for f in FEET}
    for foot in FEET:
        mine = sorted((s for s in steps if s.foot == foot), key=lambda s: s.contact_frame)
        for s, nxt in zip(mine, [*mine[1:], None], strict=True):
            end = s.liftoff_frame if s.liftoff_frame >= 0 else n
            out[foot][s.contact_frame : end] = 1
            if nxt is not None and s.liftoff_frame >= 0:
                out[foot][s.liftoff_frame : nxt.contact_frame] = 0
    return out


def load_clip(labels, cache: Path, window: StanceWindow) -> ClipData | None:
    """The clip's data from the eval's kept poses (None when not cached or not labelled)."""
    from vision.evaluation.evaluate import kept_video, poses_kept
    from vision.evaluation.poses import PoseTrack, predict_from_track
    from vision.evaluation.run import track_path

    if not labels.steps or not poses_kept(labels, cache):
        return None
    track = PoseTrack.load(track_path(kept_video(labels, cache), cache))
    xy = track.xy.astype(np.float64) * track.to_video_scale[:, None, None]
    xy[track.presence <= 0] = np.nan
    t = track.timestamps_s.astype(np.float64)
    shoulders = 0.5 * (xy[:, LM.LEFT_SHOULDER] + xy[:, LM.RIGHT_SHOULDER])
    hips = 0.5 * (xy[:, LM.LEFT_HIP] + xy[:, LM.RIGHT_HIP])
    torso = float(np.nanmedian(np.linalg.norm(shoulders - hips, axis=1)))
    signals = foot_signals(xy, t, torso_px=torso if torso > 0 else 100.0)
    return ClipData(
        name=labels.name,
        fps=track.fps,
        features={f: windowed(signals[f], t, window) for f in FEET},
        stance=_stance_labels(labels.steps, track.frame_count),
        contacts=[(s.foot, s.contact_frame) for s in labels.steps],
        walking=[(w.start_frame, w.end_frame) for w in labels.walking],
        core=[(s.foot, s.contact_frame) for s in predict_from_track(track).steps],
    )


def load_clips(paths: list[Path], seeds: range | None, cache: Path, window: StanceWindow) -> list[ClipData]:
    from vision.evaluation.clips import find_clips

    clips = (load_clip(c, cache, window) for c in find_clips(paths, seeds).clips)
    return [c for c in clips if c is not None]


def fit(clips: list[ClipData], *, hidden: int, seed: int = 0) -> Mlp:
    x = np.concatenate([c.features[f][c.stance[f] >= 0] for c in clips for f in FEET])
    y = np.concatenate([c.stance[f][c.stance[f] >= 0] for c in clips for f in FEET]).astype(np.float64)
    return Mlp.fit(x, y, hidden=hidden, seed=seed)


def decoded(clip: ClipData, model: Mlp, durations: Durations, lag_frames: int | None) -> list:
    """(foot, frame, confidence) of the model's contacts in ``clip``, by frame."""
    out = []
    for f in FEET:
        p = model.predict(clip.features[f])
        states = decode(p, fps=clip.fps, durations=durations, lag_frames=lag_frames)
        out += [(f, fr, conf) for fr, conf in contact_frames(states, p)]
    return sorted(out, key=lambda c: c[1])


def score(clips: list[ClipData], found: dict[str, list]) -> dict:
    """Walking contacts within ±1 / ±2 frames, spurious, by frame rate, and reliability."""
    from vision.evaluation.matching import match_contacts

    n = w1 = w2 = spurious = 0
    by_fps: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    bins = [[0, 0] for _ in CONF_BINS[1:]]
    for c in clips:
        det = found[c.name]
        pairs = match_contacts(c.contacts, [(d[0], d[1]) for d in det], MATCH_FRAMES)
        good = {p.detected: abs(p.offset) <= 1 for p in pairs}
        walk_pairs = [p for p in pairs if c.in_walk(c.contacts[p.label][1])]
        k = sum(abs(p.offset) <= 1 for p in walk_pairs)
        m = sum(c.in_walk(fr) for _, fr in c.contacts)
        n, w1, w2 = n + m, w1 + k, w2 + sum(abs(p.offset) <= 2 for p in walk_pairs)
        by_fps[c.fps][0] += k
        by_fps[c.fps][1] += m
        spurious += sum(1 for j, d in enumerate(det) if j not in good and c.in_walk(d[1]))
        for j, d in enumerate(det):
            if len(d) > 2 and c.in_walk(d[1]):
                b = int(np.searchsorted(CONF_BINS, d[2], side="right")) - 1
                bins[min(b, len(bins) - 1)][0] += good.get(j, False)
                bins[min(b, len(bins) - 1)][1] += 1
    return {
        "walking_contacts": n,
        "within_1": round(w1 / max(n, 1), 4),
        "within_2": round(w2 / max(n, 1), 4),
        "spurious_while_walking": spurious,
        "within_1_by_fps": {f"{k:g}": round(a / max(b, 1), 3) for k, (a, b) in sorted(by_fps.items())},
        "reliability": [
            {"conf": f"{lo:.1f}-{hi:.1f}", "right": r, "of": t}
            for (lo, hi), (r, t) in zip(itertools.pairwise(CONF_BINS), bins, strict=True)
            if t
        ],
    }


def report(clips: list[ClipData], model: Mlp, durations: Durations) -> dict:
    """The model offline and live (fixed lag) against the core, on ``clips``."""
    lag = {c.name: max(1, round(LIVE_LAG_S * c.fps)) for c in clips}
    offline = {c.name: decoded(c, model, durations, None) for c in clips}
    live = {c.name: decoded(c, model, durations, lag[c.name]) for c in clips}
    return {
        "model_offline": score(clips, offline),
        "model_live": score(clips, live),
        "core": score(clips, {c.name: c.core for c in clips}),
        "offsets_offline": {c.name: _offsets(c, offline[c.name]) for c in clips if len(clips) <= 8},
    }


def _offsets(c: ClipData, det: list) -> list[int]:
    from vision.evaluation.matching import match_contacts

    return sorted(p.offset for p in match_contacts(c.contacts, [(d[0], d[1]) for d in det], MATCH_FRAMES))


def main(argv: list[str] | None = None) -> int:
    from vision.evaluation.clips import parse_seeds

    ap = fit_parser("python -m vision.fit.stance")
    ap.add_argument("--test-corpus", type=Path, required=True)
    ap.add_argument("--test-seeds", default="110:201")
    ap.add_argument("--shared", type=Path, help="the shared real clips (videos/ with labels/)")
    ap.add_argument("--hidden", type=int, default=48, help="hidden units of the network")
    args = ap.parse_args(argv)
    window, durations = StanceWindow(), Durations()
    train = load_clips([args.corpus], parse_seeds(args.seeds), args.cache, window)
    model = fit(train, hidden=args.hidden)
    test = load_clips([args.test_corpus], parse_seeds(args.test_seeds), args.cache, window)
    doc = {
        "window": {"back_s": window.back_s, "ahead_s": window.ahead_s, "step_s": window.step_s},
        "durations": {"min_swing_s": durations.min_swing_s, "min_stance_s": durations.min_stance_s},
        "live_delay_s": window.ahead_s + LIVE_LAG_S,
        "train_clips": len(train),
        "heldout": {"clips": len(test), **report(test, model, durations)},
    }
    if args.shared is not None:
        shared = load_clips([args.shared], None, args.cache, window)
        doc["shared"] = {"clips": len(shared), **report(shared, model, durations)}
    write_fit(args.out, doc, prog="python -m vision.fit.stance", argv=argv, seeds=args.seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
