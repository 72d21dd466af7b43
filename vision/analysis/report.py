"""A short, plain-words report (Markdown) that ties the outputs of one analysis together."""

from __future__ import annotations

from pathlib import Path


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.0f} %"


def _val(v: float | None, unit: str, digits: int = 0) -> str:
    return "—" if v is None else f"{v:.{digits}f} {unit}".strip()


def advice(summary: dict) -> list[str]:
    """Coaching advice in plain words, most important first."""
    out: list[str] = []
    falls = summary.get("falls") or []
    if falls:
        out.append(
            f"A {falls[0]['kind']} was detected at {falls[0]['time_s']:.1f} s. Please stop, rest, and "
            "train only with someone nearby until you feel steady again."
        )
    direction = summary.get("direction")
    if direction == "forward":
        out.append("You walked forward in this clip. The exercise is walking *backward*, toes landing first.")
    share = summary.get("strike_share") or {}
    heel, fore = share.get("heel"), share.get("forefoot")
    if heel is not None and heel > 0.2:
        out.append(
            f"{_pct(heel)} of your steps landed heel first. Reach back with the ball of the foot and "
            "let the heel come down after it: it is softer on the knee."
        )
    elif fore is not None and fore >= 0.8:
        out.append(f"Good landing: {_pct(fore)} of your steps touched down on the ball of the foot first.")
    upright = summary.get("upright_share")
    if upright is not None and upright < 0.8:
        out.append(
            f"You were upright {_pct(upright)} of the time. Stand tall, chest up, and look ahead — "
            "not at your feet."
        )
    gpm = summary.get("glances_per_min")
    if gpm is not None and gpm < 1 and direction == "backward":
        out.append("Glance over your shoulder now and then (every 10–20 s) to check your path.")
    if summary.get("over_rotations"):
        out.append(
            f"{summary['over_rotations']} glance(s) turned the neck too far or too long: a short look "
            "is enough; turn the shoulders a little with the head."
        )
    if not out:
        out.append("Nice session: upright posture, safe glances and soft landings. Keep building up slowly.")
    return out


def write_report(path: Path, video_name: str, summary: dict, files: dict[str, Path]) -> None:
    """``report.md`` next to the other outputs (links are relative file names)."""
    share = summary.get("strike_share") or {}
    rows = [
        ("Direction of walking", str(summary.get("direction", "—"))),
        ("Duration", _val(summary.get("duration_s"), "s", 1)),
        ("Time walking backward", _val(summary.get("walking_time_backward_s"), "s", 1)),
        ("Steps", str(summary.get("steps", 0))),
        ("Cadence", _val(summary.get("cadence_spm"), "steps/min")),
        ("Forefoot / flat / heel", " / ".join(_pct(share.get(k)) for k in ("forefoot", "flat", "heel"))),
        ("Upright time", _pct(summary.get("upright_share"))),
        ("Glances per minute", _val(summary.get("glances_per_min"), "", 1)),
        ("Over-rotations", str(summary.get("over_rotations", 0))),
        ("Camera view", str(summary.get("view", "—"))),
        ("Subject found in", _pct(summary.get("detection_rate"))),
    ]
    lines = [f"# RetroWalk Coach — {video_name}", "", "## Advice", ""]
    lines += [f"- {a}" for a in advice(summary)]
    lines += ["", "## Numbers", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    missing = summary.get("not_measurable") or {}
    if missing:
        lines += ["", "## Not measurable in this video", ""]
        lines += [f"- **{k}**: {v}" for k, v in missing.items()]
    lines += ["", "## Files", ""]
    for key, p in files.items():
        if p.suffix == ".png":
            lines += [f"![{key}]({p.name})", ""]
        elif p != path:
            lines.append(f"- [{p.name}]({p.name})")
    lines += [
        "",
        f"_Model: {summary.get('model', {}).get('backend', '?')}; "
        f"RetroWalk Coach {summary.get('app_version', '?')}._",
        "",
    ]
    path.write_text("\n".join(lines))
