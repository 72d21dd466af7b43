"""The cue engine: priorities, cooldowns, sustained conditions, safety stop — on synthetic frames."""

from __future__ import annotations

from feedback_helpers import contact, fall, fm, glance, leaving, over_rotation
from hypothesis import given, settings
from hypothesis import strategies as st

from vision.core.events import Strike
from vision.core.view import HEAD_YAW
from vision.feedback import SWITCHABLE, CueConfig, CueEngine, CueKind

DT = 1 / 30


def run(engine: CueEngine, t0: float, t1: float, **kw: object):
    """Feed frames from t0 to t1 (exclusive); returns the cue after each frame."""
    out = []
    n = round((t1 - t0) / DT)
    for i in range(n):
        out.append(engine.update(fm(t0 + i * DT, **kw)))
    return out


def test_priority_order_is_safety_first() -> None:
    order = [
        CueKind.FALL,
        CueKind.STUMBLE,
        CueKind.OVER_ROTATION,
        CueKind.LEAVING_VIEW,
        CueKind.HEEL_STRIKE,
        CueKind.HUNCHING,
        CueKind.NO_GLANCE,
        CueKind.GOAL_REACHED,
        CueKind.PRAISE,
    ]
    prios = [k.priority for k in order]
    assert prios == sorted(prios, reverse=True) and len(set(prios)) == len(prios)
    assert CueKind.LOOKING_DOWN.priority == CueKind.HUNCHING.priority
    assert {k for k in CueKind if k.critical} == {CueKind.FALL, CueKind.STUMBLE}
    assert CueKind.FALL not in SWITCHABLE


def test_heel_strike_cue_then_cooldown() -> None:
    e = CueEngine(CueConfig(display_s=3.0, cooldown_s=8.0))
    e.update(fm(0.0))
    cue = e.update(fm(1.0), [contact(1.0, Strike.HEEL)])
    assert cue is not None and cue.kind == CueKind.HEEL_STRIKE and cue.key == "cue.heel_strike"
    assert cue.started_s == 1.0 and cue.seq == 1
    assert e.update(fm(3.9)) is cue  # still on screen
    assert e.update(fm(4.0)) is None  # display time over
    assert e.update(fm(5.0), [contact(5.0, Strike.HEEL)]) is None  # in cooldown: not repeated
    again = e.update(fm(9.0), [contact(9.0, Strike.HEEL)])
    assert again is not None and again.seq == 2


def test_higher_priority_preempts_lower_waits() -> None:
    e = CueEngine()
    heel = e.update(fm(1.0), [contact(1.0, Strike.HEEL)])
    over = e.update(fm(1.5), [over_rotation(1.5)])
    assert heel is not None and over is not None
    assert over.kind == CueKind.OVER_ROTATION and over.key == "cue.over_rotation_yaw"
    # A heel strike while the over-rotation cue is on does not replace it.
    assert (
        e.update(
            fm(2.0),
            [
                contact(
                    2.0,
                    Strike.HEEL,
                )
            ],
        )
        is over
    )
    hold = CueEngine().update(fm(0.0), [over_rotation(0.0, "hold")])
    assert hold is not None and hold.key == "cue.over_rotation_hold"


def test_only_one_cue_at_a_time_highest_wins() -> None:
    e = CueEngine()
    cue = e.update(fm(1.0), [contact(1.0, Strike.HEEL), leaving(1.0), over_rotation(1.0)])
    assert cue is not None and cue.kind == CueKind.OVER_ROTATION
    assert len(e.history) == 1


def test_hunching_needs_two_seconds() -> None:
    e = CueEngine(CueConfig(sustain_s=2.0))
    cues = run(e, 0.0, 1.9, upright=False, trunk_leaning=True)
    assert all(c is None for c in cues)
    run(e, 1.9, 2.0, upright=True, trunk_leaning=False)  # straightened up: the run starts again
    cues = run(e, 2.0, 3.9, upright=False, trunk_leaning=True)
    assert all(c is None for c in cues)
    cues = run(e, 3.9, 4.2, upright=False, trunk_leaning=True)
    assert cues[-1] is not None and cues[-1].kind == CueKind.HUNCHING and cues[-1].key == "cue.hunching"
    assert cues[-1].started_s >= 4.0 - 1e-9


def test_unmeasured_posture_does_not_count_as_hunching() -> None:
    e = CueEngine()
    assert all(c is None for c in run(e, 0.0, 5.0, upright=None))


def test_a_rounded_back_alone_is_not_called_hunching() -> None:
    """Only with the head down too (the fitted rounded-back limit fires on some real upright
    walkers' landmarks: sports2d_demo, the treadmill runner)."""
    alone = run(CueEngine(), 0.0, 5.0, upright=False, rounded_back=True, trunk_leaning=False)
    assert all(c is None for c in alone)
    both = run(CueEngine(), 0.0, 5.0, upright=False, rounded_back=True, looking_down=True)
    assert CueKind.HUNCHING in {c.kind for c in both if c is not None}


def test_looking_down_sustained() -> None:
    e = CueEngine()
    cues = run(e, 0.0, 2.5, looking_down=True)
    assert cues[round(1.8 / DT)] is None
    assert cues[-1] is not None and cues[-1].kind == CueKind.LOOKING_DOWN


def test_no_glance_reminder_after_configured_time() -> None:
    e = CueEngine(CueConfig(no_glance_s=20.0))
    cues = run(e, 0.0, 19.9)
    assert all(c is None for c in cues)
    cues = run(e, 19.9, 20.2)
    assert cues[-1] is not None and cues[-1].kind == CueKind.NO_GLANCE
    assert "20" in cues[-1].params["seconds"]


