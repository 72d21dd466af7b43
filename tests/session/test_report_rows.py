"""The numbers of the Markdown report as people read them (glances, strike shares)."""

from __future__ import annotations

from vision.feedback import Translator
from vision.session.report import console_line, report_markdown
from vision.session.summary_json import from_json

SHORT = {
    "duration_s": 9.0,
    "steps": 4,
    "glances": 2,
    "glances_per_min": 13.3,
    "strike_share": {"forefoot": 1.0},
}
LONG = {**SHORT, "duration_s": 120.0, "glances": 3, "glances_per_min": 1.5}


def _rows(d: dict, lang: str, counts: dict[str, int] | None = None) -> list[str]:
    text = report_markdown(
        title="t", summary=from_json(d), counts=counts or {}, files={}, tr=Translator(lang)
    )
    return [line for line in text.splitlines() if line.startswith("| ")]


def test_a_short_clip_reports_the_number_of_glances() -> None:
    assert "| Glances over the shoulder | 2 |" in _rows(SHORT, "en")
    assert "| Blicke über die Schulter | 2 |" in _rows(SHORT, "de")
    assert not any("per minute" in r or "13" in r for r in _rows(SHORT, "en"))


def test_from_one_minute_on_the_rate() -> None:
    assert "| Glances over the shoulder per minute | 1.5 |" in _rows(LONG, "en")
    assert "| Blicke über die Schulter pro Minute | 1,5 |" in _rows(LONG, "de")


def test_the_forefoot_share_says_how_many_steps_were_unknown() -> None:
    counts = {"forefoot": 1, "unknown": 3}
    assert "| Forefoot landings | 100% (1 of 4 steps; 3 unknown) |" in _rows(SHORT, "en", counts)
    assert "| Vorfußaufsatz | 100 % (1 von 4 Schritten; 3 unbekannt) |" in _rows(SHORT, "de", counts)
    assert "| Forefoot landings | 100% |" in _rows(SHORT, "en")  # no step counts: the plain share


def test_the_console_line_in_english_and_german() -> None:
    d = {**LONG, "direction": "backward", "steps": 8, "cadence_spm": 96.54, "upright_share": 0.83}
    d["strike_share"] = {"forefoot": 0.75, "flat": 0.125, "heel": 0.125}
    d["over_rotations"] = 1
    s = from_json(d)
    counts = {"forefoot": 6, "flat": 1, "heel": 1}
    assert console_line(s, Translator("en"), counts) == (
        "backward, 8 steps, cadence 96.5 steps/min, forefoot 75% (6 of 8 steps), upright 83%, "
        "3 glances (1 over-rotated)"
    )
    assert console_line(s, Translator("de"), {**counts, "unknown": 2}) == (
        "rückwärts, 8 Schritte, Kadenz 96,5 Schritte/Min., Vorfuß 75 % (6 von 10 Schritten; 2 unbekannt), "
        "aufrecht 83 %, 3 Schulterblicke (1 überdreht)"
    )


def test_the_console_line_without_counts_or_cadence() -> None:
    s = from_json({"duration_s": 5.0, "steps": 1, "glances": 1, "strike_share": {"forefoot": 1.0}})
    assert console_line(s, Translator("en")) == (
        "unknown, 1 step, cadence –, forefoot 100%, upright –, 1 glance (0 over-rotated)"
    )


def test_over_rotation_advice_in_plural_forms() -> None:
    one = report_markdown(
        title="t", summary=from_json({**SHORT, "over_rotations": 1}), counts={}, files={}, tr=Translator("de")
    )
    two = report_markdown(
        title="t", summary=from_json({**SHORT, "over_rotations": 2}), counts={}, files={}, tr=Translator("en")
    )
    assert "- 1 Blick drehte den Hals zu weit" in one and "(e)" not in one
    assert "- 2 glances turned the neck too far" in two and "(s)" not in two
