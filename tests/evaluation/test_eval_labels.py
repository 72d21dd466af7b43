"""Label readers: the ``retrowalk.labels/2`` schema, the older sample files, the shared clips."""

from __future__ import annotations

import json

import numpy as np

from tests.conftest import REPO, SHARED_VIDEOS, shared_video
from vision.evaluation.clips import find_clips, labels_for, parse_seeds
from vision.evaluation.labels import Span, contact_span
from vision.evaluation.labels_rendered import read_rendered


def _labels_v2(n: int = 6) -> dict:
    marks = [[[10.0 + j, 20.0 + j] for j in range(33)] for _ in range(n)]
    marks[1][5] = None
    return {
        "schema": "retrowalk.labels/2",
        "video": "c.mp4",
        "fps": 25.0,
        "frame_count": n,
        "seed": 42,
        "direction": "mixed",
        "strike": "heel",
        "posture": "slouching",
        "steps": [
            {
                "foot": "right",
                "contact_frame": 4,
                "liftoff_frame": -1,
                "strike": "heel",
                "direction": "forward",
            },
            {
                "foot": "left",
                "contact_frame": 1,
                "liftoff_frame": 3,
                "strike": "flat",
                "direction": "backward",
            },
        ],
        "glances": [
            {"start_frame": 1, "end_frame": 3, "peak_frame": 2, "peak_yaw_deg": -40.0, "side": "right"}
        ],
        "turns": [{"start_frame": 3, "end_frame": 3}],
        "segments": [
            {"start_frame": 0, "end_frame": 2, "activity": "walk"},
            {"start_frame": 3, "end_frame": 3, "activity": "turn"},
            {"start_frame": 4, "end_frame": 5, "activity": "walk"},
        ],
        "trunk_lean_deg": [1, 2, 3, 4, 5, 6],
        "upright": [True, False, True, False, True, False],
        "landmarks_px": marks,
        "landmarks_in_image": [[j != 0 for j in range(33)] for _ in range(n)],
    }


def test_schema_2_fields(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps(_labels_v2()))
    (tmp_path / "c.mp4").write_bytes(b"")
    (lab,) = labels_for(tmp_path / "c.mp4")
    assert (lab.kind, lab.fps, lab.seed, lab.posture, lab.direction) == (
        "rendered",
        25.0,
        42,
        "slouching",
        "mixed",
    )
    assert [(s.foot, s.contact_frame, s.strike, s.direction) for s in lab.steps] == [
        ("left", 1, "flat", "backward"),
        ("right", 4, "heel", "forward"),
    ]
    assert lab.glances[0].peak_yaw_deg == 40.0
    assert lab.walking == (Span(0, 2), Span(4, 5)) and lab.turns == (Span(3, 3),)
    assert lab.upright.tolist() == [1, 0, 1, 0, 1, 0]
    assert np.isnan(lab.landmarks_px[:, 0]).all() and np.isnan(lab.landmarks_px[1, 5]).all()
    assert lab.landmarks_px[2, 7].tolist() == [17.0, 27.0]
    assert contact_span(lab, 5) == Span(0, 5)
    assert find_clips([tmp_path], parse_seeds("40:42")).clips == ()
    assert len(find_clips([tmp_path], parse_seeds("42")).clips) == 1


def test_broken_label_file_is_skipped_with_its_reason(tmp_path):
    (tmp_path / "half.mp4").write_bytes(b"")
    (tmp_path / "half.json").write_text('{"schema": "retrowalk.labels/2", "fps": 25')
    found = find_clips([tmp_path])
    assert found.clips == () and found.skipped[0][1].startswith(
        "half.json: unreadable label file (JSONDecodeError"
    )


def test_bundled_samples_older_schema():
    lab = read_rendered(
        REPO / "sample_videos/backward_walk_side.json", REPO / "sample_videos/backward_walk_side.mp4"
    )
    assert len(lab.steps) == 13 and {s.direction for s in lab.steps} == {"backward"}
    assert {s.strike for s in lab.steps} == {"forefoot"} and lab.posture == "upright"
    assert [(g.start_frame, g.end_frame, g.side) for g in lab.glances] == [
        (72, 108, "left"),
        (180, 216, "right"),
    ]
    assert lab.landmarks_px.shape == (270, 33, 2) and lab.walking == (Span(0, 269, "backward"),)


def test_shared_label_files_map_to_what_they_state():
    shared_video("gym_walk_turn.mp4")
    by_name = {c.name: c for c in find_clips([SHARED_VIDEOS]).clips}
    s2d, s2r = by_name["sports2d_demo"], by_name["sports2d_demo (reversed)"]
    assert [(s.foot, s.contact_frame, s.liftoff_frame) for s in s2d.steps][:2] == [
        ("left", 77, 105),
        ("right", 97, 122),
    ]
    assert (s2d.strike_all, s2d.direction, s2d.scored_frames, s2d.glances) == (
        "heel",
        "forward",
        Span(59, 197),
        None,
    )
    reversed_contacts = [s.contact_frame for s in s2r.steps]
    assert reversed_contacts == [53, 71, 89, 107, 124]  # as the label file gives them
    assert (s2d.contact_tolerance_frames, s2r.contact_tolerance_frames) == (2, 3)
    assert (s2r.strike_all, s2r.direction, s2r.walking) == (
        "forefoot",
        "backward",
        (Span(32, 170, "backward"),),
    )
    # gym_walk_turn's passes come from the project's review (the shared label says "forward on
    # both passes, a turn around 290-330"; she walks the second pass backward, without a turn).
    gym, gyr = by_name["gym_walk_turn"], by_name["gym_walk_turn (reversed)"]
    assert (gym.strike_all, gym.posture, gym.glances, gym.turns) == (None, "upright", (), (Span(164, 183),))
    assert gym.walking == (Span(0, 163, "forward", "heel"), Span(184, 400, "backward", "forefoot"))
    assert gyr.walking == (Span(0, 216, "forward", "heel"), Span(237, 400, "backward", "forefoot"))
    assert (gyr.turns, gyr.glances, gyr.posture, gyr.direction) == ((Span(217, 236),), (), "upright", "mixed")
    assert gym.states[0] == "reviewed: forward heel 0-163, backward forefoot 184-400"
    roll = by_name["head_roll_two_people"]
    assert (roll.gait, roll.glances, roll.fps) == (False, (), 12.5)
    assert (
        not by_name["pose2sim_cam01"].strike_measurable and not by_name["room_people_10fps"].strike_measurable
    )
    tread = by_name["treadmill_run_portrait"]
    assert (tread.cadence_range_spm, tread.direction) == ((150.0, 190.0), "forward")
    assert len(by_name) == 8
