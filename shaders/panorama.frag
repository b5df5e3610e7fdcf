#version 450
// A 360° panorama around the viewer (renderer/overlay.h PanoramaBackdrop),
// with sky.vert: the cube sampled by the view direction alone, turned by the
// panorama's heading, as stored (an sRGB view decodes, the target
// re-encodes: a photo shows its own colours, no exposure or tone mapping).
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(set = 1, binding = 0) uniform samplerCube panoramaCube;

layout(location = 0) in vec3 inDirection;
layout(location = 0) out vec4 outColor;

void main() {
    // World to cube: the inverse of turning the cube's -Z clockwise (seen
    // from above) by the heading, i.e. a turn the other way about +Y.
    float c = frame.panorama.x, s = frame.panorama.y;
    vec3 direction = vec3(c * inDirection.x + s * inDirection.z, inDirection.y, c * inDirection.z - s * inDirection.x);
    outColor = vec4(texture(panoramaCube, direction).rgb, frame.panorama.z);
}
