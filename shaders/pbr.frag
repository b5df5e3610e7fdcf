#version 450
// Metallic-roughness PBR (glTF 2.0 BRDF): image-based lighting from the
// environment maps (split-sum) plus KHR_lights_punctual; KHR_materials_unlit;
// alpha mask/blend; output tone-mapped linear colour into an sRGB target.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(set = 1, binding = 0, std140) uniform MaterialData {
    vec4 baseColorFactor;
    vec4 emissive;           // rgb: factor * strength
    vec4 metallicRoughness;  // x metallic, y roughness, z normal scale, w occlusion strength
    vec4 alpha;              // x cutoff, y mode (0 opaque, 1 mask, 2 blend), z unlit, w texture flags
    uvec4 texCoordSets;      // set index of baseColor, metallicRoughness, normal, occlusion
    uvec4 texCoordSets2;     // x: emissive
    vec4 uvTransform[10];    // per slot two rows of a 2x3 matrix: base, mr, normal, occlusion, emissive
} material;

layout(set = 1, binding = 1) uniform sampler2D baseColorTexture;
layout(set = 1, binding = 2) uniform sampler2D metallicRoughnessTexture;
layout(set = 1, binding = 3) uniform sampler2D normalTexture;
layout(set = 1, binding = 4) uniform sampler2D occlusionTexture;
layout(set = 1, binding = 5) uniform sampler2D emissiveTexture;

layout(location = 0) in vec3 inWorldPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec4 inUv;
layout(location = 4) in vec4 inColor;

layout(location = 0) out vec4 outColor;

const float PI = 3.14159265359;
const uint kHasNormalMap = 1u;
const uint kNormalMapXY = 2u;  // two-channel (BC5) normal map: Z is rebuilt

vec2 slotUv(uint slot, uint set) {
    vec2 uv = set == 0u ? inUv.xy : inUv.zw;
    vec4 row0 = material.uvTransform[slot * 2u];
    vec4 row1 = material.uvTransform[slot * 2u + 1u];
    return vec2(dot(row0.xyz, vec3(uv, 1.0)), dot(row1.xyz, vec3(uv, 1.0)));
}

float distributionGgx(float nDotH, float alpha) {
    float a2 = alpha * alpha;
    float d = nDotH * nDotH * (a2 - 1.0) + 1.0;
    return a2 / (PI * d * d);
}

float visibilitySmithGgxCorrelated(float nDotL, float nDotV, float alpha) {
    float a2 = alpha * alpha;
    float ggxV = nDotL * sqrt(nDotV * nDotV * (1.0 - a2) + a2);
    float ggxL = nDotV * sqrt(nDotL * nDotL * (1.0 - a2) + a2);
    float sum = ggxV + ggxL;
    return sum > 0.0 ? 0.5 / sum : 0.0;
}

vec3 fresnelSchlick(vec3 f0, float vDotH) {
    return f0 + (1.0 - f0) * pow(clamp(1.0 - vDotH, 0.0, 1.0), 5.0);
}

// KHR_lights_punctual's recommended range falloff.
float rangeAttenuation(float range, float distance) {
    if (range <= 0.0) return 1.0 / max(distance * distance, 1e-4);
    float ratio = distance / range;
    return clamp(1.0 - ratio * ratio * ratio * ratio, 0.0, 1.0) / max(distance * distance, 1e-4);
}