def test_glancing_resets_the_no_glance_timer() -> None:
    e = CueEngine(CueConfig(no_glance_s=10.0))
    run(e, 0.0, 8.0)
    run(e, 8.0, 9.0, in_glance=True)
    assert all(c is None for c in run(e, 9.0, 18.5))
    assert run(e, 18.5, 19.5)[-1] is not None


def test_no_glance_reminder_needs_a_measurable_head() -> None:
    e = CueEngine(CueConfig(no_glance_s=5.0))
    hidden = {HEAD_YAW: "face and ears not seen well enough for the head pose"}
    assert all(c is None for c in run(e, 0.0, 12.0, not_measurable=hidden))


def test_glance_after_reminder_is_praised() -> None:
    e = CueEngine(CueConfig(no_glance_s=5.0))
    run(e, 0.0, 5.5)
    assert e.history[-1].kind == CueKind.NO_GLANCE
    cue = e.update(fm(9.0), [glance(8.0, 9.0)])
    assert cue is not None and cue.key == "cue.praise_glance"


def test_fall_is_critical_sticky_and_cannot_be_disabled() -> None:
    e = CueEngine(CueConfig(enabled=frozenset()))
    assert e.update(fm(1.0), [contact(1.0, Strike.HEEL)]) is None  # heel cue switched off
    cue = e.update(fm(2.0), [fall(2.0)])
    assert cue is not None and cue.kind == CueKind.FALL and cue.critical and e.halted
    assert e.update(fm(60.0), [over_rotation(60.0)]) is cue  # never expires, nothing replaces it
    s = CueEngine().update(fm(1.0), [fall(1.0, "stumble")])
    assert s is not None and s.kind == CueKind.STUMBLE and s.key == "cue.stumble"


def test_disabled_kinds_stay_silent() -> None:
    enabled = frozenset(SWITCHABLE) - {CueKind.HEEL_STRIKE}
    e = CueEngine(CueConfig(enabled=enabled))
    assert e.update(fm(1.0), [contact(1.0, Strike.HEEL)]) is None
    cue = e.update(fm(1.1), [leaving(1.1, "left")])
    assert cue is not None and cue.params["edge"] == "@edge.left"


def test_praise_after_a_streak_of_forefoot_landings() -> None:
    e = CueEngine(CueConfig(praise_streak=4))
    t = 0.0
    for strike in (
        Strike.FOREFOOT,
        Strike.FOREFOOT,
        Strike.FLAT,
        Strike.FOREFOOT,
        Strike.FOREFOOT,
        Strike.FOREFOOT,
    ):
        t += 0.7
        assert e.update(fm(t), [contact(t, strike)]) is None
    t += 0.7
    cue = e.update(fm(t), [contact(t, Strike.FOREFOOT)])
    assert cue is not None and cue.kind == CueKind.PRAISE and cue.key == "cue.praise_forefoot"


def test_goal_reached_once_even_when_busy() -> None:
    e = CueEngine(CueConfig(goal_s=10.0, no_glance_s=1e9))
    run(e, 0.0, 9.5)
    over = e.update(fm(9.5), [over_rotation(9.5)])
    assert over is not None
    cues = run(e, 9.6, 16.0)
    goal = [c for c in cues if c is not None and c.kind == CueKind.GOAL_REACHED]
    assert goal and goal[0].started_s >= 12.5 - 1e-9  # after the over-rotation cue ended
    assert goal[0].params["minutes"] == "0"
    assert sum(1 for c in e.history if c.kind == CueKind.GOAL_REACHED) == 1


def test_absent_subject_resets_sustained_timers() -> None:
    e = CueEngine()
    run(e, 0.0, 1.5, upright=False)
    run(e, 1.5, 1.6, present=False)
    assert all(c is None for c in run(e, 1.6, 3.5, upright=False))


def test_reset_forgets_everything() -> None:
    e = CueEngine()
    e.update(fm(1.0), [fall(1.0)])
    e.reset()
    assert e.active is None and not e.halted and e.history == []


_EVENTS = st.sampled_from(["none", "heel", "fore", "over", "leave", "glance"])


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(
        st.tuples(_EVENTS, st.booleans(), st.booleans(), st.floats(0.01, 1.5)), min_size=1, max_size=120
    )
)
def test_invariants_on_random_sequences(steps) -> None:
    """At most one cue; a kind never starts twice within its cooldown; pre-emption only upward."""
    cfg = CueConfig(no_glance_s=6.0, sustain_s=1.0)
    e = CueEngine(cfg)
    t = 0.0
    prev = None
    for kind, upright, down, dt in steps:
        t += dt
        events = {
            "none": [],
            "heel": [contact(t, Strike.HEEL)],
            "fore": [contact(t, Strike.FOREFOOT)],
            "over": [over_rotation(t)],
            "leave": [leaving(t)],
            "glance": [glance(t - 0.5, t)],
        }[kind]
        cue = e.update(fm(t, upright=upright, looking_down=down), events)
        if (
            cue is not None
            and prev is not None
            and cue.seq != prev.seq
            and t - prev.started_s < cfg.display_s
        ):
            assert cue.priority > prev.priority
        prev = cue
    last: dict[CueKind, float] = {}
    for c in e.history:
        if c.kind in last:
            assert c.started_s - last[c.kind] >= cfg.cooldown_of(c.kind) - 1e-9
        last[c.kind] = c.started_s
    assert [c.seq for c in e.history] == list(range(1, len(e.history) + 1))
