"""Shown values: glance counts for short clips, rates from one minute on, plural forms."""

from __future__ import annotations

import pytest

from vision.feedback import Translator
from vision.feedback.values import (
    forefoot_share_text,
    forefoot_steps_text,
    glances_metric,
    plural,
    strike_counts_of,
)

EN, DE = Translator("en"), Translator("de")
COACH = ("ui.counter.glances", "ui.counter.glances_min")


def test_a_short_clip_shows_the_number_of_glances() -> None:
    assert glances_metric(EN, glances=2, per_min=13.3, duration_s=9.0, labels=COACH) == ("Glances", "2")
    assert glances_metric(DE, glances=2, per_min=13.3, duration_s=9.0, labels=COACH) == (
        "Blicke über die Schulter",
        "2",
    )
    assert glances_metric(EN, glances=0, per_min=None, duration_s=59.9, labels=COACH) == ("Glances", "0")


def test_from_one_minute_on_the_rate() -> None:
    assert glances_metric(EN, glances=3, per_min=1.5, duration_s=120.0, labels=COACH) == (
        "Glances per minute",
        "1.5",
    )
    assert glances_metric(DE, glances=3, per_min=1.5, duration_s=120.0, labels=COACH) == (
        "Blicke pro Minute",
        "1,5",
    )
    assert glances_metric(EN, glances=1, per_min=1.0, duration_s=60.0, labels=COACH) == (
        "Glances per minute",
        "1.0",
    )


def test_unknown_count_comes_from_the_rate_or_is_a_dash() -> None:
    assert glances_metric(EN, glances=None, per_min=12.0, duration_s=10.0, labels=COACH) == ("Glances", "2")
    assert glances_metric(EN, glances=None, per_min=None, duration_s=10.0, labels=COACH) == ("Glances", "–")
    assert glances_metric(DE, glances=None, per_min=None, duration_s=None, labels=COACH) == (
        "Blicke pro Minute",
        "–",
    )


@pytest.mark.parametrize(
    ("tr", "n", "text"),
    [
        (EN, 1, "1 glance"),
        (EN, 0, "0 glances"),
        (EN, 2, "2 glances"),
        (DE, 1, "1 Schulterblick"),
        (DE, 3, "3 Schulterblicke"),
    ],
)
def test_plural_forms(tr: Translator, n: int, text: str) -> None:
    assert plural("value.glances", n, tr) == text


def test_over_rotation_warning_has_no_bracketed_plural() -> None:
    assert plural("ui.result.over_rotations", 1, EN) == "1 glance turned the neck too far or too long."
    assert plural("ui.result.over_rotations", 2, DE) == "2 Blicke mit zu weit oder zu lange gedrehtem Kopf."
    for tr in (EN, DE):
        assert "(" not in plural("ui.result.over_rotations", 2, tr)


def test_fall_warning_in_plural_forms() -> None:
    assert plural("ui.result.falls", 1, EN) == "1 fall or stumble detected."
    assert plural("ui.result.falls", 2, EN) == "2 falls or stumbles detected."
    assert plural("ui.result.falls", 2, DE) == "2 Stürze oder Stolperer erkannt."


@pytest.mark.parametrize(
    ("tr", "counts", "text"),
    [
        (EN, {"forefoot": 1, "unknown": 3}, "100% (1 of 4 steps; 3 unknown)"),
        (DE, {"forefoot": 1, "unknown": 3}, "100 % (1 von 4 Schritten; 3 unbekannt)"),
        (EN, {"forefoot": 3, "heel": 1}, "100% (3 of 4 steps)"),
        (DE, {"forefoot": 3, "heel": 1}, "100 % (3 von 4 Schritten)"),
        (EN, {"forefoot": 1}, "100% (1 of 1 step)"),
    ],
)
def test_forefoot_share_says_of_how_many_steps(tr: Translator, counts: dict[str, int], text: str) -> None:
    assert forefoot_share_text(1.0, counts, tr) == text


def test_forefoot_share_with_every_step_unknown() -> None:
    assert forefoot_share_text(None, {"unknown": 4}, EN) == "– (0 of 4 steps; 4 unknown)"
    assert forefoot_share_text(None, {"unknown": 4}, DE) == "– (0 von 4 Schritten; 4 unbekannt)"


def test_forefoot_share_without_counts_is_the_plain_percentage() -> None:
    assert forefoot_share_text(0.75, None, EN) == "75%"
    assert forefoot_share_text(0.75, {}, DE) == "75 %"


def test_strike_counts_of_steps() -> None:
    assert strike_counts_of(["forefoot", None, "heel", "unknown", "", "forefoot"]) == {
        "forefoot": 2,
        "unknown": 3,
        "heel": 1,
    }


def test_forefoot_steps_text_alone() -> None:
    assert forefoot_steps_text({"forefoot": 2, "flat": 1, "unknown": 1}, EN) == "(2 of 4 steps; 1 unknown)"
    assert forefoot_steps_text({"unknown": 1}, DE) == "(0 von 1 Schritt; 1 unbekannt)"
    assert forefoot_steps_text(None, EN) == ""