void main() {
    vec4 baseColor = material.baseColorFactor * inColor *
                     texture(baseColorTexture, slotUv(0u, material.texCoordSets.x));
    uint alphaMode = uint(material.alpha.y);
    if (alphaMode == 1u) {
        if (baseColor.a < material.alpha.x) discard;
        baseColor.a = 1.0;
    } else if (alphaMode == 0u) {
        baseColor.a = 1.0;
    }

    float exposure = frame.lighting.x;
    if (material.alpha.z > 0.5) {  // KHR_materials_unlit: base colour is the final colour
        outColor = vec4(baseColor.rgb, baseColor.a);
        return;
    }

    vec3 geometricNormal = normalize(inNormal);
    if (!gl_FrontFacing) geometricNormal = -geometricNormal;  // double-sided back faces
    vec3 n = geometricNormal;
    uint flags = uint(material.alpha.w);
    if ((flags & kHasNormalMap) != 0u) {
        vec3 tangent = inTangent.xyz - geometricNormal * dot(geometricNormal, inTangent.xyz);
        if (dot(tangent, tangent) > 1e-10) {
            tangent = normalize(tangent);
            vec3 bitangent = cross(geometricNormal, tangent) * (inTangent.w < 0.0 ? -1.0 : 1.0);
            if (!gl_FrontFacing) bitangent = -bitangent;
            vec3 sampled = texture(normalTexture, slotUv(2u, material.texCoordSets.z)).xyz * 2.0 - 1.0;
            // Tangent-space normals point out of the surface (z > 0), so a
            // map that stores X and Y alone loses nothing.
            if ((flags & kNormalMapXY) != 0u) sampled.z = sqrt(max(1.0 - dot(sampled.xy, sampled.xy), 0.0));
            sampled.xy *= material.metallicRoughness.z;
            n = normalize(mat3(tangent, bitangent, geometricNormal) * sampled);
        }
    }

    vec4 mrSample = texture(metallicRoughnessTexture, slotUv(1u, material.texCoordSets.y));
    float metallic = clamp(material.metallicRoughness.x * mrSample.b, 0.0, 1.0);
    float perceptualRoughness = clamp(material.metallicRoughness.y * mrSample.g, 0.03, 1.0);
    float alpha = perceptualRoughness * perceptualRoughness;

    vec3 eye = frame.views[viewIndex()].position.xyz;
    vec3 v = normalize(eye - inWorldPosition);
    float nDotV = clamp(dot(n, v), 1e-4, 1.0);
    vec3 f0 = mix(vec3(0.04), baseColor.rgb, metallic);
    vec3 diffuseColor = baseColor.rgb * (1.0 - metallic);

    // Image-based lighting (split-sum).
    float envIntensity = frame.lighting.y;
    vec2 brdf = texture(brdfLut, vec2(nDotV, perceptualRoughness)).rg;
    vec3 r = reflect(-v, n);
    float lod = perceptualRoughness * (frame.lighting.w - 1.0);
    vec3 specularEnv = textureLod(radianceMap, r, lod).rgb;
    vec3 irradiance = texture(irradianceMap, n).rgb;
    vec3 color = envIntensity * (diffuseColor * irradiance + specularEnv * (f0 * brdf.x + brdf.y));

    float occlusion = texture(occlusionTexture, slotUv(3u, material.texCoordSets.w)).r;
    color = mix(color, color * occlusion, material.metallicRoughness.w);

    // Punctual lights.
    uint lightCount = uint(frame.lighting.z);
    for (uint i = 0u; i < lightCount; ++i) {
        LightData light = lights[i];
        uint type = uint(light.directionType.w);
        vec3 l;
        float attenuation = 1.0;
        if (type == 0u) {
            l = -light.directionType.xyz;
        } else {
            vec3 toLight = light.positionRange.xyz - inWorldPosition;
            float distance = length(toLight);
            l = toLight / max(distance, 1e-4);
            attenuation = rangeAttenuation(light.positionRange.w, distance);
            if (type == 2u) {
                float cd = dot(light.directionType.xyz, -l);
                float t = clamp((cd - light.cone.x) * light.cone.y, 0.0, 1.0);
                attenuation *= t * t;
            }
        }
        float nDotL = dot(n, l);
        if (nDotL <= 0.0 || attenuation <= 0.0) continue;
        vec3 h = normalize(l + v);
        float nDotH = clamp(dot(n, h), 0.0, 1.0);
        float vDotH = clamp(dot(v, h), 0.0, 1.0);
        vec3 fresnel = fresnelSchlick(f0, vDotH);
        vec3 diffuse = (1.0 - fresnel) * diffuseColor / PI;
        vec3 specular = fresnel * distributionGgx(nDotH, alpha) * visibilitySmithGgxCorrelated(nDotL, nDotV, alpha);
        color += (diffuse + specular) * light.colorIntensity.rgb * (attenuation * nDotL);
    }

    vec3 emissive = material.emissive.rgb * texture(emissiveTexture, slotUv(4u, material.texCoordSets2.x)).rgb;
    color += emissive;

    outColor = vec4(toneMapNeutral(color * exposure), baseColor.a);
}
