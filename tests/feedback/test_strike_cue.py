"""Heel-strike cues only on confident heel strikes (issue 12, item 6)."""

from __future__ import annotations

import dataclasses

from feedback_helpers import contact, fm

from vision.core.events import Strike
from vision.feedback import CueEngine, CueKind


def test_unsure_heel_strike_gives_no_cue_sure_one_does() -> None:
    e = CueEngine()
    unsure = dataclasses.replace(contact(1.0, Strike.HEEL), confidence=0.55)
    assert e.update(fm(1.0), [unsure]) is None
    sure = dataclasses.replace(contact(2.0, Strike.HEEL), confidence=e.cfg.heel_cue_min_confidence)
    cue = e.update(fm(2.0), [sure])
    assert cue is not None and cue.kind == CueKind.HEEL_STRIKE


def test_unsure_heel_still_breaks_the_forefoot_streak() -> None:
    e = CueEngine()
    for i in range(e.cfg.praise_streak - 1):
        e.update(fm(1.0 + 0.5 * i), [contact(1.0 + 0.5 * i, Strike.FOREFOOT)])
    unsure = dataclasses.replace(contact(5.0, Strike.HEEL), confidence=0.3)
    assert e.update(fm(5.0), [unsure]) is None
    assert e.update(fm(5.5), [contact(5.5, Strike.FOREFOOT)]) is None  # streak restarted: no praise
