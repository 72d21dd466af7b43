"""Procedural rooms: textured floor, walls and ceiling, furniture along the walls, a treadmill.

Layout (metres): floor x in [-width/2, width/2], z in [-back, front]; the walking lane runs along
X near z = 0; the back wall (z = -back) faces the camera side (+Z). Furniture stands against
the back and side walls, out of the lane.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from vision.synth.human import furniture as fu
from vision.synth.human.props import MeshPart, grid_quad, merge, place
from vision.synth.human.textures import FLOORS, WALLS

GRID_CELL_M = 0.25
"""Floor/wall tessellation (m), fine enough for lens distortion to bend straight edges."""
CEILING_RGB = (0.93, 0.93, 0.91)
CEILING_EMIT = 0.75
"""Share of the ceiling's colour shown unlit (lamps and bounce light keep real ceilings bright)."""
FURNITURE_COLOURS = {
    "sofa": (
        (0.45, 0.45, 0.47),
        (0.30, 0.32, 0.38),
        (0.55, 0.47, 0.38),
        (0.25, 0.22, 0.20),
        (0.62, 0.60, 0.55),
        (0.35, 0.40, 0.33),
        (0.50, 0.30, 0.25),
    ),
    "wood": (
        (0.55, 0.40, 0.26),
        (0.38, 0.26, 0.17),
        (0.75, 0.62, 0.45),
        (0.90, 0.90, 0.88),
        (0.20, 0.18, 0.17),
    ),
    "door": ((0.92, 0.92, 0.90), (0.60, 0.45, 0.30), (0.80, 0.78, 0.72), (0.45, 0.33, 0.22)),
}
"""Muted colours of upholstery, wooden or painted furniture, and doors."""
KINDS = ("sofa", "table", "shelf", "plant", "door", "window")
FLOOR_COLOURS = {
    "wood": ((0.55, 0.38, 0.22), (0.72, 0.55, 0.36), (0.40, 0.27, 0.17)),
    "tiles": ((0.85, 0.84, 0.80), (0.62, 0.60, 0.56), (0.75, 0.68, 0.58)),
    "carpet": ((0.45, 0.42, 0.38), (0.30, 0.34, 0.42), (0.55, 0.48, 0.40)),
    "lino": ((0.70, 0.68, 0.62), (0.55, 0.60, 0.58), (0.64, 0.56, 0.48)),
}
WALL_COLOURS = (
    (0.90, 0.88, 0.84),
    (0.82, 0.86, 0.88),
    (0.88, 0.84, 0.74),
    (0.72, 0.78, 0.70),
    (0.92, 0.92, 0.92),
)


@dataclass(frozen=True, kw_only=True)
class FurnitureItem:
    kind: str
    """One of :data:`KINDS`."""
    wall: str
    """'back', 'left' or 'right'."""
    offset_m: float
    """Position along the wall from its centre (m)."""
    rgb: tuple[float, float, float] = (0.5, 0.4, 0.3)


@dataclass(frozen=True, kw_only=True)
class RoomSpec:
    width_m: float = 8.0
    back_m: float = 2.0
    front_m: float = 6.0
    height_m: float = 2.5
    floor: str = "wood"
    floor_rgb: tuple[float, float, float] = FLOOR_COLOURS["wood"][0]
    wall: str = "paint"
    wall_rgb: tuple[float, float, float] = WALL_COLOURS[0]
    furniture: tuple[FurnitureItem, ...] = ()
    treadmill_at: tuple[float, float, float] | None = None
    """(x, z, yaw_deg) of a treadmill, or None."""
    seed: int = 0
    """Seeds the textures and the shelf contents."""


@dataclass(frozen=True, kw_only=True)
class Room:
    parts: list[MeshPart]
    textures: dict[str, tuple[np.ndarray, float]]
    """'floor' / 'wall' -> (RGB uint8 tile, tile size m)."""
    treadmill: fu.TreadmillLayout | None = None
    bounds_m: tuple[float, float, float, float] = field(default=(0.0, 0.0, 0.0, 0.0))
    """(x_min, x_max, z_min, z_max) of the floor."""


def _furniture_rgb(kind: str, rng: np.random.Generator) -> tuple[float, float, float]:
    palette = FURNITURE_COLOURS["sofa" if kind == "sofa" else "door" if kind == "door" else "wood"]
    base = np.asarray(palette[int(rng.integers(0, len(palette)))])
    return tuple(float(c) for c in np.clip(base * rng.uniform(0.9, 1.1, 3), 0, 1))  # type: ignore[return-value]


def random_room(seed: int, *, treadmill: bool = False) -> RoomSpec:
    """A plausible living room or clinic corridor, deterministic for the seed."""
    rng = np.random.default_rng(seed)
    floor = str(rng.choice(list(FLOORS)))
    width = float(rng.uniform(7.0, 10.0))
    items = []
    x = -width / 2 + float(rng.uniform(0.3, 1.0))
    while x < width / 2 - 1.2:
        kind = str(rng.choice(KINDS))
        rgb = _furniture_rgb(kind, rng)
        items.append(FurnitureItem(kind=kind, wall="back", offset_m=x + 0.5, rgb=rgb))
        x += float(rng.uniform(1.3, 2.4))
    for wall in ("left", "right"):
        if rng.random() < 0.6:
            kind = str(rng.choice(("shelf", "plant", "door", "window")))
            items.append(
                FurnitureItem(
                    kind=kind,
                    wall=wall,
                    offset_m=float(rng.uniform(-1.0, 0.5)),
                    rgb=_furniture_rgb(kind, rng),
                )
            )
    return RoomSpec(
        width_m=width,
        back_m=float(rng.uniform(1.6, 3.0)),
        front_m=6.0,
        height_m=float(rng.uniform(2.4, 2.8)),
        floor=floor,
        floor_rgb=FLOOR_COLOURS[floor][int(rng.integers(0, 3))],
        wall=str(rng.choice(list(WALLS))),
        wall_rgb=WALL_COLOURS[int(rng.integers(0, len(WALL_COLOURS)))],
        furniture=tuple(items),
        treadmill_at=(0.0, -0.2, 90.0) if treadmill else None,
        seed=seed,
    )


