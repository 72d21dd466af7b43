"""Small parts of the live path: counters, rolling statistics, overlay, local-camera pacing."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "feedback"))
from feedback_helpers import contact, fm, glance, standing_pose

from vision.core.events import Strike
from vision.feedback import Translator
from vision.live.annotate import Overlay, draw_overlay, fit_cue, status_items
from vision.live.local_camera import Pacer, camera_frames, jpeg, parse_source
from vision.live.settings import suggested_minutes
from vision.live.stats import LatencyWindow, RateMeter
from vision.session.counters import SessionCounters
from vision.video import VideoError

SAMPLE = Path(__file__).resolve().parents[2] / "sample_videos" / "backward_walk_side.mp4"


def test_counters() -> None:
    c = SessionCounters()
    for i in range(30 * 20):
        t = i / 30
        events = []
        if i % 20 == 10:
            events.append(contact(t, Strike.HEEL if i % 100 == 10 else Strike.FOREFOOT))
        if i == 300:
            events.append(glance(9.0, t))
        c.update(fm(t, upright=i % 4 != 0), events)
    v = c.values()
    assert v.steps == 30
    assert v.forefoot_share == pytest.approx(24 / 30)
    assert v.glances == 1 and v.glances_per_min == pytest.approx(1 / (v.walking_s / 60))
    assert v.upright_share == pytest.approx(0.75)
    assert v.backward_s == pytest.approx(v.walking_s, abs=0.05)
    assert len(v.last_strikes) == 3


def test_counters_without_data() -> None:
    v = SessionCounters().values()
    assert v.steps == 0 and v.forefoot_share is None and v.upright_share is None and v.glances_per_min is None


def test_rate_and_latency_windows() -> None:
    r = RateMeter(window_s=2.0)
    for i in range(100):
        r.tick(i * 0.05)
    assert r.rate(4.95) == pytest.approx(20.0, rel=0.01)
    assert r.rate(100.0) == 0.0
    w = LatencyWindow(size=100)
    assert np.isnan(w.percentile_ms(50))
    for i in range(1, 101):
        w.add(i / 1000)
    assert w.percentile_ms(50) == pytest.approx(50.0) and w.percentile_ms(95) == pytest.approx(95.0)
    assert w.max_ms() == pytest.approx(100.0)


def test_status_items_are_translated_and_ascii() -> None:
    c = SessionCounters()
    c.update(fm(1.0), [contact(1.0, Strike.FOREFOOT), contact(1.0, Strike.HEEL)])
    items = status_items(
        fm(1.0, upright=False, time_since_glance_s=25.0), c.values(), Translator("de"), no_glance_s=20.0
    )
    texts = [i.text for i in items]
    assert texts[0] == "nicht aufrecht" and "Blick vor 25 s" in texts
    assert "B" in texts and "F" in texts and texts[-1] == "Schritte 2"
    assert all(t.isascii() for t in texts)
    absent = status_items(fm(1.0, present=False), c.values(), Translator("en"), no_glance_s=20.0)
    assert [i.text for i in absent] == ["nobody in view"]


def test_fit_cue_keeps_short_text_and_shortens_long_text() -> None:
    assert fit_cue("Stand tall.", 640, 480) == "Stand tall."
    long = "Fall detected. " + "This sentence is far too long to fit on one line of a small frame at all."
    assert fit_cue(long, 640, 480) == "Fall detected."
    words = fit_cue("word " * 60, 640, 480)
    assert words.endswith("...") and len(words) < 200


@pytest.mark.parametrize("size", [(640, 480), (480, 360), (360, 640)])
def test_overlay_scales_to_the_shown_frame(size: tuple[int, int]) -> None:
    """The pose comes from a 640×480 frame; the frame shown may be smaller (browser)."""
    pose = standing_pose()
    ov = Overlay(
        pose=pose,
        items=tuple(status_items(fm(0.0), SessionCounters().values(), Translator("en"), no_glance_s=20.0)),
        cue_text="Stand tall.",
    )
    image = np.full((size[1], size[0], 3), 128, np.uint8)
    draw_overlay(image, ov, status=True, cue=True, waiting_text="x")
    assert (image != 128).any(axis=2).mean() > 0.01
    # The skeleton is drawn where the scaled pose is: the hip of a 640-wide pose at x=320.
    x = round(320 * size[0] / 640)
    y = round((60 + 0.5 * 360) * size[1] / 480)
    assert (image[y - 3 : y + 4, x - 3 : x + 4] != 128).any()
    blank = np.full((size[1], size[0], 3), 128, np.uint8)
    draw_overlay(blank, None, status=True, cue=True, waiting_text="starting")
    assert (blank[:10] != 128).any() and (blank[-10:] == 128).all()


def test_pacer() -> None:
    now = [0.0]
    p = Pacer(10.0, clock=lambda: now[0])
    hits = 0
    for i in range(1000):
        now[0] = i * 0.001
        hits += p.due()
    assert 9 <= hits <= 11


def test_parse_source_and_jpeg() -> None:
    assert parse_source("0") == 0 and parse_source(2) == 2
    assert parse_source(" /tmp/x.mp4 ") == Path("/tmp/x.mp4")
    data = jpeg(np.zeros((48, 64, 3), np.uint8))
    assert data[:2] == b"\xff\xd8" and cv2.imdecode(np.frombuffer(data, np.uint8), 1).shape == (48, 64, 3)


def test_camera_frames_from_a_file_play_in_real_time() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    frames = []
    for f in camera_frames(SAMPLE, size=(640, 480), loop=True, sleep=sleep, clock=lambda: now[0]):
        frames.append(f)
        if len(frames) == 300:  # past the end of the 270-frame clip: it loops
            break
    ts = [f.timestamp_s for f in frames]
    assert all(b > a for a, b in itertools.pairwise(ts))
    assert ts[-1] == pytest.approx(299 / 30, abs=0.1)
    assert max(frames[0].image.shape[:2]) == 640
    assert sum(slept) == pytest.approx(ts[-1], abs=0.1)


def test_missing_camera_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(VideoError, match="no such file"):
        next(camera_frames(tmp_path / "nope.mp4"))


def test_programme_builds_up() -> None:
    mins = [suggested_minutes(w) for w in range(1, 15)]
    assert mins[0] == 5 and mins == sorted(mins) and max(mins) == 20 and suggested_minutes(0) == 5
