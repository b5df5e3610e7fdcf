#version 450
// One GGX-prefiltered radiance mip (split-sum, N = V = R) from the source cube
// and its box-filtered mip chain. Filtered importance sampling (GPU Gems 3,
// ch. 20): each sample reads the source mip whose texel solid angle matches the
// sample's share of the lobe, so a few dozen samples give a smooth result.
#extension GL_GOOGLE_include_directive : require
#include "env_cube.glsl"

layout(local_size_x = 8, local_size_y = 8, local_size_z = 1) in;

layout(set = 0, binding = 0, rgba16f) uniform writeonly image2DArray outMip;
layout(set = 0, binding = 1) uniform samplerCube source;

layout(push_constant) uniform Params {
    uint size;         // of the mip written
    uint sampleCount;
    float roughness;   // perceptual; GGX alpha = roughness^2
    float sourceSize;  // source mip 0 face size
} params;

void main() {
    uvec3 id = gl_GlobalInvocationID;
    if (id.x >= params.size || id.y >= params.size) return;
    vec3 n = cubeTexelDirection(id.xy, id.z, params.size);
    mat3 frame = tangentFrame(n);
    float alpha = max(params.roughness * params.roughness, 1e-3);
    float texelSolidAngle = 4.0 * kPi / (6.0 * params.sourceSize * params.sourceSize);

    vec3 sum = vec3(0.0);
    float weight = 0.0;
    for (uint i = 0u; i < params.sampleCount; ++i) {
        vec3 h = frame * sampleGgxHalfVector(hammersley(i, params.sampleCount), alpha);
        float nDotH = dot(n, h);
        vec3 l = 2.0 * nDotH * h - n;
        float nDotL = dot(n, l);
        if (nDotL <= 0.0) continue;
        // pdf(l) = D * nDotH / (4 * vDotH), and vDotH = nDotH with V = N.
        float pdf = ggxDistribution(nDotH, alpha) * 0.25;
        float sampleSolidAngle = 1.0 / (float(params.sampleCount) * pdf + 1e-6);
        float lod = max(0.5 * log2(sampleSolidAngle / texelSolidAngle) + 1.0, 0.0);
        sum += textureLod(source, l, lod).rgb * nDotL;
        weight += nDotL;
    }
    imageStore(outMip, ivec3(id), vec4(sum / max(weight, 1e-6), 1.0));
}
