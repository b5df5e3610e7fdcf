#version 450
// Split-sum BRDF LUT: for u = N.V and v = perceptual roughness (texel centres),
// (scale, bias) such that the specular IBL term is prefiltered * (F0 * scale + bias).
// GGX with height-correlated Smith visibility, Schlick Fresnel.
// Written as packed halves into an R32_UINT storage image (storage RG16F needs
// shaderStorageImageExtendedFormats); the caller copies it into the RG16F LUT.
#extension GL_GOOGLE_include_directive : require
#include "env_cube.glsl"

layout(local_size_x = 8, local_size_y = 8, local_size_z = 1) in;

layout(set = 0, binding = 0, r32ui) uniform writeonly uimage2D outLut;

layout(push_constant) uniform Params {
    uint size;
    uint sampleCount;
} params;

// V = G / (4 N.L N.V), height-correlated Smith-GGX (Heitz 2014).
float visibilitySmithGgxCorrelated(float nDotV, float nDotL, float alpha) {
    float a2 = alpha * alpha;
    float lambdaV = nDotL * sqrt(nDotV * nDotV * (1.0 - a2) + a2);
    float lambdaL = nDotV * sqrt(nDotL * nDotL * (1.0 - a2) + a2);
    return 0.5 / max(lambdaV + lambdaL, 1e-7);
}

void main() {
    uvec2 id = gl_GlobalInvocationID.xy;
    if (id.x >= params.size || id.y >= params.size) return;
    float nDotV = (float(id.x) + 0.5) / float(params.size);
    float roughness = (float(id.y) + 0.5) / float(params.size);
    float alpha = roughness * roughness;
    vec3 v = vec3(sqrt(1.0 - nDotV * nDotV), 0.0, nDotV);  // N = +Z

    float scale = 0.0;
    float bias = 0.0;
    for (uint i = 0u; i < params.sampleCount; ++i) {
        vec3 h = sampleGgxHalfVector(hammersley(i, params.sampleCount), alpha);
        float vDotH = dot(v, h);
        vec3 l = 2.0 * vDotH * h - v;
        float nDotL = l.z;
        if (nDotL <= 0.0 || vDotH <= 0.0) continue;
        // f * nDotL / pdf with pdf = D * nDotH / (4 vDotH): D cancels.
        float g = visibilitySmithGgxCorrelated(nDotV, nDotL, alpha) * 4.0 * nDotL * vDotH / h.z;
        float fc = pow(1.0 - vDotH, 5.0);
        scale += (1.0 - fc) * g;
        bias += fc * g;
    }
    vec2 result = clamp(vec2(scale, bias) / float(params.sampleCount), 0.0, 1.0);
    imageStore(outLut, ivec2(id), uvec4(packHalf2x16(result), 0u, 0u, 0u));
}
