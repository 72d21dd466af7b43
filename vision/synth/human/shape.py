"""Body shape from MakeHuman macro targets: sex, age, muscle, weight and ancestry blends.

A target is a sparse list of vertex offsets (decimetres). The universal targets span
sex (female/male) x age (young/old) x muscle (min/average/max) x weight (min/average/max);
ancestry targets (african/asian/caucasian) per sex and age are mixed by proportion. Height is
set afterwards by uniform scaling (see :mod:`vision.synth.human.body`).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import numpy as np

from vision.synth.human.assets import asset_path

YOUNG_AGE_YEARS = 25.0
"""MakeHuman's 'young' target age (years)."""
OLD_AGE_YEARS = 90.0
"""MakeHuman's 'old' target age (years)."""
RACES = ("african", "asian", "caucasian")


@dataclass(frozen=True, kw_only=True)
class ShapeParams:
    sex: float
    """0 = female .. 1 = male."""
    age_years: float
    muscle: float
    """0 = min .. 0.5 = average .. 1 = max."""
    weight: float
    """0 = slim (minweight) .. 0.5 = average .. 1 = obese (maxweight)."""
    ancestry: tuple[float, float, float] = (1 / 3, 1 / 3, 1 / 3)
    """Proportions of african, asian, caucasian (normalised)."""


@lru_cache(maxsize=64)
def load_target(rel: str) -> tuple[np.ndarray, np.ndarray]:
    """(indices (K,), offsets (K, 3) dm) of one ``.target.gz``."""
    text = gzip.decompress(asset_path(rel).read_bytes()).decode()
    rows = [ln.split() for ln in text.splitlines() if ln and not ln.startswith("#")]
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 3))
    arr = np.asarray(rows, dtype=np.float64)
    return arr[:, 0].astype(np.int64), arr[:, 1:4]


def _pair(value: float, names: tuple[str, str, str]) -> list[tuple[str, float]]:
    """Piecewise-linear weights on (min, average, max) for a 0..1 value."""
    v = float(np.clip(value, 0.0, 1.0))
    if v <= 0.5:
        return [(names[0], 1 - 2 * v), (names[1], 2 * v)]
    return [(names[1], 2 - 2 * v), (names[2], 2 * v - 1)]


def _age_pair(age_years: float) -> list[tuple[str, float]]:
    a = float(np.clip((age_years - YOUNG_AGE_YEARS) / (OLD_AGE_YEARS - YOUNG_AGE_YEARS), 0.0, 1.0))
    return [("young", 1 - a), ("old", a)]


def target_weights(p: ShapeParams) -> dict[str, float]:
    """Manifest path -> blend weight of every target the shape uses."""
    sexes = [("female", 1 - float(np.clip(p.sex, 0, 1))), ("male", float(np.clip(p.sex, 0, 1)))]
    ages = _age_pair(p.age_years)
    muscles = _pair(p.muscle, ("minmuscle", "averagemuscle", "maxmuscle"))
    weights = _pair(p.weight, ("minweight", "averageweight", "maxweight"))
    out: dict[str, float] = {}
    for (s, ws), (a, wa), (m, wm), (w, ww) in product(sexes, ages, muscles, weights):
        k = ws * wa * wm * ww
        if k > 0:
            out[f"targets/macrodetails/universal-{s}-{a}-{m}-{w}.target.gz"] = k
    anc = np.clip(np.asarray(p.ancestry, dtype=np.float64), 0, None)
    anc = anc / anc.sum()
    for (s, ws), (a, wa), (r, wr) in product(sexes, ages, zip(RACES, anc, strict=True)):
        k = ws * wa * wr
        if k > 0:
            out[f"targets/macrodetails/{r}-{s}-{a}.target.gz"] = k
    return out


def morph(verts_dm: np.ndarray, p: ShapeParams) -> np.ndarray:
    """Base vertices plus the weighted target offsets (decimetres)."""
    out = verts_dm.copy()
    for rel, k in target_weights(p).items():
        idx, off = load_target(rel)
        np.add.at(out, idx, k * off)
    return out
