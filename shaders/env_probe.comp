#version 450
// Test-only (tests/test_environment.cpp): samples an environment's maps
// exactly as the PBR shader does, at caller-chosen directions / coordinates,
// so tests check what texture(cube, worldDir) really returns.
layout(local_size_x = 64) in;

layout(set = 0, binding = 0) uniform samplerCube radianceMap;
layout(set = 0, binding = 1) uniform samplerCube irradianceMap;
layout(set = 0, binding = 2) uniform sampler2D brdfLut;
layout(std430, set = 0, binding = 3) readonly buffer Queries { vec4 queries[]; };  // xyz: direction (xy: uv), w: lod
layout(std430, set = 0, binding = 4) writeonly buffer Results { vec4 results[]; };

layout(push_constant) uniform Params {
    uint count;
    uint map;  // 0: radiance, 1: irradiance, 2: BRDF LUT
} params;

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i >= params.count) return;
    vec4 q = queries[i];
    vec4 value;
    if (params.map == 0u) value = textureLod(radianceMap, q.xyz, q.w);
    else if (params.map == 1u) value = textureLod(irradianceMap, q.xyz, q.w);
    else value = textureLod(brdfLut, q.xy, q.w);
    results[i] = value;
}
