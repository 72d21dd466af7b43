"""Furniture and props from boxes, cylinders and spheres.

Each builder returns parts at the origin: the piece's back against z = 0, its front towards +Z,
standing on y = 0, centred on x = 0. Sizes are metres.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from vision.synth.human.props import RGB, MeshPart, box, cylinder, sphere

SOFA_SIZE_M = (1.9, 0.85, 0.9)
"""Sofa width, height of the back, depth (m)."""
TABLE_SIZE_M = (1.0, 0.74, 0.6)
SHELF_SIZE_M = (0.9, 1.8, 0.32)
DOOR_SIZE_M = (0.85, 2.05)
WINDOW_SIZE_M = (1.2, 1.1)
WINDOW_SILL_M = 0.9
"""Height of the window's lower edge above the floor (m)."""


def _shade(rgb: RGB, k: float) -> RGB:
    return tuple(float(np.clip(c * k, 0, 1)) for c in rgb)  # type: ignore[return-value]


def sofa(rgb: RGB) -> list[MeshPart]:
    w, h, d = SOFA_SIZE_M
    return [
        box((0, 0.22, d / 2), (w, 0.32, d), rgb),
        box((0, 0.43, d / 2 + 0.05), (w - 0.3, 0.12, d - 0.2), _shade(rgb, 1.1)),
        box((0, h / 2 + 0.1, 0.1), (w, h - 0.2, 0.2), _shade(rgb, 0.95)),
        box((-w / 2 + 0.08, 0.5, d / 2), (0.16, 0.32, d), _shade(rgb, 0.9)),
        box((w / 2 - 0.08, 0.5, d / 2), (0.16, 0.32, d), _shade(rgb, 0.9)),
        box((0, 0.03, d / 2), (w - 0.1, 0.06, d - 0.1), (0.1, 0.08, 0.07)),
    ]


def table(rgb: RGB) -> list[MeshPart]:
    w, h, d = TABLE_SIZE_M
    parts = [box((0, h - 0.02, d / 2), (w, 0.04, d), rgb)]
    for sx in (-1, 1):
        for sz in (-1, 1):
            parts.append(
                box(
                    (sx * (w / 2 - 0.05), (h - 0.04) / 2, d / 2 + sz * (d / 2 - 0.05)),
                    (0.05, h - 0.04, 0.05),
                    _shade(rgb, 0.8),
                )
            )
    return parts


def shelf(rgb: RGB, rng: np.random.Generator) -> list[MeshPart]:
    w, h, d = SHELF_SIZE_M
    parts = [
        box((-w / 2 + 0.01, h / 2, d / 2), (0.02, h, d), rgb),
        box((w / 2 - 0.01, h / 2, d / 2), (0.02, h, d), rgb),
    ]
    parts.append(box((0, h / 2, 0.01), (w, h, 0.02), _shade(rgb, 0.8)))
    levels = np.linspace(0.02, h - 0.02, 5)
    for y in levels:
        parts.append(box((0, y, d / 2), (w - 0.04, 0.025, d), rgb))
    for y0, y1 in itertools.pairwise(levels):
        x = -w / 2 + 0.04
        while x < w / 2 - 0.08:
            bw = float(rng.uniform(0.025, 0.06))
            bh = float(rng.uniform(0.6, 0.9) * (y1 - y0))
            col = tuple(float(c) for c in rng.uniform(0.15, 0.85, 3))
            if rng.random() < 0.85:
                parts.append(box((x + bw / 2, y0 + 0.0125 + bh / 2, d / 2), (bw, bh, d * 0.8), col))  # type: ignore[arg-type]
            x += bw + 0.004
    return parts


def plant(rng: np.random.Generator) -> list[MeshPart]:
    pot_h = float(rng.uniform(0.25, 0.45))
    parts = [cylinder((0, pot_h / 2, 0.25), radius=0.16, height=pot_h, rgb=(0.55, 0.33, 0.22))]
    for _ in range(6):
        off = rng.normal(0, 0.12, 3)
        r = float(rng.uniform(0.12, 0.22))
        green = (float(rng.uniform(0.1, 0.25)), float(rng.uniform(0.35, 0.55)), float(rng.uniform(0.1, 0.2)))
        parts.append(sphere((off[0], pot_h + 0.25 + abs(off[1]) * 2, 0.25 + off[2]), radius=r, rgb=green))
    return parts


