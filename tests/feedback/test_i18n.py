"""Texts: English and German complete and consistent; every key the code uses exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vision.feedback import LANGUAGES, CueKind, Translator, cue_text, fold_ascii, speech_lang, t
from vision.feedback.cues import Cue
from vision.feedback.i18n import TABLES, placeholders

REPO = Path(__file__).resolve().parents[2]
SOURCES = [*REPO.glob("vision/ui/**/*.py"), *REPO.glob("vision/live/*.py")]
SOURCES += REPO.glob("vision/feedback/*.py")
SOURCES += [
    *REPO.glob("vision/reports/*.py"),
    REPO / "vision/session/report.py",
    REPO / "vision/session/plots.py",
]
_KEY_CALL = re.compile(r"""\b(?:tr|t)\(\s*f?["']([a-z_.{}]+)["']""")
_KEY_LITERAL = re.compile(
    r"""["']((?:cue|setup|status|ui|nav|edge|strike|direction|cuekind|clinic|report|plot|pdf|chart|steps)"""
    r"""\.[a-z_.]+)["']"""
)


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    en, de = TABLES["en"], TABLES["de"]
    assert set(en) == set(de)
    for key in en:
        assert placeholders(en[key]) == placeholders(de[key]), key
        assert en[key].strip() and de[key].strip(), key


def test_german_is_really_german() -> None:
    en, de = TABLES["en"], TABLES["de"]
    same = [k for k in en if en[k] == de[k] and len(en[k]) > 12]
    assert not same, same


def _used_keys() -> set[str]:
    keys: set[str] = set()
    for path in SOURCES:
        if path.name.startswith("lang_"):
            continue
        text = path.read_text()
        keys |= set(_KEY_CALL.findall(text)) | set(_KEY_LITERAL.findall(text))
    return keys


def test_every_literal_key_used_in_the_code_exists() -> None:
    file_names = (".csv", ".json", ".png", ".md", ".mp4")
    used = {k for k in _used_keys() if "{" not in k and not k.endswith((".", "_", *file_names))}
    assert len(used) > 60
    en = TABLES["en"]
    plural_ok = lambda k: f"{k}.one" in en and f"{k}.other" in en  # noqa: E731  (values.plural)
    missing = sorted(k for k in used if k not in en and not plural_ok(k))
    assert not missing, missing


def test_keys_built_at_run_time_exist() -> None:
    en = TABLES["en"]
    for kind in CueKind:
        assert f"cuekind.{kind.value}" in en
    for edge in ("left", "right", "top", "bottom"):
        assert f"edge.{edge}" in en
    for strike in ("forefoot", "flat", "heel", "unknown"):
        assert f"strike.letter.{strike}" in en
    for d in ("backward", "forward", "standing", "turning", "unknown"):
        assert f"direction.{d}" in en
    for kind in ("fall", "stumble"):
        assert f"ui.halt.title_{kind}" in en
    for i in range(1, 6):
        assert f"ui.start.safety_{i}" in en
    for name in ("plot_trunk_yaw", "plot_feet", "plot_strikes"):
        assert f"ui.plot.{name}" in en
    from vision.clinic.models import SESSION_SOURCES
    from vision.clinic.summary import METRICS
    from vision.core.events import View
    from vision.session.formats import STEP_COLUMNS

    for status in ("complete", "interrupted", "recording"):
        assert f"clinic.status.{status}" in en
    assert all(f"clinic.source.{s}" in en for s in SESSION_SOURCES)
    assert all(f"metric.{m.key}" in en for m in METRICS)
    assert all(f"value.view.{v.value}" in en for v in View)
    assert all(f"steps.col.{c}" in en for c in STEP_COLUMNS)
    for kind, codes in (("foot", ("left", "right")), ("side", ("left", "right"))):
        assert all(f"value.{kind}.{c}" in en for c in codes)
    assert all(f"value.strike.{c}" in en for c in ("forefoot", "flat", "heel", "unknown"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cue_texts_format_in_every_language(lang: str) -> None:
    params = {"edge": "@edge.right", "seconds": "20", "minutes": "10"}
    for key in (k for k in TABLES["en"] if k.startswith("cue.")):
        cue = Cue(
            kind=CueKind.PRAISE,
            key=key,
            started_s=0.0,
            seq=1,
            params={k: v for k, v in params.items() if k in placeholders(TABLES[lang][key])},
        )
        text = cue_text(cue, lang)
        assert "{" not in text and "@" not in text, (key, text)


def test_parameters_that_are_keys_are_translated() -> None:
    assert t("cue.leaving_view", "de", edge="@edge.left") == "Am linken Bildrand: anhalten oder umdrehen."
    assert "left edge" in t("cue.leaving_view", "en", edge="@edge.left")


def test_fallbacks() -> None:
    assert t("no.such.key", "de") == "no.such.key"
    assert Translator("fr").lang == "en"
    assert t("ui.live.engine_error", "en") == TABLES["en"]["ui.live.engine_error"]  # missing params: raw
    assert speech_lang("de") == "de-DE" and speech_lang("en") == "en-GB" and speech_lang("xx") == "en-GB"


def test_fold_ascii_for_video_text() -> None:
    assert fold_ascii("Mit dem Fußballen aufsetzen – gut") == "Mit dem Fussballen aufsetzen - gut"
    assert fold_ascii("Übung über Größe") == "Uebung ueber Groesse"
    for lang in LANGUAGES:
        for text in TABLES[lang].values():
            assert fold_ascii(text).isascii()
