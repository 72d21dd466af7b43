"""HeapTrimSink: the heap is trimmed once a minute of stream time, by the offline and live paths."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "feedback"))
import contextlib

from feedback_helpers import standing_pose

from vision.session.coach import CoachSession
from vision.session.heap import HeapTrimSink, glibc_trim


def test_three_minutes_of_stream_trim_three_times_and_a_restart_of_the_clock_waits_again() -> None:
    calls: list[int] = []
    sink = HeapTrimSink(every_s=60.0, trim=lambda pad: calls.append(pad) or 1)
    session = CoachSession(sinks=[sink])
    for i in range(181 * 30):
        session.feed(standing_pose(i / 30.0))
    assert calls == [0, 0, 0]
    for i in range(50 * 30):  # a new stream (time from 0 again): under a minute, no trim
        session.feed(standing_pose(i / 30.0))
    assert sink.trims == 3


def test_linux_has_the_glibc_trim_and_it_runs() -> None:
    if not sys.platform.startswith("linux"):
        return
    trim = glibc_trim()
    assert trim is not None
    assert trim(0) in (0, 1)


def test_the_live_session_carries_a_trim_sink() -> None:
    from vision.live import LiveProcessor, LiveSettings

    proc = LiveProcessor(LiveSettings(record=False))
    assert sum(isinstance(s, HeapTrimSink) for s in proc.session.sinks) == 1


def test_analyze_and_replay_hand_their_session_a_trim_sink(monkeypatch, tmp_path: Path) -> None:
    import vision.analysis.pipeline as pipeline
    from vision.bundled import sample_clip

    seen = []

    class Stop(Exception):
        pass

    def fake_run(*args, options, **kwargs):
        seen.append(options.extra_sinks)
        raise Stop

    monkeypatch.setattr(pipeline, "VideoRun", fake_run)
    for run in (pipeline.analyze_video, pipeline.replay_video):
        with contextlib.suppress(Stop):
            run(sample_clip(), tmp_path / "out")
    assert [sum(isinstance(s, HeapTrimSink) for s in sinks) for sinks in seen] == [1, 1]