def door(rgb: RGB) -> list[MeshPart]:
    w, h = DOOR_SIZE_M
    frame = (0.92, 0.92, 0.9)
    return [
        box((0, h / 2, 0.02), (w, h, 0.04), rgb),
        box((-w / 2 - 0.04, h / 2, 0.025), (0.08, h + 0.08, 0.05), frame),
        box((w / 2 + 0.04, h / 2, 0.025), (0.08, h + 0.08, 0.05), frame),
        box((0, h + 0.04, 0.025), (w + 0.16, 0.08, 0.05), frame),
        sphere((w / 2 - 0.1, 1.0, 0.07), radius=0.03, rgb=(0.75, 0.7, 0.5)),
    ]


def window(sky: RGB) -> list[MeshPart]:
    w, h = WINDOW_SIZE_M
    frame = (0.95, 0.95, 0.95)
    y0 = WINDOW_SILL_M
    parts = [box((0, y0 + h / 2, 0.005), (w, h, 0.01), sky, emit=0.9)]
    for x in (-w / 2, 0.0, w / 2):
        parts.append(box((x, y0 + h / 2, 0.03), (0.06, h + 0.06, 0.05), frame))
    for y in (y0, y0 + h):
        parts.append(box((0, y, 0.03), (w + 0.06, 0.06, 0.05), frame))
    parts.append(box((0, y0 - 0.03, 0.08), (w + 0.2, 0.04, 0.16), frame))
    return parts


@dataclass(frozen=True, kw_only=True)
class TreadmillLayout:
    """Where the motion helper puts the walker on the treadmill (world metres)."""

    center_m: tuple[float, float, float]
    """Centre of the belt's top surface."""
    heading_deg: float
    """Direction the walker faces for forward walking, yaw from +Z towards +X."""
    belt_top_m: float
    belt_length_m: float
    belt_width_m: float
    handrail_height_m: float
    handrail_half_span_m: float
    """Distance of each side handrail from the belt's centre line."""


TREADMILL_BELT_TOP_M = 0.18
TREADMILL_BELT_M = (0.55, 1.5)
"""Belt width and length (m)."""
TREADMILL_HANDRAIL_M = 0.95
"""Height of the side handrails above the floor (m)."""


def treadmill() -> list[MeshPart]:
    """Treadmill along the z axis (walker faces +Z towards the console at z = +L/2)."""
    bw, bl = TREADMILL_BELT_M
    top = TREADMILL_BELT_TOP_M
    span = bw / 2 + 0.1
    dark, grey = (0.08, 0.08, 0.09), (0.55, 0.56, 0.58)
    parts = [
        box((0, top / 2, 0), (bw + 0.3, top - 0.01, bl + 0.3), grey),
        box((0, top - 0.004, 0), (bw, 0.01, bl), dark),
        box((0, 0.6, bl / 2 + 0.1), (0.06, 1.2, 0.06), grey),
        box((0, 1.22, bl / 2 + 0.05), (0.6, 0.3, 0.1), dark, emit=0.2),
    ]
    for sx in (-1, 1):
        parts.append(
            box(
                (sx * span, (TREADMILL_HANDRAIL_M + top) / 2, bl / 2 - 0.05),
                (0.04, TREADMILL_HANDRAIL_M - top, 0.04),
                grey,
            )
        )
        parts.append(
            cylinder(
                (sx * span, TREADMILL_HANDRAIL_M, bl / 2 - 0.3), radius=0.02, height=0.55, rgb=grey, axis=2
            )
        )
        parts.append(box((sx * (bw / 2 + 0.08), top + 0.01, 0), (0.12, 0.02, bl), grey))
    return parts


def treadmill_layout(*, at: tuple[float, float, float], yaw_deg: float) -> TreadmillLayout:
    return TreadmillLayout(
        center_m=(at[0], TREADMILL_BELT_TOP_M, at[2]),
        heading_deg=yaw_deg,
        belt_top_m=TREADMILL_BELT_TOP_M,
        belt_length_m=TREADMILL_BELT_M[1],
        belt_width_m=TREADMILL_BELT_M[0],
        handrail_height_m=TREADMILL_HANDRAIL_M,
        handrail_half_span_m=TREADMILL_BELT_M[0] / 2 + 0.1,
    )
