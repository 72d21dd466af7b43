"""The digital human's body: shape, skeleton, skinning weights, clothes, shoes, landmarks.

World axes: metres, Y up, +Z the body's front, +X the character's left; in the rest pose the
shoe soles stand on the floor y = 0. ``height_m`` is the BAREFOOT stature (top of the head to the
bare sole); shod, the head is ``shoes.sole_m`` higher.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from vision.synth.human.dress import (
    SKIN_TONES,
    Clothing,
    ColourInputs,
    Hair,
    Shoes,
    build_shoe,
    shoe_mask,
    vertex_colours,
)
from vision.synth.human.landmarks3d import LandmarkAnchors, build_anchors
from vision.synth.human.mesh import DM_TO_M, load_base_mesh, quads_to_triangles
from vision.synth.human.rig import load_rig, weight_matrix
from vision.synth.human.shape import ShapeParams, morph
from vision.synth.human.skin import blend_skin, global_matrices, transform_points, vertex_normals

SOLE_POINT_NAMES = ("heel", "ball", "toe")
"""Order of the (3, 3) sole points per foot: back-bottom of the heel, ball, tip of the toe."""
SIDES = {"left": "L", "right": "R"}


@dataclass(frozen=True, kw_only=True)
class BodySpec:
    sex: float = 1.0
    """0 = female .. 1 = male."""
    age_years: float = 65.0
    height_m: float = 1.73
    """Barefoot stature, 1.50-1.95 m."""
    weight: float = 0.5
    """0 = slim .. 0.5 = average .. 1 = obese."""
    muscle: float = 0.5
    """0 = little .. 1 = much muscle."""
    ancestry: tuple[float, float, float] = (1 / 3, 1 / 3, 1 / 3)
    """Proportions african, asian, caucasian of the MakeHuman ancestry targets."""
    skin_tone: int | tuple[float, float, float] = 2
    """Index into :data:`SKIN_TONES` (light 0 .. dark 6) or an RGB triple 0..1."""
    hair: Hair = field(default_factory=Hair)
    clothing: Clothing = field(default_factory=Clothing)
    shoes: Shoes = field(default_factory=Shoes)
    seed: int = 0
    """Seeds the colour jitter."""


@dataclass(frozen=True, kw_only=True, eq=False)
class HumanBody:
    spec: BodySpec
    bone_names: tuple[str, ...]
    parents: np.ndarray
    """(B,) int, -1 for the root; parents come before children."""
    rest_heads_m: np.ndarray
    """(B, 3) bone heads in the rest pose (m)."""
    rest_tails_m: np.ndarray
    rest_verts_m: np.ndarray
    """(V, 3) float32 rest vertices (body, eyes, skirt when worn), shod."""
    weights: np.ndarray
    """(V, B) float32 skinning weights, rows sum to 1."""
    triangles: np.ndarray
    """(F, 3) int32 triangles into the vertices."""
    colours: np.ndarray
    """(V, 3) float32 RGB 0..1."""
    anchors: LandmarkAnchors
    sole_bones: dict[str, np.ndarray]
    """'left'/'right' -> (3,) bone carrying heel, ball, toe."""
    sole_points_m: dict[str, np.ndarray]
    """'left'/'right' -> (3, 3) heel, ball, toe on the floor in REST world coordinates."""

    @cached_property
    def _index(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.bone_names)}

    def bone(self, name: str) -> int:
        return self._index[name]

    def identity_rotations(self) -> np.ndarray:
        """(B, 3, 3) identity rotations (the rest pose)."""
        return np.tile(np.eye(3), (len(self.bone_names), 1, 1))

    def pose(self, *, local_rot: np.ndarray, root_m: np.ndarray) -> np.ndarray:
        """(..., B, 4, 4) skinning matrices (rest -> posed).

        local_rot (..., B, 3, 3): each bone's rotation about its head in the REST world axes;
        root_m (..., 3): posed position of the root bone's head (``rest_heads_m[0]`` with identity
        rotations gives the rest pose).
        """
        return global_matrices(
            parents=self.parents, rest_heads=self.rest_heads_m, local_rot=local_rot, root_pos=root_m
        )

    def skin(self, mats: np.ndarray) -> np.ndarray:
        """(V, 3) float32 posed vertices (m) for (B, 4, 4) skinning matrices."""
        return blend_skin(self.weights, mats, self.rest_verts_m).astype(np.float32)

    def landmarks_3d(self, mats: np.ndarray, verts: np.ndarray | None = None) -> np.ndarray:
        """(..., 33, 3) BlazePose landmark places (m), rigid on their bones (``verts`` unused)."""
        return self.anchors.posed(mats)

    def sole_points(self, mats: np.ndarray) -> dict[str, np.ndarray]:
        """'left'/'right' -> (..., 3, 3) posed heel, ball, toe sole points (m)."""
        return {
            side: transform_points(mats[..., self.sole_bones[side], :, :], self.sole_points_m[side])
            for side in SIDES
        }

    @cached_property
    def rest_landmarks_m(self) -> np.ndarray:
        return self.anchors.rest_points.copy()

    def normals(self, verts: np.ndarray) -> np.ndarray:
        """(V, 3) unit vertex normals of posed vertices."""
        return vertex_normals(verts, self.triangles).astype(np.float32)


def skin_rgb(spec: BodySpec) -> np.ndarray:
    if isinstance(spec.skin_tone, int):
        return np.asarray(SKIN_TONES[spec.skin_tone % len(SKIN_TONES)])
    return np.asarray(spec.skin_tone, dtype=np.float64)


def _kept_vertices(spec: BodySpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ids, triangles into ids, skirt mask over ids)."""
    mesh = load_base_mesh()
    groups = ["body", "helper-l-eye", "helper-r-eye"]
    if spec.clothing.bottom == "skirt":
        groups.append("helper-skirt")
    quads = np.concatenate([mesh.group_faces[g] for g in groups])
    ids = np.unique(quads)
    remap = np.full(len(mesh.verts_dm), -1, dtype=np.int64)
    remap[ids] = np.arange(len(ids))
    tris = remap[quads_to_triangles(quads)].astype(np.int32)
    skirt = (
        np.isin(ids, mesh.group_vertices("helper-skirt"))
        if "helper-skirt" in groups
        else np.zeros(len(ids), bool)
    )
    return ids, tris, skirt


