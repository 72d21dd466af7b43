"""CoachSession: one frame in, the same result to every sink; the summary once at the end."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "feedback"))
from feedback_helpers import fm, standing_pose

from vision.core.events import Direction
from vision.pose_frame import PoseFrame
from vision.session.clock import MIN_FRAME_STEP_S, StreamClock
from vision.session.coach import CoachSession, CoachSettings, FrameResult
from vision.session.counters import SessionCounters
from vision.session.summary import RunFacts, SessionSummary


class Recorder:
    def __init__(self) -> None:
        self.results: list[FrameResult] = []
        self.summary: SessionSummary | None = None

    def on_frame(self, result: FrameResult) -> None:
        self.results.append(result)

    def close(self, summary: SessionSummary) -> None:
        self.summary = summary


class Broken(Recorder):
    def close(self, summary: SessionSummary) -> None:
        raise OSError("disk full")


def test_every_sink_gets_every_frame_and_the_summary() -> None:
    a, b = Recorder(), Recorder()
    session = CoachSession(CoachSettings(lang="de"), sinks=[a])
    session.add_sink(b)
    for i in range(30):
        pose = standing_pose(t=i / 30)
        if i >= 25:  # nobody seen
            pose = PoseFrame(
                frame_index=pose.frame_index, timestamp_s=pose.timestamp_s, image_size=(640, 480)
            )
        r = session.feed(pose)
        assert r.metrics.frame_index == pose.frame_index and r.counters.steps == 0
    assert [r.metrics.time_s for r in a.results] == [r.metrics.time_s for r in b.results]
    assert len(a.results) == 30 and session.frames == 30 and session.present_frames == 25
    summary = session.close(RunFacts(source="replay", language="de"))
    assert a.summary is summary and b.summary is summary
    assert summary.run.source == "replay" and summary.upright_share == 1.0


def test_a_failing_sink_does_not_keep_the_others_from_closing() -> None:
    ok = Recorder()
    session = CoachSession(sinks=[Broken(), ok])
    session.feed(standing_pose(t=0.0))
    with pytest.raises(OSError, match="disk full"):
        session.close()
    assert ok.summary is not None


def test_backward_time_counts_frames_with_the_subject_and_caps_gaps() -> None:
    c = SessionCounters()
    for t in (0.0, 0.1, 0.2, 1.2, 1.3):
        c.update(fm(t, direction=Direction.BACKWARD), [])
    c.update(fm(1.4, present=False, direction=Direction.BACKWARD), [])
    # 0.1 + 0.1 + 0.5 (a 1 s gap counts 0.5 s) + 0.1; the frame without the subject not at all
    assert c.values().backward_s == pytest.approx(0.8)


def test_stream_time_starts_at_zero_and_always_moves_on() -> None:
    clock = StreamClock()
    times = [clock(t) for t in (100.0, 100.5, 100.5, 100.4, 101.0)]
    assert times[0] == 0.0 and times[1] == 0.5
    assert times[2] == pytest.approx(0.5 + MIN_FRAME_STEP_S) and times[3] == pytest.approx(0.5 + 2e-6)
    assert times[4] == 1.0
