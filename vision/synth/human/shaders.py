"""GLSL for the digital-human renderer: the distorted pinhole projection, lighting, floor shadows."""

from __future__ import annotations

PROJECT = """
uniform mat4 u_view;
uniform vec2 u_f_ndc;
uniform float u_k1;
uniform float u_r2max;
uniform float u_near;
uniform float u_far;
vec4 project(vec3 p) {
    vec4 pc = u_view * vec4(p, 1.0);
    float z = pc.z;
    float za = max(abs(z), 1e-4);
    float r2 = min((pc.x * pc.x + pc.y * pc.y) / (za * za), u_r2max);
    float d = 1.0 + u_k1 * r2;
    float zc = (z * (u_far + u_near) - 2.0 * u_far * u_near) / (u_far - u_near);
    return vec4(u_f_ndc.x * pc.x * d, -u_f_ndc.y * pc.y * d, zc, z);
}
"""

SHADE = """
uniform vec3 u_key_dir;
uniform vec3 u_key_rgb;
uniform vec3 u_fill_dir;
uniform vec3 u_fill_rgb;
uniform vec3 u_ambient;
uniform vec3 u_eye;
vec3 shade(vec3 n, vec3 pos, vec3 base, float key_vis, float spec) {
    n = normalize(n);
    vec3 v = normalize(u_eye - pos);
    if (dot(n, v) < 0.0) n = -n;
    float k = max(dot(n, -u_key_dir), 0.0) * key_vis;
    float f = max(dot(n, -u_fill_dir), 0.0);
    float hemi = 0.8 + 0.2 * n.y;
    vec3 h = normalize(v - u_key_dir);
    float s = spec * pow(max(dot(n, h), 0.0), 24.0) * key_vis;
    return base * (u_ambient * hemi + u_key_rgb * k + u_fill_rgb * f) + u_key_rgb * s;
}
"""

MESH_VS_HEAD = (
    "#version 330\n"
    + PROJECT
    + """
in vec3 in_pos;
in vec3 in_normal;
in vec3 in_color;
"""
)
"""Start of a mesh's vertex shader: the projection and the per-vertex position, normal, colour."""

BODY_VS = (
    MESH_VS_HEAD
    + """out vec3 v_pos;
out vec3 v_normal;
out vec3 v_color;
void main() {
    v_pos = in_pos; v_normal = in_normal; v_color = in_color;
    gl_Position = project(in_pos);
}
"""
)

BODY_FS = (
    "#version 330\n"
    + SHADE
    + """
in vec3 v_pos;
in vec3 v_normal;
in vec3 v_color;
out vec4 f_color;
void main() {
    f_color = vec4(clamp(shade(v_normal, v_pos, v_color, 1.0, 0.08), 0.0, 1.0), 1.0);
}
"""
)

ROOM_VS = (
    MESH_VS_HEAD
    + """in vec2 in_uv;
out vec3 v_pos;
out vec3 v_normal;
out vec3 v_color;
out vec2 v_uv;
void main() {
    v_pos = in_pos; v_normal = in_normal; v_color = in_color; v_uv = in_uv;
    gl_Position = project(in_pos);
}
"""
)

ROOM_FS = (
    "#version 330\n"
    + SHADE
    + """
uniform sampler2D u_tex;
uniform sampler2D u_static_ao;
uniform bool u_use_tex;
uniform bool u_recv_shadow;
uniform float u_emit;
uniform vec4 u_static_region;
in vec3 v_pos;
in vec3 v_normal;
in vec3 v_color;
in vec2 v_uv;
out vec4 f_color;
void main() {
    vec3 base = v_color;
    if (u_use_tex) base *= texture(u_tex, v_uv).rgb;
    float ao = 1.0;
    if (u_recv_shadow) {
        vec2 qs = (v_pos.xz - u_static_region.xy) / u_static_region.zw;
        ao = 1.0 - 0.55 * texture(u_static_ao, qs).r;
    }
    vec3 lit = shade(v_normal, v_pos, base, 1.0, 0.03) * ao;
    f_color = vec4(clamp(mix(lit, base, u_emit), 0.0, 1.0), 1.0);
}
"""
)

SHADOW_VS = (
    "#version 330\n"
    + PROJECT
    + """
in vec3 in_pos;
out vec3 v_pos;
void main() {
    v_pos = in_pos;
    gl_Position = project(in_pos);
}
"""
)

SHADOW_FS = (
    "#version 330\n"
    + SHADE
    + """
uniform sampler2D u_shadow;
uniform vec4 u_region;
uniform vec2 u_strength;
in vec3 v_pos;
out vec4 f_color;
// The floor's light with and without the key light blocked: the ratio multiplies the cached
// floor colour exactly (its base colour cancels; the floor normal is +Y).
void main() {
    vec2 m = texture(u_shadow, (v_pos.xz - u_region.xy) / u_region.zw).rg;
    float k = max(-u_key_dir.y, 0.0);
    float f = max(-u_fill_dir.y, 0.0);
    vec3 full = u_ambient + u_key_rgb * k + u_fill_rgb * f;
    vec3 part = u_ambient + u_key_rgb * k * (1.0 - u_strength.x * m.r) + u_fill_rgb * f;
    f_color = vec4(part / max(full, vec3(1e-3)) * (1.0 - u_strength.y * m.g), 1.0);
}
"""
)

MASK_VS = """
#version 330
in vec3 in_pos;
uniform vec3 u_dir;
uniform vec4 u_region;
uniform int u_mode;
uniform float u_height;
out float v_val;
void main() {
    vec3 p = in_pos;
    if (u_mode == 0) { p = p - u_dir * (p.y / u_dir.y); v_val = 1.0; }
    else { v_val = exp(-max(p.y, 0.0) / u_height); }
    vec2 q = (p.xz - u_region.xy) / u_region.zw;
    gl_Position = vec4(q * 2.0 - 1.0, 0.0, 1.0);
}
"""

MASK_FS = """
#version 330
uniform int u_mode;
in float v_val;
out vec4 f_color;
void main() {
    f_color = u_mode == 0 ? vec4(v_val, 0.0, 0.0, 1.0) : vec4(0.0, v_val, 0.0, 1.0);
}
"""

ID_FS = """
#version 330
uniform float u_id;
out vec4 f_color;
void main() { f_color = vec4(u_id / 255.0, 0.0, 0.0, 1.0); }
"""
