"""Camera-setup advice on synthetic poses, and the speech snippet."""

from __future__ import annotations

import json
import re

from feedback_helpers import fm, standing_pose

from vision.core.events import View
from vision.core.view import HEAD_YAW, STRIKE, TRUNK_LEAN
from vision.feedback import SetupAdvisor, assess, speech_html
from vision.feedback.i18n import TABLES
from vision.pose_frame import PoseFrame


def test_whole_person_in_a_side_view_needs_no_advice() -> None:
    assert assess(standing_pose(), fm(0.0)) == []


def test_nobody_in_view() -> None:
    assert assess(PoseFrame.absent(0, 0.0, (640, 480))) == ["setup.no_person"]


def test_feet_or_head_cut_off() -> None:
    assert "setup.feet_cut" in assess(standing_pose(top=100, bottom=560))
    assert "setup.head_cut" in assess(standing_pose(top=-60, bottom=400))


def test_too_far_and_several_people() -> None:
    keys = assess(standing_pose(top=300, bottom=400, num_people=2))
    assert keys == ["setup.too_far", "setup.several_people"]


def test_view_limits_become_advice() -> None:
    pose = standing_pose()
    frontal = fm(0.0, view=View.FRONTAL, not_measurable={STRIKE: "x", TRUNK_LEAN: "x"})
    assert "setup.view_frontal" in assess(pose, frontal)
    oblique = fm(0.0, view=View.OBLIQUE, not_measurable={STRIKE: "x"})
    assert "setup.view_oblique" in assess(pose, oblique)
    hidden = fm(0.0, not_measurable={HEAD_YAW: "face hidden"})
    assert assess(pose, hidden) == ["setup.face_hidden"]


def test_advice_must_last_before_it_is_shown() -> None:
    adv = SetupAdvisor(hold_s=1.0)
    cut = [adv.update(standing_pose(t=i / 30, top=100, bottom=560)) for i in range(40)]
    assert cut[20] == () and "setup.feet_cut" in cut[-1]
    assert adv.update(standing_pose(t=2.0)) == ()


def test_every_advice_key_has_texts() -> None:
    for key in (
        "setup.no_person",
        "setup.body_cut",
        "setup.head_cut",
        "setup.feet_cut",
        "setup.too_far",
        "setup.several_people",
        "setup.view_frontal",
        "setup.view_oblique",
        "setup.view_unknown",
        "setup.face_hidden",
    ):
        assert key in TABLES["en"] and key in TABLES["de"]


def test_speech_snippet_speaks_once_through_the_top_window() -> None:
    html = speech_html('Stand tall </script><b>"x"</b>', "de", "s1:3", interrupt=True)
    payload = json.loads(re.search(r"var p=(\{.*?\});var w", html).group(1).replace("<\\/", "</"))
    assert payload == {
        "text": 'Stand tall </script><b>"x"</b>',
        "lang": "de-DE",
        "uid": "s1:3",
        "rate": 0.95,
        "cancel": True,
    }
    assert html.count("</script>") == 1  # the text cannot end the script early
    assert "window.parent" in html and "__rwSpoken" in html and "speechSynthesis.speak" in html
