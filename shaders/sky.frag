#version 450
// The environment as the background (the sharp radiance mip).
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) in vec3 inDirection;
layout(location = 0) out vec4 outColor;

void main() {
    vec3 radiance = textureLod(radianceMap, normalize(inDirection), 0.0).rgb * frame.lighting.y;
    outColor = vec4(toneMapNeutral(radiance * frame.lighting.x), 1.0);
}
