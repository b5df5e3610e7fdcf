#include "renderer/gpu_scene.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstring>

#include <glm/gtc/matrix_inverse.hpp>

#include "renderer/gpu_layout.h"
#include "renderer/texture_upload.h"
#include "renderer/vk_check.h"
#include "scene/packed_vertex.h"

namespace oh::gfx {
namespace {

constexpr uint32_t kTextureSlots = 5;
// Staging memory per upload batch: big enough to keep the GPU busy, small
// enough not to double a texture-heavy scene's peak memory.
constexpr VkDeviceSize kStagingBatchBytes = VkDeviceSize(64) << 20;

std::atomic<uint64_t> g_nextSceneId{1};

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

VkSamplerAddressMode addressMode(scene::Wrap wrap) {
    switch (wrap) {
        case scene::Wrap::ClampToEdge: return VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
        case scene::Wrap::MirroredRepeat: return VK_SAMPLER_ADDRESS_MODE_MIRRORED_REPEAT;
        case scene::Wrap::Repeat: break;
    }
    return VK_SAMPLER_ADDRESS_MODE_REPEAT;
}

VkFilter filter(scene::Filter f) { return f == scene::Filter::Nearest ? VK_FILTER_NEAREST : VK_FILTER_LINEAR; }

Result<UniqueSampler> createSampler(const GpuContext& context, const scene::Sampler& desc) {
    VkSamplerCreateInfo info{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    info.magFilter = filter(desc.magFilter);
    info.minFilter = filter(desc.minFilter);
    info.mipmapMode = desc.mipFilter == scene::Filter::Nearest ? VK_SAMPLER_MIPMAP_MODE_NEAREST
                                                               : VK_SAMPLER_MIPMAP_MODE_LINEAR;
    info.addressModeU = addressMode(desc.wrapS);
    info.addressModeV = addressMode(desc.wrapT);
    info.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
    // Anisotropy only where the texture is filtered and mipmapped: floors and
    // walls seen at grazing angles are most of an apartment.
    bool anisotropic = context.maxAnisotropy() > 1.0f && desc.useMipmaps && desc.minFilter == scene::Filter::Linear;
    info.anisotropyEnable = anisotropic ? VK_TRUE : VK_FALSE;
    info.maxAnisotropy = anisotropic ? context.maxAnisotropy() : 1.0f;
    info.minLod = 0.0f;
    // glTF minFilter NEAREST/LINEAR (no mipmap): sample the base level only.
    info.maxLod = desc.useMipmaps ? VK_LOD_CLAMP_NONE : 0.25f;
    VkSampler sampler = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateSampler(context.device(), &info, nullptr, &sampler));
    return UniqueSampler(context.device(), sampler);
}

glm::vec4 transformRow(const glm::mat3& m, int row) { return {m[0][row], m[1][row], m[2][row], 0.0f}; }

// In binding order: the material set's bindings 1..5.
std::array<const scene::TextureSlot*, kTextureSlots> textureSlots(const scene::Material& material) {
    return {&material.baseColor, &material.metallicRoughness, &material.normal, &material.occlusion,
            &material.emissive};
}

MaterialGpu toGpu(const scene::Scene& scene, const scene::Material& material) {
    MaterialGpu gpu{};
    gpu.baseColorFactor = material.baseColorFactor;
    gpu.emissive = glm::vec4(material.emissiveFactor * material.emissiveStrength, 0.0f);
    gpu.metallicRoughness = {material.metallicFactor, material.roughnessFactor, material.normalScale,
                             material.occlusion.present() ? material.occlusionStrength : 0.0f};
    float mode = material.alphaMode == scene::AlphaMode::Mask ? 1.0f
                 : material.alphaMode == scene::AlphaMode::Blend ? 2.0f
                                                                 : 0.0f;
    uint32_t flags = material.normal.present() ? kMaterialHasNormalMap : 0u;
    if (material.normal.present() && material.normal.texture < scene.textures.size() &&
        scene.textures[material.normal.texture].image < scene.images.size() &&
        scene.images[scene.textures[material.normal.texture].image].format == scene::PixelFormat::Bc5)
        flags |= kMaterialNormalMapXY;
    gpu.alpha = {material.alphaCutoff, mode, material.unlit ? 1.0f : 0.0f, float(flags)};
    const auto slots = textureSlots(material);
    gpu.texCoordSets = {slots[0]->texCoord, slots[1]->texCoord, slots[2]->texCoord, slots[3]->texCoord};
    gpu.texCoordSets2 = {slots[4]->texCoord, 0, 0, 0};
    for (uint32_t slot = 0; slot < kTextureSlots; ++slot) {
        glm::mat3 m = slots[slot]->transform.matrix();
        gpu.uvTransform[slot * 2] = transformRow(m, 0);
        gpu.uvTransform[slot * 2 + 1] = transformRow(m, 1);
    }
    return gpu;
}

template <typename T>
Result<GpuBuffer> uploadArray(GpuContext& context, const std::vector<T>& items, VkBufferUsageFlags usage,
                              const char* debugName) {
    return uploadBuffer(context, {reinterpret_cast<const uint8_t*>(items.data()), items.size() * sizeof(T)}, usage,
                        debugName);
}

}  // namespace

Result<GpuScene> GpuScene::upload(GpuContext& context, const scene::Scene& scene,
                                  VkDescriptorSetLayout materialSetLayout, UploadStats* stats) {
    GpuScene out;
    out.m_id = g_nextSceneId.fetch_add(1);
    out.m_bounds = scene.bounds;
    UploadStats localStats;

    auto geometryStart = std::chrono::steady_clock::now();
    auto meshFirstPrimitive = out.uploadGeometry(context, scene, localStats);
    if (!meshFirstPrimitive) return meshFirstPrimitive.error();
    OH_TRY(out.uploadInstances(context, scene, *meshFirstPrimitive));
    OH_TRY(out.uploadLights(context, scene));
    localStats.geometryUploadSeconds = secondsSince(geometryStart);

    auto textureStart = std::chrono::steady_clock::now();
    OH_TRY(out.uploadImages(context, scene, localStats));
    OH_TRY(out.uploadWhiteTexture(context, localStats));
    localStats.textureUploadSeconds = secondsSince(textureStart);
    OH_TRY(out.createSamplers(context, scene));
    OH_TRY(out.createTextures(context, scene));

    OH_TRY(out.uploadMaterials(context, scene));
    OH_TRY(out.allocateMaterialSets(context, materialSetLayout));
    out.writeMaterialSets(context, scene);

    if (stats) *stats = localStats;
    return out;
}

// Everything in one vertex and one index buffer.
Result<std::vector<uint32_t>> GpuScene::uploadGeometry(GpuContext& context, const scene::Scene& scene,
                                                       UploadStats& stats) {
    std::vector<uint32_t> meshFirstPrimitive(scene.meshes.size());
    size_t vertexCount = 0, indexCount = 0;
    for (const scene::Mesh& mesh : scene.meshes)
        for (const scene::Primitive& primitive : mesh.primitives) {
            vertexCount += primitive.vertexCount();
            indexCount += primitive.indices.size();
        }
    if (vertexCount > size_t(INT32_MAX) || indexCount > size_t(UINT32_MAX))
        return makeError(scene.name + ": too much geometry for one scene (" + std::to_string(vertexCount) +
                         " vertices)");
    std::vector<uint8_t> vertexBytes(std::max<size_t>(vertexCount, 1) * sizeof(scene::PackedVertex));
    std::vector<uint32_t> indices;
    indices.reserve(indexCount);
    uint32_t defaultMaterial = uint32_t(scene.materials.size());
    size_t vertexCursor = 0;
    for (size_t meshIndex = 0; meshIndex < scene.meshes.size(); ++meshIndex) {
        meshFirstPrimitive[meshIndex] = uint32_t(m_primitives.size());
        const scene::Mesh& mesh = scene.meshes[meshIndex];
        // A glTF's vertices are packed here; a bundle's come packed.
        scene::Aabb grid = scene::positionGrid(mesh);
        for (const scene::Primitive& primitive : mesh.primitives) {
            scene::PackedVertices packed;
            if (primitive.packed.empty()) packed = scene::packVertices(primitive.vertices, grid);
            const auto& vertices = primitive.packed.empty() ? packed.vertices : primitive.packed;
            Primitive gpuPrimitive;
            gpuPrimitive.firstIndex = uint32_t(indices.size());
            gpuPrimitive.indexCount = uint32_t(primitive.indices.size());
            gpuPrimitive.vertexOffset = int32_t(vertexCursor);
            gpuPrimitive.material = primitive.material < scene.materials.size() ? primitive.material : defaultMaterial;
            gpuPrimitive.bounds = primitive.bounds;
            gpuPrimitive.dequantization = primitive.packed.empty() ? packed.dequantization : primitive.dequantization;
            m_primitives.push_back(gpuPrimitive);
            if (!vertices.empty())
                std::memcpy(vertexBytes.data() + vertexCursor * sizeof(scene::PackedVertex), vertices.data(),
                            vertices.size() * sizeof(scene::PackedVertex));
            vertexCursor += vertices.size();
            indices.insert(indices.end(), primitive.indices.begin(), primitive.indices.end());
        }
    }
    if (indices.empty()) indices.push_back(0);
    auto vertices = uploadBuffer(context, vertexBytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "scene vertices");
    if (!vertices) return vertices.error();
    m_vertices = std::move(vertices.value());
    auto indexBuffer = uploadArray(context, indices, VK_BUFFER_USAGE_INDEX_BUFFER_BIT, "scene indices");
    if (!indexBuffer) return indexBuffer.error();
    m_indices = std::move(indexBuffer.value());
    stats.geometryBytes = vertexBytes.size() + indices.size() * sizeof(uint32_t);
    return meshFirstPrimitive;
}

// Static transforms, read by the vertex shader.
Status GpuScene::uploadInstances(GpuContext& context, const scene::Scene& scene,
                                 const std::vector<uint32_t>& meshFirstPrimitive) {
    std::vector<InstanceGpu> instanceData;
    instanceData.reserve(std::max<size_t>(scene.instances.size(), 1));
    for (const scene::MeshInstance& instance : scene.instances) {
        Instance gpuInstance;
        gpuInstance.firstPrimitive = meshFirstPrimitive[instance.mesh];
        gpuInstance.primitiveCount = uint32_t(scene.meshes[instance.mesh].primitives.size());
        gpuInstance.mirrored = instance.mirrored;
        gpuInstance.worldBounds = instance.worldBounds;
        m_instances.push_back(gpuInstance);
        instanceData.push_back({instance.world, glm::mat4(glm::inverseTranspose(glm::mat3(instance.world)))});
    }
    if (instanceData.empty()) instanceData.push_back({glm::mat4(1.0f), glm::mat4(1.0f)});
    auto instanceBuffer = uploadArray(context, instanceData, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, "scene instances");
    if (!instanceBuffer) return instanceBuffer.error();
    m_instanceData = std::move(instanceBuffer.value());
    return ok();
}

Status GpuScene::uploadLights(GpuContext& context, const scene::Scene& scene) {
    std::vector<LightGpu> lights;
    for (const scene::Light& light : scene.lights) {
        LightGpu gpu{};
        float type = light.type == scene::Light::Type::Directional ? 0.0f
                     : light.type == scene::Light::Type::Point     ? 1.0f
                                                                   : 2.0f;
        gpu.positionRange = glm::vec4(light.position, light.range);
        gpu.directionType = glm::vec4(glm::normalize(light.direction), type);
        gpu.colorIntensity = glm::vec4(light.color * light.intensity, 0.0f);
        float cosOuter = std::cos(light.outerConeAngle), cosInner = std::cos(light.innerConeAngle);
        gpu.cone = {cosOuter, 1.0f / std::max(cosInner - cosOuter, 1e-4f), 0.0f, 0.0f};
        lights.push_back(gpu);
    }
    m_lightCount = uint32_t(lights.size());
    if (lights.empty()) lights.push_back(LightGpu{});
    auto lightBuffer = uploadArray(context, lights, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, "scene lights");
    if (!lightBuffer) return lightBuffer.error();
    m_lights = std::move(lightBuffer.value());
    return ok();
}

// Every image with its full mip chain (made here for decoded images, as
// stored for block-compressed ones), in batches of kStagingBatchBytes.
Status GpuScene::uploadImages(GpuContext& context, const scene::Scene& scene, UploadStats& stats) {
    // An image is stored in sRGB if any texture reads it as colour, so its mips
    // are averaged in linear light; linear uses get a UNORM view of it.
    std::vector<bool> imageIsSrgb(scene.images.size(), false);
    for (const scene::Texture& texture : scene.textures)
        if (texture.srgb && texture.image < scene.images.size()) imageIsSrgb[texture.image] = true;

    std::vector<PendingUpload> pending;
    VkDeviceSize pendingBytes = 0;
    m_images.reserve(scene.images.size());
    for (size_t i = 0; i < scene.images.size(); ++i) {
        const scene::Image& source = scene.images[i];
        const bool compressed = source.format != scene::PixelFormat::Rgba8;
        const uint32_t levels = compressed ? source.mipLevels : 1;
        if (source.width == 0 || source.height == 0 ||
            source.pixels.size() != scene::mipChainBytes(source.format, source.width, source.height, levels)) {
            m_images.emplace_back();  // not loaded (geometry-only import); textures fall back to white
            continue;
        }
        if (compressed && !context.supportsBlockCompression())
            return makeError(source.name + ": this GPU cannot sample BC-compressed textures (textureCompressionBC)",
                             kExitNoDevice);
        ImageDesc desc;
        desc.format = viewFormat(source.format, imageIsSrgb[i]);
        desc.extent = {source.width, source.height, 1};
        desc.mipLevels = compressed ? source.mipLevels : scene::fullMipCount(source.width, source.height);
        desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                     (compressed ? 0u : uint32_t(VK_IMAGE_USAGE_TRANSFER_SRC_BIT));
        // Colour and data views of one image (an sRGB base colour also read linearly).
        desc.flags = VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
        auto image = GpuImage::create(context, desc, source.name.c_str());
        if (!image) return image.error();
        stats.textureBytes += image->memorySize();
        if (pendingBytes + source.pixels.size() > kStagingBatchBytes) {
            OH_TRY(flushUploads(context, pending, stats));
            pendingBytes = 0;
        }
        m_images.push_back(std::move(image.value()));
        // m_images was reserved for every image, so this pointer stays valid.
        pending.push_back({source.pixels.data(), source.pixels.size(), &m_images.back(), source.format, levels});
        pendingBytes += source.pixels.size();
    }
    return flushUploads(context, pending, stats);
}

// White 1x1 for empty slots: neutral for every slot (normal maps are flagged off).
Status GpuScene::uploadWhiteTexture(GpuContext& context, UploadStats& stats) {
    ImageDesc desc;
    desc.format = VK_FORMAT_R8G8B8A8_UNORM;
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    auto white = GpuImage::create(context, desc, "white texture");
    if (!white) return white.error();
    m_white = std::move(white.value());
    static const uint8_t kWhite[4] = {255, 255, 255, 255};
    std::vector<PendingUpload> whiteUpload{{kWhite, 4, &m_white}};
    OH_TRY(flushUploads(context, whiteUpload, stats));
    auto view = createImageView(context, m_white.get(), VK_IMAGE_VIEW_TYPE_2D, desc.format, VK_IMAGE_ASPECT_COLOR_BIT);
    if (!view) return view.error();
    m_whiteView = std::move(view.value());
    return ok();
}

// The scene's samplers, then the default (linear, repeat, mipmapped).
Status GpuScene::createSamplers(const GpuContext& context, const scene::Scene& scene) {
    for (const scene::Sampler& sampler : scene.samplers) {
        auto created = createSampler(context, sampler);
        if (!created) return created.error();
        m_samplers.push_back(std::move(created.value()));
    }
    auto defaultSampler = createSampler(context, scene::Sampler{});
    if (!defaultSampler) return defaultSampler.error();
    m_samplers.push_back(std::move(defaultSampler.value()));
    return ok();
}

Status GpuScene::createTextures(const GpuContext& context, const scene::Scene& scene) {
    for (const scene::Texture& texture : scene.textures) {
        Texture gpuTexture;
        gpuTexture.sampler = texture.sampler < scene.samplers.size() ? texture.sampler : defaultSamplerIndex();
        if (texture.image < m_images.size() && m_images[texture.image]) {
            const GpuImage& image = m_images[texture.image];
            auto view = createImageView(context, image.get(), VK_IMAGE_VIEW_TYPE_2D,
                                        viewFormat(scene.images[texture.image].format, texture.srgb),
                                        VK_IMAGE_ASPECT_COLOR_BIT);
            if (!view) return view.error();
            gpuTexture.view = std::move(view.value());
        }
        m_textures.push_back(std::move(gpuTexture));
    }
    return ok();
}

// One uniform slot per material, then one for the default material.
Status GpuScene::uploadMaterials(GpuContext& context, const scene::Scene& scene) {
    std::vector<MaterialGpu> materialData;
    materialData.reserve(scene.materials.size() + 1);
    for (const scene::Material& material : scene.materials) {
        materialData.push_back(toGpu(scene, material));
        m_materials.push_back({VK_NULL_HANDLE, material.alphaMode == scene::AlphaMode::Blend, material.doubleSided});
    }
    materialData.push_back(toGpu(scene, scene::Material{}));
    m_materials.push_back({VK_NULL_HANDLE, false, false});
    auto materialBuffer = uploadArray(context, materialData, VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, "materials");
    if (!materialBuffer) return materialBuffer.error();
    m_materialData = std::move(materialBuffer.value());
    return ok();
}

// One descriptor set per material, from a pool of exactly that many.
Status GpuScene::allocateMaterialSets(const GpuContext& context, VkDescriptorSetLayout materialSetLayout) {
    const uint32_t materialCount = uint32_t(m_materials.size());
    VkDescriptorPoolSize poolSizes[] = {
        {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, materialCount},
        {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, materialCount * kTextureSlots},
    };
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = materialCount;
    poolInfo.poolSizeCount = 2;
    poolInfo.pPoolSizes = poolSizes;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateDescriptorPool(context.device(), &poolInfo, nullptr, &pool));
    m_descriptorPool = UniqueDescriptorPool(context.device(), pool);

