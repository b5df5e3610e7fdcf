// GpuScene: a scene::Scene uploaded to the GPU — one vertex and one index
// buffer for all geometry, textures with full mip chains, samplers, material
// descriptor sets, static instance transforms and lights. Destroying it frees
// all of its GPU memory; the caller waits for frames that use it first.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "scene/scene.h"

namespace oh::gfx {

struct UploadStats {
    double textureUploadSeconds = 0.0;  // wall time of all texture work below, GPU wait included
    double stagingSeconds = 0.0;        // CPU: copying decoded pixels into staging memory
    double copyGpuSeconds = 0.0;        // GPU: staging -> base levels (timestamps; 0 if unsupported)
    double mipGpuSeconds = 0.0;         // GPU: mip chains by blits (timestamps; 0 if unsupported)
    double geometryUploadSeconds = 0.0;
    uint64_t textureBytes = 0;  // GPU memory of all textures, mips included
    uint64_t geometryBytes = 0;
};

class GpuScene {
public:
    struct Primitive {
        uint32_t firstIndex = 0;
        uint32_t indexCount = 0;
        int32_t vertexOffset = 0;
        uint32_t material = 0;  // index into material sets (the default material is last)
        scene::Aabb bounds;     // object space
        scene::VertexDequantization dequantization;  // of its packed vertices
    };
    struct Instance {
        uint32_t firstPrimitive = 0;  // into primitives()
        uint32_t primitiveCount = 0;
        bool mirrored = false;
        scene::Aabb worldBounds;
    };
    struct Material {
        VkDescriptorSet descriptorSet = VK_NULL_HANDLE;
        bool blend = false;
        bool doubleSided = false;
    };

    // Uploads everything in `scene`. `materialSetLayout` is the renderer's set-1 layout.
    static Result<GpuScene> upload(GpuContext& context, const scene::Scene& scene,
                                   VkDescriptorSetLayout materialSetLayout, UploadStats* stats = nullptr);

    GpuScene() = default;
    GpuScene(GpuScene&&) = default;
    GpuScene& operator=(GpuScene&&) = default;

    VkBuffer vertexBuffer() const { return m_vertices.get(); }
    VkBuffer indexBuffer() const { return m_indices.get(); }
    VkBuffer instanceBuffer() const { return m_instanceData.get(); }
    VkDeviceSize instanceBufferSize() const { return m_instanceData.size(); }
    VkBuffer lightBuffer() const { return m_lights.get(); }
    VkDeviceSize lightBufferSize() const { return m_lights.size(); }
    uint32_t lightCount() const { return m_lightCount; }
    const std::vector<Primitive>& primitives() const { return m_primitives; }
    const std::vector<Instance>& instances() const { return m_instances; }
    const std::vector<Material>& materials() const { return m_materials; }
    const scene::Aabb& bounds() const { return m_bounds; }
    uint64_t id() const { return m_id; }  // unique per upload, for caches keyed on the scene

private:
    struct Texture {
        UniqueImageView view;
        uint32_t sampler = 0;
    };

    // The steps of upload(), in order. uploadGeometry returns each mesh's first primitive.
    Result<std::vector<uint32_t>> uploadGeometry(GpuContext& context, const scene::Scene& scene, UploadStats& stats);
    Status uploadInstances(GpuContext& context, const scene::Scene& scene,
                           const std::vector<uint32_t>& meshFirstPrimitive);
    Status uploadLights(GpuContext& context, const scene::Scene& scene);
    Status uploadImages(GpuContext& context, const scene::Scene& scene, UploadStats& stats);
    Status uploadWhiteTexture(GpuContext& context, UploadStats& stats);
    Status createSamplers(const GpuContext& context, const scene::Scene& scene);
    Status createTextures(const GpuContext& context, const scene::Scene& scene);
    Status uploadMaterials(GpuContext& context, const scene::Scene& scene);
    Status allocateMaterialSets(const GpuContext& context, VkDescriptorSetLayout materialSetLayout);
    void writeMaterialSets(const GpuContext& context, const scene::Scene& scene) const;

    uint32_t defaultSamplerIndex() const { return uint32_t(m_samplers.size() - 1); }
    // What a material's texture slot samples: its texture, or white.
    VkDescriptorImageInfo slotImageInfo(const scene::TextureSlot& slot) const;

    GpuBuffer m_vertices;
    GpuBuffer m_indices;
    GpuBuffer m_instanceData;
    GpuBuffer m_lights;
    GpuBuffer m_materialData;
    std::vector<GpuImage> m_images;
    std::vector<Texture> m_textures;
    std::vector<UniqueSampler> m_samplers;  // scene samplers, then the default one
    GpuImage m_white;
    UniqueImageView m_whiteView;
    UniqueDescriptorPool m_descriptorPool;
    std::vector<Primitive> m_primitives;
    std::vector<Instance> m_instances;
    std::vector<Material> m_materials;
    scene::Aabb m_bounds;
    uint32_t m_lightCount = 0;
    uint64_t m_id = 0;
};

}  // namespace oh::gfx
