"""Lighting of a rendered scene: a key light that casts the floor shadow, a fill, ambient."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

KEY_ELEVATION_DEG = (40.0, 75.0)
"""Range of the key light's elevation above the floor (deg): lower casts longer shadows."""


@dataclass(frozen=True, kw_only=True)
class LightSpec:
    key_dir: tuple[float, float, float] = (-0.35, -0.85, -0.4)
    """Direction the key light travels (towards the floor: y < 0)."""
    key_rgb: tuple[float, float, float] = (0.85, 0.82, 0.76)
    fill_dir: tuple[float, float, float] = (0.5, -0.3, -0.8)
    fill_rgb: tuple[float, float, float] = (0.25, 0.27, 0.30)
    ambient_rgb: tuple[float, float, float] = (0.32, 0.32, 0.34)
    shadow_strength: float = 0.55
    """Darkening of the floor in the key light's shadow, 0..1."""
    shadow_blur_m: float = 0.05
    """Softness (Gaussian sigma) of the key-light shadow's edge (m)."""
    contact_strength: float = 0.5
    """Darkening right under the feet (ambient occlusion), 0..1."""
    contact_height_m: float = 0.06
    """Height over which the contact darkening fades (m)."""


def random_lights(seed: int) -> LightSpec:
    """Varied indoor lighting: daylight or warm lamps, soft or hard shadows."""
    rng = np.random.default_rng(seed)
    elev = np.radians(rng.uniform(*KEY_ELEVATION_DEG))
    az = rng.uniform(0, 2 * np.pi)
    key = (np.cos(elev) * np.cos(az), -np.sin(elev), np.cos(elev) * np.sin(az))
    warm = rng.uniform(0.0, 1.0)
    key_rgb = np.array([1.0, 0.95 - 0.05 * warm, 0.9 - 0.2 * warm]) * rng.uniform(0.6, 0.95)
    fill_az = az + np.pi + rng.uniform(-0.8, 0.8)
    fill = (np.cos(fill_az) * 0.8, -0.3, np.sin(fill_az) * 0.8)
    return LightSpec(
        key_dir=tuple(float(v) for v in key),
        key_rgb=tuple(float(v) for v in key_rgb),
        fill_dir=tuple(float(v) for v in fill),
        fill_rgb=tuple(float(v) for v in np.full(3, rng.uniform(0.15, 0.35))),
        ambient_rgb=tuple(float(v) for v in np.full(3, rng.uniform(0.25, 0.42)) * (1, 1, 1.03)),
        shadow_strength=float(rng.uniform(0.35, 0.7)),
        shadow_blur_m=float(rng.uniform(0.02, 0.10)),
        contact_strength=float(rng.uniform(0.5, 0.8)),
    )
