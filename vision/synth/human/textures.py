"""Procedural textures for floors and walls (numpy, deterministic for a seed).

Each returns an (N, N, 3) uint8 RGB tile that repeats seamlessly, and the tile's size in metres.
"""

from __future__ import annotations

import cv2
import numpy as np

TEXTURE_PX = 512
"""Tile resolution (px)."""
PLANK_WIDTH_M = 0.15
"""Width of a floorboard (m)."""
WOOD_TILE_M = 1.2
TILE_SIZE_M = (0.30, 0.45, 0.60)
"""Ceramic tile sizes (m)."""
CARPET_TILE_M = 0.8
LINO_TILE_M = 1.0
WALLPAPER_TILE_M = 0.53
"""Width of a wallpaper roll (m), one pattern repeat per tile."""
PAINT_TILE_M = 1.5


def _noise(rng: np.random.Generator, n: int, scale_px: float) -> np.ndarray:
    """Seamless smooth noise in [-1, 1] (wrapped Gaussian blur of white noise)."""
    white = rng.standard_normal((n, n)).astype(np.float32)
    k = int(scale_px * 3) | 1
    sm = cv2.GaussianBlur(np.tile(white, (3, 3)), (k, k), scale_px)[n : 2 * n, n : 2 * n]
    return sm / (np.abs(sm).max() + 1e-9)


def _to_u8(img: np.ndarray) -> np.ndarray:
    return np.clip(img * 255.0, 0, 255).astype(np.uint8)


def wood(rng: np.random.Generator, rgb: np.ndarray) -> tuple[np.ndarray, float]:
    n = TEXTURE_PX
    planks = round(WOOD_TILE_M / PLANK_WIDTH_M)
    x = np.arange(n)[None, :]
    y = np.arange(n)[:, None]
    plank = (y * planks) // n
    shade = rng.uniform(0.82, 1.12, planks)[plank]
    grain = 0.06 * np.sin(2 * np.pi * (x / n * rng.uniform(8, 14) + 3 * _noise(rng, n, 6.0)))
    joints = ((y * planks) % n < planks * 1.2).astype(np.float32)
    offs = rng.integers(0, n, planks)[plank]
    butt = (((x + offs) % n) < 3).astype(np.float32)
    lum = shade * (1 + grain + 0.05 * _noise(rng, n, 20.0)) * (1 - 0.45 * np.maximum(joints, butt))
    return _to_u8(lum[..., None] * rgb), WOOD_TILE_M


def tiles(rng: np.random.Generator, rgb: np.ndarray) -> tuple[np.ndarray, float]:
    n = TEXTURE_PX
    count = 2
    x = np.arange(n)[None, :]
    y = np.arange(n)[:, None]
    grout = ((x % (n // count) < 5) | (y % (n // count) < 5)).astype(np.float32)
    cell = (y // (n // count)) * count + x // (n // count)
    shade = rng.uniform(0.94, 1.05, count * count)[cell]
    lum = shade * (1 + 0.03 * _noise(rng, n, 3.0))
    img = lum[..., None] * rgb * (1 - grout[..., None]) + grout[..., None] * np.array([0.55, 0.55, 0.52])
    return _to_u8(img), count * float(rng.choice(TILE_SIZE_M))


def carpet(rng: np.random.Generator, rgb: np.ndarray) -> tuple[np.ndarray, float]:
    n = TEXTURE_PX
    fibre = 0.10 * rng.standard_normal((n, n)) + 0.08 * _noise(rng, n, 4.0) + 0.06 * _noise(rng, n, 25.0)
    return _to_u8((1 + fibre)[..., None] * rgb), CARPET_TILE_M


def lino(rng: np.random.Generator, rgb: np.ndarray) -> tuple[np.ndarray, float]:
    n = TEXTURE_PX
    speck = (rng.random((n, n)) < 0.01).astype(np.float32) * rng.uniform(-0.25, 0.25)
    marble = 0.05 * _noise(rng, n, 30.0) + 0.03 * _noise(rng, n, 8.0)
    return _to_u8((1 + marble + speck)[..., None] * rgb), LINO_TILE_M


def paint(rng: np.random.Generator, rgb: np.ndarray) -> tuple[np.ndarray, float]:
    n = TEXTURE_PX
    lum = 1 + 0.025 * _noise(rng, n, 10.0) + 0.01 * rng.standard_normal((n, n))
    return _to_u8(lum[..., None] * rgb), PAINT_TILE_M


def wallpaper(rng: np.random.Generator, rgb: np.ndarray) -> tuple[np.ndarray, float]:
    n = TEXTURE_PX
    x = np.arange(n)[None, :] / n
    y = np.arange(n)[:, None] / n
    kind = int(rng.integers(0, 3))
    if kind == 0:
        pattern = 0.5 + 0.5 * np.cos(2 * np.pi * x * int(rng.integers(3, 8)))
    elif kind == 1:
        k = int(rng.integers(3, 6))
        pattern = ((np.sin(2 * np.pi * k * x) * np.sin(2 * np.pi * k * y)) > 0.55).astype(float)
    else:
        pattern = 0.5 + 0.5 * np.sin(2 * np.pi * (3 * x + 0.15 * np.sin(2 * np.pi * 4 * y)))
    pattern = np.broadcast_to(pattern, (n, n))
    accent = np.clip(rgb * rng.uniform(0.7, 0.9), 0, 1)
    img = rgb * (1 - 0.5 * pattern[..., None]) + accent * 0.5 * pattern[..., None]
    img *= (1 + 0.02 * _noise(rng, n, 6.0))[..., None]
    return _to_u8(img), WALLPAPER_TILE_M


FLOORS = {"wood": wood, "tiles": tiles, "carpet": carpet, "lino": lino}
WALLS = {"paint": paint, "wallpaper": wallpaper}