    std::vector<VkDescriptorSetLayout> layouts(materialCount, materialSetLayout);
    std::vector<VkDescriptorSet> sets(materialCount);
    VkDescriptorSetAllocateInfo allocInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    allocInfo.descriptorPool = pool;
    allocInfo.descriptorSetCount = materialCount;
    allocInfo.pSetLayouts = layouts.data();
    OH_VK_TRY(vkAllocateDescriptorSets(context.device(), &allocInfo, sets.data()));
    for (uint32_t m = 0; m < materialCount; ++m) m_materials[m].descriptorSet = sets[m];
    return ok();
}

VkDescriptorImageInfo GpuScene::slotImageInfo(const scene::TextureSlot& slot) const {
    VkDescriptorImageInfo info{m_samplers[defaultSamplerIndex()].get(), m_whiteView.get(),
                               VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    uint32_t textureIndex = slot.texture;
    if (textureIndex < m_textures.size() && m_textures[textureIndex].view) {
        info.imageView = m_textures[textureIndex].view.get();
        info.sampler = m_samplers[m_textures[textureIndex].sampler].get();
    }
    return info;
}

// Binding 0: the material's uniform slot; bindings 1..5: its textures.
void GpuScene::writeMaterialSets(const GpuContext& context, const scene::Scene& scene) const {
    const uint32_t materialCount = uint32_t(m_materials.size());
    std::vector<VkDescriptorBufferInfo> bufferInfos(materialCount);
    std::vector<VkDescriptorImageInfo> imageInfos(size_t(materialCount) * kTextureSlots);
    std::vector<VkWriteDescriptorSet> writes;
    writes.reserve(size_t(materialCount) * 2);
    for (uint32_t m = 0; m < materialCount; ++m) {
        const VkDescriptorSet set = m_materials[m].descriptorSet;
        bufferInfos[m] = {m_materialData.get(), VkDeviceSize(m) * sizeof(MaterialGpu), sizeof(MaterialGpu)};
        const scene::Material fallback;
        const scene::Material& material = m < scene.materials.size() ? scene.materials[m] : fallback;
        const auto slots = textureSlots(material);
        for (uint32_t slot = 0; slot < kTextureSlots; ++slot)
            imageInfos[size_t(m) * kTextureSlots + slot] = slotImageInfo(*slots[slot]);
        VkWriteDescriptorSet bufferWrite{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        bufferWrite.dstSet = set;
        bufferWrite.dstBinding = 0;
        bufferWrite.descriptorCount = 1;
        bufferWrite.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
        bufferWrite.pBufferInfo = &bufferInfos[m];
        writes.push_back(bufferWrite);
        VkWriteDescriptorSet imageWrite{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        imageWrite.dstSet = set;
        imageWrite.dstBinding = 1;
        imageWrite.descriptorCount = kTextureSlots;  // bindings 1..5 are consecutive, same type
        imageWrite.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
        imageWrite.pImageInfo = &imageInfos[size_t(m) * kTextureSlots];
        writes.push_back(imageWrite);
    }
    vkUpdateDescriptorSets(context.device(), uint32_t(writes.size()), writes.data(), 0, nullptr);
}

}  // namespace oh::gfx