def _surfaces(spec: RoomSpec, textures: dict[str, tuple[np.ndarray, float]]) -> list[MeshPart]:
    w, b, f, h = spec.width_m, spec.back_m, spec.front_m, spec.height_m
    cells = lambda a, c: (max(1, round(a / GRID_CELL_M)), max(1, round(c / GRID_CELL_M)))  # noqa: E731
    white = (1.0, 1.0, 1.0)
    ft, wt = textures["floor"][1], textures["wall"][1]
    p = np.array
    return [
        grid_quad(
            origin=p([-w / 2, 0, -b]),
            u_axis=p([w, 0, 0]),
            v_axis=p([0, 0, b + f]),
            cells=cells(w, b + f),
            tile_m=ft,
            rgb=white,
            texture="floor",
            receives_shadow=True,
        ),
        grid_quad(
            origin=p([-w / 2, 0, -b]),
            u_axis=p([0, h, 0]),
            v_axis=p([w, 0, 0]),
            cells=cells(h, w),
            tile_m=wt,
            rgb=white,
            texture="wall",
        ),
        grid_quad(
            origin=p([-w / 2, 0, f]),
            u_axis=p([0, h, 0]),
            v_axis=p([0, 0, -(b + f)]),
            cells=cells(h, b + f),
            tile_m=wt,
            rgb=white,
            texture="wall",
        ),
        grid_quad(
            origin=p([w / 2, 0, -b]),
            u_axis=p([0, h, 0]),
            v_axis=p([0, 0, b + f]),
            cells=cells(h, b + f),
            tile_m=wt,
            rgb=white,
            texture="wall",
        ),
        grid_quad(
            origin=p([w / 2, 0, f]),
            u_axis=p([0, h, 0]),
            v_axis=p([-w, 0, 0]),
            cells=cells(h, w),
            tile_m=wt,
            rgb=white,
            texture="wall",
        ),
        grid_quad(
            origin=p([-w / 2, h, -b]),
            u_axis=p([0, 0, b + f]),
            v_axis=p([w, 0, 0]),
            cells=cells(b + f, w),
            tile_m=1.0,
            rgb=CEILING_RGB,
            emit=CEILING_EMIT,
        ),
        grid_quad(
            origin=p([-w / 2, 0.0, -b + 0.005]),
            u_axis=p([w, 0, 0]),
            v_axis=p([0, 0.08, 0]),
            cells=cells(w, 0.1),
            tile_m=1.0,
            rgb=(0.93, 0.93, 0.9),
        ),
    ]


def _item_parts(item: FurnitureItem, spec: RoomSpec, rng: np.random.Generator) -> list[MeshPart]:
    sky = (float(rng.uniform(0.75, 0.95)), float(rng.uniform(0.85, 0.97)), 1.0)
    build = {
        "sofa": lambda: fu.sofa(item.rgb),
        "table": lambda: fu.table(item.rgb),
        "shelf": lambda: fu.shelf(item.rgb, rng),
        "plant": lambda: fu.plant(rng),
        "door": lambda: fu.door(item.rgb),
        "window": lambda: fu.window(sky),
    }[item.kind]()
    w, b = spec.width_m, spec.back_m
    at, yaw = {
        "back": ((item.offset_m, 0.0, -b), 0.0),
        "left": ((w / 2, 0.0, item.offset_m), -90.0),
        "right": ((-w / 2, 0.0, item.offset_m), 90.0),
    }[item.wall]
    return place(build, at=at, yaw_deg=yaw)


def build_room(spec: RoomSpec) -> Room:
    rng = np.random.default_rng(spec.seed)
    textures = {
        "floor": FLOORS[spec.floor](rng, np.asarray(spec.floor_rgb)),
        "wall": WALLS[spec.wall](rng, np.asarray(spec.wall_rgb)),
    }
    parts = _surfaces(spec, textures)
    props: list[MeshPart] = []
    for item in spec.furniture:
        props += _item_parts(item, spec, rng)
    layout = None
    if spec.treadmill_at is not None:
        x, z, yaw = spec.treadmill_at
        props += place(fu.treadmill(), at=(x, 0.0, z), yaw_deg=yaw)
        layout = fu.treadmill_layout(at=(x, 0.0, z), yaw_deg=yaw)
    for emit in sorted({p.emit for p in props}):
        same = [p for p in props if p.emit == emit]
        if same:
            parts.append(merge(same))
    return Room(
        parts=parts,
        textures=textures,
        treadmill=layout,
        bounds_m=(-spec.width_m / 2, spec.width_m / 2, -spec.back_m, spec.front_m),
    )
