"""Dates, times and numbers for people, per language (no locale settings: the same on every machine).

English ``Wed 2 Dec 2026, 14:05``; German ``Mi., 2. Dez. 2026, 14:05``. Numbers get a decimal
point in English and a decimal comma in German (``1.5`` / ``1,5``); percentages ``85%`` /
``85 %``. Unknown values print as a dash.
"""

from __future__ import annotations

from datetime import date, datetime

DASH = "–"
"""What an unknown value prints as."""

_WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "de": ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."),
}
_MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."),
}
_DECIMAL = {"en": ".", "de": ","}


def _lang(lang: str) -> str:
    return lang if lang in _WEEKDAYS else "en"


def format_date(day: date | datetime | None, lang: str = "en", *, weekday: bool = True) -> str:
    """``Wed 2 Dec 2026`` / ``Mi., 2. Dez. 2026`` (without the weekday when ``weekday`` is false)."""
    if day is None:
        return DASH
    lg = _lang(lang)
    month = _MONTHS[lg][day.month - 1]
    text = f"{day.day}. {month} {day.year}" if lg == "de" else f"{day.day} {month} {day.year}"
    if not weekday:
        return text
    name = _WEEKDAYS[lg][day.weekday()]
    return f"{name}, {text}" if lg == "de" else f"{name} {text}"


def format_time(moment: datetime, *, seconds: bool = False) -> str:
    """``14:05`` (24-hour clock in both languages), ``14:05:09`` with ``seconds``."""
    return moment.strftime("%H:%M:%S" if seconds else "%H:%M")


def format_datetime(
    moment: datetime | None, lang: str = "en", *, weekday: bool = True, seconds: bool = False
) -> str:
    """``Wed 2 Dec 2026, 14:05`` / ``Mi., 2. Dez. 2026, 14:05`` (a dash for ``None``)."""
    if moment is None:
        return DASH
    return f"{format_date(moment, lang, weekday=weekday)}, {format_time(moment, seconds=seconds)}"


def format_number(value: float | int | None, lang: str = "en", digits: int = 1) -> str:
    """``value`` with ``digits`` decimals and the language's decimal mark (a dash for ``None``)."""
    if value is None:
        return DASH
    if isinstance(value, int) and not isinstance(value, bool) and digits == 0:
        return str(value)
    text = f"{float(value):.{digits}f}"
    return text.replace(".", _DECIMAL[_lang(lang)])


def format_signed(value: float, lang: str = "en", digits: int = 1) -> str:
    """A change with its sign: ``+1.5`` / ``+1,5``, ``-0.2`` / ``-0,2``."""
    return ("+" if value >= 0 else "-") + format_number(abs(value), lang, digits)


def format_percent(share: float | None, lang: str = "en", digits: int = 0) -> str:
    """A 0..1 share as a percentage: ``85%`` / ``85 %``."""
    if share is None:
        return DASH
    number = format_number(100.0 * share, lang, digits)
    return f"{number} %" if _lang(lang) == "de" else f"{number}%"
