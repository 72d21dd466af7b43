"""Read the label files of the shared real clips (``../shared/videos/labels/*.json``).

Their formats differ; each states only some things, and a clip is scored only on those:

- ``initial_contacts`` / ``toe_offs`` (exact frames, with a tolerance), ``strike_class_all_steps``,
  ``direction``, ``subject.visible_frames`` (sports2d);
- ``weak_labels`` whose strings begin with the answer ("heel: every walking step…", "none: …",
  "upright") and name the turn's frames ("a turn … around frames 290-330") (gym_walk_turn);
- ``reversed_proxy``: how to reverse ("frame r = 400 - f") and what the reversed copy shows
  (explicit reversed contacts, or an ``expected`` sentence: "backward walking on both passes,
  every step forefoot first, no glances, upright");
- ``expected_behaviour`` sentences for clips without structured labels: "gait metrics not
  measurable" (no gait), "must not be counted as an over-the-shoulder glance" (no glances),
  "foot-strike classes … not measurable" (strike cannot be told), "cadence … 150-190 steps/min".
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from vision.evaluation.labels import STRIKES, ClipLabels, LabelStep, Span
from vision.evaluation.reversal import reverse_labels

_TURN = re.compile(r"turn[^.;]*?frames?\s+(\d+)\s*[-–]\s*(\d+)")
_REVERSE = re.compile(r"r\s*=\s*(\d+)\s*-\s*f")
_CADENCE = re.compile(r"(\d+)\s*[-–]\s*(\d+)\s*steps/min")
REVIEWS_FILE = Path(__file__).with_name("label_reviews.json")
"""Shared labels the project reviewed against the frames (docs/accuracy.md, Label reviews)."""


def is_shared_label(doc: dict) -> bool:
    """True for a shared real clip's label document."""
    return "format" in doc and "video" in doc and "schema" not in doc


def _lead_word(text: str | None) -> str | None:
    """The answer a weak label begins with: ``"heel: every step…"`` → ``"heel"``."""
    if not text:
        return None
    return re.split(r"[\s:;,(]", text.strip().lower(), maxsplit=1)[0] or None


def _direction(text: str | None) -> str | None:
    word = _lead_word(text)
    return word if word in ("forward", "backward", "standing") else None


def _steps(doc: dict, direction: str | None, strike: str | None) -> tuple[LabelStep, ...] | None:
    contacts = doc.get("initial_contacts")
    if not contacts:
        return None
    offs = sorted((t["frame"], t["foot"]) for t in doc.get("toe_offs") or ())
    steps = []
    for c in sorted(contacts, key=lambda c: c["frame"]):
        lift = next((f for f, foot in offs if foot == c["foot"] and f > c["frame"]), -1)
        steps.append(LabelStep(c["foot"], int(c["frame"]), int(lift), strike, direction))
    return tuple(steps)


