"""Feedback: which cue to give now (priorities, cooldowns), in which words (en/de), spoken how.

- :class:`CueEngine` — FrameMetrics + events per frame in, at most one active :class:`Cue` out.
- :func:`t` / :class:`Translator` — the i18n tables of cues and UI texts.
- :class:`SetupAdvisor` — camera-setup guidance (person not fully in view, view limits).
- :func:`speech_html` — browser speech synthesis snippet for a cue.

Pure Python (no Streamlit); see ``docs/app.md``.
"""

from vision.feedback.cues import SWITCHABLE, Cue, CueConfig, CueEngine, CueKind
from vision.feedback.i18n import LANGUAGE_NAMES, LANGUAGES, Translator, fold_ascii, speech_lang, t
from vision.feedback.setup import SetupAdvisor, assess
from vision.feedback.speech import speech_html

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "SWITCHABLE",
    "Cue",
    "CueConfig",
    "CueEngine",
    "CueKind",
    "SetupAdvisor",
    "Translator",
    "assess",
    "cue_text",
    "fold_ascii",
    "speech_html",
    "speech_lang",
    "t",
]


def cue_text(cue: Cue, lang: str) -> str:
    """The words of ``cue`` in ``lang``."""
    return t(cue.key, lang, **cue.params)
