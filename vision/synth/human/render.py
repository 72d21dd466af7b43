"""Offscreen OpenGL renderer (moderngl, EGL: works headless on Mesa llvmpipe).

Draws a procedural room and any number of skinned bodies with key/fill/ambient light, a soft
key-light shadow and contact darkening on the floor, through the pinhole + radial-distortion
camera of :mod:`vision.synth.human.camera` (the same model :meth:`Renderer.project` uses for
labels). Output is BGR uint8, identical bytes for identical inputs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import cv2
import moderngl
import numpy as np

from vision.synth.human import shaders
from vision.synth.human.body import HumanBody
from vision.synth.human.camera import FAR_M, NEAR_M, CameraSpec
from vision.synth.human.room import Room, RoomSpec, build_room
from vision.synth.human.scene import LightSpec

SHADOW_PX = 512
"""Resolution of the per-frame floor shadow mask."""
MIN_BLUR_TEXELS = 1.5
"""Least blur of the shadow masks (texels), so thin limbs never leave broken streaks."""
SHADOW_CELL_M = 0.25
"""Margin of floor triangles taken around the shadow region (m)."""
SHADOW_LIFT_M = 0.0005
"""Height of that patch above the floor (m)."""
SHADOW_MARGIN_M = 0.4
"""Margin around the bodies' shadows in the mask (m)."""
STATIC_AO_PX = 1024
"""Resolution of the furniture contact-darkening mask over the whole floor."""
FURNITURE_AO_HEIGHT_M = 0.12
"""Height over which furniture darkens the floor under it (m)."""
FURNITURE_AO_BLUR_M = 0.06
CONTACT_BLUR_M = 0.03
"""Blur of the darkening under the feet (m)."""
SHADOW_PROXY_CELL_M = 0.025
"""Vertex-clustering cell of the low-poly body drawn into the shadow mask (m)."""
CLEAR_RGB = (0.0, 0.0, 0.0)
ANISOTROPY = 8.0
"""Texture anisotropic filtering (the room is drawn once per renderer, so it is cheap)."""

__all__ = ["CameraSpec", "LightSpec", "Renderer", "RoomSpec"]


@dataclass
class _BodyGL:
    body: HumanBody
    pos: moderngl.Buffer
    nrm: moderngl.Buffer
    vao: moderngl.VertexArray
    mask_vao: moderngl.VertexArray
    id_vao: moderngl.VertexArray


_F = TypeVar("_F", bound=Callable)


