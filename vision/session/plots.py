"""The analysis plots as PNG files (matplotlib's object API: no display, no global pyplot state).

Titles, axes and legends are in the session's language and in plain words for patients
(degrees, "turned left/right", heights said to be relative); every plot with more than one
line has a legend."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from vision.feedback.dates import format_number
from vision.feedback.i18n import Translator
from vision.feedback.values import shown_value

_EN = Translator("en")
STRIKE_COLOURS = {"forefoot": "#3a9d3a", "flat": "#e0a000", "heel": "#d03030", "unknown": "#999999"}


def _floats() -> array:
    return array("d")


@dataclass
class Series:
    """Per-frame values for the plots, appended as a session streams (seconds, degrees, pixels).

    Packed arrays (8 bytes a value, 57 bytes a frame): an hour at 30 frames/s takes ≈6 MB.
    """

    t: array = field(default_factory=_floats)
    trunk_lean: array = field(default_factory=_floats)
    head_yaw: array = field(default_factory=_floats)
    glance: array = field(default_factory=lambda: array("b"))
    heel_y: array = field(default_factory=_floats)
    """Left, right, left, right… (pixels from the top)."""
    toe_y: array = field(default_factory=_floats)

    def add(self, *, t: float, trunk_lean: float, head_yaw: float, glance: bool, heel_y, toe_y) -> None:
        """One frame: ``heel_y`` and ``toe_y`` are (left, right) pixels from the top."""
        self.t.append(t)
        self.trunk_lean.append(trunk_lean)
        self.head_yaw.append(head_yaw)
        self.glance.append(int(bool(glance)))
        self.heel_y.extend(heel_y)
        self.toe_y.extend(toe_y)


def _save(fig: Figure, path: Path, *, left: float, bottom: float = 0.1, top: float = 0.97) -> None:
    """Write ``fig`` as PNG with fixed margins (an automatic layout costs ≈0.1 s per figure)."""
    fig.subplots_adjust(left=left, right=0.98, bottom=bottom, top=top, hspace=0.08)
    fig.savefig(path, dpi=100, pil_kwargs={"compress_level": 3})


def _spans(t: np.ndarray, flag: np.ndarray) -> list[tuple[float, float]]:
    edges = np.diff(np.concatenate([[0], flag.astype(np.int8), [0]]))
    starts, ends = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0] - 1
    return [(t[a], t[b]) for a, b in zip(starts, ends, strict=True)]


def _side_note(ax, text: str, *, top: bool) -> None:
    """What values above (``top``) or below zero mean, inside the plot's top or bottom left corner."""
    box = {"facecolor": "white", "alpha": 0.7, "lw": 0}
    y, va = (0.96, "top") if top else (0.04, "bottom")
    ax.text(0.01, y, text, transform=ax.transAxes, fontsize=8, color="#444", va=va, ha="left", bbox=box)


def plot_trunk_and_yaw(path: Path, s: Series, upright_limit_deg: float, *, tr: Translator = _EN) -> None:
    """Trunk lean and head turn over time (degrees), glances shaded, labels in plain words."""
    t = np.asarray(s.t)
    fig = Figure(figsize=(10, 5.5))
    a1, a2 = fig.subplots(2, 1, sharex=True)
    fig.suptitle(tr("plot.trunk_yaw.title"), fontsize=11)
    a1.plot(t, np.asarray(s.trunk_lean), color="#1f5fa8", lw=1.2, label=tr("plot.trunk_yaw.lean"))
    band = tr("plot.trunk_yaw.band", deg=format_number(upright_limit_deg, tr.lang, 0))
    a1.axhspan(-upright_limit_deg, upright_limit_deg, color="#3a9d3a", alpha=0.12, label=band)
    a1.set_ylabel(tr("plot.trunk_yaw.lean_axis"))
    _side_note(a1, tr("plot.trunk_yaw.lean_up"), top=True)
    a2.plot(t, np.asarray(s.head_yaw), color="#7a3fa0", lw=1.2, label=tr("plot.trunk_yaw.turn"))
    for i, (a, b) in enumerate(_spans(t, np.asarray(s.glance, bool))):
        for ax in (a1, a2):
            ax.axvspan(a, b, color="#e0a000", alpha=0.25, label=tr("plot.glance") if i == 0 else None)
    a2.set_ylabel(tr("plot.trunk_yaw.turn_axis"))
    _side_note(a2, tr("plot.trunk_yaw.turn_up"), top=True)
    _side_note(a2, tr("plot.trunk_yaw.turn_down"), top=False)
    a2.set_xlabel(tr("plot.time_s"))
    for ax in (a1, a2):
        ax.grid(alpha=0.3)
        ax.legend(loc="upper right", fontsize=8)
    _save(fig, path, left=0.1, top=0.93)


def plot_feet(
    path: Path, s: Series, *, contacts: list[tuple[float, str, str]], image_height: int, tr: Translator = _EN
) -> None:
    """Heel and toe heights of both feet (image pixels above the frame bottom: a relative
    height, no scale is known), landings marked and coloured by how the foot landed."""
    t = np.asarray(s.t)
    heel = image_height - np.asarray(s.heel_y, float).reshape(-1, 2)
    toe = image_height - np.asarray(s.toe_y, float).reshape(-1, 2)
    fig = Figure(figsize=(10, 5.5))
    axes = fig.subplots(2, 1, sharex=True)
    fig.suptitle(tr("plot.feet.title"), fontsize=11)
    for i, (ax, foot) in enumerate(zip(axes, ("left", "right"), strict=True)):
        ax.plot(t, heel[:, i], color="#d03030", lw=1, label=tr("plot.feet.heel"))
        ax.plot(t, toe[:, i], color="#3a9d3a", lw=1, label=tr("plot.feet.toe"))
        seen: set[str] = set()
        for ct, f, strike in contacts:
            if f == foot:
                label = (
                    None
                    if strike in seen
                    else tr("plot.feet.landing", strike=shown_value("strike", strike, tr))
                )
                seen.add(strike)
                ax.axvline(
                    ct, color=STRIKE_COLOURS.get(strike, "#999"), lw=1.5, alpha=0.8, ls="--", label=label
                )
        ax.set_ylabel(tr(f"plot.feet.height_{foot}"))
        ax.grid(alpha=0.3)
        ax.legend(loc="upper right", fontsize=7, ncol=2)
    axes[-1].set_xlabel(tr("plot.time_s"))
    _save(fig, path, left=0.08, top=0.93)


def plot_strikes(path: Path, counts: dict[str, int], *, tr: Translator = _EN) -> None:
    """Bar chart of contacts per strike class."""
    names = ["forefoot", "flat", "heel", "unknown"]
    fig = Figure(figsize=(5, 3.2))
    ax = fig.subplots()
    vals = [counts.get(n, 0) for n in names]
    ax.bar([shown_value("strike", n, tr) for n in names], vals, color=[STRIKE_COLOURS[n] for n in names])
    for i, v in enumerate(vals):
        ax.text(i, v, str(v), ha="center", va="bottom")
    ax.set_ylim(0, max([*vals, 1]) * 1.15)
    ax.set_ylabel(tr("plot.strikes.steps"))
    ax.set_title(tr("plot.strikes.title"))
    _save(fig, path, left=0.14, bottom=0.1, top=0.9)
