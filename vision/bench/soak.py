"""Soak benchmark (not a CI test): does a long session keep its memory flat and its latency low?

Two parts, each ``--minutes N`` of stream time (60 by default):

- **replay**: ``retrowalk replay`` of an N-minute clip (the bundled sample played forward and
  backward, so the walker goes back and forth), resident memory (RSS) taken at every stream
  minute;
- **live**: the live processor (ONNX engine, 1 thread, the session kept in a folder) fed the
  same frames at 30 frames/s by the wall clock for N minutes: RSS, frames dropped and the
  latency (arrival of a frame → its result) per minute.

``python -m vision.bench.soak --minutes 5 --json soak.json``. The full run takes about
N minutes for the live part plus N × 30 / (replay frames/s) for the replay, plus the making of
the clip (≈ N × 3 s).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from vision.bench.analyze import SAMPLE, make_clip, source_frames

FPS = 30
"""Frames per second of the made clip and of the fake camera."""
CLIP_CRF = 23
"""Quality of the made clip (libx264 crf)."""


def rss_mb() -> float:
    """Resident memory of this process now (MiB; Linux ``/proc``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """One stream minute of a soak part."""

    minute: int
    rss_mb: float
    wall_s: float
    frames_received: int = 0
    frames_processed: int = 0
    frames_dropped: int = 0
    latency_p50_ms: float = float("nan")
    latency_p95_ms: float = float("nan")


def soak_replay(clip: Path, out_dir: Path) -> list[Mark]:
    """Replay ``clip``; RSS at each stream minute (the progress callback runs every 0.25 s)."""
    from vision.analysis import replay_video

    marks: list[Mark] = []
    t0 = time.perf_counter()

    def on_progress(p) -> None:
        minute = p.frames_done // (60 * FPS)
        if minute > len(marks):
            marks.append(Mark(minute=minute, rss_mb=rss_mb(), wall_s=time.perf_counter() - t0))

    replay_video(clip, out_dir, progress=on_progress, threads=1)
    return marks


def _paced(frames: Iterator, start: float) -> Iterator[tuple[int, object]]:
    """``frames`` released at 30 per second of wall time from ``start``."""
    for i, image in enumerate(frames):
        delay = start + i / FPS - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        yield i, image


def soak_live(minutes: float, data_dir: Path) -> tuple[list[Mark], dict]:
    """The live processor fed at 30 frames/s for ``minutes``; marks per minute and the summary."""
    from vision.live import LiveProcessor, LiveSettings

    proc = LiveProcessor(LiveSettings(data_dir=data_dir, threads=1)).start()
    while not proc.snapshot().ready:
        time.sleep(0.05)
    marks: list[Mark] = []
    start = time.monotonic()
    for i, image in _paced(source_frames(SAMPLE, minutes * 60.0), start):
        proc.handle(image, i / FPS)
        if (i + 1) % (60 * FPS) == 0:
            s = proc.snapshot()
            marks.append(
                Mark(
                    minute=(i + 1) // (60 * FPS),
                    rss_mb=rss_mb(),
                    wall_s=time.monotonic() - start,
                    frames_received=s.frames_received,
                    frames_processed=s.frames_processed,
                    frames_dropped=s.frames_dropped,
                    latency_p50_ms=s.latency_p50_ms,
                    latency_p95_ms=s.latency_p95_ms,
                )
            )
    result = proc.stop()
    summary = result.summary
    return marks, {
        "steps": summary.steps if summary else 0,
        "folder": str(result.recording.folder) if result.recording else None,
    }


def format_marks(title: str, marks: list[Mark]) -> str:
    lines = [title, " min   RSS MiB   wall s   received  processed  dropped   p50 ms   p95 ms"]
    for m in marks:
        lines.append(
            f"{m.minute:4d} {m.rss_mb:9.1f} {m.wall_s:8.1f} {m.frames_received:10d} {m.frames_processed:10d}"
            f" {m.frames_dropped:8d} {m.latency_p50_ms:8.1f} {m.latency_p95_ms:8.1f}"
        )
    if len(marks) >= 2:
        lines.append(
            f"RSS growth from minute 1 to {marks[-1].minute}: {marks[-1].rss_mb - marks[0].rss_mb:+.1f} MiB"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vision.bench.soak", description=__doc__)
    parser.add_argument("--minutes", type=float, default=60.0, help="stream minutes of each part")
    parser.add_argument("--part", choices=["replay", "live", "both"], default="both")
    parser.add_argument("--json", type=Path, help="also write the marks as JSON here")
    args = parser.parse_args(argv)
    report: dict[str, object] = {"minutes": args.minutes}
    with tempfile.TemporaryDirectory(prefix="retrowalk-soak-") as tmp:
        root = Path(tmp)
        if args.part in ("replay", "both"):
            clip = root / "soak.mp4"
            print(f"making a {args.minutes:g}-minute clip ...", flush=True)
            make_clip(clip, (960, 540), grain=0.0, crf=CLIP_CRF, preset="veryfast", seconds=args.minutes * 60)
            marks = soak_replay(clip, root / "replay")
            clip.unlink()
            print(format_marks("replay (no pacing)", marks), flush=True)
            report["replay"] = [asdict(m) for m in marks]
        if args.part in ("live", "both"):
            marks, facts = soak_live(args.minutes, root / "data")
            print(format_marks("live processor at 30 frames/s", marks), flush=True)
            report["live"] = [asdict(m) for m in marks]
            report["live_session"] = {**facts, "folder": None}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, allow_nan=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
