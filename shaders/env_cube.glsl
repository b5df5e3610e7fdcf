// Shared by the env_*.comp shaders: cube texel <-> world direction, and the
// GGX sampling helpers. Not for the frame shaders (they only sample the maps).
#ifndef OH_ENV_CUBE_GLSL
#define OH_ENV_CUBE_GLSL

const float kPi = 3.14159265358979;

// The world direction through the centre of texel `texel` of layer `face` of a
// cube face `size` texels wide. Inverts the Vulkan spec's "Cube Map Face
// Selection" table (layers +X, -X, +Y, -Y, +Z, -Z; s = (sc/|ma| + 1)/2,
// t = (tc/|ma| + 1)/2), so texture(cube, dir) returns what was stored for dir.
vec3 cubeTexelDirection(uvec2 texel, uint face, uint size) {
    vec2 st = (vec2(texel) + 0.5) / float(size) * 2.0 - 1.0;
    float s = st.x;
    float t = st.y;
    vec3 dir;
    switch (face) {
    case 0u: dir = vec3(1.0, -t, -s); break;   // +X: sc = -rz, tc = -ry
    case 1u: dir = vec3(-1.0, -t, s); break;   // -X: sc = +rz, tc = -ry
    case 2u: dir = vec3(s, 1.0, t); break;     // +Y: sc = +rx, tc = +rz
    case 3u: dir = vec3(s, -1.0, -t); break;   // -Y: sc = +rx, tc = -rz
    case 4u: dir = vec3(s, -t, 1.0); break;    // +Z: sc = +rx, tc = -ry
    default: dir = vec3(-s, -t, -1.0); break;  // -Z: sc = -rx, tc = -ry
    }
    return normalize(dir);
}

// Solid angle of that texel, up to the constant (2/size)^2 (callers normalise).
float cubeTexelWeight(uvec2 texel, uint size) {
    vec2 st = (vec2(texel) + 0.5) / float(size) * 2.0 - 1.0;
    float r2 = 1.0 + dot(st, st);
    return 1.0 / (r2 * sqrt(r2));
}

// Hammersley point i of n in [0,1)^2.
vec2 hammersley(uint i, uint n) {
    return vec2((float(i) + 0.5) / float(n), float(bitfieldReverse(i)) * 2.3283064365386963e-10);
}

// A GGX-distributed half vector around +Z for roughness alpha (= perceptual^2).
vec3 sampleGgxHalfVector(vec2 xi, float alpha) {
    float phi = 2.0 * kPi * xi.x;
    float a2 = alpha * alpha;
    float cosTheta = sqrt((1.0 - xi.y) / (1.0 + (a2 - 1.0) * xi.y));
    float sinTheta = sqrt(max(1.0 - cosTheta * cosTheta, 0.0));
    return vec3(sinTheta * cos(phi), sinTheta * sin(phi), cosTheta);
}

float ggxDistribution(float nDotH, float alpha) {
    float a2 = alpha * alpha;
    float d = nDotH * nDotH * (a2 - 1.0) + 1.0;
    return a2 / (kPi * d * d);
}

// Columns: tangent, bitangent, n.
mat3 tangentFrame(vec3 n) {
    vec3 up = abs(n.z) < 0.999 ? vec3(0.0, 0.0, 1.0) : vec3(1.0, 0.0, 0.0);
    vec3 t = normalize(cross(up, n));
    return mat3(t, cross(n, t), n);
}

#endif
