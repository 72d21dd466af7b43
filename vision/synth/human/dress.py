"""Clothing, hair, skin and eye colours by body region, and shoes built onto the feet.

Regions come from the skinning weights (which bones move a vertex) and heights in the rest pose.
Shoes displace the foot: a sole of ``sole_m`` under the whole foot, a heel block behind the heel,
a toe box ahead of the toes, and a few millimetres of upper over the foot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SKIN_TONES: tuple[tuple[float, float, float], ...] = (
    (0.96, 0.82, 0.72),
    (0.92, 0.74, 0.62),
    (0.84, 0.64, 0.50),
    (0.72, 0.52, 0.38),
    (0.56, 0.38, 0.26),
    (0.40, 0.26, 0.17),
    (0.28, 0.18, 0.12),
)
"""Skin tones light to dark (linear-ish RGB 0..1), roughly Fitzpatrick I to VI."""
HAIR_COLOURS: tuple[tuple[float, float, float], ...] = (
    (0.08, 0.06, 0.05),
    (0.25, 0.16, 0.09),
    (0.50, 0.36, 0.20),
    (0.78, 0.66, 0.45),
    (0.62, 0.60, 0.58),
    (0.86, 0.85, 0.83),
)
"""Hair colours: black, dark brown, brown, blond, grey, white."""

CLOTH_EDGE_M = 0.02
"""Width over which a hem or neckline fades from cloth to skin (m)."""
BROW_LOW_M = 0.014
"""Lower edge of the eyebrow above the eyeball centre (m)."""
BROW_HIGH_M = 0.022
BROW_HALF_WIDTH_M = 0.024
SHOE_UPPER_M = 0.004
"""Thickness of the shoe upper over the foot (m)."""
SOLE_ZONE_M = 0.018
"""Height above the bare sole over which the sole is blended into the foot (m)."""
HEEL_BLOCK_M = 0.008
"""How far the heel block reaches behind the bare heel (m)."""
HEEL_ZONE_M = 0.03
"""Length of the back of the foot shaped into the heel counter (m)."""
HEEL_COUNTER_M = 0.045
"""Height of the heel counter above the bare sole (m)."""
TOE_BOX_M = 0.012
"""How far the toe box reaches ahead of the bare toes (m)."""
TOE_BOX_ZONE_M = 0.035
"""Length of the front of the foot stretched into the toe box (m)."""
SHOE_COLLAR_M = 0.012
"""Height of the shoe collar above the ankle joint (m)."""


@dataclass(frozen=True, kw_only=True)
class Clothing:
    top: str = "tshirt"
    """'tshirt' (short sleeves), 'longsleeve' or 'vest' (no sleeves)."""
    bottom: str = "trousers"
    """'trousers', 'shorts' or 'skirt'."""
    top_rgb: tuple[float, float, float] = (0.25, 0.35, 0.55)
    bottom_rgb: tuple[float, float, float] = (0.20, 0.20, 0.24)


@dataclass(frozen=True, kw_only=True)
class Hair:
    style: str = "short"
    """'short', 'long' or 'bald'."""
    rgb: tuple[float, float, float] = HAIR_COLOURS[1]


@dataclass(frozen=True, kw_only=True)
class Shoes:
    sole_m: float = 0.025
    """Sole thickness under the foot (m), 0.02-0.03 for everyday shoes."""
    upper_rgb: tuple[float, float, float] = (0.15, 0.15, 0.17)
    sole_rgb: tuple[float, float, float] = (0.85, 0.85, 0.82)


@dataclass(frozen=True, kw_only=True)
class Regions:
    """Boolean (V,) masks of the kept vertices."""

    arm: np.ndarray
    upper_arm_frac: np.ndarray
    """(V,) 0 at the shoulder .. 1 at the elbow for upper-arm vertices, else nan."""
    head: np.ndarray
    foot_left: np.ndarray
    foot_right: np.ndarray
    leg_or_trunk: np.ndarray


def bone_group_weight(
    weights: np.ndarray, bone_names: tuple[str, ...], prefixes: tuple[str, ...]
) -> np.ndarray:
    cols = [i for i, n in enumerate(bone_names) if n.startswith(prefixes)]
    return weights[:, cols].sum(axis=1)


def shoe_mask(
    *, verts: np.ndarray, weights: np.ndarray, bone_names: tuple[str, ...], side: str, ankle_y: float
) -> np.ndarray:
    """Vertices covered by the shoe on one side ('L' or 'R'): foot and low shin below the collar."""
    suffix = "." + side
    cols = [
        i
        for i, n in enumerate(bone_names)
        if n.endswith(suffix) and n.startswith(("foot", "toe", "lowerleg"))
    ]
    w = weights[:, cols].sum(axis=1)
    return (w > 0.5) & (verts[:, 1] < ankle_y + SHOE_COLLAR_M)


def build_shoe(
    *, verts: np.ndarray, normals: np.ndarray, mask: np.ndarray, shoes: Shoes
) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]:
    """Displace one bare foot (floor at y = 0) into a shod foot whose sole stands at y = -sole_m.

    Returns the displaced vertices, the bare reference points of that foot ('heel_bare',
    'toe_bare': back-bottom of the bare heel and tip of the bare toes) and the sole mask.
    """
    out = verts.copy()
    foot = verts[mask]
    z_back, z_tip = foot[:, 2].min(), foot[:, 2].max()
    low = foot[:, 1] < 0.03
    heel_bare = foot[low & (foot[:, 2] < z_back + 0.012)].mean(axis=0)
    toe_bare = foot[foot[:, 2] > z_tip - 0.006].mean(axis=0)
    moved = foot + SHOE_UPPER_M * normals[mask]
    # Toe box: stretch the front of the foot forward; heel block: push the back of the heel back.
    front = np.clip((foot[:, 2] - (z_tip - TOE_BOX_ZONE_M)) / TOE_BOX_ZONE_M, 0.0, 1.0)
    moved[:, 2] += TOE_BOX_M * front**2
    # Heel counter: the back of the heel below HEEL_COUNTER_M made vertical, a block behind it.
    rear = np.clip((z_back + HEEL_ZONE_M - foot[:, 2]) / HEEL_ZONE_M, 0.0, 1.0)
    low_back = np.clip(1.0 - foot[:, 1] / HEEL_COUNTER_M, 0.0, 1.0)
    moved[:, 2] -= (moved[:, 2] - (z_back - HEEL_BLOCK_M)) * rear * low_back
    # Sole: blend the lowest band down to the new floor.
    lowness = np.clip(1.0 - foot[:, 1] / SOLE_ZONE_M, 0.0, 1.0)
    moved[:, 1] -= shoes.sole_m * lowness
    moved[:, 1] = np.maximum(moved[:, 1], -shoes.sole_m)
    out[mask] = moved
    sole = np.zeros(len(verts), dtype=bool)
    sole[np.flatnonzero(mask)[moved[:, 1] < -shoes.sole_m * 0.25]] = True
    return out, {"heel_bare": heel_bare, "toe_bare": toe_bare}, sole


@dataclass(frozen=True, kw_only=True)
class ColourInputs:
    """What :func:`vertex_colours` needs about the rest body (metres, floor at y = 0 barefoot)."""

    verts: np.ndarray
    weights: np.ndarray
    bone_names: tuple[str, ...]
    heads: dict[str, np.ndarray]
    """Rest head of bones by name (at least upperleg01.L, lowerleg01.L, foot.L, lowerarm01.L,
    upperarm01.L, wrist.L, neck01, head)."""
    shoe: np.ndarray
    sole: np.ndarray
    skirt: np.ndarray
    eyes: np.ndarray
    eye_centres: np.ndarray
    """(2, 3) eyeball centres."""


def _jitter(rgb: tuple[float, float, float], rng: np.random.Generator, amount: float) -> np.ndarray:
    return np.clip(np.asarray(rgb) * (1.0 + rng.uniform(-amount, amount, 3)), 0.0, 1.0)


def vertex_colours(
    ci: ColourInputs, *, clothing: Clothing, hair: Hair, skin_rgb: np.ndarray, shoes: Shoes, seed: int
) -> np.ndarray:
    """(V, 3) float32 RGB 0..1 per kept vertex."""
    rng = np.random.default_rng(seed)
    v, y = ci.verts, ci.verts[:, 1]
    w = lambda *p: bone_group_weight(ci.weights, ci.bone_names, p)  # noqa: E731
    arm_w = w("upperarm", "lowerarm", "wrist", "metacarpal", "finger", "shoulder01")
    head_w = w("head", "neck", "jaw", "eye", "oculi", "temporalis", "levator", "oris", "risorius", "special")
    h = ci.heads
    waist_y = h["upperleg01.L"][1] + 0.10
    cols = np.tile(skin_rgb.astype(np.float64), (len(v), 1))
    cols *= 1.0 + rng.normal(0.0, 0.015, (len(v), 1))  # skin mottling
    trunk = (arm_w < 0.5) & (head_w < 0.5) & ~ci.shoe
    neck_y = h["neck01"][1] - 0.01
    # Soft edges (weights 0..1 across EDGE_M) so hems do not zigzag along the mesh edges.
    soft_trunk = _below_weight(head_w) * (arm_w < 0.5) * ~ci.shoe
    top = soft_trunk * _above(y, waist_y - 0.02) * (1.0 - _above(y, neck_y))
    if clothing.top != "vest":
        elbow_frac = 0.55 if clothing.top == "tshirt" else 2.2
        sh, el = h["upperarm01.L"], h["lowerarm01.L"]
        arm_len = max(abs(sh[1] - el[1]), 1e-6)
        d = np.abs(y - sh[1])
        sleeve = (arm_w >= 0.5) & (w("finger", "metacarpal", "wrist") < 0.3)
        top = np.maximum(top, sleeve * (1.0 - _above(d, elbow_frac * arm_len)))
    else:
        top = np.maximum(top, ((w("shoulder01") > 0.5) * (1.0 - _above(y, neck_y))))
    hem = {"trousers": h["foot.L"][1] + 0.03, "shorts": h["lowerleg01.L"][1] + 0.10}.get(
        clothing.bottom, h["lowerleg01.L"][1] + 0.05
    )
    legs = trunk & (arm_w < 0.3)
    if clothing.bottom == "skirt":
        bottom = np.maximum(
            legs * (1.0 - _above(y, waist_y)) * _above(y, h["upperleg01.L"][1] - 0.05), ci.skirt
        )
    else:
        bottom = legs * (1.0 - _above(y, waist_y)) * _above(y, hem)
    for wgt, rgb in ((top, clothing.top_rgb), (bottom, clothing.bottom_rgb)):
        cols += wgt[:, None] * (_jitter(rgb, rng, 0.05) - cols)
    if hair.style != "bald":
        cols[_hair_mask(ci, head_w, hair)] = _jitter(hair.rgb, rng, 0.08)
    brow_rgb = np.asarray(hair.rgb) * 0.7 if hair.style != "bald" else skin_rgb * 0.55
    cols[_brow_mask(ci, head_w)] = brow_rgb
    cols[ci.shoe] = _jitter(shoes.upper_rgb, rng, 0.05)
    cols[ci.sole] = shoes.sole_rgb
    cols[ci.eyes] = (0.92, 0.92, 0.90)
    for c in ci.eye_centres:
        iris = ci.eyes & (v[:, 2] > c[2] + 0.008) & (np.linalg.norm(v[:, :2] - c[:2], axis=1) < 0.006)
        cols[iris] = (0.18, 0.12, 0.08)
    return np.clip(cols, 0.0, 1.0).astype(np.float32)


def _above(x: np.ndarray, edge: float) -> np.ndarray:
    """0 below ``edge`` .. 1 above, ramping over CLOTH_EDGE_M."""
    return np.clip((x - edge) / CLOTH_EDGE_M + 0.5, 0.0, 1.0)


def _below_weight(wgt: np.ndarray) -> np.ndarray:
    """1 where a bone group's weight is low .. 0 where it dominates, ramping about 0.5."""
    return np.clip((0.75 - wgt) / 0.5, 0.0, 1.0)


