"""User text made safe for Streamlit's Markdown-rendering elements (``st.markdown``, ``st.error``,
labels...): names, notes and error messages show literally, never as Markdown, HTML or LaTeX."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])")


def md_escape(text: object, *, multiline: bool = False) -> str:
    """``text`` for a Markdown-rendering element (``st.markdown``, ``st.error``, labels...):
    every Markdown, HTML and LaTeX special character is backslash-escaped so that it shows
    literally. Line breaks become spaces, or hard line breaks when ``multiline``."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [_MD_SPECIAL.sub(r"\\\1", line.strip() if multiline else line) for line in lines]
    return "  \n".join(escaped) if multiline else " ".join(escaped)
