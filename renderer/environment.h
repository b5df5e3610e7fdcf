// Image-based lighting: an environment (the default procedural sky, or an
// equirectangular HDR panorama) turned into the three GPU maps the PBR shader
// samples. Built once on the GPU with compute shaders at load time.
//
// Conventions the shaders rely on (shaders/pbr.frag, shaders/sky.frag):
//  - cube maps are sampled with the world-space direction as is (+Y up);
//  - radiance: mip 0 is the sharp environment (drawn as the background); mip m
//    is GGX-prefiltered for roughness m / (mipCount - 1);
//  - irradiance: cosine-convolved radiance divided by pi, so the diffuse term
//    is albedo * texture(irradiance, N);
//  - BRDF LUT: 2D, u = N.V, v = roughness, rg = (scale, bias) of F0 in the split-sum.
#pragma once

#include <vulkan/vulkan.h>

#include <filesystem>
#include <utility>
#include <glm/glm.hpp>

#include "core/result.h"
#include "renderer/gpu_resources.h"

namespace oh::gfx {

struct SkyParameters {
    glm::vec3 sunDirection = glm::normalize(glm::vec3(0.4f, 0.7f, 0.3f));  // towards the sun
    float sunIntensity = 20.0f;                 // radiance of the sun disc relative to the sky
    glm::vec3 zenithColor{0.25f, 0.45f, 0.85f}; // linear radiance
    glm::vec3 horizonColor{0.85f, 0.9f, 1.0f};
    glm::vec3 groundColor{0.30f, 0.27f, 0.24f};
};

// The GPU objects of an environment (built by environment.cpp).
struct EnvironmentMaps {
    GpuImage radiance;
    UniqueImageView radianceView;
    GpuImage irradiance;
    UniqueImageView irradianceView;
    GpuImage brdfLut;
    UniqueImageView brdfLutView;
    UniqueSampler sampler;  // trilinear, clamp to edge
    uint32_t radianceMipCount = 1;
};

class Environment {
public:
    static Result<Environment> createDefaultSky(GpuContext& context, const SkyParameters& sky = {});
    // An equirectangular panorama: .hdr (linear) or PNG/JPEG (sRGB, treated as LDR radiance).
    // Errors name the file.
    static Result<Environment> createFromFile(GpuContext& context, const std::filesystem::path& path);

    VkImageView radianceView() const { return m_maps.radianceView; }
    VkImageView irradianceView() const { return m_maps.irradianceView; }
    VkImageView brdfLutView() const { return m_maps.brdfLutView; }
    VkSampler sampler() const { return m_maps.sampler; }
    uint32_t radianceMipCount() const { return m_maps.radianceMipCount; }

private:
    explicit Environment(EnvironmentMaps maps) : m_maps(std::move(maps)) {}
    EnvironmentMaps m_maps;
};

}  // namespace oh::gfx
