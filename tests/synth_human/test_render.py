"""The digital-human renderer: camera model, determinism, body where its labels say, shadows."""

from __future__ import annotations

import os

import numpy as np
import pytest

from vision.landmarks import LM
from vision.synth.human.assets import assets_available, skip_reason
from vision.synth.human.camera import CameraSpec, laptop_camera, phone_portrait_camera


def _need(ok: bool, reason: str) -> None:
    if not ok:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(reason)


def _egl_ok() -> tuple[bool, str]:
    try:
        import moderngl

        moderngl.create_standalone_context(backend="egl").release()
        return True, ""
    except Exception as exc:  # no EGL/Mesa on this machine
        return False, f"no EGL OpenGL context ({exc}); apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri"


def _yaw(deg: float) -> np.ndarray:
    c, s = np.cos(np.radians(deg)), np.sin(np.radians(deg))
    return np.array([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]])


@pytest.fixture(scope="module")
def scene():
    _need(assets_available(), skip_reason())
    _need(*_egl_ok())
    from vision.synth.human.body import BodySpec, build_body

    body = build_body(BodySpec(sex=0.0, age_years=68, height_m=1.62, seed=3))
    rot = body.identity_rotations()
    rot[0] = _yaw(90.0)  # walking direction +X: a side view from the camera on +Z
    mats = body.pose(local_rot=rot, root_m=body.rest_heads_m[0] + np.array([0.3, 0.0, 0.0]))
    return body, mats, body.skin(mats)


def _renderer(camera: CameraSpec, seed: int = 4):
    from vision.synth.human.render import Renderer
    from vision.synth.human.room import random_room
    from vision.synth.human.scene import random_lights

    return Renderer(camera=camera, room=random_room(seed), lights=random_lights(seed))


def test_camera_projects_the_look_at_point_to_the_image_centre_and_rolls():
    cam = CameraSpec(width=640, height=480, position_m=(0.0, 1.0, 3.0), look_at_m=(0.0, 1.0, 0.0))
    np.testing.assert_allclose(cam.project(np.array([0.0, 1.0, 0.0])), [319.5, 239.5], atol=1e-9)
    up = cam.project(np.array([0.0, 1.5, 0.0]))
    f = cam.focal_px
    np.testing.assert_allclose(up, [319.5, 239.5 - f * 0.5 / 3.0], atol=1e-9)
    rolled = CameraSpec(
        width=640, height=480, position_m=(0.0, 1.0, 3.0), look_at_m=(0.0, 1.0, 0.0), roll_deg=90.0
    )
    u, v = rolled.project(np.array([0.0, 1.5, 0.0]))
    assert u == pytest.approx(319.5 + f * 0.5 / 3.0) and v == pytest.approx(239.5)  # up turns to the right
    wide = laptop_camera(position_m=(0.0, 1.0, 3.0), look_at_m=(0.0, 1.0, 0.0))
    corner = wide.project(np.array([1.5, 1.8, 0.0])) - [319.5, 239.5]
    plain = CameraSpec(fov_deg=wide.fov_deg, position_m=(0.0, 1.0, 3.0), look_at_m=(0.0, 1.0, 0.0))
    assert np.linalg.norm(corner) < np.linalg.norm(plain.project(np.array([1.5, 1.8, 0.0])) - [319.5, 239.5])
    assert phone_portrait_camera().width < phone_portrait_camera().height
    assert np.isnan(cam.project(np.array([0.0, 1.0, 5.0]))).all()  # behind the camera


@pytest.mark.parametrize("kind", ["normal", "laptop"])
def test_body_is_rendered_where_its_projected_landmarks_say(scene, kind):
    body, mats, verts = scene
    pos, tgt = (0.3, 0.9, 3.2), (0.3, 0.85, 0.0)
    cam = (
        CameraSpec(position_m=pos, look_at_m=tgt)
        if kind == "normal"
        else laptop_camera(position_m=pos, look_at_m=tgt)
    )
    r = _renderer(cam)
    bid = r.add_body(body)
    ids = r.render_ids(vertices={bid: verts})
    lm = r.project(body.landmarks_3d(mats))
    soles = r.project(body.sole_points(mats)["right"])  # the near foot (the body faces +X)
    inside = [LM.LEFT_ANKLE, LM.LEFT_HEEL, LM.LEFT_FOOT_INDEX, LM.LEFT_KNEE, LM.LEFT_HIP, LM.LEFT_SHOULDER]
    for k in inside:
        u, v = np.round(lm[k]).astype(int)
        assert ids[v, u] == bid + 1, LM(k).name
    u, v = np.round(lm[LM.NOSE]).astype(int)  # the nose tip is on the profile's edge
    assert (ids[v - 1 : v + 2, u - 1 : u + 2] == bid + 1).any()
    for u, v in np.round(soles).astype(int):  # sole points sit on the silhouette's bottom edge
        assert (ids[v - 2 : v + 1, u - 1 : u + 2] == bid + 1).any()
        assert (ids[v + 2 : v + 5, u] == 0).all()
    # Outside the silhouette: well above the head and in front of the toes.
    top = lm[[LM.LEFT_EYE, LM.RIGHT_EYE], 1].min()
    assert (ids[: int(top) - 40] == 0).all()
    frame = r.render(vertices={bid: verts})
    assert frame.shape == (480, 640, 3) and frame.dtype == np.uint8
    r.release()


