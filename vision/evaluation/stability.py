"""Same walk, same answer (issue 12, item 5): a clip's step table against its re-encodings.

``python -m vision.evaluation.stability CLIP… [--threads 2]`` re-encodes each clip into a temp
folder (MJPG via OpenCV; H.264 CRF 30 via PyAV), runs the analysis on the original with 1
thread, on each copy with 1 thread and on the original with ``--threads``, and prints the
share of the original's steps each run keeps: same foot, contact within ±``TOLERANCE_FRAMES``,
same strike class. It runs the pose engine (about a minute per run and clip).
"""

from __future__ import annotations

import argparse
import tempfile
from fractions import Fraction
from pathlib import Path

from vision.evaluation.run import PredStep

TOLERANCE_FRAMES = 2
"""Contact frames this close count as the same step (the target's ±2 frames)."""
H264_CRF = 30
"""Constant rate factor of the lossy H.264 copy (the target's CRF 30)."""


def kept_share(ref: tuple[PredStep, ...], other: tuple[PredStep, ...]) -> float:
    """Share of ``ref``'s steps with a step in ``other`` of the same foot within
    ``TOLERANCE_FRAMES`` and the same strike class (one to one, closest first); NaN if none."""
    if not ref:
        return float("nan")
    pairs = sorted(
        (abs(a.contact_frame - b.contact_frame), i, j)
        for i, a in enumerate(ref)
        for j, b in enumerate(other)
        if a.foot == b.foot and abs(a.contact_frame - b.contact_frame) <= TOLERANCE_FRAMES
    )
    used_i: set[int] = set()
    used_j: set[int] = set()
    kept = 0
    for _d, i, j in pairs:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        kept += ref[i].strike == other[j].strike
    return kept / len(ref)


def reencode_mjpg(src: Path, out: Path) -> Path:
    """``src`` re-encoded as Motion-JPEG (``.avi``, OpenCV's default quality)."""
    import cv2

    cap = cv2.VideoCapture(str(src))
    fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
    w, h = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
    wr = cv2.VideoWriter(str(out), cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h))
    while True:
        ok, img = cap.read()
        if not ok:
            break
        wr.write(img)
    cap.release()
    wr.release()
    return out


def reencode_h264(src: Path, out: Path, crf: int = H264_CRF) -> Path:
    """``src`` re-encoded as H.264 at constant rate factor ``crf`` (PyAV)."""
    import av

    with av.open(str(src)) as inp, av.open(str(out), mode="w") as dst:
        vin = inp.streams.video[0]
        rate = Fraction(vin.average_rate or 30).limit_denominator(1001)
        st = dst.add_stream("libx264", rate=rate)
        st.width, st.height, st.pix_fmt = vin.codec_context.width, vin.codec_context.height, "yuv420p"
        st.options = {"crf": str(crf)}
        for i, frame in enumerate(inp.decode(vin)):
            f = frame.reformat(format="yuv420p")
            f.pts, f.time_base = i, 1 / rate
            for p in st.encode(f):
                dst.mux(p)
        for p in st.encode():
            dst.mux(p)
    return out


def steps_of(video: Path, threads: int) -> tuple[PredStep, ...]:
    """The step table ``analyze`` gives for ``video`` (the engine runs; nothing cached)."""
    from vision.evaluation.poses import predict_from_track
    from vision.evaluation.run import record_track

    track, _ = record_track(video, None, threads=threads)
    return predict_from_track(track).steps


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m vision.evaluation.stability")
    p.add_argument("clips", type=Path, nargs="+")
    p.add_argument("--threads", type=int, default=2, help="threads of the extra run (default 2)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="retrowalk-stability-") as tmp:
        for clip in args.clips:
            ref = steps_of(clip, 1)
            runs = {
                "mjpg": steps_of(reencode_mjpg(clip, Path(tmp) / f"{clip.stem}.avi"), 1),
                f"h264 crf {H264_CRF}": steps_of(reencode_h264(clip, Path(tmp) / f"{clip.stem}.h264.mp4"), 1),
                f"{args.threads} threads": steps_of(clip, args.threads),
            }
            shares = ", ".join(f"{k} {100 * kept_share(ref, v):.0f} % ({len(v)})" for k, v in runs.items())
            print(f"{clip.name}: {len(ref)} steps; kept: {shares}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
