"""The strike limits' fit: it separates clusters it can separate, ignores the corpus' class mix,
and rejects only where a reject is cheaper than the errors it saves."""

from __future__ import annotations

import numpy as np

from vision.fit.strike import Sample, current_limits, fit, score


def _samples(centres: dict[str, tuple[float, int]], *, spread: float, seed: int = 0) -> list[Sample]:
    """``centres``: label → (angle °, count); before/after follow the angle, no rest-order clue."""
    rng = np.random.default_rng(seed)
    out = []
    for label, (angle, n) in centres.items():
        for a in rng.normal(angle, spread, n):
            out.append(Sample(label=label, angle_deg=a, before_deg=a, after_deg=a, order_s=0.0, clip="c"))
    return out


def test_well_separated_classes_are_all_called_right() -> None:
    # Shifted 4° toe-down from where the hand-set limits (±8°) expect them.
    s = _samples({"heel": (6.0, 60), "flat": (-4.0, 60), "forefoot": (-16.0, 60)}, spread=1.0)
    before = score(s, current_limits())
    limits = fit(s)
    after = score(s, limits)
    assert before["accuracy_classified"] < 0.75
    assert after["accuracy_classified"] == 1.0 and after["unknown_share"] == 0.0
    assert -4.0 < limits["strike_heel_min_deg"] < 6.0
    assert -16.0 < limits["strike_forefoot_max_deg"] < -4.0


def test_ten_times_more_heel_strikes_do_not_pull_the_limit_into_the_flat_class() -> None:
    few = _samples({"heel": (6.0, 60), "flat": (-2.0, 60), "forefoot": (-14.0, 60)}, spread=2.5, seed=1)
    many = _samples({"heel": (6.0, 600), "flat": (-2.0, 60), "forefoot": (-14.0, 60)}, spread=2.5, seed=1)
    a, b = fit(few)["strike_heel_min_deg"], fit(many)["strike_heel_min_deg"]
    assert abs(a - b) <= 1.0, (a, b)
    assert 0.5 <= b <= 3.5  # near the midpoint of flat and heel


def test_overlapping_classes_are_called_unknown_only_where_that_pays(monkeypatch) -> None:
    import vision.fit.strike as fit_strike

    s = _samples({"heel": (3.0, 80), "flat": (0.0, 80), "forefoot": (-14.0, 80)}, spread=1.5, seed=2)
    # At the default cost (0.45) a reject saves less than it costs here (Chow: reject where the
    # best class is under 55 % likely, a band far narrower than the grid's 0.5°).
    assert score(s, fit(s))["unknown_share"] == 0.0
    monkeypatch.setattr(fit_strike, "REJECT_COST", 0.2)  # reject under 80 %: about ±1° of 1.5°
    limits = fit(s)
    got = score(s, limits)
    assert 0.5 <= limits["strike_unknown_band_deg"] <= 2.0
    assert 0.05 < got["unknown_share"] < 0.4
    assert got["confusion"].get("forefoot->forefoot", 0) >= 75  # the clear class stays called
