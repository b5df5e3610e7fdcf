#version 450
// Scene vertex shader: one instanced draw per (primitive, material, pipeline)
// batch; viewIndex() picks the eye.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv0;
layout(location = 4) in vec2 inUv1;
layout(location = 5) in vec4 inColor;

layout(location = 0) out vec3 outWorldPosition;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outTangent;
layout(location = 3) out vec4 outUv;  // xy: set 0, zw: set 1
layout(location = 4) out vec4 outColor;

void main() {
    InstanceData instance = instances[drawInstances[gl_InstanceIndex]];
    vec4 world = instance.model * vec4(inPosition, 1.0);
    outWorldPosition = world.xyz;
    outNormal = mat3(instance.normalMatrix) * inNormal;
    outTangent = vec4(mat3(instance.model) * inTangent.xyz, inTangent.w);
    outUv = vec4(inUv0, inUv1);
    outColor = inColor;
    gl_Position = frame.views[viewIndex()].viewProjection * world;
}
