"""Draw the synthetic walker into images and MP4 files (OpenCV drawing, PyAV/libx264 encoding).

The figure comes from the same model as the labels (``GaitSequence.joints3d`` and its rig), so
rendered landmarks coincide with ``truth.xy_px``. Parts are shaded tubes and blobs drawn far to
near (painter's order by camera depth; far-side limbs darker); the head is a ray-cast, lit
ellipsoid with hair, eyes, brows, nose, mouth and ears that turn with the head; shoes sit on the
sole contact points, so the floor contact seen in the video is the labelled one. Frames are drawn
at ``supersample`` × resolution and area-downsampled for anti-aliasing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np

from vision.landmarks import LM
from vision.synth.figure import BGR, Palette, fill_poly, line, shade, shaded_blob, shaded_capsule
from vision.synth.gait import GaitSequence
from vision.synth.geometry import X_AXIS, Y_AXIS, Z_AXIS, apply, unit
from vision.synth.scene import background

_FAR = 0.74  # colour factor of limbs on the side away from the camera
#: Sneaker upper for a 1.70 m walker: (forward from the back of the sole, up, half width), metres.
_SHOE_PROFILE = np.array(
    [
        [0.000, 0.012, 0.030], [-0.004, 0.040, 0.032], [0.010, 0.075, 0.034], [0.070, 0.068, 0.036],
        [0.110, 0.085, 0.040], [0.190, 0.056, 0.045], [0.250, 0.042, 0.040], [0.281, 0.030, 0.032],
        [0.289, 0.012, 0.028],
    ]
)  # fmt: skip
#: Sole strip, same frame: back, front, and their tops.
_SOLE_PROFILE = np.array(
    [[0.0, 0.0, 0.032], [0.289, 0.0, 0.03], [0.292, 0.014, 0.03], [-0.003, 0.018, 0.032]]
)  # fmt: skip


@dataclass(frozen=True)
class RenderOptions:
    """How to render: supersampling factor, colours, encoder quality (x264 CRF), texture seed."""

    supersample: int = 2
    palette: Palette = field(default_factory=Palette)
    crf: int = 24
    seed: int = 0
    shadow: bool = True


def _is_hair(u: np.ndarray) -> np.ndarray:
    """Which unit-sphere directions of the head frame (x front, y up, z right) carry hair."""
    x, y = u[..., 0], u[..., 1]
    return ((y > 0.42) & (x < 0.72)) | ((x < -0.2) & (y > -0.5)) | ((x < 0.15) & (y > 0.12))


class _Painter:
    """Projects walker-frame points to canvas pixels for one clip and draws body parts."""

    def __init__(self, seq: GaitSequence, opts: RenderOptions) -> None:
        self.seq, self.opts, self.pal = seq, opts, opts.palette
        self.cam = seq.camera
        self.k = opts.supersample
        self.s = seq.body.height_m / 1.70
        cam_axes = self.cam.axes
        self.light = unit(-0.45 * cam_axes[0] - 0.65 * cam_axes[1] - 0.6 * cam_axes[2])

    def px(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Canvas pixels and depth (metres) of walker-frame points."""
        xy, d = self.cam.project(p)
        return (xy + 0.5) * self.k - 0.5, d

    def rad(self, r_m: float, depth: np.ndarray | float) -> np.ndarray:
        """Pixel radius on the canvas of a sphere of ``r_m`` metres at ``depth`` metres."""
        return r_m * self.s * self.cam.focal_px * self.k / np.asarray(depth)

    def tube(self, img: np.ndarray, a3: np.ndarray, b3: np.ndarray, ra: float, rb: float, color: BGR) -> None:
        """Shaded capsule between walker-frame points; radii in metres for a 1.70 m walker."""
        (a, b), (da, db) = self.px(np.stack([a3, b3]))
        shaded_capsule(img, a, b, float(self.rad(ra, da)), float(self.rad(rb, db)), color)

    def blob(self, img: np.ndarray, pts3: np.ndarray, color: BGR) -> None:
        """Shaded convex hull of walker-frame points."""
        shaded_blob(img, self.px(pts3)[0], color)

    # ----------------------------------------------------------------------------------------
    def parts(self, i: int) -> list[tuple[float, Callable[[np.ndarray], None]]]:
        """(depth key, draw function) of every body part in frame ``i``."""
        j = self.seq.joints3d[i]
        rig, pal, s = self.seq.rig, self.pal, self.s
        depth = self.cam.to_camera(j)[:, 2]
        ray = self.cam.ray_to(j[LM.LEFT_HIP])
        lat_p = apply(rig.pelvis_rot[i], Z_AXIS)
        left_far = float(lat_p @ ray) > 0.0
        hip_mid = 0.5 * (j[LM.LEFT_HIP] + j[LM.RIGHT_HIP])
        sh_mid = 0.5 * (j[LM.LEFT_SHOULDER] + j[LM.RIGHT_SHOULDER])
        up = unit(sh_mid - hip_mid)
        sh_half = self.seq.body.shoulder_half_width_m / s
        torso_key = float(self.cam.to_camera(0.5 * (hip_mid + sh_mid))[2])
        out: list[tuple[float, Callable[[np.ndarray], None]]] = []

        def ring(center, ant, lat, a_m, l_m, n=14):
            ang = np.linspace(0, 2 * np.pi, n, endpoint=False)[:, None]
            return center + s * (a_m * np.cos(ang) * ant + l_m * np.sin(ang) * lat)

        ant_p, ant_t = apply(rig.pelvis_rot[i], X_AXIS), apply(rig.thorax_rot[i], X_AXIS)
        lat_t = apply(rig.thorax_rot[i], Z_AXIS)
        ant_p = unit(ant_p - (ant_p @ up) * up)
        pel = np.concatenate([ring(hip_mid - 0.03 * s * up, ant_p, lat_p, 0.10, 0.170),
                              ring(hip_mid + 0.17 * s * up, ant_p, lat_p, 0.09, 0.145)])  # fmt: skip
        shirt = np.concatenate([
            ring(hip_mid + 0.10 * s * up, ant_p, lat_p, 0.095, 0.150),
            ring(hip_mid + 0.33 * s * up, ant_t, lat_t, 0.115, 0.165),
            ring(sh_mid - 0.035 * s * up, ant_t, lat_t, 0.085, 0.95 * sh_half),
            ring(sh_mid + 0.01 * s * up, ant_t, lat_t, 0.05, 0.06),
        ])  # fmt: skip
        out.append((torso_key + 0.002, lambda im: self.tube(im, sh_mid, rig.head_pivot[i] + 0.03 * s * up,
                                                            0.05, 0.047, pal.skin)))  # fmt: skip
        out.append((torso_key + 0.001, lambda im: self.blob(im, pel, pal.trousers)))
        out.append((torso_key, lambda im: self.blob(im, shirt, pal.shirt)))
        out.append((torso_key - 0.003, lambda im: self.head(im, i)))

        for f in (0, 1):
            far = (f == 0) == left_far
            k = _FAR if far else 1.0
            hip, knee, ank = (j[LM.LEFT_HIP + f], j[LM.LEFT_KNEE + f], j[LM.LEFT_ANKLE + f])
            heel, toe = rig.feet.heel[i, f], rig.feet.toe[i, f]
            sh, el, wr = j[LM.LEFT_SHOULDER + f], j[LM.LEFT_ELBOW + f], j[LM.LEFT_WRIST + f]
            tip = 0.5 * (j[LM.LEFT_INDEX + f] + j[LM.LEFT_PINKY + f])
            thumb = j[LM.LEFT_THUMB + f]
            tr, sk, sht = shade(pal.trousers, k), shade(pal.skin, k), shade(pal.shirt, k)
            hem = ank + 0.022 * s * Y_AXIS
            d_th = 0.5 * (depth[LM.LEFT_HIP + f] + depth[LM.LEFT_KNEE + f])
            d_sh = 0.5 * (depth[LM.LEFT_KNEE + f] + depth[LM.LEFT_ANKLE + f])
            out.append((d_th, lambda im, a=hip, b=knee, c=tr: self.tube(im, a, b, 0.07, 0.053, c)))

            def lower_leg(im, knee=knee, hem=hem, heel=heel, toe=toe, k=k, tr=tr) -> None:
                self.tube(im, knee, hem, 0.051, 0.044, tr)
                self.shoe(im, heel, toe, lat_p, k)

            out.append((d_sh, lower_leg))
            d_ua = 0.5 * (depth[LM.LEFT_SHOULDER + f] + depth[LM.LEFT_ELBOW + f])
            sleeve_end = sh + 0.45 * (el - sh)
            out.append((d_ua, lambda im, a=sh, b=el, c=sk: self.tube(im, a, b, 0.042, 0.036, c)))
            out.append(
                (d_ua - 0.001, lambda im, a=sh, b=sleeve_end, c=sht: self.tube(im, a, b, 0.058, 0.052, c))
            )
            d_fa = 0.5 * (depth[LM.LEFT_ELBOW + f] + depth[LM.LEFT_WRIST + f])
            out.append((d_fa, lambda im, a=el, b=wr, c=sk: self.tube(im, a, b, 0.036, 0.028, c)))
            out.append((d_fa - 0.001, lambda im, a=wr, b=tip, t=thumb, c=sk: (
                self.tube(im, a, b, 0.029, 0.022, c), self.tube(im, a, t, 0.014, 0.011, c))))  # fmt: skip
        return out

    # ----------------------------------------------------------------------------------------
    def shoe(self, img: np.ndarray, heel: np.ndarray, toe: np.ndarray, lat: np.ndarray, k: float) -> None:
        """Low sneaker (light upper, dark sole) on the sole points ``heel`` → ``toe`` (metres)."""
        s, pal = self.s, self.pal
        fwd = unit(toe - heel)
        up = unit(np.cross(lat, fwd))
        fx = np.linalg.norm(toe - heel) / _SHOE_PROFILE[-1, 0]
        upper = heel + fx * _SHOE_PROFILE[:, :1] * fwd + s * _SHOE_PROFILE[:, 1:2] * up
        w = s * _SHOE_PROFILE[:, 2:3] * lat
        self.blob(img, np.concatenate([upper + w, upper - w]), shade(pal.shoe, k))
        sole = heel + fx * _SOLE_PROFILE[:, :1] * fwd + s * _SOLE_PROFILE[:, 1:2] * up
        w = s * _SOLE_PROFILE[:, 2:3] * lat
        fill_poly(img, self.px(np.concatenate([sole + w, sole - w]))[0], shade(pal.sole, k))

    def head(self, img: np.ndarray, i: int) -> None:
        """Lit ellipsoid head (hair and skin), then ear, eyes, brows, nose and mouth if facing us."""
        rig, body, pal = self.seq.rig, self.seq.body, self.pal
        rot, piv = rig.head_rot[i], rig.head_pivot[i]
        radii, centre = np.array(body.head_radii_m), np.array(body.head_center_m)
        to_world = lambda p: piv + p @ rot.T  # noqa: E731
        self.raycast_head(img, rot, piv + centre @ rot.T, radii)

        def surf(p: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
            q = centre + (p - centre) / np.linalg.norm((p - centre) / radii)
            n = unit((q - centre) / radii**2) @ rot.T
            w = to_world(q)
            return w, n, bool(n @ self.cam.ray_to(w) > 0.12)

        def disc(p3, t1, t2, r1, r2, color):
            ang = np.linspace(0, 2 * np.pi, 16, endpoint=False)[:, None]
            fill_poly(img, self.px(p3 + np.cos(ang) * r1 * t1 + np.sin(ang) * r2 * t2)[0], color)

        face = body.face_points()
        hx, hy, hz = rot[:, 0], rot[:, 1], rot[:, 2]
        sc = body.height_m / 1.70
        for ear in (face[LM.LEFT_EAR], face[LM.RIGHT_EAR]):
            w, n, vis = surf(ear)
            if vis:
                disc(w + 0.004 * sc * n, hx, hy, 0.016 * sc, 0.029 * sc, shade(pal.skin, 0.88))
                disc(w + 0.006 * sc * n, hx, hy, 0.006 * sc, 0.012 * sc, shade(pal.skin, 0.62))
        for e in (LM.LEFT_EYE, LM.RIGHT_EYE):
            w, n, vis = surf(face[e])
            if vis:
                t1 = unit(hz - (hz @ n) * n)
                t2 = unit(np.cross(n, t1))
                disc(w, t1, t2, 0.012 * sc, 0.0065 * sc, pal.eye_white)
                disc(w + 0.002 * sc * hx, t1, t2, 0.0058 * sc, 0.0058 * sc, pal.iris)
                brow = w + 0.016 * sc * hy
                a, b = self.px(np.stack([brow - 0.012 * sc * t1, brow + 0.012 * sc * t1]))[0]
                line(img, a, b, pal.hair, max(1.0, float(self.rad(0.005, self.cam.to_camera(brow)[2]))))
        ml, _, vl = surf(face[LM.MOUTH_LEFT])
        mr, _, vr = surf(face[LM.MOUTH_RIGHT])
        if vl or vr:
            a, b = self.px(np.stack([ml, mr]))[0]
            line(img, a, b, pal.lips, max(1.0, float(self.rad(0.006, self.cam.to_camera(ml)[2]))))
        if hx @ self.cam.ray_to(piv) > -0.3:
            bridge = to_world(np.array([0.088, 0.118, 0.0]) * sc)
            self.tube(img, bridge, to_world(face[LM.NOSE] - np.array([0.006, 0.0, 0.0]) * sc), 0.008, 0.012,
                      shade(pal.skin, 0.95))  # fmt: skip

    def raycast_head(self, img: np.ndarray, rot: np.ndarray, centre_w: np.ndarray, radii: np.ndarray) -> None:
        """Per-pixel ray-cast of the head ellipsoid: smooth Lambert shading, hair by direction."""
        cam, k = self.cam, self.k
        ang = np.linspace(0, 2 * np.pi, 16, endpoint=False)[:, None]
        box = centre_w + radii.max() * 1.05 * np.concatenate(
            [np.cos(ang) * cam.axes[0] + np.sin(ang) * cam.axes[1], np.cos(ang) * cam.axes[2]]
        )
        pts = self.px(box)[0]
        h, w = img.shape[:2]
        x0, y0 = np.maximum(np.floor(pts.min(axis=0)).astype(int) - 2, 0)
        x1, y1 = np.minimum(np.ceil(pts.max(axis=0)).astype(int) + 2, [w, h])
        if x1 <= x0 or y1 <= y0:
            return
        u, v = np.meshgrid(np.arange(x0, x1), np.arange(y0, y1))
        f = cam.focal_px * k
        c = (cam.center_px + 0.5) * k - 0.5
        ray_c = np.stack([(u - c[0]) / f, (v - c[1]) / f, np.ones_like(u, dtype=np.float64)], axis=-1)
        d = (ray_c @ cam.axes) @ rot / radii  # head-frame, ellipsoid normalised
        o = ((cam.position - centre_w) @ rot) / radii
        a, b, cc = np.sum(d * d, -1), 2.0 * (d @ o), o @ o - 1.0
        disc = b * b - 4 * a * cc
        hit = disc > 0
        if not hit.any():
            return
        t = (-b - np.sqrt(np.where(hit, disc, 0.0))) / (2 * a)
        unit_dir = o + t[..., None] * d
        nrm = unit((unit_dir / radii) @ rot.T)
        lit = 0.55 + 0.6 * np.clip(nrm @ self.light, 0.0, 1.0)
        hair = _is_hair(unit_dir)
        base = np.where(hair[..., None], np.array(self.pal.hair, float), np.array(self.pal.skin, float))
        col = np.clip(base * lit[..., None], 0, 255)
        roi = img[y0:y1, x0:x1]
        roi[hit] = col[hit].astype(np.uint8)

    # ----------------------------------------------------------------------------------------
    def shadow(self, img: np.ndarray, i: int) -> None:
        """Soft contact shadow on the floor under the walker."""
        j = self.seq.joints3d[i]
        c = 0.5 * (j[LM.LEFT_ANKLE] + j[LM.RIGHT_ANKLE])
        ang = np.linspace(0, 2 * np.pi, 24, endpoint=False)[:, None]
        ring = (
            np.array([c[0], 0.0, c[2]])
            + 0.42 * self.s * np.cos(ang) * X_AXIS
            + 0.2 * self.s * np.sin(ang) * Z_AXIS
        )
        pts, _ = self.px(ring)
        x0, y0 = np.floor(pts.min(axis=0)).astype(int) - 20
        x1, y1 = np.ceil(pts.max(axis=0)).astype(int) + 20
        h, w = img.shape[:2]
        x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
        if x1 - x0 < 4 or y1 - y0 < 4:
            return
        mask = np.zeros((y1 - y0, x1 - x0), dtype=np.float32)
        fill_poly(mask, pts - [x0, y0], (1.0, 1.0, 1.0))  # type: ignore[arg-type]
        mask = cv2.GaussianBlur(mask, (0, 0), max(2.0, 0.05 * (y1 - y0 + x1 - x0)))
        roi = img[y0:y1, x0:x1].astype(np.float32)
        img[y0:y1, x0:x1] = (roi * (1.0 - 0.35 * mask[..., None])).astype(np.uint8)


def scene_background(seq: GaitSequence, opts: RenderOptions) -> np.ndarray:
    """The clip's empty scene at ``supersample`` × resolution (wall 2 m behind the walker's far side)."""
    depth = seq.camera.to_camera(seq.joints3d.reshape(-1, 3))[:, 2]
    wall = float(depth.max()) + 2.0
    return background(seq.camera, wall, opts.supersample, opts.palette, np.random.default_rng(opts.seed))[0]


def render_frames(seq: GaitSequence, opts: RenderOptions | None = None) -> Iterator[np.ndarray]:
    """BGR uint8 frames (image_size) of the walker, one per frame of ``seq``."""
    opts = opts or RenderOptions()
    painter = _Painter(seq, opts)
    bg = scene_background(seq, opts)
    w, h = seq.camera.image_size
    for i in range(seq.joints3d.shape[0]):
        img = bg.copy()
        if opts.shadow:
            painter.shadow(img, i)
        for _, draw in sorted(painter.parts(i), key=lambda p: -p[0]):
            draw(img)
        if opts.supersample > 1:
            img = cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA)
        yield img


