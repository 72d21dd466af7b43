"""Message tables (English, German) and lookup: every cue and every UI text goes through here.

Keys are dotted (``cue.heel_strike``, ``ui.live.title``); messages may have ``{name}``
placeholders. A parameter value starting with ``@`` is itself a key, translated first
(``{"edge": "@edge.left"}``). A key missing in a language falls back to English, then to the
key itself, so a missing text shows up plainly instead of crashing the page.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping

from vision.feedback import lang_clinic_de, lang_clinic_en, lang_de, lang_en, lang_report_de, lang_report_en

LANGUAGES: tuple[str, ...] = ("en", "de")
"""Supported languages (ISO 639-1); the first is the default."""

LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "de": "Deutsch"}

_EN: dict[str, str] = {**lang_en.MESSAGES, **lang_clinic_en.MESSAGES, **lang_report_en.MESSAGES}
_DE: dict[str, str] = {**lang_de.MESSAGES, **lang_clinic_de.MESSAGES, **lang_report_de.MESSAGES}

TABLES: Mapping[str, Mapping[str, str]] = {"en": _EN, "de": _DE}
"""Every message by language: the app and cues (``lang_*``), the clinician pages
(``lang_clinic_*``: ``clinic.*`` keys) and reports, plots and shown values (``lang_report_*``:
``report.*``, ``plot.*``, ``metric.*``, ``unit.*``, ``value.*`` keys)."""

_SPEECH = {"en": "en-GB", "de": "de-DE"}


def speech_lang(lang: str) -> str:
    """BCP 47 tag for speech synthesis (``en`` → ``en-GB``, ``de`` → ``de-DE``)."""
    return _SPEECH.get(lang, "en-GB")


def t(key: str, lang: str = "en", /, **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params`` (see the module docstring)."""
    text = TABLES.get(lang, _EN).get(key) or _EN.get(key) or key
    if not params:
        return text
    values = {k: t(v[1:], lang) if isinstance(v, str) and v.startswith("@") else v for k, v in params.items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


class Translator:
    """``t`` bound to one language: ``tr = Translator('de'); tr('cue.hunching')``."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in TABLES else LANGUAGES[0]

    def __call__(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a message."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


_FOLD = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "–": "-",
        "—": "-",
        "…": "...",
        "°": " deg",
        "·": "-",
        "’": "'",
        "„": '"',
        "“": '"',
        "”": '"',
    }
)


def fold_ascii(text: str) -> str:
    """ASCII spelling for text drawn with OpenCV's Hershey fonts (``Fuß`` → ``Fuss``)."""
    folded = text.translate(_FOLD)
    return unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
