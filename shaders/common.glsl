// Shared declarations of the scene shaders: the per-frame set (0) and the
// per-material set (1). Layouts mirror renderer/gpu_layout.h (std140/std430).

#define MAX_VIEWS 2

// Which view this draw is for: gl_ViewIndex in a multiview pass; in a pass
// per view (drivers whose multiview is broken) gl_ViewIndex is 0 and the
// renderer pushes the view's index as viewBase.
// Scene draws also push how the primitive drawn unpacks its vertices
// (scene::PackedVertex): value = offset + scale * the normalised number.
layout(push_constant) uniform PassData {
    uint viewBase;
    vec4 positionOffset;
    vec4 positionScale;
    vec4 uv0OffsetScale;
    vec4 uv1OffsetScale;
} pass;
uint viewIndex() { return gl_ViewIndex + pass.viewBase; }

struct ViewData {
    mat4 viewProjection;
    mat4 inverseViewProjection;
    vec4 position;  // xyz: eye position in world space
    vec4 opticalAxis;  // xy: NDC where the view direction lands; zw: NDC units per unit of tangent
};

layout(set = 0, binding = 0, std140) uniform FrameData {
    ViewData views[MAX_VIEWS];
    vec4 lighting;  // x: exposure, y: environment intensity, z: light count, w: radiance mip count
    vec4 screenEffects;  // x: vignette, y: fade
    vec4 panorama;  // x, y: cos and sin of the panorama's heading (clockwise from above), z: opacity
    vec4 fadeColour;  // rgb: what the fade blends the view to (linear)
} frame;

struct InstanceData {
    mat4 model;
    mat4 normalMatrix;  // inverse-transpose of model's upper 3x3, in a mat4 for alignment
};

layout(set = 0, binding = 1, std430) readonly buffer Instances { InstanceData instances[]; };
// Per-frame list of visible instances; draw i's instance k is drawInstances[firstInstance + k].
layout(set = 0, binding = 2, std430) readonly buffer DrawInstances { uint drawInstances[]; };

struct LightData {
    vec4 positionRange;     // xyz position, w range (0: infinite)
    vec4 directionType;     // xyz direction the light points, w type (0 directional, 1 point, 2 spot)
    vec4 colorIntensity;    // rgb colour * intensity
    vec4 cone;              // x: cos(outer), y: 1 / max(cos(inner) - cos(outer), 1e-4)
};
layout(set = 0, binding = 3, std430) readonly buffer Lights { LightData lights[]; };

layout(set = 0, binding = 4) uniform samplerCube radianceMap;
layout(set = 0, binding = 5) uniform samplerCube irradianceMap;
layout(set = 0, binding = 6) uniform sampler2D brdfLut;

// Khronos PBR Neutral tone mapping: keeps base colours true (walls, floors,
// fabrics read as their real colours), compresses only highlights.
vec3 toneMapNeutral(vec3 color) {
    const float startCompression = 0.8 - 0.04;
    const float desaturation = 0.15;
    float x = min(color.r, min(color.g, color.b));
    float offset = x < 0.08 ? x - 6.25 * x * x : 0.04;
    color -= offset;
    float peak = max(color.r, max(color.g, color.b));
    if (peak < startCompression) return color;
    const float d = 1.0 - startCompression;
    float newPeak = 1.0 - d * d / (peak + d - startCompression);
    color *= newPeak / peak;
    float g = 1.0 - 1.0 / (desaturation * (peak - newPeak) + 1.0);
    return mix(color, vec3(newPeak), g);
}
