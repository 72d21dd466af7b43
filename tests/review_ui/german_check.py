"""Find English catalogue texts among what a page shows (for the "German everywhere" tests).

:func:`visible_strings` collects every string of a rendered AppTest page: the element protos
(titles, markdown, captions, alerts, labels, options, placeholders, help, tabs, expanders, image
captions, metric labels and values, download and link labels), the cells and column names of
dataframes and the texts inside chart specs (titles, axes, legends, their data).
:func:`english_leftovers` returns those that are an English message (a fixed text, or a
template with its ``{placeholders}`` filled) which German words differently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from vision.feedback.i18n import TABLES

MIN_SUBSTRING = 25
"""English messages at least this long are also found inside a longer string."""
MIN_LETTERS = 3
"""Messages with fewer letters outside their placeholders (``{date} · {length}``) are not words."""


_INTERNAL = frozenset({"field", "fields", "type", "name", "as", "groupby", "param", "encodings"})
"""Chart spec keys whose values are data field names, never shown."""


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in "{[":
            try:
                yield from _strings(json.loads(text))  # a chart spec
                return
            except ValueError:
                pass
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in _INTERNAL:
                yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _nodes(node: object) -> Iterator[object]:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def visible_strings(at: AppTest) -> list[str]:
    """Every string the rendered page holds (see the module docstring)."""
    out: list[str] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            out += _strings(MessageToDict(proto))
        if type(node).__name__ == "Dataframe":
            frame = node.value
            out += [str(c) for c in frame.columns]
            for col in frame.columns:
                out += [v for v in frame[col].tolist() if isinstance(v, str)]
    return out


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_]*\}", template)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.DOTALL)


def english_messages(lang: str = "de") -> dict[str, re.Pattern[str]]:
    """English messages worded differently in ``lang``, as patterns (placeholders match any text)."""
    en, other = TABLES["en"], TABLES[lang]

    def wordy(v: str) -> bool:
        return sum(c.isalpha() for c in re.sub(r"\{[a-z_]*\}", "", v)) >= MIN_LETTERS

    return {k: _pattern(v) for k, v in en.items() if other.get(k) != v and wordy(v)}


def english_leftovers(strings: Iterable[str], lang: str = "de") -> list[tuple[str, str]]:
    """``(key, shown string)`` for each shown string that is an English message (whole, or for a
    long message also inside the string)."""
    found = []
    patterns = english_messages(lang)
    for text in set(strings):
        for key, pattern in patterns.items():
            whole = pattern.fullmatch(text.strip()) is not None
            inside = len(TABLES["en"][key]) >= MIN_SUBSTRING and pattern.search(text) is not None
            if whole or inside:
                found.append((key, text))
    return sorted(found)
