"""The programme's "upright": trunk near vertical AND head not dropped AND no rounded upper back.

Three per-frame parts, each a measured angle against a limit fitted on labelled rendered clips
(``vision/core/fitted/posture.json``, made by ``python -m vision.fit.posture``; definitions in
docs/posture.md):

- **trunk leaning**: |trunk lean| (hip midpoint → shoulder midpoint from vertical) beyond
  ``CoachConfig.upright_max_lean_deg`` (the programme's 10°);
- **head down**: head flexion (face-fit head pitch minus trunk lean, chin down +) beyond
  ``CoachConfig.head_down_max_deg`` (fitted: ``head_down_deg``) — looking at the feet;
- **rounded back**: neck line against the trunk line (shoulder midpoint → ear midpoint against
  hip midpoint → shoulder midpoint, + = ear ahead) beyond ``rounded_neck_deg``: a rounded upper
  back carries the neck and head forward of the trunk line.

Upright = none of the measured parts is a fault and the trunk is measured. A part that is not
measured (NaN) is not a fault; all None when the trunk is not measured.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from vision.core import geometry as g

FITTED_FILE = Path(__file__).parent / "fitted" / "posture.json"
"""Fitted posture limits with their provenance (seeds, date, commit, command)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class PostureLimits:
    """Limit of the rounded-back part (degrees) and the smoothing of the head and neck angles (s);
    the trunk and head-down limits are :class:`~vision.core.config.CoachConfig` fields."""

    rounded_neck_deg: float = 30.0
    """Neck line against the trunk line beyond this is a rounded upper back."""
    smooth_tau_s: float = 0.3
    """Time constant of the low-pass on the head and neck angles (about one step)."""


def fitted(path: Path = FITTED_FILE) -> dict[str, float]:
    """The fitted limits in ``path`` by name (empty when there is no readable file)."""
    try:
        doc = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in (doc.get("limits") or {}).items()}


def load_limits(path: Path = FITTED_FILE) -> PostureLimits:
    """The fitted :class:`PostureLimits` (defaults for any limit the file lacks)."""
    vals = {k: v for k, v in fitted(path).items() if k in PostureLimits.__slots__}
    return PostureLimits(**vals)


def fitted_head_down_deg(path: Path = FITTED_FILE) -> float:
    """The fitted head-down limit (25° when not fitted)."""
    return fitted(path).get("head_down_deg", 25.0)


@dataclass(frozen=True, kw_only=True, slots=True)
class PostureParts:
    """One frame's upright verdict and its parts (None = not measured)."""

    upright: bool | None
    leaning: bool | None
    head_down: bool | None
    rounded: bool | None


NOT_MEASURED = PostureParts(upright=None, leaning=None, head_down=None, rounded=None)


def classify(
    *,
    lean: float,
    head_flex: float,
    neck_rel: float,
    max_lean_deg: float,
    head_down_deg: float,
    rounded_deg: float,
) -> PostureParts:
    """Parts and verdict from trunk lean, head flexion and neck-to-trunk angle (deg, NaN
    unmeasured) against their limits (deg)."""
    if lean != lean:
        return NOT_MEASURED
    leaning = abs(lean) > max_lean_deg
    down = None if head_flex != head_flex else head_flex > head_down_deg
    rounded = None if neck_rel != neck_rel else neck_rel > rounded_deg
    return _PARTS[leaning, down, rounded]


def _parts(leaning: bool, down: bool | None, rounded: bool | None) -> PostureParts:
    return PostureParts(
        upright=not (leaning or down or rounded), leaning=leaning, head_down=down, rounded=rounded
    )


_PARTS = {
    (leaning, down, rounded): _parts(leaning, down, rounded)
    for leaning in (False, True)
    for down in (None, False, True)
    for rounded in (None, False, True)
}
"""Every measured :class:`PostureParts` (immutable, so one instance each), by (leaning, down, rounded)."""


def neck_to_trunk_deg(
    xs: list, ys: list, *, sx: float, sy: float, hx: float, hy: float, facing: float
) -> float:
    """Angle of shoulder→ear against hip→shoulder (deg, + = ear ahead along ``facing``); NaN
    without a facing or an ear (the visible ear when one is hidden)."""
    if facing == 0.0:
        return math.nan
    ex, ey = 0.5 * (xs[g.L_EAR] + xs[g.R_EAR]), 0.5 * (ys[g.L_EAR] + ys[g.R_EAR])
    if ex != ex:
        ex, ey = (xs[g.L_EAR], ys[g.L_EAR]) if xs[g.L_EAR] == xs[g.L_EAR] else (xs[g.R_EAR], ys[g.R_EAR])
    trunk = math.atan2(facing * (sx - hx), hy - sy)
    neck = math.atan2(facing * (ex - sx), sy - ey)
    return g.wrap_deg((neck - trunk) * g.RAD2DEG)
