#version 450
// Overlay shapes (teleport arc, markers, controllers): world-space triangles
// with a colour per vertex, unlit.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec4 inColor;
layout(location = 0) out vec4 outColor;

void main() {
    outColor = inColor;
    gl_Position = frame.views[viewIndex()].viewProjection * vec4(inPosition, 1.0);
}
