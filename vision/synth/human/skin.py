"""Forward kinematics and linear blend skinning, vectorised in numpy.

Every bone's rest frame is the world axes at its head, so a pose is one rotation per bone (about
its head, in rest world axes) plus the root's translation:
``G[b] = G[parent] @ T(head_b - head_parent) @ R_b``, and the skinning matrix that carries rest
points to posed points is ``M[b] = G[b] @ T(-head_b)``.
"""

from __future__ import annotations

import numpy as np


def global_matrices(
    *, parents: np.ndarray, rest_heads: np.ndarray, local_rot: np.ndarray, root_pos: np.ndarray
) -> np.ndarray:
    """(..., B, 4, 4) skinning matrices (rest -> posed).

    parents (B,) with parents before children; rest_heads (B, 3); local_rot (..., B, 3, 3);
    root_pos (..., 3) posed position of the root bone's head.
    """
    n_bones = len(parents)
    if parents[0] != -1:
        raise ValueError("bone 0 must be the root (parents[0] == -1)")
    batch = local_rot.shape[:-3]
    glob = np.zeros((*batch, n_bones, 4, 4))
    glob[..., 3, 3] = 1.0
    glob[..., :3, :3] = local_rot
    offsets = rest_heads - np.where(parents[:, None] >= 0, rest_heads[np.maximum(parents, 0)], 0.0)
    glob[..., 0, :3, 3] = root_pos
    for b in range(1, n_bones):
        p = parents[b]
        g_p = glob[..., p, :, :]
        glob[..., b, :3, :3] = g_p[..., :3, :3] @ local_rot[..., b, :, :]
        glob[..., b, :3, 3] = g_p[..., :3, :3] @ offsets[b] + g_p[..., :3, 3]
    mats = glob.copy()
    mats[..., :3, 3] -= np.einsum("...bij,bj->...bi", glob[..., :3, :3], rest_heads)
    return mats


def transform_points(mats: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Apply (..., 4, 4) matrices to (..., 3) points (broadcast)."""
    return np.einsum("...ij,...j->...i", mats[..., :3, :3], points) + mats[..., :3, 3]


def blend_skin(weights: np.ndarray, mats: np.ndarray, rest_verts: np.ndarray) -> np.ndarray:
    """Linear blend skinning: (V, B) weights, (B, 4, 4) matrices, (V, 3) rest -> (V, 3) posed."""
    blended = weights @ mats[:, :3, :].reshape(len(mats), 12).astype(np.float32)
    blended = blended.reshape(-1, 3, 4)
    return np.einsum("vij,vj->vi", blended[:, :, :3], rest_verts) + blended[:, :, 3]


def vertex_normals(verts: np.ndarray, tris: np.ndarray) -> np.ndarray:
    """(V, 3) unit area-weighted vertex normals for (F, 3) triangles."""
    a, b, c = verts[tris[:, 0]], verts[tris[:, 1]], verts[tris[:, 2]]
    fn = np.cross(b - a, c - a)
    idx = tris.reshape(-1)
    fn3 = np.repeat(fn, 3, axis=0)
    n = np.stack([np.bincount(idx, weights=fn3[:, k], minlength=len(verts)) for k in range(3)], axis=1)
    return n / np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-12)
