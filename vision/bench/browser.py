"""Live throughput and latency through the real browser path: ``python -m vision.bench.browser``.

Headless Chromium plays a clip as its webcam (a Y4M made from ``--video``, letterboxed to
``--size``), sends it over WebRTC to the app (``streamlit run app.py``), and the app's live
processor writes its statistics (``RETROWALK_LIVE_STATS``). After a warm-up, the script reports:

- frames arriving in the WebRTC callback per second, and frames processed per second
  (the rest are skipped on purpose: newest frame wins);
- latency arrival → processed (the callback receives a frame → its pose/metrics/cue are ready),
  p50/p95 over the last ≤ 300 processed frames;
- latency capture → processed: the same, but from the browser's capture time (the frame's RTP
  timestamp), anchored at the fastest frame's transport delay (so it excludes that constant,
  a few ms on localhost);
- time inside the engine per processed frame (pose + core + cues + storage).

Needs Chromium (``.ci/install_browser.sh``) and ``playwright``; uses 1 onnxruntime thread.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from vision.bundled import sample_clip
from vision.live import harness

DEFAULT_VIDEO = sample_clip()


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def run(video: Path, *, size: tuple[int, int], seconds: float, warmup_s: float) -> dict:
    """Run the benchmark; returns the measurements (also printed by :func:`main`)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="retrowalk-bench-") as tmp_name:
        tmp = Path(tmp_name)
        y4m = tmp / "camera.y4m"
        harness.y4m_from_video(video, y4m, size=size)
        stats = tmp / "stats.json"
        harness.ensure_loopback_alias()
        env = {
            "RETROWALK_LIVE_STATS": str(stats),
            "RETROWALK_DATA_DIR": str(tmp / "data"),
            "RETROWALK_DB_URL": f"sqlite:///{tmp / 'clinic.db'}",
        }
        server = harness.start_server(env, tmp / "server.log")
        try:
            with sync_playwright() as p:
                browser = harness.launch_browser(p, y4m)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                harness.start_live(page, server.url)
                deadline = time.monotonic() + 30
                while _read(stats).get("frames_processed", 0) == 0:
                    if time.monotonic() > deadline:
                        raise RuntimeError("no frame processed in 30 s:\n" + server.log()[-2000:])
                    time.sleep(0.2)
                time.sleep(warmup_s)
                a, ta = _read(stats), time.monotonic()
                time.sleep(seconds)
                b, tb = _read(stats), time.monotonic()
                browser.close()
        finally:
            server.stop()
    span = tb - ta
    return {
        "size": f"{size[0]}x{size[1]}",
        "seconds": round(span, 1),
        "cpus": os.cpu_count(),
        "load_avg_1min": round(os.getloadavg()[0], 2),
        "arrival_fps": (b["frames_received"] - a["frames_received"]) / span,
        "processed_fps": (b["frames_processed"] - a["frames_processed"]) / span,
        "skipped_share": (
            (b["frames_dropped"] - a["frames_dropped"]) / max(1, b["frames_received"] - a["frames_received"])
        ),
        "latency_arrival_ms": b["latency_ms"],
        "latency_capture_ms": b["capture_latency_ms"],
        "engine_ms": b["processing_ms"],
        "cues": len(b.get("cues", [])),
        "steps": b.get("steps"),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--video", type=Path, default=DEFAULT_VIDEO, help="clip played as the webcam")
    ap.add_argument("--size", default="640x480", help="camera size WxH (default 640x480)")
    ap.add_argument("--seconds", type=float, default=20.0, help="measurement time (s)")
    ap.add_argument("--warmup", type=float, default=3.0, help="seconds ignored after the first frame")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    args = ap.parse_args(argv)
    w, h = (int(v) for v in args.size.lower().split("x"))
    r = run(args.video, size=(w, h), seconds=args.seconds, warmup_s=args.warmup)
    if args.json:
        print(json.dumps(r, indent=2))
        return 0
    lat, cap, eng = r["latency_arrival_ms"], r["latency_capture_ms"], r["engine_ms"]
    print(
        f"fake camera {r['size']} via WebRTC, {r['seconds']} s, {r['cpus']} CPUs, load {r['load_avg_1min']}"
    )
    print(f"  frames arriving in the callback : {r['arrival_fps']:5.1f} /s")
    skipped = 100 * r["skipped_share"]
    print(f"  frames processed                : {r['processed_fps']:5.1f} /s  ({skipped:.0f} % skipped)")
    print(
        f"  latency arrival -> processed    : p50 {lat['p50']:5.1f} ms   p95 {lat['p95']:5.1f} ms"
        f"   max {lat['max']:.0f} ms"
    )
    print(f"  latency capture -> processed    : p50 {cap['p50']:5.1f} ms   p95 {cap['p95']:5.1f} ms")
    print(f"  engine time per processed frame : p50 {eng['p50']:5.1f} ms   p95 {eng['p95']:5.1f} ms")
    print(f"  cues given {r['cues']}, steps counted {r['steps']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