def render_video(seq: GaitSequence, path: str | Path, opts: RenderOptions | None = None) -> str:
    """Write ``seq`` as an MP4 and return the codec used.

    H.264 (libx264, yuv420p, +faststart) through PyAV so that browsers play it, with each frame's
    presentation time taken from ``seq.truth.timestamps_s`` (so ``vfr_jitter_s`` gives a
    variable-frame-rate file). If that encoder is unavailable, falls back to OpenCV's 'mp4v'
    writer at a constant ``spec.fps`` (browsers may not play it).
    """
    opts = opts or RenderOptions()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    w, h = seq.camera.image_size
    fps = Fraction(seq.spec.fps).limit_denominator(1001)
    try:
        import av

        container = av.open(str(path), mode="w", options={"movflags": "+faststart"})
        try:
            stream = container.add_stream("libx264", rate=fps)
        except Exception:
            container.close()
            raise
    except Exception:
        writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), float(fps), (w, h))
        for img in render_frames(seq, opts):
            writer.write(img)
        writer.release()
        return "mp4v"
    tb = Fraction(1, 90000)
    stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
    stream.codec_context.time_base = tb
    stream.options = {"crf": str(opts.crf), "preset": "slow", "tune": "animation"}
    with container:
        for img, t in zip(render_frames(seq, opts), seq.truth.timestamps_s, strict=True):
            frame = av.VideoFrame.from_ndarray(img, format="bgr24")
            frame.pts, frame.time_base = round(t / tb), tb
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return "libx264"