def test_render_is_deterministic_and_the_floor_shadow_darkens_under_the_feet(scene):
    body, mats, verts = scene
    cam = CameraSpec(position_m=(0.3, 0.9, 3.2), look_at_m=(0.3, 0.7, 0.0))
    a = _renderer(cam)
    other = _renderer(CameraSpec(position_m=(1.0, 1.2, 3.0), look_at_m=(0.3, 0.7, 0.0)))  # now current
    bid = a.add_body(body)
    f1 = a.render(vertices={bid: verts})  # a renders with its own context, not the last one made
    f_other = other.render(vertices={other.add_body(body): verts})
    empty = a.render(vertices={})
    a.release()
    other.release()
    b = _renderer(cam)
    f2 = b.render(vertices={b.add_body(body): verts})
    b.release()
    assert f1.tobytes() != f_other.tobytes()
    assert f1.tobytes() == f2.tobytes()
    heel, _, toe = body.sole_points(mats)["left"]
    beside = (heel + toe) / 2 + np.array([0.0, 0.0, 0.12])  # on the floor, 12 cm in front of the foot
    u, v = np.round(cam.project(beside)).astype(int)
    lum = lambda img: img[v - 1 : v + 2, u - 1 : u + 2].astype(float).mean()  # noqa: E731
    assert lum(f1) < 0.95 * lum(empty)
    far = np.round(cam.project(np.array([-2.0, 0.0, 1.0]))).astype(int)
    np.testing.assert_array_equal(f1[far[1], far[0]], empty[far[1], far[0]])


def test_two_bodies_the_second_passing_behind(scene):
    body, _mats, verts = scene
    cam = CameraSpec(position_m=(0.3, 0.9, 3.2), look_at_m=(0.3, 0.85, 0.0))
    r = _renderer(cam)
    front, back = r.add_body(body), r.add_body(body)
    behind = verts + np.array([0.25, 0.0, -1.2], np.float32)
    ids = r.render_ids(vertices={front: verts, back: behind})
    counts = np.bincount(ids.reshape(-1), minlength=3)
    assert counts[1] > 5000 and counts[2] > 1000
    alone = r.render_ids(vertices={back: behind})
    assert (alone == 2).sum() > counts[2]  # partly hidden by the front body
    r.release()


def test_degrade_is_seeded_and_h264_keeps_the_picture(tmp_path):
    import av
    import cv2

    from vision.analysis.h264 import H264Writer
    from vision.synth.human.degrade import Degrade, FrameNoise

    rng = np.random.default_rng(0)
    smooth = cv2.GaussianBlur(rng.normal(128, 60, (96, 128, 3)).astype(np.float32), (0, 0), 3.0)
    base = np.clip(smooth * 3 - 256, 0, 255).astype(np.uint8)
    frames = [np.roll(base, k, axis=1) for k in range(6)]
    spec = Degrade(noise_sigma=3.0, blur_sigma_px=0.0, crf=18)
    d1 = [FrameNoise(spec, base.shape, 7)(f) for f in frames]
    d2 = [FrameNoise(spec, base.shape, 7)(f) for f in frames]
    assert all(x.tobytes() == y.tobytes() for x, y in zip(d1, d2, strict=True))
    assert d1[0].tobytes() != d1[1].tobytes()  # new noise every frame
    mid = (base > 20) & (base < 235)  # away from clipping
    assert 2.5 < (d1[0].astype(float) - frames[0])[mid].std() < 3.5

    def roundtrip(folder):
        folder.mkdir()
        with H264Writer(folder / "rt.mp4", (128, 96), 30.0, crf=spec.crf, threads=1) as w:
            for i, f in enumerate(frames):
                w.write(f, i / 30.0)
        with av.open(str(folder / "rt.mp4")) as c:
            return [fr.to_ndarray(format="bgr24") for fr in c.decode(video=0)]

    back, again = roundtrip(tmp_path / "a"), roundtrip(tmp_path / "b")
    assert len(back) == 6 and back[0].shape == frames[0].shape
    assert all(x.tobytes() == y.tobytes() for x, y in zip(back, again, strict=True))
    mse = np.mean((back[3].astype(float) - frames[3]) ** 2)
    assert 10 * np.log10(255**2 / mse) > 30.0
