#version 450
// An equirectangular panorama resampled into mip 0 of a cube. Panorama layout:
// row 0 looks straight up (+Y); the centre column looks towards -Z and u grows
// towards +X (turning right, as when panning a photo sphere); u = 0 and 1 meet at +Z.
#extension GL_GOOGLE_include_directive : require
#include "env_cube.glsl"

layout(local_size_x = 8, local_size_y = 8, local_size_z = 1) in;

layout(set = 0, binding = 0, rgba16f) uniform writeonly image2DArray outCube;
layout(set = 0, binding = 1) uniform sampler2D panorama;  // repeat in u, clamp in v

layout(push_constant) uniform Params {
    uint faceSize;
    float lod;  // panorama mip matching a cube texel's footprint (avoids aliasing large panoramas)
} params;

void main() {
    uvec3 id = gl_GlobalInvocationID;
    if (id.x >= params.faceSize || id.y >= params.faceSize) return;
    vec3 dir = cubeTexelDirection(id.xy, id.z, params.faceSize);
    vec2 uv = vec2(0.5 + atan(dir.x, -dir.z) / (2.0 * kPi), acos(clamp(dir.y, -1.0, 1.0)) / kPi);
    imageStore(outCube, ivec3(id), vec4(textureLod(panorama, uv, params.lod).rgb, 1.0));
}
