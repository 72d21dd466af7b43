"""Dates, times and numbers per language: German weekday/month names, decimal comma."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from vision.feedback.dates import (
    format_date,
    format_datetime,
    format_number,
    format_percent,
    format_signed,
)

WED = datetime(2026, 12, 2, 14, 5, 9, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Wed 2 Dec 2026, 14:05"), ("de", "Mi., 2. Dez. 2026, 14:05"), ("xx", "Wed 2 Dec 2026, 14:05")],
)
def test_date_and_time(lang: str, expected: str) -> None:
    assert format_datetime(WED, lang) == expected


def test_every_german_month_and_weekday_is_german() -> None:
    months = [format_date(date(2026, m, 1), "de", weekday=False).split(" ", 1)[1] for m in range(1, 13)]
    assert months[2] == "März 2026" and months[4] == "Mai 2026" and months[11] == "Dez. 2026"
    monday = date(2026, 11, 30)
    days = [format_date(monday + timedelta(days=d), "de").split(",")[0] for d in range(7)]
    assert days == ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
    assert format_datetime(WED, "de", weekday=False, seconds=True) == "2. Dez. 2026, 14:05:09"
    assert format_datetime(None, "de") == "–"


def test_numbers_get_the_language_decimal_mark() -> None:
    assert format_number(96.46, "en") == "96.5" and format_number(96.46, "de") == "96,5"
    assert format_number(0.126, "de", 2) == "0,13" and format_number(0.126, "en", 2) == "0.13"
    assert format_number(12, "de", 0) == "12" and format_number(None, "de") == "–"
    assert format_percent(0.834, "en") == "83%" and format_percent(0.834, "de") == "83 %"
    assert format_signed(1.26, "de") == "+1,3"
    assert format_signed(-0.2, "de") == "-0,2" and format_signed(0.0, "en") == "+0.0"