def build_body(spec: BodySpec) -> HumanBody:
    """Shape, rig, dress and shoe one body (about 1-2 s; needs the fetched assets)."""
    mesh, rig = load_base_mesh(), load_rig()
    shape = ShapeParams(
        sex=spec.sex, age_years=spec.age_years, muscle=spec.muscle, weight=spec.weight, ancestry=spec.ancestry
    )
    full = morph(mesh.verts_dm, shape) * DM_TO_M
    body_v = full[mesh.group_vertices("body"), 1]
    scale = spec.height_m / (body_v.max() - body_v.min())
    full = (full - np.array([0.0, body_v.min(), 0.0])) * scale
    heads, tails = rig.joints(full)
    ids, tris, skirt = _kept_vertices(spec)
    verts = full[ids]
    weights = weight_matrix(rig, ids)
    normals = vertex_normals(verts, tris)
    eyes = np.isin(ids, np.concatenate([mesh.group_vertices(g) for g in ("helper-l-eye", "helper-r-eye")]))
    eye_centres = np.stack(
        [full[mesh.group_vertices(g)].mean(axis=0) for g in ("helper-l-eye", "helper-r-eye")]
    )
    eye_r = float(np.ptp(full[mesh.group_vertices("helper-l-eye"), 0]) / 2)
    idx = {n: i for i, n in enumerate(rig.bone_names)}
    shoe_all = np.zeros(len(ids), bool)
    sole_all = np.zeros(len(ids), bool)
    refs: dict[str, dict[str, np.ndarray]] = {}
    bare = verts.copy()
    for s in SIDES.values():
        m = shoe_mask(
            verts=bare, weights=weights, bone_names=rig.bone_names, side=s, ankle_y=heads[idx[f"foot.{s}"], 1]
        )
        verts, refs[s], sole = build_shoe(verts=verts, normals=normals, mask=m, shoes=spec.shoes)
        shoe_all |= m
        sole_all |= sole
    lift = np.array([0.0, spec.shoes.sole_m, 0.0])
    verts, heads, tails, eye_centres = verts + lift, heads + lift, tails + lift, eye_centres + lift
    refs = {s: {k: p + lift for k, p in r.items()} for s, r in refs.items()}
    colours = vertex_colours(
        ColourInputs(
            verts=bare + lift,
            weights=weights,
            bone_names=rig.bone_names,
            heads={n: heads[i] for n, i in idx.items()},
            shoe=shoe_all,
            sole=sole_all,
            skirt=skirt,
            eyes=eyes,
            eye_centres=eye_centres,
        ),
        clothing=spec.clothing,
        hair=spec.hair,
        skin_rgb=skin_rgb(spec),
        shoes=spec.shoes,
        seed=spec.seed,
    )
    head_ids = np.flatnonzero(
        (verts[:, 1] > heads[idx["head"], 1] - 0.05) & (np.abs(verts[:, 0]) < 0.12) & ~eyes
    )
    anchors = build_anchors(
        bone_names=rig.bone_names,
        heads=heads,
        verts=verts,
        head_ids=head_ids,
        eye_centres=eye_centres,
        eye_r=eye_r,
        foot_refs=refs,
    )
    sole_bones, sole_pts = _sole_points(verts=verts, sole=sole_all, heads=heads, idx=idx)
    return HumanBody(
        spec=spec,
        bone_names=rig.bone_names,
        parents=rig.parents,
        rest_heads_m=heads,
        rest_tails_m=tails,
        rest_verts_m=verts.astype(np.float32),
        weights=weights,
        triangles=tris,
        colours=colours,
        anchors=anchors,
        sole_bones=sole_bones,
        sole_points_m=sole_pts,
    )


def _sole_points(
    *, verts: np.ndarray, sole: np.ndarray, heads: np.ndarray, idx: dict[str, int]
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Heel back-bottom, ball and toe tip of each sole, on the floor y = 0 in the rest pose."""
    bones, pts = {}, {}
    for side, s in SIDES.items():
        sv = verts[sole & ((verts[:, 0] > 0) == (s == "L"))]
        z_back, z_tip = sv[:, 2].min(), sv[:, 2].max()
        rear = sv[sv[:, 2] < z_back + 0.02]
        fore = sv[sv[:, 2] > z_tip - 0.02]
        ball = (heads[idx[f"toe1-1.{s}"]] + heads[idx[f"toe5-1.{s}"]]) / 2
        pts[side] = np.array(
            [[rear[:, 0].mean(), 0.0, z_back], [ball[0], 0.0, ball[2]], [fore[:, 0].mean(), 0.0, z_tip]]
        )
        bones[side] = np.array([idx[f"foot.{s}"], idx[f"foot.{s}"], idx[f"toe2-1.{s}"]])
    return bones, pts
