"""The eval's outputs: the tables as text, the JSON file, and the generated ``docs/accuracy.md``."""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from vision.evaluation.labels_shared import REVIEWS_FILE
from vision.evaluation.metrics import ClipScore
from vision.evaluation.table import Table, confusion_table, groups, metrics_table, shared_table
from vision.evaluation.targets import targets_table
from vision.evaluation.totals import totals


@dataclass(frozen=True)
class RunFacts:
    """How the run was made (the page's header)."""

    command: str
    seeds: str
    wall_s: float
    jobs: int
    threads: int
    from_cache: int
    failures: tuple[tuple[str, str], ...]
    skipped: tuple[tuple[str, str], ...]


def _git(root: Path, *args: str) -> str:
    """The output of ``git -C root args...``, stripped."""
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def _commit(root: Path) -> str:
    try:
        sha = _git(root, "rev-parse", "--short=12", "HEAD")
        dirty = _git(root, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{sha} (with uncommitted changes)" if dirty else sha


def text_table(t: Table) -> str:
    widths = [max(len(r[i]) for r in (t.header, *t.rows)) for i in range(len(t.header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in (t.header, *t.rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def md_table(t: Table) -> str:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([row(t.header), row(["---"] * len(t.header)), *(row(r) for r in t.rows)])


def _tables(scores: Sequence[ClipScore]) -> list[tuple[str, Table]]:
    out = [("Metrics", metrics_table(scores)), ("Targets (issues 11 and 12)", targets_table(scores))]
    shared = shared_table(scores)
    if shared.rows:
        out.append(("Shared real clips, one row per clip", shared))
    for name, sub in groups(scores):
        if name.startswith("r: "):
            continue
        conf = confusion_table(sub, name)
        if conf is not None:
            out.append((f"Strike confusion, {name}", conf))
    return out


def render_text(scores: Sequence[ClipScore]) -> str:
    return "\n\n".join(f"{title}\n{text_table(t)}" for title, t in _tables(scores))


#: Skipped videos named on the page, per reason (the rest are counted).
MAX_NAMED = 5

DEFINITIONS = """\
- **Contacts**: each labelled initial contact is matched to the nearest detected contact of the
  same foot within 0.25 s, one to one (closest pairs first). MAE is over matched contacts; "within
  ±k" is the share of *labelled* contacts with a match that close (a missed contact counts as
  not within). Spurious = detected contacts in the labelled span matched to nothing (rendered:
  the whole clip; partly labelled real clips: the labelled contacts ± 0.25 s). "While walking"
  keeps the labelled contacts inside a walking pass and outside turns: the steps of a turn on the
  spot and of standing still are left out there (they are in the rows without it).
- **Strike**: exact labels score the matched steps; a weak label ("every step heel") scores every
  detected step in the walking passes (turns excluded). Accuracy is over classified steps
  (not `unknown`); the unknown share is over all scored steps. "Classified where not
  measurable": steps given a class on clips whose label says strike cannot be told there.
- **Same-foot repeats**: consecutive detected contacts of one foot within one walking pass.
- **Direction**: per stride, the step's direction for matched labelled steps; per pass, the most
  frequent forward/backward frame direction in each labelled pass.
- **Glances**: a detected glance matches a labelled one when their frames overlap (one to one,
  largest overlap first). Recall counts labelled glances of ≥ 30° held ≥ 0.3 s; precision and
  false glances per minute use clips whose label states the glances (possibly "none"); peak-yaw
  error = | |detected peak| − labelled peak | of matched glances. Over-rotation precision: flagged
  glances matched to a labelled glance beyond the coach's own limits (75°, or held over 2 s).
- **Posture**: upright share = frames the coach calls upright among frames it measured, pooled
  over clips with that posture label. Trunk-lean MAE over frames with both values.
- **Landmarks**: distance between the engine's landmarks and the labelled projected points, in
  pixels and as a share of the body's height in pixels (median over frames of the vertical
  extent of the labelled landmarks, eyes to soles, a little under the stature).
- **Reversed copies**: frames r = N − 1 − f, written losslessly (libx264 CRF 0) and analysed as
  new clips; labels as the label file states (forward toe-offs become forefoot contacts).
"""


def render_markdown(scores: Sequence[ClipScore], facts: RunFacts) -> str:
    cores = os.cpu_count()
    rendered = [s for s in scores if s.kind == "rendered"]
    shared = [s for s in scores if s.kind == "shared"]
    seeds = sorted({s.seed for s in rendered if s.seed is not None})
    frames = sum(s.frames for s in scores)
    analysis = sum(s.analysis_s for s in scores)
    lines = [
        "# Accuracy of the coach (`retrowalk eval`)",
        "",
        "Generated by the command below from its run; do not edit by hand (re-run it instead).",
        "",
        f"- command: `{facts.command}`",
        f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; commit {_commit(Path.cwd())}",
        f"- machine: {cores} cores ({platform.machine()}, {platform.system()}); "
        f"{facts.jobs} clip(s) at once, {facts.threads} onnxruntime thread(s) each",
        f"- clips: {len(rendered)} rendered, {sum(not s.reversed for s in shared)} shared real clips, "
        f"{sum(s.reversed for s in shared)} reversed copies; {frames} frames",
        f"- seeds scored: {facts.seeds}"
        + (f" (present: {len(seeds)} seeds, {seeds[0]}–{seeds[-1]})" if seeds else " (no seeded clips)"),
        f"- analysis: {analysis:.0f} s in all ({frames / max(analysis, 1e-9):.1f} frames/s per clip process,"
        f" {facts.jobs} at once on a shared machine; cached clips count the time of the run that made them);"
        f" this run took {facts.wall_s:.0f} s, {facts.from_cache} clip(s) read from the cache",
    ]
    for name, why in facts.failures:
        lines.append(f"- **failed**: {name}: {why}")
    reasons = sorted({why for _, why in facts.skipped})
    for why in reasons:
        names = [Path(n).name for n, w in facts.skipped if w == why]
        more = f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else ""
        lines.append(f"- skipped ({why}): {len(names)} video(s): {', '.join(names[:MAX_NAMED])}{more}")
    lines += ["", "## How the numbers are made", "", DEFINITIONS]
    for title, t in _tables(scores):
        lines += [f"## {title}", "", md_table(t), ""]
    return "\n".join([*lines, *_review_lines()])


def _review_lines() -> list[str]:
    """The section on the shared labels the project reviewed (``label_reviews.json``)."""
    doc = json.loads(REVIEWS_FILE.read_text())
    lines = ["## Label reviews", "", doc["about"], ""]
    for video, r in sorted(doc["reviews"].items()):
        passes = "; ".join(
            f"{p['direction']}, {p['strike']}, frames {p['frames'][0]}-{p['frames'][1]}" for p in r["passes"]
        )
        turns = "; ".join(f"{a}-{b}" for a, b in r["turns"]) or "none"
        lines += [
            f"- **{video}** (reviewed {r['reviewed']}). The shared label: {r['shared_label_says']}. "
            f"The frames: {r['frames_show']} Scored as: {passes}; turns or stops: {turns}.",
        ]
    return [*lines, ""]


def _jsonable(v: object) -> object:
    if dataclasses.is_dataclass(v):
        return {f.name: _jsonable(getattr(v, f.name)) for f in dataclasses.fields(v)}
    if isinstance(v, np.ndarray):
        return (
            v.tolist()
            if v.ndim != 1 or v.size <= 64
            else {"count": int(v.size), "median": float(np.median(v))}
        )
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        if len(v) > 64 and all(isinstance(x, (int, float)) for x in v):
            return {"count": len(v), "median": float(np.median(v))}
        return [_jsonable(x) for x in v]
    if isinstance(v, (np.integer, np.floating, np.bool_)):
        return v.item()
    if isinstance(v, float) and v != v:
        return None
    return v if isinstance(v, (str, int, float, bool, type(None))) else str(v)


def write_json(path: Path, scores: Sequence[ClipScore], facts: RunFacts) -> None:
    """Per-clip scores (long error lists as count and median) and the totals of each group."""
    doc = {
        "schema": "retrowalk.eval/1",
        "run": _jsonable(facts),
        "groups": {name: _jsonable(totals(sub)) for name, sub in groups(scores)},
        "clips": [_jsonable(s) for s in scores],
    }
    Path(path).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
