"""Simple meshes for rooms: boxes, cylinders, spheres, and furniture built from them.

A :class:`MeshPart` is flat data for the renderer (metres, Y up). Furniture is built at the
origin facing +Z and placed with :func:`place`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

RGB = tuple[float, float, float]


@dataclass(frozen=True, kw_only=True)
class MeshPart:
    positions: np.ndarray
    """(N, 3) float32."""
    normals: np.ndarray
    colours: np.ndarray
    """(N, 3) float32 RGB 0..1 (multiplies the texture)."""
    uvs: np.ndarray
    """(N, 2) float32 texture coordinates in tiles."""
    triangles: np.ndarray
    """(F, 3) int32."""
    texture: str | None = None
    """'floor', 'wall' or None (plain colour)."""
    emit: float = 0.0
    """0 = lit .. 1 = shows its colour unlit (windows, screens)."""
    receives_shadow: bool = False


def _part(pos, nrm, tris, rgb: RGB, **kw) -> MeshPart:
    pos = np.asarray(pos, np.float32)
    return MeshPart(
        positions=pos,
        normals=np.asarray(nrm, np.float32),
        colours=np.tile(np.asarray(rgb, np.float32), (len(pos), 1)),
        uvs=kw.pop("uvs", np.zeros((len(pos), 2), np.float32)),
        triangles=np.asarray(tris, np.int32),
        **kw,
    )


def box(center: tuple[float, float, float], size: tuple[float, float, float], rgb: RGB, **kw) -> MeshPart:
    """Axis-aligned box, flat-shaded (24 vertices)."""
    c, h = np.asarray(center, float), np.asarray(size, float) / 2
    pos, nrm, tris = [], [], []
    for axis in range(3):
        for sign in (-1.0, 1.0):
            n = np.zeros(3)
            n[axis] = sign
            u, v = np.roll(np.eye(3), 1, axis=0)[axis], np.roll(np.eye(3), 2, axis=0)[axis]
            if sign < 0:
                u, v = v, u
            base = len(pos)
            for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
                pos.append(c + h * (n + a * u + b * v))
                nrm.append(n)
            tris += [[base, base + 1, base + 2], [base, base + 2, base + 3]]
    return _part(pos, nrm, tris, rgb, **kw)


def cylinder(
    center: tuple[float, float, float],
    *,
    radius: float,
    height: float,
    rgb: RGB,
    segments: int = 16,
    axis: int = 1,
) -> MeshPart:
    """Closed cylinder along a world axis (default vertical), smooth sides."""
    ang = np.linspace(0, 2 * np.pi, segments, endpoint=False)
    ring = np.stack([np.cos(ang), np.sin(ang)], axis=1) * radius
    perm = {0: (1, 2, 0), 1: (0, 2, 1), 2: (0, 1, 2)}[axis]

    def world(a: np.ndarray, b: np.ndarray, h: np.ndarray) -> np.ndarray:
        out = np.zeros((len(a), 3))
        out[:, perm[0]], out[:, perm[1]], out[:, perm[2]] = a, b, h
        return out + np.asarray(center)

    lo, hi = np.full(segments, -height / 2), np.full(segments, height / 2)
    side = np.concatenate([world(ring[:, 0], ring[:, 1], lo), world(ring[:, 0], ring[:, 1], hi)])
    side_n = np.concatenate([world(ring[:, 0], ring[:, 1], 0 * lo)] * 2) - np.asarray(center)
    side_n /= np.linalg.norm(side_n, axis=1, keepdims=True)
    i = np.arange(segments)
    j = (i + 1) % segments
    tris = np.concatenate([np.stack([i, j, j + segments], 1), np.stack([i, j + segments, i + segments], 1)])
    caps_pos, caps_n, caps_t = [], [], []
    base = 2 * segments
    for h, s in ((lo, -1.0), (hi, 1.0)):
        caps_pos.append(
            np.concatenate([world(np.zeros(1), np.zeros(1), h[:1]), world(ring[:, 0], ring[:, 1], h)])
        )
        n = np.zeros((segments + 1, 3))
        n[:, perm[2]] = s
        caps_n.append(n)
        caps_t.append(np.stack([np.full(segments, base), base + 1 + i, base + 1 + j], 1))
        base += segments + 1
    pos = np.concatenate([side, *caps_pos])
    nrm = np.concatenate([side_n, *caps_n])
    return _part(pos, nrm, np.concatenate([tris, *caps_t]), rgb)


def sphere(
    center: tuple[float, float, float], *, radius: float, rgb: RGB, rings: int = 8, sectors: int = 12
) -> MeshPart:
    th = np.linspace(0, np.pi, rings + 1)
    ph = np.linspace(0, 2 * np.pi, sectors + 1)
    t, p = np.meshgrid(th, ph, indexing="ij")
    n = np.stack([np.sin(t) * np.cos(p), np.cos(t), np.sin(t) * np.sin(p)], -1).reshape(-1, 3)
    idx = np.arange((rings + 1) * (sectors + 1)).reshape(rings + 1, sectors + 1)
    a, b, c, d = idx[:-1, :-1], idx[:-1, 1:], idx[1:, 1:], idx[1:, :-1]
    tris = np.concatenate([np.stack([a, b, c], -1).reshape(-1, 3), np.stack([a, c, d], -1).reshape(-1, 3)])
    return _part(np.asarray(center) + radius * n, n, tris, rgb)


def grid_quad(
    *,
    origin: np.ndarray,
    u_axis: np.ndarray,
    v_axis: np.ndarray,
    cells: tuple[int, int],
    tile_m: float,
    rgb: RGB,
    **kw,
) -> MeshPart:
    """A flat rectangle origin + s*u + t*v (s, t in 0..1) split into cells (so distortion bends it)."""
    nu, nv = cells
    s, t = np.meshgrid(np.linspace(0, 1, nu + 1), np.linspace(0, 1, nv + 1), indexing="ij")
    pos = origin + s.reshape(-1, 1) * u_axis + t.reshape(-1, 1) * v_axis
    normal = np.cross(u_axis, v_axis)
    normal /= np.linalg.norm(normal)
    uvs = (
        np.stack([s.reshape(-1) * np.linalg.norm(u_axis), t.reshape(-1) * np.linalg.norm(v_axis)], 1) / tile_m
    )
    idx = np.arange((nu + 1) * (nv + 1)).reshape(nu + 1, nv + 1)
    a, b, c, d = idx[:-1, :-1], idx[1:, :-1], idx[1:, 1:], idx[:-1, 1:]
    tris = np.concatenate([np.stack([a, b, c], -1).reshape(-1, 3), np.stack([a, c, d], -1).reshape(-1, 3)])
    return _part(pos, np.tile(normal, (len(pos), 1)), tris, rgb, uvs=uvs.astype(np.float32), **kw)


def place(parts: list[MeshPart], *, at: tuple[float, float, float], yaw_deg: float) -> list[MeshPart]:
    """Rotate parts about the vertical by yaw (from +Z towards +X) and translate."""
    c, s = np.cos(np.radians(yaw_deg)), np.sin(np.radians(yaw_deg))
    rot = np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]], np.float32)
    return [
        replace(
            p,
            positions=(p.positions @ rot.T + np.asarray(at, np.float32)).astype(np.float32),
            normals=p.normals @ rot.T,
        )
        for p in parts
    ]


def merge(parts: list[MeshPart]) -> MeshPart:
    """One part from parts sharing texture, emit and shadow flags."""
    offs = np.cumsum([0] + [len(p.positions) for p in parts[:-1]])
    first = parts[0]
    return replace(
        first,
        positions=np.concatenate([p.positions for p in parts]).astype(np.float32),
        normals=np.concatenate([p.normals for p in parts]).astype(np.float32),
        colours=np.concatenate([p.colours for p in parts]).astype(np.float32),
        uvs=np.concatenate([p.uvs for p in parts]).astype(np.float32),
        triangles=np.concatenate([p.triangles + o for p, o in zip(parts, offs, strict=True)]).astype(
            np.int32
        ),
    )
