#version 450
// Overlay panels: textured rectangles whose world-space corners the renderer computes.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec2 inUv;
layout(location = 2) in float inOpacity;
layout(location = 0) out vec2 outUv;
layout(location = 1) out float outOpacity;

void main() {
    outUv = inUv;
    outOpacity = inOpacity;
    gl_Position = frame.views[viewIndex()].viewProjection * vec4(inPosition, 1.0);
}
