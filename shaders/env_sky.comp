#version 450
// The default procedural daylight sky, written into mip 0 of a cube (as a
// 2D-array storage view, one layer per face). Meant to be seen through
// apartment windows: a soft zenith-to-horizon gradient, a darker ground with
// a hazy transition, and a small sun disc with a warm glow.
#extension GL_GOOGLE_include_directive : require
#include "env_cube.glsl"

layout(local_size_x = 8, local_size_y = 8, local_size_z = 1) in;

layout(set = 0, binding = 0, rgba16f) uniform writeonly image2DArray outCube;

layout(push_constant) uniform Sky {
    vec4 sunDirection;  // xyz: towards the sun (normalised), w: sun disc radiance relative to the sky
    vec4 zenithColor;
    vec4 horizonColor;
    vec4 groundColor;
    uint faceSize;
} sky;

const float kSunRadius = 0.0175;  // ~1 degree: a few texels at 256 per face, so it survives filtering
const vec3 kSunTint = vec3(1.0, 0.92, 0.80);

vec3 skyRadiance(vec3 dir) {
    vec3 sun = sky.sunDirection.xyz;
    float sunIntensity = sky.sunDirection.w;
    float elevation = dir.y;

    // Above the horizon: horizon colour fading into the zenith colour, with the
    // haze band kept fairly thin so the sky does not look washed out.
    float up = clamp(elevation, 0.0, 1.0);
    vec3 upper = mix(sky.horizonColor.rgb, sky.zenithColor.rgb, pow(up, 0.45));

    // Below: the ground colour, a little darker straight down (less sky light reaching it).
    float down = clamp(-elevation, 0.0, 1.0);
    vec3 lower = sky.groundColor.rgb * mix(1.0, 0.65, sqrt(down));
    // Haze just under the horizon, so the transition is soft rather than a line.
    lower = mix(lower, sky.horizonColor.rgb * 0.7, exp(-down * 28.0) * 0.6);

    float skyMask = smoothstep(-0.02, 0.015, elevation);
    vec3 color = mix(lower, upper, skyMask);

    // Sun: glow (forward scattering, brightening the sky around it) and disc.
    float cosAngle = dot(dir, sun);
    float glowAmount = 0.012 * pow(max(cosAngle, 0.0), 6.0) + 0.04 * pow(max(cosAngle, 0.0), 96.0);
    color += kSunTint * sunIntensity * glowAmount * mix(0.25, 1.0, skyMask);
    float disc = smoothstep(cos(kSunRadius * 1.25), cos(kSunRadius * 0.85), cosAngle);
    color = mix(color, kSunTint * sunIntensity, disc * skyMask);
    return color;
}

void main() {
    uvec3 id = gl_GlobalInvocationID;
    if (id.x >= sky.faceSize || id.y >= sky.faceSize) return;
    vec3 dir = cubeTexelDirection(id.xy, id.z, sky.faceSize);
    imageStore(outCube, ivec3(id), vec4(skyRadiance(dir), 1.0));
}
