"""The MakeHuman base mesh: vertices, quad faces by group, joint cubes.

``base.obj`` is in decimetres, Y up, +Z the character's front, +X the character's left. Only the
``body`` group (and the eyeballs) is drawn; the ``joint-*`` cubes only place the skeleton.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from vision.synth.human.assets import asset_path

DM_TO_M = 0.1
VISIBLE_GROUPS = ("body", "helper-l-eye", "helper-r-eye")


@dataclass(frozen=True, kw_only=True)
class BaseMesh:
    verts_dm: np.ndarray
    """(N, 3) float64 all vertices of base.obj, decimetres."""
    group_faces: dict[str, np.ndarray]
    """Group name -> (F, 4) int quad faces (0-based vertex indices; triangles repeat the last)."""

    def group_vertices(self, name: str) -> np.ndarray:
        """Sorted unique vertex indices used by a group's faces."""
        return np.unique(self.group_faces[name])

    def cube_center_dm(self, verts_dm: np.ndarray, cube: str) -> np.ndarray:
        """Mean of a joint cube's vertices (the rig's ``CUBE`` rule) in the given (morphed) vertices."""
        return verts_dm[self.group_vertices(cube)].mean(axis=0)


def _parse_obj(text: str) -> BaseMesh:
    verts: list[list[float]] = []
    groups: dict[str, list[list[int]]] = {}
    current = "default"
    for line in text.splitlines():
        if line.startswith("v "):
            verts.append([float(x) for x in line.split()[1:4]])
        elif line.startswith("f "):
            idx = [int(tok.split("/")[0]) - 1 for tok in line.split()[1:]]
            if len(idx) == 3:
                idx.append(idx[2])
            groups.setdefault(current, []).append(idx[:4])
        elif line.startswith("g "):
            current = line[2:].strip()
    faces = {k: np.asarray(v, dtype=np.int64) for k, v in groups.items()}
    return BaseMesh(verts_dm=np.asarray(verts, dtype=np.float64), group_faces=faces)


@lru_cache(maxsize=1)
def load_base_mesh() -> BaseMesh:
    """Parse base.obj once per process."""
    return _parse_obj(asset_path("3dobjs/base.obj").read_text())


def quads_to_triangles(quads: np.ndarray) -> np.ndarray:
    """(F, 4) quads -> (2F, 3) triangles, dropping the degenerate half of triangle faces."""
    tri = np.concatenate([quads[:, [0, 1, 2]], quads[:, [0, 2, 3]]], axis=0)
    keep = (tri[:, 0] != tri[:, 1]) & (tri[:, 1] != tri[:, 2]) & (tri[:, 0] != tri[:, 2])
    return tri[keep]
