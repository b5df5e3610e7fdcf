#version 450
// Full-screen triangle at the far plane; the fragment shader looks up the sky.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) out vec3 outDirection;

void main() {
    vec2 corner = vec2(float((gl_VertexIndex << 1) & 2), float(gl_VertexIndex & 2));
    vec4 clip = vec4(corner * 2.0 - 1.0, 1.0, 1.0);
    mat4 inverseViewProjection = frame.views[gl_ViewIndex].inverseViewProjection;
    vec4 nearPoint = inverseViewProjection * vec4(clip.xy, 0.0, 1.0);
    vec4 farPoint = inverseViewProjection * vec4(clip.xy, 0.5, 1.0);
    outDirection = farPoint.xyz / farPoint.w - nearPoint.xyz / nearPoint.w;
    gl_Position = clip;
}
