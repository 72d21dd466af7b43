"""The offline-analysis benchmark runs end to end on a tiny clip and reports every field.

No timing is asserted: speed is measured with ``python -m vision.bench.analyze``, not in tests.
"""

from __future__ import annotations

import itertools
import json

import av
import numpy as np

from vision.analysis.stages import STAGES
from vision.bench.analyze import main, make_clip, run_bench


def test_make_clip_is_h264_at_the_asked_size(tmp_path):
    clip = make_clip(tmp_path / "clip.mp4", (320, 180), max_frames=12, grain=2.0)
    with av.open(str(clip)) as c:
        stream = c.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert (stream.width, stream.height) == (320, 180)
        assert sum(1 for _ in c.decode(stream)) == 12


def test_a_longer_clip_goes_back_and_forth(tmp_path):
    """``seconds`` plays the sample forward, then backward: no jump back to the start."""
    clip = make_clip(tmp_path / "long.mp4", (192, 108), grain=0.0, seconds=20)
    with av.open(str(clip)) as c:
        frames = [f.to_ndarray(format="gray").astype(np.int16) for f in c.decode(c.streams.video[0])]
    assert len(frames) == 600
    steps = [float(np.abs(a - b).mean()) for a, b in itertools.pairwise(frames)]
    assert max(steps) < 6 * np.median(steps) + 1  # no cut anywhere, at the turn (frame 269) neither
    assert float(np.abs(frames[268] - frames[270]).mean()) < 1.5  # mirrored around the turn


def test_bench_reports_speed_memory_and_stages(tmp_path, capsys):
    clip = make_clip(tmp_path / "clip.mp4", (480, 270), max_frames=45)
    rep = run_bench(clip, repeat=1, threads=1)
    assert rep["clip"]["width"] == 480 and rep["clip"]["height"] == 270
    assert rep["cores"] >= 1 and rep["threads"] == 1
    (run,) = rep["runs"]
    assert run["frames"] == 45
    assert run["wall_s"] >= run["loop_s"] > 0 and run["cpu_s"] > 0 and run["peak_rss_mb"] > 50
    for key in (
        "fps",
        "realtime_factor",
        "wall_realtime_factor",
        "cpu_ms_per_frame",
        "idle_floor_realtime_factor",
    ):
        assert rep["median"][key] > 0, key
    assert set(rep["stages"]) == set(STAGES)
    assert all(s["median_ms"] >= 0 and s["mean_ms"] >= 0 for s in rep["stages"].values())

    out = tmp_path / "bench.json"
    assert main([str(clip), "--repeat", "1", "--threads", "1", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    for word in ("480x270", "fps", "real time", "CPU", "peak RSS", "cores", "pose", "encode"):
        assert word in text, word
    assert json.loads(out.read_text())["runs"][0]["frames"] == 45