def _current(method: _F) -> _F:
    """Run a Renderer method with its own GL context current (several renderers may coexist)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self.ctx:
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def shadow_proxy(rest_verts: np.ndarray, triangles: np.ndarray) -> np.ndarray:
    """(F', 3) triangles of a vertex-clustered copy of the mesh (indices into the full vertices).

    Vertices in the same SHADOW_PROXY_CELL_M cell of the rest pose collapse onto one of them;
    collapsed and repeated triangles are dropped. The silhouette stays; the cost falls ~10x.
    """
    cell = np.floor(rest_verts / SHADOW_PROXY_CELL_M).astype(np.int64)
    _, first, inverse = np.unique(cell, axis=0, return_index=True, return_inverse=True)
    rep = first[inverse.reshape(-1)]
    t = rep[triangles]
    keep = (t[:, 0] != t[:, 1]) & (t[:, 1] != t[:, 2]) & (t[:, 0] != t[:, 2])
    return np.unique(np.sort(t[keep], axis=1), axis=0)


def _context() -> moderngl.Context:
    try:
        return moderngl.create_standalone_context(backend="egl")
    except Exception:
        return moderngl.create_standalone_context()


class Renderer:
    """One camera, one room, lights; bodies added once and posed per frame."""

    def __init__(
        self, *, camera: CameraSpec, room: RoomSpec | Room, lights: LightSpec, samples: int = 0
    ) -> None:
        self.camera, self.lights = camera, lights
        self.room = room if isinstance(room, Room) else build_room(room)
        self.ctx = _context()
        c = self.ctx
        self._body_prog = c.program(vertex_shader=shaders.BODY_VS, fragment_shader=shaders.BODY_FS)
        self._room_prog = c.program(vertex_shader=shaders.ROOM_VS, fragment_shader=shaders.ROOM_FS)
        self._mask_prog = c.program(vertex_shader=shaders.MASK_VS, fragment_shader=shaders.MASK_FS)
        self._shadow_prog = c.program(vertex_shader=shaders.SHADOW_VS, fragment_shader=shaders.SHADOW_FS)
        self._id_prog = c.program(
            vertex_shader=shaders.ROOM_VS.replace("in vec3 in_normal;", "vec3 in_normal = vec3(0.0);")
            .replace("in vec3 in_color;", "vec3 in_color = vec3(0.0);")
            .replace("in vec2 in_uv;", "vec2 in_uv = vec2(0.0);"),
            fragment_shader=shaders.ID_FS,
        )
        size = (camera.width, camera.height)
        self._fbo = c.framebuffer(c.renderbuffer(size), c.depth_renderbuffer(size))
        self._ms_fbo = self._framebuffer(samples) if samples else None
        self._room_fbo = self._framebuffer(samples)
        self._shadow_tex = c.texture((SHADOW_PX, SHADOW_PX), 2, dtype="f1")
        self._shadow_fbo = c.framebuffer(self._shadow_tex)
        self._shadow_textures: dict[int, moderngl.Texture] = {}
        self._shadow_up: moderngl.Texture | None = None
        self._bodies: list[_BodyGL] = []
        self._set_uniforms()
        self._upload_room()

    def _framebuffer(self, samples: int) -> moderngl.Framebuffer:
        size = (self.camera.width, self.camera.height)
        c = self.ctx
        return c.framebuffer(
            c.renderbuffer(size, samples=samples), c.depth_renderbuffer(size, samples=samples)
        )

    # -- setup -------------------------------------------------------------------------------
    def _set_uniforms(self) -> None:
        cam, li = self.camera, self.lights
        f = cam.focal_px
        common = {
            "u_view": tuple(cam.view_matrix().T.astype("f4").reshape(-1)),
            "u_f_ndc": (2 * f / cam.width, 2 * f / cam.height),
            "u_k1": cam.k1,
            "u_r2max": float(min(cam.r2_max, 1e6)),
            "u_near": NEAR_M,
            "u_far": FAR_M,
        }
        light = {
            "u_key_dir": tuple(np.asarray(li.key_dir) / np.linalg.norm(li.key_dir)),
            "u_key_rgb": li.key_rgb,
            "u_fill_dir": tuple(np.asarray(li.fill_dir) / np.linalg.norm(li.fill_dir)),
            "u_fill_rgb": li.fill_rgb,
            "u_ambient": li.ambient_rgb,
            "u_eye": cam.position_m,
        }
        for prog in (self._body_prog, self._room_prog, self._id_prog, self._shadow_prog):
            for k, v in (common | light).items():
                if k in prog:
                    prog[k].value = v
        self._shadow_prog["u_strength"].value = (li.shadow_strength, li.contact_strength)
        self._mask_prog["u_dir"].value = light["u_key_dir"]
        self._mask_prog["u_height"].value = li.contact_height_m

    def _upload_room(self) -> None:
        c = self.ctx
        self._textures = {}
        for name, (img, _tile) in self.room.textures.items():
            tex = c.texture((img.shape[1], img.shape[0]), 3, np.ascontiguousarray(img).tobytes())
            tex.build_mipmaps()
            tex.filter = (moderngl.LINEAR_MIPMAP_LINEAR, moderngl.LINEAR)
            tex.anisotropy = ANISOTROPY
            self._textures[name] = tex
        self._white = c.texture((1, 1), 3, bytes([255, 255, 255]))
        self._room_draws = []
        for p in self.room.parts:
            data = np.hstack([p.positions, p.normals, p.colours, p.uvs]).astype("f4")
            vbo, ibo = c.buffer(data.tobytes()), c.buffer(p.triangles.astype("i4").tobytes())
            vao = c.vertex_array(
                self._room_prog, [(vbo, "3f 3f 3f 2f", "in_pos", "in_normal", "in_color", "in_uv")], ibo
            )
            id_vao = c.vertex_array(self._id_prog, [(vbo, "3f 32x", "in_pos")], ibo)
            self._room_draws.append((p, vao, id_vao))
        self._static_ao_tex, self._static_region = self._furniture_ao()
        self._draw_room(self._room_fbo)
        floor = [p for p in self.room.parts if p.receives_shadow]
        self._floor_pos = np.concatenate([p.positions for p in floor]).astype("f4")
        offs = np.cumsum([0] + [len(p.positions) for p in floor[:-1]])
        self._floor_tris = np.concatenate([p.triangles + o for p, o in zip(floor, offs, strict=True)])
        lifted = self._floor_pos + np.array([0.0, SHADOW_LIFT_M, 0.0], "f4")
        self._shadow_vbo = c.buffer(np.ascontiguousarray(lifted).tobytes())
        self._shadow_ibo = c.buffer(reserve=self._floor_tris.nbytes, dynamic=True)

    def _draw_room(self, fbo: moderngl.Framebuffer) -> None:
        """The room with its lights and the furniture's contact darkening, drawn once and cached."""
        c = self.ctx
        fbo.use()
        fbo.clear(*CLEAR_RGB, 1.0, depth=1.0)
        c.enable(moderngl.DEPTH_TEST)
        rp = self._room_prog
        rp["u_static_region"].value = self._static_region
        self._static_ao_tex.use(location=2)
        rp["u_static_ao"].value, rp["u_tex"].value = 2, 0
        for p, vao, _id in self._room_draws:
            (self._textures[p.texture] if p.texture else self._white).use(location=0)
            rp["u_use_tex"].value = p.texture is not None
            rp["u_recv_shadow"].value = p.receives_shadow
            rp["u_emit"].value = p.emit
            vao.render()
        c.disable(moderngl.DEPTH_TEST)

    def _furniture_ao(self) -> tuple[moderngl.Texture, tuple[float, float, float, float]]:
        """Darkening of the floor under furniture, rendered once per room."""
        c = self.ctx
        x0, x1, z0, z1 = self.room.bounds_m
        region = (x0, z0, x1 - x0, z1 - z0)
        tex = c.texture((STATIC_AO_PX, STATIC_AO_PX), 2, dtype="f1")
        fbo = c.framebuffer(tex)
        fbo.use()
        fbo.clear(0.0, 0.0, 0.0, 1.0)
        c.enable(moderngl.BLEND)
        c.blend_equation = moderngl.MAX
        self._mask_prog["u_mode"].value = 1
        self._mask_prog["u_region"].value = region
        self._mask_prog["u_height"].value = FURNITURE_AO_HEIGHT_M
        for p, _vao, _id in self._room_draws:
            if (
                p.texture is None
                and p.emit == 0.0
                and float(p.positions[:, 1].min()) < 0.05
                and len(p.positions) > 100
            ):
                vbo = c.buffer(p.positions.astype("f4").tobytes())
                ibo = c.buffer(p.triangles.astype("i4").tobytes())
                c.vertex_array(self._mask_prog, [(vbo, "3f", "in_pos")], ibo).render()
        c.disable(moderngl.BLEND)
        c.blend_equation = moderngl.FUNC_ADD
        self._mask_prog["u_height"].value = self.lights.contact_height_m
        ao = np.frombuffer(fbo.read(components=2, alignment=1), np.uint8).reshape(
            STATIC_AO_PX, STATIC_AO_PX, 2
        )
        sigma = FURNITURE_AO_BLUR_M / (region[2] / STATIC_AO_PX)
        blurred = cv2.GaussianBlur(np.ascontiguousarray(ao[..., 1]), (0, 0), sigma)
        out = c.texture((STATIC_AO_PX, STATIC_AO_PX), 1, blurred.tobytes())
        out.repeat_x = out.repeat_y = False
        return out, region

    @_current
    def add_body(self, body: HumanBody) -> int:
        """Register a body (its colours and triangles); returns its id for :meth:`render`."""
        c = self.ctx
        nv = len(body.rest_verts_m)
        pos = c.buffer(reserve=nv * 12, dynamic=True)
        nrm = c.buffer(reserve=nv * 12, dynamic=True)
        col = c.buffer(np.ascontiguousarray(body.colours, dtype="f4").tobytes())
        ibo = c.buffer(body.triangles.astype("i4").tobytes())
        vao = c.vertex_array(
            self._body_prog, [(pos, "3f", "in_pos"), (nrm, "3f", "in_normal"), (col, "3f", "in_color")], ibo
        )
        proxy = c.buffer(shadow_proxy(body.rest_verts_m, body.triangles).astype("i4").tobytes())
        mask_vao = c.vertex_array(self._mask_prog, [(pos, "3f", "in_pos")], proxy)
        id_vao = c.vertex_array(self._id_prog, [(pos, "3f", "in_pos")], ibo)
        self._bodies.append(_BodyGL(body=body, pos=pos, nrm=nrm, vao=vao, mask_vao=mask_vao, id_vao=id_vao))
        return len(self._bodies) - 1

    # -- per frame ---------------------------------------------------------------------------
    def project(self, points_m: np.ndarray) -> np.ndarray:
        """(..., 3) world points -> (..., 2) pixels, the same model the render uses."""
        return self.camera.project(points_m)

    def _upload_bodies(self, vertices: dict[int, np.ndarray]) -> list[_BodyGL]:
        drawn = []
        for bid, verts in vertices.items():
            b = self._bodies[bid]
            v = np.ascontiguousarray(verts, dtype="f4")
            b.pos.write(v.tobytes())
            b.nrm.write(np.ascontiguousarray(b.body.normals(v), dtype="f4").tobytes())
            drawn.append(b)
        return drawn

    def _shadow_region(self, vertices: dict[int, np.ndarray]) -> tuple[float, float, float, float]:
        d = np.asarray(self.lights.key_dir, float)
        d /= np.linalg.norm(d)
        pts = np.concatenate([v for v in vertices.values()])
        flat = pts - d[None, :] * (pts[:, 1:2] / d[1])
        xz = np.concatenate([pts[:, [0, 2]], flat[:, [0, 2]]])
        lo, hi = xz.min(axis=0) - SHADOW_MARGIN_M, xz.max(axis=0) + SHADOW_MARGIN_M
        size = float(max(hi - lo))
        centre = (lo + hi) / 2
        return (float(centre[0] - size / 2), float(centre[1] - size / 2), size, size)

    def _render_shadows(self, drawn: list[_BodyGL], region: tuple[float, float, float, float]) -> None:
        c = self.ctx
        self._shadow_fbo.use()
        self._shadow_fbo.clear(0.0, 0.0, 0.0, 1.0)
        c.enable(moderngl.BLEND)
        c.blend_equation = moderngl.MAX
        self._mask_prog["u_region"].value = region
        for mode in (0, 1):
            self._mask_prog["u_mode"].value = mode
            for b in drawn:
                b.mask_vao.render()
        c.disable(moderngl.BLEND)
        c.blend_equation = moderngl.FUNC_ADD
        raw = np.frombuffer(self._shadow_fbo.read(components=2, alignment=1), np.uint8).reshape(
            SHADOW_PX, SHADOW_PX, 2
        )
        texel = region[2] / SHADOW_PX
        sig_key = max(self.lights.shadow_blur_m / texel, MIN_BLUR_TEXELS)
        sig_ao = max(CONTACT_BLUR_M / texel, MIN_BLUR_TEXELS)
        # Blur at a coarser grid when the blur is wide: same result, a fraction of the cost.
        f = int(2 ** np.clip(np.floor(np.log2(min(sig_key, sig_ao) / MIN_BLUR_TEXELS)), 0, 2))
        n = SHADOW_PX // f
        small = cv2.resize(raw, (n, n), interpolation=cv2.INTER_AREA) if f > 1 else raw
        key = cv2.GaussianBlur(np.ascontiguousarray(small[..., 0]), (0, 0), sig_key / f)
        ao = cv2.GaussianBlur(np.ascontiguousarray(small[..., 1]), (0, 0), sig_ao / f)
        if n not in self._shadow_textures:
            tex = self.ctx.texture((n, n), 2, dtype="f1")
            tex.repeat_x = tex.repeat_y = False
            self._shadow_textures[n] = tex
        self._shadow_up = self._shadow_textures[n]
        self._shadow_up.write(np.ascontiguousarray(np.stack([key, ao], axis=-1)).tobytes())

    def _draw_floor_shadow(
        self, target: moderngl.Framebuffer, region: tuple[float, float, float, float]
    ) -> None:
        """Multiply the cached floor by the shadow/contact darkening over the shadow region.

        The patch is the floor's own triangles inside the region, lifted a little, so that with
        lens distortion it bends exactly as the floor does.
        """
        c = self.ctx
        x0, z0, size, _ = region
        fp, ft = self._floor_pos, self._floor_tris
        inside = (fp[:, 0] >= x0 - SHADOW_CELL_M) & (fp[:, 0] <= x0 + size + SHADOW_CELL_M)
        inside &= (fp[:, 2] >= z0 - SHADOW_CELL_M) & (fp[:, 2] <= z0 + size + SHADOW_CELL_M)
        tris = ft[inside[ft].all(axis=1)].reshape(-1).astype("i4")
        if not len(tris):
            return
        self._shadow_ibo.orphan(tris.nbytes)
        self._shadow_ibo.write(tris.tobytes())
        vao = c.vertex_array(self._shadow_prog, [(self._shadow_vbo, "3f", "in_pos")], self._shadow_ibo)
        self._shadow_prog["u_region"].value = region
        self._shadow_up.use(location=1)
        self._shadow_prog["u_shadow"].value = 1
        c.enable(moderngl.DEPTH_TEST | moderngl.BLEND)
        c.blend_func = moderngl.DST_COLOR, moderngl.ZERO
        target.depth_mask = False
        vao.render(vertices=len(tris))
        target.depth_mask = True
        c.blend_func = moderngl.DEFAULT_BLENDING
        c.disable(moderngl.DEPTH_TEST | moderngl.BLEND)
        vao.release()

    @_current
    def render(self, *, vertices: dict[int, np.ndarray]) -> np.ndarray:
        """(H, W, 3) uint8 BGR frame with the given bodies posed ((V, 3) world vertices by id)."""
        c = self.ctx
        drawn = self._upload_bodies(vertices)
        target = self._ms_fbo or self._fbo
        c.copy_framebuffer(target, self._room_fbo)
        if drawn:
            region = self._shadow_region(vertices)
            self._render_shadows(drawn, region)
            target.use()
            self._draw_floor_shadow(target, region)
        target.use()
        c.enable(moderngl.DEPTH_TEST)
        for b in drawn:
            b.vao.render()
        c.disable(moderngl.DEPTH_TEST)
        if self._ms_fbo is not None:
            c.copy_framebuffer(self._fbo, self._ms_fbo)
        w, h = self.camera.width, self.camera.height
        rgb = np.frombuffer(self._fbo.read(components=3, alignment=1), np.uint8).reshape(h, w, 3)
        return np.ascontiguousarray(rgb[::-1, :, ::-1])

    @_current
    def render_ids(self, *, vertices: dict[int, np.ndarray]) -> np.ndarray:
        """(H, W) uint8: 0 where no body is seen, 1 + body id where it is (room occludes)."""
        c = self.ctx
        drawn = self._upload_bodies(vertices)
        self._fbo.use()
        self._fbo.clear(0.0, 0.0, 0.0, 1.0, depth=1.0)
        c.enable(moderngl.DEPTH_TEST)
        self._id_prog["u_id"].value = 0.0
        for _p, _vao, id_vao in self._room_draws:
            id_vao.render()
        for bid, b in zip(vertices, drawn, strict=True):
            self._id_prog["u_id"].value = float(bid + 1)
            b.id_vao.render()
        c.disable(moderngl.DEPTH_TEST)
        w, h = self.camera.width, self.camera.height
        ids = np.frombuffer(self._fbo.read(components=1, alignment=1), np.uint8).reshape(h, w)
        return np.ascontiguousarray(ids[::-1])

    def release(self) -> None:
        self.ctx.release()
