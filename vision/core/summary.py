"""Session totals: O(1) counters updated per frame, turned into a :class:`SessionSummary` on demand."""

from __future__ import annotations

import itertools
import math
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from vision.core.events import Direction, FallEvent, Foot, GlanceEvent, SessionSummary, Strike, View
from vision.core.view import STEPS, VIEW_LIMITS

if TYPE_CHECKING:
    from vision.core.config import CoachConfig
    from vision.core.glance import GlanceDetector
    from vision.core.steps import StepDetector

NAN = math.nan


class FlagShare:
    """Counts of a per-frame flag: frames measured and frames set; ``share`` NaN when none."""

    __slots__ = ("n", "yes")

    def __init__(self) -> None:
        self.n = 0
        self.yes = 0

    def add(self, flag: bool | None) -> None:
        if flag is not None:
            self.n += 1
            self.yes += flag

    @property
    def share(self) -> float:
        return self.yes / self.n if self.n else NAN


class SessionTotals:
    """Counters of the session; ``add_frame`` is called once per valid frame."""

    def __init__(self) -> None:
        self.frames = 0
        self.valid = 0
        self.first_t = NAN
        self.last_t = NAN
        self.views = dict.fromkeys(View, 0)
        self.directions = dict.fromkeys(Direction, 0)
        self.lean_n = 0
        self.lean_sum = 0.0
        self.upright = FlagShare()
        self.down = FlagShare()
        self.leaning = FlagShare()
        self.rounded = FlagShare()
        self.sway_n = 0
        self.sway_ss = 0.0
        self.contacts = 0
        self.glances: list[GlanceEvent] = []
        self.over_alerts = 0
        self.falls: list[FallEvent] = []
        self.leaving = 0

    def add_frame(
        self,
        view: View,
        direction: Direction,
        *,
        lean: float,
        upright: bool | None,
        down: bool | None,
        leaning: bool | None = None,
        rounded: bool | None = None,
    ) -> None:
        """Count one valid frame: its view, walking direction, trunk lean (deg, NaN unmeasured),
        upright flag and its parts (looking down, trunk leaning, rounded back; None unmeasured)."""
        self.views[view] += 1
        self.directions[direction] += 1
        if lean == lean:
            self.lean_n += 1
            self.lean_sum += lean
        self.upright.add(upright)
        self.down.add(down)
        self.leaning.add(leaning)
        self.rounded.add(rounded)

    def add_sway(self, sway: float) -> None:
        self.sway_n += 1
        self.sway_ss += sway * sway

    def add_glance(self, ev: GlanceEvent) -> None:
        self.glances.append(ev)

    def summary(self, steps: StepDetector, glance: GlanceDetector, cfg: CoachConfig) -> SessionSummary:
        duration = self.last_t - self.first_t if self.frames else 0.0
        if duration != duration:
            duration = 0.0
        tn = cfg.summary
        rate = self.valid / self.frames if self.frames else 0.0
        view = max(self.views, key=self.views.get) if self.valid else View.UNKNOWN
        d = self.directions
        walking = d[Direction.BACKWARD] + d[Direction.FORWARD]
        if walking == 0 and d[Direction.STANDING] == 0:
            direction = Direction.UNKNOWN
        elif walking >= d[Direction.STANDING]:
            direction = (
                Direction.BACKWARD if d[Direction.BACKWARD] >= d[Direction.FORWARD] else Direction.FORWARD
            )
        else:
            direction = Direction.STANDING
        records = steps.table()
        # Step time: contact to the next contact of the other foot.
        step_t = {Foot.LEFT: [], Foot.RIGHT: []}
        for a, b in itertools.pairwise(records):
            dt = b.contact_time_s - a.contact_time_s
            if a.foot != b.foot and tn.min_step_s <= dt <= tn.max_step_s:
                step_t[b.foot].append(dt)
        all_steps = step_t[Foot.LEFT] + step_t[Foot.RIGHT]
        step_time = _median(all_steps)
        if step_time != step_time:
            # One foot hidden (e.g. the far foot in a side view): half the stride time.
            strides = []
            for f in Foot:
                own = [r.contact_time_s for r in records if r.foot == f]
                strides += [
                    b - a for a, b in itertools.pairwise(own) if tn.min_stride_s <= b - a <= tn.max_stride_s
                ]
            step_time = 0.5 * _median(strides)
        cadence = 60.0 / step_time if step_time == step_time and step_time > 0 else NAN
        stance = {f: [r.stance_time_s for r in records if r.foot == f and r.liftoff_frame >= 0] for f in Foot}
        stance_all = stance[Foot.LEFT] + stance[Foot.RIGHT]
        strikes = [r.strike for r in records if r.strike != Strike.UNKNOWN]
        share = (
            {s.value: (strikes.count(s) / len(strikes)) for s in Strike if s != Strike.UNKNOWN}
            if strikes
            else {}
        )
        glances = tuple(self.glances)
        per_min = len(glances) / (duration / 60.0) if duration >= tn.min_rate_duration_s else NAN
        reasons = dict(VIEW_LIMITS[view])
        if not records:
            reasons[STEPS] = (
                "no steps: gait events need a side or oblique view"
                if view == View.FRONTAL
                else "no steps detected (standing, or legs not seen)"
            )
        return SessionSummary(
            duration_s=duration,
            detection_rate=rate,
            view=view,
            direction=direction,
            steps=tuple(records),
            cadence_spm=cadence,
            step_time_s=step_time,
            stance_time_s=_median(stance_all),
            step_time_symmetry_pct=_symmetry(step_t[Foot.LEFT], step_t[Foot.RIGHT]),
            stance_time_symmetry_pct=_symmetry(stance[Foot.LEFT], stance[Foot.RIGHT]),
            strike_share=MappingProxyType(share),
            knee_flexion_contact_deg=_median([r.knee_flexion_contact_deg for r in records]),
            knee_flexion_peak_deg=_median([r.knee_flexion_peak_deg for r in records]),
            glances=glances,
            glances_per_min=per_min,
            over_rotations=sum(1 for g in glances if g.over_rotation),
            upright_share=self.upright.share,
            looking_down_share=self.down.share,
            mean_trunk_lean_deg=self.lean_sum / self.lean_n if self.lean_n else NAN,
            sway_frac=_peak_to_peak(self.sway_ss, self.sway_n) if self.sway_n > tn.min_sway_frames else NAN,
            falls=tuple(self.falls),
            leaving_frame_warnings=self.leaving,
            not_measurable=MappingProxyType(reasons),
            trunk_leaning_share=self.leaning.share,
            rounded_back_share=self.rounded.share,
        )


def _peak_to_peak(sum_sq: float, n: int) -> float:
    """Peak-to-peak amplitude of a sinusoid with this mean square: 2·√2·RMS."""
    return 2.0 * math.sqrt(2.0 * sum_sq / n)


def _median(v: list[float]) -> float:
    a = np.asarray([x for x in v if x == x], dtype=np.float64)
    return float(np.median(a)) if a.size else NAN


def _symmetry(a: list[float], b: list[float]) -> float:
    ma, mb = _median(a), _median(b)
    if ma != ma or mb != mb or ma + mb <= 0:
        return NAN
    return 100.0 * abs(ma - mb) / (0.5 * (ma + mb))