def _walking(doc: dict, n: int, direction: str | None) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Walking passes (with their direction) and turns."""
    weak = doc.get("weak_labels") or {}
    text = weak.get("direction") or ""
    turn = _TURN.search(text)
    if turn:
        a, b = int(turn.group(1)), int(turn.group(2))
        return (Span(0, a - 1, direction), Span(b + 1, n - 1, direction)), (Span(a, b),)
    visible = (doc.get("subject") or {}).get("visible_frames")
    if visible and doc.get("initial_contacts"):
        return (Span(int(visible[0]), int(visible[1]), direction),), ()
    if direction in ("forward", "backward"):
        return (Span(0, n - 1, direction),), ()
    return (), ()


def _behaviour_facts(text: str) -> dict:
    """What an ``expected_behaviour`` sentence states, as ClipLabels fields."""
    text = text.lower()
    facts: dict = {}
    if "gait metrics not measurable" in text or "no gait" in text:
        facts["gait"] = False
    if "not be counted as" in text and "glance" in text:
        facts["glances"] = ()
    if re.search(r"foot-strike classes[^.]*not measurable", text):
        facts["strike_measurable"] = False
    cadence = _CADENCE.search(text)
    if cadence:
        facts["cadence_range_spm"] = (float(cadence.group(1)), float(cadence.group(2)))
    return facts


def _states(lab: dict) -> tuple[str, ...]:
    words = []
    if lab.get("steps"):
        words.append(f"{len(lab['steps'])} contacts")
    if lab.get("strike_all"):
        words.append(f"every step {lab['strike_all']}")
    if lab.get("direction"):
        words.append(lab["direction"])
    if lab.get("glances") == ():
        words.append("no glances")
    if lab.get("posture"):
        words.append(lab["posture"])
    if lab.get("gait") is False:
        words.append("no gait")
    if lab.get("strike_measurable") is False:
        words.append("strike not measurable")
    if lab.get("cadence_range_spm"):
        lo, hi = lab["cadence_range_spm"]
        words.append(f"cadence {lo:.0f}-{hi:.0f}/min")
    return tuple(words)


def _forward(doc: dict, label_path: Path, video: Path) -> ClipLabels:
    fmt = doc["format"]
    n = int(fmt["frames"])
    weak = doc.get("weak_labels") or {}
    direction = _direction(doc.get("direction")) or _direction(weak.get("direction"))
    strike = doc.get("strike_class_all_steps") or _lead_word(weak.get("strike"))
    strike = strike if strike in STRIKES else None
    walking, turns = _walking(doc, n, direction)
    fields: dict = {
        "direction": direction,
        "steps": _steps(doc, direction, strike),
        "contact_tolerance_frames": doc.get("initial_contact_tolerance_frames"),
        "strike_all": strike,
        "posture": _lead_word(weak.get("posture")),
        "glances": () if _lead_word(weak.get("glances")) == "none" else None,
        "walking": walking,
        "turns": turns,
        **_behaviour_facts(doc.get("expected_behaviour") or ""),
    }
    visible = (doc.get("subject") or {}).get("visible_frames")
    if visible:
        fields["scored_frames"] = Span(int(visible[0]), int(visible[1]))
    return ClipLabels(
        name=video.stem,
        video=video,
        kind="shared",
        fps=float(fmt["fps"]),
        frame_count=n,
        label_file=label_path,
        states=_states(fields),
        **fields,
    )


def _reversed(doc: dict, forward: ClipLabels, *, reviewed: bool = False) -> ClipLabels | None:
    """The time-reversed copy's labels, as the label's ``reversed_proxy`` states them; of a
    ``reviewed`` clip each pass is flipped with its own direction and strike swapped."""
    proxy = doc.get("reversed_proxy")
    if not proxy:
        return None
    how = _REVERSE.search(proxy.get("how") or proxy.get("note") or "")
    if how is None or int(how.group(1)) != forward.frame_count - 1:
        raise ValueError(
            f"{forward.label_file}: reversal rule does not map onto {forward.frame_count} frames"
        )
    expected = (proxy.get("expected") or "").lower()
    direction = proxy.get("direction") or next((d for d in ("backward", "forward") if d in expected), None)
    strike = proxy.get("strike_class_all_steps") or next((s for s in STRIKES if s in expected), None)
    if reviewed:
        direction = strike = None
    rev = reverse_labels(forward, direction=direction, strike=strike)
    fields: dict = {}
    explicit = proxy.get("initial_contacts_reversed_frame")
    if explicit:
        fields["contact_tolerance_frames"] = proxy.get("initial_contact_tolerance_frames")
        fields["steps"] = tuple(
            LabelStep(c["foot"], int(c["frame"]), -1, strike, direction)
            for c in sorted(explicit, key=lambda c: c["frame"])
        )
    if "no glances" in expected:
        fields["glances"] = ()
    if "upright" in expected:
        fields["posture"] = "upright"
    merged = {k: getattr(rev, k) for k in ("steps", "strike_all", "direction", "glances", "posture")}
    merged.update(fields)
    merged["gait"], merged["cadence_range_spm"], merged["strike_measurable"] = True, None, True
    states = _states(merged)
    if reviewed:
        states = (_reviewed_words(rev.walking), *(w for w in states if w != rev.direction))
    return dataclasses.replace(rev, states=states, **fields)


def _review(doc: dict) -> dict | None:
    """The project's review of this clip's label (``label_reviews.json``), if any."""
    reviews = json.loads(REVIEWS_FILE.read_text())["reviews"]
    return reviews.get(doc.get("video") or "")


def _apply_review(labels: ClipLabels, review: dict) -> ClipLabels:
    """``labels`` with the reviewed passes (direction and strike each) and turns."""
    walking = tuple(
        Span(p["frames"][0], p["frames"][1], p["direction"], p["strike"]) for p in review["passes"]
    )
    turns = tuple(Span(a, b) for a, b in review["turns"])
    directions = {s.direction for s in walking}
    direction = directions.pop() if len(directions) == 1 else "mixed"
    kept = tuple(w for w in labels.states if not w.startswith(("every step", "forward", "backward")))
    return dataclasses.replace(
        labels,
        walking=walking,
        turns=turns,
        direction=direction,
        strike_all=None,
        states=(_reviewed_words(walking), *kept),
    )


def _reviewed_words(walking: tuple[Span, ...]) -> str:
    """What a reviewed clip's row says it states: each pass's direction, strike and frames."""
    return "reviewed: " + ", ".join(
        f"{s.direction} {s.strike} {s.start_frame}-{s.end_frame}" for s in walking
    )


def read_shared(label_path: Path, video: Path) -> list[ClipLabels]:
    """The clip as filmed and, when its label says how, its time-reversed copy (the passes of a
    clip the project reviewed come from the review, ``label_reviews.json``)."""
    doc = json.loads(Path(label_path).read_text())
    forward = _forward(doc, Path(label_path), video)
    review = _review(doc)
    if review is not None:
        forward = _apply_review(forward, review)
    rev = _reversed(doc, forward, reviewed=review is not None)
    return [forward] if rev is None else [forward, rev]
