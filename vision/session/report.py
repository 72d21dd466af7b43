"""A short, plain-words report (Markdown) that ties the outputs of one analysis together."""

from __future__ import annotations

from pathlib import Path

from vision.session.summary import SessionSummary

HEEL_SHARE_ADVICE = 0.2
"""Heel-strike share above which the report asks for softer landings."""
FOREFOOT_SHARE_PRAISE = 0.8
"""Forefoot share from which the report praises the landing."""
UPRIGHT_SHARE_ADVICE = 0.8
"""Upright share below which the report asks to stand tall."""
GLANCES_PER_MIN_ADVICE = 1.0
"""Glances per minute below which the report reminds to glance back."""


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.0f} %"


def _val(v: float | None, unit: str, digits: int = 0) -> str:
    return "—" if v is None else f"{v:.{digits}f} {unit}".strip()


def advice(summary: SessionSummary) -> list[str]:
    """Coaching advice in plain words, most important first."""
    out: list[str] = []
    if summary.falls:
        fall = summary.falls[0]
        out.append(
            f"A {fall.kind} was detected at {fall.time_s:.1f} s. Please stop, rest, and "
            "train only with someone nearby until you feel steady again."
        )
    direction = summary.direction
    if direction == "forward":
        out.append("You walked forward in this clip. The exercise is walking *backward*, toes landing first.")
    heel, fore = summary.strike_share.heel, summary.strike_share.forefoot
    if heel is not None and heel > HEEL_SHARE_ADVICE:
        out.append(
            f"{_pct(heel)} of your steps landed heel first. Reach back with the ball of the foot and "
            "let the heel come down after it: it is softer on the knee."
        )
    elif fore is not None and fore >= FOREFOOT_SHARE_PRAISE:
        out.append(f"Good landing: {_pct(fore)} of your steps touched down on the ball of the foot first.")
    upright = summary.upright_share
    if upright is not None and upright < UPRIGHT_SHARE_ADVICE:
        out.append(
            f"You were upright {_pct(upright)} of the time. Stand tall, chest up, and look ahead — "
            "not at your feet."
        )
    gpm = summary.glances_per_min
    if gpm is not None and gpm < GLANCES_PER_MIN_ADVICE and direction == "backward":
        out.append("Glance over your shoulder now and then (every 10–20 s) to check your path.")
    if summary.over_rotations:
        out.append(
            f"{summary.over_rotations} glance(s) turned the neck too far or too long: a short look "
            "is enough; turn the shoulders a little with the head."
        )
    if not out:
        out.append("Nice session: upright posture, safe glances and soft landings. Keep building up slowly.")
    return out


def write_report(path: Path, *, title: str, summary: SessionSummary, files: dict[str, Path]) -> None:
    """``report.md`` next to the other outputs (links are relative file names)."""
    s, share = summary, summary.strike_share
    rows = [
        ("Direction of walking", s.direction),
        ("Duration", _val(s.duration_s, "s", 1)),
        ("Time walking backward", _val(s.walking_time_backward_s, "s", 1)),
        ("Steps", str(s.steps)),
        ("Cadence", _val(s.cadence_spm, "steps/min")),
        ("Forefoot / flat / heel", " / ".join(_pct(v) for v in (share.forefoot, share.flat, share.heel))),
        ("Upright time", _pct(s.upright_share)),
        ("Glances per minute", _val(s.glances_per_min, "", 1)),
        ("Over-rotations", str(s.over_rotations)),
        ("Camera view", s.view),
        ("Subject found in", _pct(s.detection_rate)),
    ]
    lines = [f"# RetroWalk Coach — {title}", "", "## Advice", ""]
    lines += [f"- {a}" for a in advice(summary)]
    lines += ["", "## Numbers", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    missing = s.not_measurable
    if missing:
        lines += ["", "## Not measurable in this video", ""]
        lines += [f"- **{k}**: {v}" for k, v in missing.items()]
    lines += ["", "## Files", ""]
    for key, p in files.items():
        if p.suffix == ".png":
            lines += [f"![{key}]({p.name})", ""]
        elif p != path:
            lines.append(f"- [{p.name}]({p.name})")
    model = s.run.model.backend if s.run.model is not None else "?"
    lines += ["", f"_Model: {model}; RetroWalk Coach {s.run.app_version or '?'}._", ""]
    path.write_text("\n".join(lines))