def _brow_mask(ci: ColourInputs, head_w: np.ndarray) -> np.ndarray:
    """Eyebrows: a band above each eye on the front of the face."""
    v = ci.verts
    out = np.zeros(len(v), dtype=bool)
    for c in ci.eye_centres:
        dx = np.abs(v[:, 0] - c[0] - np.sign(c[0]) * 0.004)
        band = (v[:, 1] > c[1] + BROW_LOW_M) & (v[:, 1] < c[1] + BROW_HIGH_M - 0.4 * dx)
        out |= (head_w > 0.5) & ~ci.eyes & band & (dx < BROW_HALF_WIDTH_M) & (v[:, 2] > c[2] - 0.004)
    return out


def _hair_mask(ci: ColourInputs, head_w: np.ndarray, hair: Hair) -> np.ndarray:
    v = ci.verts
    eye_y = ci.eye_centres[:, 1].mean()
    eye_z = ci.eye_centres[:, 2].mean()
    head_top = v[head_w > 0.5, 1].max()
    brow = eye_y + 0.035 + 0.25 * (head_top - eye_y - 0.035)
    scalp = (head_w > 0.5) & ~ci.eyes
    crown = scalp & (v[:, 1] > brow)
    low_back = eye_y - (0.09 if hair.style == "long" else 0.05)
    back = scalp & (v[:, 2] < eye_z - 0.075) & (v[:, 1] > low_back)
    sides = scalp & (v[:, 2] < eye_z - 0.055) & (v[:, 1] > eye_y + 0.005)
    return crown | back | sides
