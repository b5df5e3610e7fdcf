#version 450
// Irradiance cube: the cosine convolution of the radiance, divided by pi (so a
// uniform environment of radiance L gives L and the diffuse term is
// albedo * texture(irradiance, N)). Summed exactly over every texel of a small
// mip of the source (the cosine lobe is so wide that 8x8 per face loses
// nothing visible), normalised by the summed weights. Each workgroup first
// gathers that mip (direction * solid angle, radiance) into shared memory.
#extension GL_GOOGLE_include_directive : require
#include "env_cube.glsl"

layout(local_size_x = 8, local_size_y = 8, local_size_z = 1) in;

layout(set = 0, binding = 0, rgba16f) uniform writeonly image2DArray outCube;
layout(set = 0, binding = 1) uniform sampler2DArray source;  // the small source mip, one layer per face

layout(push_constant) uniform Params {
    uint size;        // output face size
    uint sourceSize;  // face size of the source mip (at most kMaxSourceSize)
} params;

const uint kMaxSourceSize = 8u;
const uint kMaxSourceTexels = 6u * kMaxSourceSize * kMaxSourceSize;
shared vec4 sharedDirection[kMaxSourceTexels];  // xyz: direction, w: relative solid angle
shared vec3 sharedRadiance[kMaxSourceTexels];

void main() {
    uint sourceSize = min(params.sourceSize, kMaxSourceSize);
    uint texelsPerFace = sourceSize * sourceSize;
    uint sourceTexels = 6u * texelsPerFace;
    for (uint k = gl_LocalInvocationIndex; k < sourceTexels; k += 64u) {
        uint face = k / texelsPerFace;
        uvec2 texel = uvec2(k % sourceSize, (k % texelsPerFace) / sourceSize);
        sharedDirection[k] = vec4(cubeTexelDirection(texel, face, sourceSize), cubeTexelWeight(texel, sourceSize));
        sharedRadiance[k] = texelFetch(source, ivec3(texel, face), 0).rgb;
    }
    barrier();

    uvec3 id = gl_GlobalInvocationID;
    if (id.x >= params.size || id.y >= params.size) return;
    vec3 n = cubeTexelDirection(id.xy, id.z, params.size);
    vec3 sum = vec3(0.0);
    float weight = 0.0;
    for (uint k = 0u; k < sourceTexels; ++k) {
        float w = max(dot(n, sharedDirection[k].xyz), 0.0) * sharedDirection[k].w;
        sum += sharedRadiance[k] * w;
        weight += w;
    }
    imageStore(outCube, ivec3(id), vec4(sum / max(weight, 1e-9), 1.0));
}
