"""The MakeHuman default rig: bone hierarchy, joint placement rules, skinning weights.

Each bone's head and tail are placed by a rule evaluated on the (morphed) mesh: ``CUBE`` (mean of
a joint cube's vertices), ``VERTEX`` (one vertex) or ``MEAN`` (mean of listed vertices). The
rig's ``default_position`` belongs to another character in Blender axes and is not used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from vision.synth.human.assets import asset_path
from vision.synth.human.mesh import BaseMesh, load_base_mesh

RIG_FILE = "rigs/standard/rig.default.json"
WEIGHTS_FILE = "rigs/standard/weights.default.json"


@dataclass(frozen=True, kw_only=True)
class Rig:
    bone_names: tuple[str, ...]
    """Bones ordered so that every parent comes before its children."""
    parents: np.ndarray
    """(B,) int parent index, -1 for ``root``."""
    head_sel: tuple[np.ndarray, ...]
    """Per bone, the vertex indices whose mean is the head."""
    tail_sel: tuple[np.ndarray, ...]
    """Per bone, the vertex indices whose mean is the tail."""

    def joints(self, verts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(B, 3) heads and (B, 3) tails evaluated on full-mesh vertices (any unit)."""
        heads = np.stack([verts[s].mean(axis=0) for s in self.head_sel])
        tails = np.stack([verts[s].mean(axis=0) for s in self.tail_sel])
        return heads, tails


def _rule_vertices(rule: dict, mesh: BaseMesh) -> np.ndarray:
    kind = rule["strategy"]
    if kind == "CUBE":
        return mesh.group_vertices(rule["cube_name"])
    if kind == "VERTEX":
        return np.asarray([rule["vertex_index"]], dtype=np.int64)
    if kind == "MEAN":
        return np.asarray(rule["vertex_indices"], dtype=np.int64)
    raise ValueError(f"unknown joint rule {kind!r}")


def _topological(raw: dict) -> list[str]:
    order: list[str] = []
    placed: set[str] = set()
    pending = sorted(raw)
    while pending:
        nxt = [b for b in pending if not raw[b]["parent"] or raw[b]["parent"] in placed]
        if not nxt:
            raise ValueError("rig hierarchy has a cycle")
        order.extend(nxt)
        placed.update(nxt)
        pending = [b for b in pending if b not in placed]
    return order


@lru_cache(maxsize=1)
def load_rig() -> Rig:
    raw = json.loads(asset_path(RIG_FILE).read_text())
    mesh = load_base_mesh()
    names = _topological(raw)
    index = {n: i for i, n in enumerate(names)}
    parents = np.asarray([index[raw[n]["parent"]] if raw[n]["parent"] else -1 for n in names])
    return Rig(
        bone_names=tuple(names),
        parents=parents,
        head_sel=tuple(_rule_vertices(raw[n]["head"], mesh) for n in names),
        tail_sel=tuple(_rule_vertices(raw[n]["tail"], mesh) for n in names),
    )


@lru_cache(maxsize=1)
def _raw_weights() -> dict[str, list[list[float]]]:
    return json.loads(asset_path(WEIGHTS_FILE).read_text())["weights"]


def weight_matrix(rig: Rig, vertex_ids: np.ndarray) -> np.ndarray:
    """(V, B) float32 skinning weights for the given full-mesh vertex ids, rows summing to 1.

    Vertices with no weight (none in the body) are bound to ``root``.
    """
    remap = np.full(int(vertex_ids.max()) + 1, -1, dtype=np.int64)
    remap[vertex_ids] = np.arange(len(vertex_ids))
    w = np.zeros((len(vertex_ids), len(rig.bone_names)), dtype=np.float64)
    for b, name in enumerate(rig.bone_names):
        pairs = np.asarray(_raw_weights().get(name, []), dtype=np.float64).reshape(-1, 2)
        if not len(pairs):
            continue
        vid = pairs[:, 0].astype(np.int64)
        ok = vid < len(remap)
        rows = remap[vid[ok]]
        keep = rows >= 0
        w[rows[keep], b] = pairs[ok, 1][keep]
    total = w.sum(axis=1)
    w[total <= 0, 0] = 1.0
    w /= w.sum(axis=1, keepdims=True)
    return w.astype(np.float32)
