#version 450
// A full-screen quad at the far plane; the fragment shader looks up the sky.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) out vec3 outDirection;

void main() {
    // Two triangles exactly covering the view, not one oversized triangle:
    // Mesa 22.3's lavapipe drops primitives that need clipping in views after
    // the first of a multiview pass.
    const vec2 corners[6] = vec2[](vec2(-1.0, -1.0), vec2(-1.0, 1.0), vec2(1.0, -1.0),
                                   vec2(1.0, -1.0), vec2(-1.0, 1.0), vec2(1.0, 1.0));
    vec4 clip = vec4(corners[gl_VertexIndex], 1.0, 1.0);
    mat4 inverseViewProjection = frame.views[viewIndex()].inverseViewProjection;
    vec4 nearPoint = inverseViewProjection * vec4(clip.xy, 0.0, 1.0);
    vec4 farPoint = inverseViewProjection * vec4(clip.xy, 0.5, 1.0);
    outDirection = farPoint.xyz / farPoint.w - nearPoint.xyz / nearPoint.w;
    gl_Position = clip;
}
