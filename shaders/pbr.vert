#version 450
// Scene vertex shader: one instanced draw per (primitive, material, pipeline)
// batch; viewIndex() picks the eye.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

// scene::PackedVertex, normalised by the vertex fetch; the push constants
// (pass, common.glsl) scale positions and UVs back into model units.
layout(location = 0) in vec4 inPosition;  // xyz on the mesh's grid, [0, 1]
layout(location = 1) in vec2 inNormal;    // octahedral, [-1, 1]
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv0;       // over the primitive's UV range, [0, 1]
layout(location = 4) in vec2 inUv1;
layout(location = 5) in vec4 inColor;

layout(location = 0) out vec3 outWorldPosition;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outTangent;
layout(location = 3) out vec4 outUv;  // xy: set 0, zw: set 1
layout(location = 4) out vec4 outColor;

// Inverse of the octahedral mapping in scene/packed_vertex.cpp.
vec3 octahedralDecode(vec2 p) {
    vec3 n = vec3(p, 1.0 - abs(p.x) - abs(p.y));
    float fold = max(-n.z, 0.0);
    n.xy += mix(vec2(fold), vec2(-fold), greaterThanEqual(n.xy, vec2(0.0)));
    return normalize(n);
}

void main() {
    vec3 position = pass.positionOffset.xyz + pass.positionScale.xyz * inPosition.xyz;
    vec3 normal = octahedralDecode(inNormal);
    InstanceData instance = instances[drawInstances[gl_InstanceIndex]];
    vec4 world = instance.model * vec4(position, 1.0);
    outWorldPosition = world.xyz;
    outNormal = mat3(instance.normalMatrix) * normal;
    outTangent = vec4(mat3(instance.model) * inTangent.xyz, inTangent.w);
    outUv = vec4(pass.uv0OffsetScale.xy + pass.uv0OffsetScale.zw * inUv0,
                 pass.uv1OffsetScale.xy + pass.uv1OffsetScale.zw * inUv1);
    outColor = inColor;
    gl_Position = frame.views[viewIndex()].viewProjection * world;
}
