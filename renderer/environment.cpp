// Image-based lighting maps, built on the GPU with compute shaders in a single
// submission (see environment.h for the conventions the PBR shader relies on).
//
// Pipeline, all in one command buffer:
//   1. mip 0 of a temporary "source" cube: the procedural sky (env_sky.comp)
//      or a panorama resampled from an equirectangular texture (env_equirect.comp);
//   2. the source's full box-filtered mip chain (blits), which filtered
//      importance sampling reads from;
//   3. radiance mip 0 = copy of source mip 0; mips 1.. = GGX prefiltered (env_prefilter.comp);
//   4. irradiance = cosine convolution of a small source mip (env_irradiance.comp);
//   5. BRDF LUT (env_brdf_lut.comp) into an R32_UINT scratch image, copied into RG16F.
// Not for per-frame work: everything here waits for the GPU.
#include "renderer/environment.h"

#include <stb_image.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <glm/gtc/packing.hpp>
#include <numbers>
#include <vector>

#include "core/file_io.h"
#include "renderer/vk_check.h"
#include "scene/scene.h"
#include "shaders/env_brdf_lut.comp.h"
#include "shaders/env_equirect.comp.h"
#include "shaders/env_irradiance.comp.h"
#include "shaders/env_prefilter.comp.h"
#include "shaders/env_sky.comp.h"

namespace oh::gfx {

namespace {

// [SECTION] Sizes and formats

constexpr VkFormat kCubeFormat = VK_FORMAT_R16G16B16A16_SFLOAT;  // storage-capable on every Vulkan GPU
constexpr VkFormat kLutFormat = VK_FORMAT_R16G16_SFLOAT;
constexpr VkFormat kLutScratchFormat = VK_FORMAT_R32_UINT;  // same texel size: copyable into kLutFormat
constexpr uint32_t kSkyFaceSize = 256;
constexpr uint32_t kMinFileFaceSize = 64;
constexpr uint32_t kMaxFileFaceSize = 1024;
constexpr uint32_t kSmallestRadianceMip = 8;  // the roughest (roughness 1) mip is 8x8 per face
constexpr uint32_t kIrradianceSize = 32;
constexpr uint32_t kIrradianceSourceSize = 8;  // source mip summed exactly for the cosine convolution
constexpr uint32_t kBrdfLutSize = 128;
constexpr uint32_t kBrdfLutSamples = 128;
constexpr uint32_t kMaxPanoramaSide = 16384;
constexpr uint32_t kGroupSize = 8;  // local_size_x/y of every env_*.comp shader
constexpr float kMaxHalf = 65000.0f;

// Equirectangular panorama texels, RGBA16F, row 0 = straight up.
struct Panorama {
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint16_t> rgbaHalf;
};

using Maps = EnvironmentMaps;

// Push constants; layouts match the shaders' push_constant blocks.
struct SkyPush {
    glm::vec4 sunDirection;  // w: sun intensity
    glm::vec4 zenithColor;
    glm::vec4 horizonColor;
    glm::vec4 groundColor;
    uint32_t faceSize;
};
struct EquirectPush {
    uint32_t faceSize;
    float lod;
};
struct PrefilterPush {
    uint32_t size;
    uint32_t sampleCount;
    float roughness;
    float sourceSize;
};
struct IrradiancePush {
    uint32_t size;
    uint32_t sourceSize;
};
struct BrdfLutPush {
    uint32_t size;
    uint32_t sampleCount;
};
constexpr uint32_t kPushSize = 128;  // the minimum maxPushConstantsSize; every block above fits
static_assert(sizeof(SkyPush) <= kPushSize);

uint32_t groupCount(uint32_t size) { return (size + kGroupSize - 1) / kGroupSize; }

// Last radiance mip about kSmallestRadianceMip wide.
uint32_t radianceMipCount(uint32_t faceSize) {
    uint32_t count = 1;
    while ((faceSize >> count) >= kSmallestRadianceMip) ++count;
    return count;
}

// The small source mip the irradiance convolution reads texel by texel.
uint32_t irradianceSourceSize(uint32_t faceSize) { return std::min(faceSize, kIrradianceSourceSize); }

// [SECTION] Small Vulkan helpers

Status requireFormat(const GpuContext& context, VkFormat format, VkFormatFeatureFlags needed, const char* what) {
    VkFormatProperties properties;
    vkGetPhysicalDeviceFormatProperties(context.physicalDevice(), format, &properties);
    if ((properties.optimalTilingFeatures & needed) != needed)
        return makeError(std::string("the GPU '") + context.deviceName() + "' lacks format features needed for " +
                             what + " (a Vulkan conformance requirement; driver problem?)",
                         kExitNoDevice);
    return ok();
}

// Two descriptor layouts: binding 0 the storage image written, and (for the
// shaders that read a source) binding 1 the sampled source. Separate layouts
// rather than one with binding 1 left unwritten: an unwritten descriptor is
// legal but crashes lavapipe (Mesa 22.3) when the set is bound.
struct ComputeLayout {
    UniqueDescriptorSetLayout setLayout;
    UniquePipelineLayout pipelineLayout;
};

struct ComputeKit {
    ComputeLayout writeOnly;  // env_sky, env_brdf_lut
    ComputeLayout readWrite;  // env_equirect, env_prefilter, env_irradiance
    UniqueDescriptorPool pool;
};

Result<ComputeLayout> createComputeLayout(const GpuContext& context, bool withSource) {
    ComputeLayout layout;
    VkDevice device = context.device();
    std::array<VkDescriptorSetLayoutBinding, 2> bindings{};
    bindings[0] = {0, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    bindings[1] = {1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo setInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    setInfo.bindingCount = withSource ? 2 : 1;
    setInfo.pBindings = bindings.data();
    VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateDescriptorSetLayout(device, &setInfo, nullptr, &setLayout));
    layout.setLayout = UniqueDescriptorSetLayout(device, setLayout);

    VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, kPushSize};
    VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layoutInfo.setLayoutCount = 1;
    layoutInfo.pSetLayouts = &setLayout;
    layoutInfo.pushConstantRangeCount = 1;
    layoutInfo.pPushConstantRanges = &push;
    VkPipelineLayout pipelineLayout = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreatePipelineLayout(device, &layoutInfo, nullptr, &pipelineLayout));
    layout.pipelineLayout = UniquePipelineLayout(device, pipelineLayout);
    return layout;
}

Result<ComputeKit> createComputeKit(const GpuContext& context, uint32_t maxSets) {
    ComputeKit kit;
    auto writeOnly = createComputeLayout(context, false);
    if (!writeOnly) return writeOnly.error();
    kit.writeOnly = std::move(writeOnly.value());
    auto readWrite = createComputeLayout(context, true);
    if (!readWrite) return readWrite.error();
    kit.readWrite = std::move(readWrite.value());

    std::array<VkDescriptorPoolSize, 2> sizes{
        {{VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, maxSets}, {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, maxSets}}};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = maxSets;
    poolInfo.poolSizeCount = uint32_t(sizes.size());
    poolInfo.pPoolSizes = sizes.data();
    VkDescriptorPool pool = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateDescriptorPool(context.device(), &poolInfo, nullptr, &pool));
    kit.pool = UniqueDescriptorPool(context.device(), pool);
    return kit;
}

// A compute pipeline and the layout it was created with.
struct Kernel {
    VkPipelineLayout layout = VK_NULL_HANDLE;  // owned by the ComputeKit
    UniquePipeline pipeline;
};

template <size_t N>
Result<Kernel> createKernel(const GpuContext& context, const ComputeLayout& layout, const uint32_t (&spirv)[N],
                            const char* name) {
    auto module = createShaderModule(context, std::span<const uint32_t>(spirv, N));
    if (!module) return module.error();
    VkComputePipelineCreateInfo info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    info.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    info.stage.module = module->get();
    info.stage.pName = "main";
    info.layout = layout.pipelineLayout;
    VkPipeline pipeline = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateComputePipelines(context.device(), VK_NULL_HANDLE, 1, &info, nullptr, &pipeline));
    context.setName(VK_OBJECT_TYPE_PIPELINE, uint64_t(pipeline), name);
    return Kernel{layout.pipelineLayout, UniquePipeline(context.device(), pipeline)};
}

// A set writing `storage` (GENERAL layout) and, with the readWrite layout, sampling `sampled`.
Result<VkDescriptorSet> createSet(const GpuContext& context, const ComputeKit& kit, VkImageView storage,
                                  VkImageView sampled = VK_NULL_HANDLE, VkSampler sampler = VK_NULL_HANDLE) {
    VkDescriptorSetLayout layout = sampled ? kit.readWrite.setLayout.get() : kit.writeOnly.setLayout.get();
    VkDescriptorSetAllocateInfo allocInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    allocInfo.descriptorPool = kit.pool;
    allocInfo.descriptorSetCount = 1;
    allocInfo.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    OH_VK_TRY(vkAllocateDescriptorSets(context.device(), &allocInfo, &set));

    VkDescriptorImageInfo storageInfo{VK_NULL_HANDLE, storage, VK_IMAGE_LAYOUT_GENERAL};
    VkDescriptorImageInfo sampledInfo{sampler, sampled, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    std::array<VkWriteDescriptorSet, 2> writes{};
    writes[0] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    writes[0].dstSet = set;
    writes[0].dstBinding = 0;
    writes[0].descriptorCount = 1;
    writes[0].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_IMAGE;
    writes[0].pImageInfo = &storageInfo;
    writes[1] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    writes[1].dstSet = set;
    writes[1].dstBinding = 1;
    writes[1].descriptorCount = 1;
    writes[1].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    writes[1].pImageInfo = &sampledInfo;
    vkUpdateDescriptorSets(context.device(), sampled ? 2 : 1, writes.data(), 0, nullptr);
    return set;
}

Result<UniqueSampler> createSampler(const GpuContext& context, VkSamplerAddressMode addressU, const char* name) {
    VkSamplerCreateInfo info{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    info.magFilter = VK_FILTER_LINEAR;
    info.minFilter = VK_FILTER_LINEAR;
    info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
    info.addressModeU = addressU;
    info.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    info.minLod = 0.0f;
    info.maxLod = VK_LOD_CLAMP_NONE;
    VkSampler sampler = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateSampler(context.device(), &info, nullptr, &sampler));
    context.setName(VK_OBJECT_TYPE_SAMPLER, uint64_t(sampler), name);
    return UniqueSampler(context.device(), sampler);
}

// Box-filters mips 1..mipCount-1 of `image` from mip 0, which must be in
// TRANSFER_SRC_OPTIMAL; leaves every mip in TRANSFER_SRC_OPTIMAL.
void recordMipChain(VkCommandBuffer cmd, VkImage image, uint32_t width, uint32_t height, uint32_t mipCount,
                    uint32_t layers) {
    for (uint32_t mip = 1; mip < mipCount; ++mip) {
        int32_t srcW = int32_t(std::max(width >> (mip - 1), 1u)), srcH = int32_t(std::max(height >> (mip - 1), 1u));
        int32_t dstW = int32_t(std::max(width >> mip, 1u)), dstH = int32_t(std::max(height >> mip, 1u));
        transitionImage(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                        VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, mip, 1);
        VkImageBlit blit{};
        blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, mip - 1, 0, layers};
        blit.srcOffsets[1] = {srcW, srcH, 1};
        blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, mip, 0, layers};
        blit.dstOffsets[1] = {dstW, dstH, 1};
        vkCmdBlitImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                       &blit, VK_FILTER_LINEAR);
        transitionImage(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                        VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, mip, 1);
    }
}

// [SECTION] Building the maps

Result<UniqueImageView> createCubeView(const GpuContext& context, const GpuImage& image) {
    return createImageView(context, image.get(), VK_IMAGE_VIEW_TYPE_CUBE, kCubeFormat, VK_IMAGE_ASPECT_COLOR_BIT);
}

// One mip's six faces as an array: how the compute shaders address a cube.
Result<UniqueImageView> createLayersView(const GpuContext& context, const GpuImage& image, uint32_t mip) {
    return createImageView(context, image.get(), VK_IMAGE_VIEW_TYPE_2D_ARRAY, kCubeFormat, VK_IMAGE_ASPECT_COLOR_BIT,
                           mip, 1, 0, 6);
}

// Images and views only the build uses; they die with it.
struct Scratch {
    GpuImage source;  // the environment as a cube with its full mip chain, which every map is made from
    GpuImage lutScratch;
    std::vector<UniqueImageView> views;  // owns every view below, and the panorama's
    VkImageView sourceCube = VK_NULL_HANDLE;
    VkImageView sourceMip0 = VK_NULL_HANDLE;
    std::vector<VkImageView> radianceMips;  // by mip, from 1 (mip 0 is copied, not computed)
    VkImageView irradianceSource = VK_NULL_HANDLE;
    VkImageView irradianceLayers = VK_NULL_HANDLE;
    VkImageView lutScratchView = VK_NULL_HANDLE;

    // Keeps `view` for the rest of the build; `handle` refers to it.
    Status keep(Result<UniqueImageView> view, VkImageView& handle) {
        if (!view) return view.error();
        views.push_back(std::move(view.value()));
        handle = views.back().get();
        return ok();
    }
};

// The panorama as a mipmapped 2D texture (file environments only).
struct PanoramaTexture {
    GpuImage image;
    GpuBuffer staging;  // read by the build's submission
    UniqueSampler sampler;
    uint32_t mips = 1;
    float lod = 0.0f;  // the mip env_equirect reads
    VkImageView view = VK_NULL_HANDLE;  // kept in Scratch::views
};

struct Kernels {
    ComputeKit kit;
    Kernel first;  // writes source mip 0: env_equirect (panorama) or env_sky
    Kernel prefilter;
    Kernel irradiance;
    Kernel lut;
    VkDescriptorSet firstSet = VK_NULL_HANDLE;
    std::vector<VkDescriptorSet> prefilterSets;  // by radiance mip, from 1
    VkDescriptorSet irradianceSet = VK_NULL_HANDLE;
    VkDescriptorSet lutSet = VK_NULL_HANDLE;
};

// One build: its inputs, the maps it returns and all it makes only to build
// them. Members die in reverse order, the kernels first and the source cube last.
struct MapBuild {
    GpuContext& context;
    const SkyParameters* sky;  // exactly one of sky and panorama is non-null
    const Panorama* panorama;
    uint32_t faceSize;
    uint32_t sourceMips;
    Maps maps;
    Scratch scratch;
    PanoramaTexture panoramaTexture;
    Kernels kernels;
};

Status requireFormats(const GpuContext& context) {
    const VkFormatFeatureFlags cubeFeatures =
        VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT | VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT |
        VK_FORMAT_FEATURE_STORAGE_IMAGE_BIT | VK_FORMAT_FEATURE_BLIT_SRC_BIT | VK_FORMAT_FEATURE_BLIT_DST_BIT;
    OH_TRY(requireFormat(context, kCubeFormat, cubeFeatures, "environment cube maps (RGBA16F)"));
    OH_TRY(requireFormat(context, kLutFormat,
                         VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT | VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT,
                         "the BRDF lookup table (RG16F)"));
    OH_TRY(requireFormat(context, kLutScratchFormat, VK_FORMAT_FEATURE_STORAGE_IMAGE_BIT,
                         "computing the BRDF lookup table (R32_UINT)"));
    return ok();
}

Status createImages(MapBuild& build) {
    const GpuContext& context = build.context;
    ImageDesc cubeDesc;
    cubeDesc.format = kCubeFormat;
    cubeDesc.extent = {build.faceSize, build.faceSize, 1};
    cubeDesc.arrayLayers = 6;
    cubeDesc.flags = VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT;

    ImageDesc sourceDesc = cubeDesc;
    sourceDesc.mipLevels = build.sourceMips;
    sourceDesc.usage = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                       VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    auto source = GpuImage::create(context, sourceDesc, "environment source cube");
    if (!source) return source.error();
    build.scratch.source = std::move(source.value());

    ImageDesc radianceDesc = cubeDesc;
    radianceDesc.mipLevels = build.maps.radianceMipCount;
    radianceDesc.usage = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                         VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    auto radiance = GpuImage::create(context, radianceDesc, "environment radiance");
    if (!radiance) return radiance.error();
    build.maps.radiance = std::move(radiance.value());

    ImageDesc irradianceDesc = cubeDesc;
    irradianceDesc.extent = {kIrradianceSize, kIrradianceSize, 1};
    irradianceDesc.usage = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    auto irradiance = GpuImage::create(context, irradianceDesc, "environment irradiance");
    if (!irradiance) return irradiance.error();
    build.maps.irradiance = std::move(irradiance.value());

    ImageDesc lutDesc;
    lutDesc.format = kLutFormat;
    lutDesc.extent = {kBrdfLutSize, kBrdfLutSize, 1};
    lutDesc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    auto lut = GpuImage::create(context, lutDesc, "environment BRDF LUT");
    if (!lut) return lut.error();
    build.maps.brdfLut = std::move(lut.value());

    ImageDesc lutScratchDesc = lutDesc;
    lutScratchDesc.format = kLutScratchFormat;
    lutScratchDesc.usage = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    auto lutScratch = GpuImage::create(context, lutScratchDesc, "environment BRDF LUT scratch");
    if (!lutScratch) return lutScratch.error();
    build.scratch.lutScratch = std::move(lutScratch.value());
    return ok();
}

// The views and sampler the PBR shader reads the maps through.
Status createMapViews(MapBuild& build) {
    const GpuContext& context = build.context;
    Maps& maps = build.maps;
    auto radianceView = createCubeView(context, maps.radiance);
    if (!radianceView) return radianceView.error();
    maps.radianceView = std::move(radianceView.value());
    auto irradianceView = createCubeView(context, maps.irradiance);
    if (!irradianceView) return irradianceView.error();
    maps.irradianceView = std::move(irradianceView.value());
    auto lutView =
        createImageView(context, maps.brdfLut.get(), VK_IMAGE_VIEW_TYPE_2D, kLutFormat, VK_IMAGE_ASPECT_COLOR_BIT);
    if (!lutView) return lutView.error();
    maps.brdfLutView = std::move(lutView.value());

    auto sampler = createSampler(context, VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE, "environment sampler");
    if (!sampler) return sampler.error();
    maps.sampler = std::move(sampler.value());
    return ok();
}

Status createScratchViews(MapBuild& build) {
    const GpuContext& context = build.context;
    Scratch& scratch = build.scratch;
    const uint32_t mipCount = build.maps.radianceMipCount;
    OH_TRY(scratch.keep(createCubeView(context, scratch.source), scratch.sourceCube));
    OH_TRY(scratch.keep(createLayersView(context, scratch.source, 0), scratch.sourceMip0));
    scratch.radianceMips.assign(mipCount, VK_NULL_HANDLE);
    for (uint32_t mip = 1; mip < mipCount; ++mip)
        OH_TRY(scratch.keep(createLayersView(context, build.maps.radiance, mip), scratch.radianceMips[mip]));
    const uint32_t irradianceSourceMip =
        uint32_t(std::countr_zero(build.faceSize / irradianceSourceSize(build.faceSize)));
    OH_TRY(scratch.keep(createLayersView(context, scratch.source, irradianceSourceMip), scratch.irradianceSource));
    OH_TRY(scratch.keep(createLayersView(context, build.maps.irradiance, 0), scratch.irradianceLayers));
    OH_TRY(scratch.keep(createImageView(context, scratch.lutScratch.get(), VK_IMAGE_VIEW_TYPE_2D, kLutScratchFormat,
                                        VK_IMAGE_ASPECT_COLOR_BIT),
                        scratch.lutScratchView));
    return ok();
}

// File environments only.
Status createPanoramaTexture(MapBuild& build) {
    const GpuContext& context = build.context;
    const Panorama& panorama = *build.panorama;
    const uint32_t faceSize = build.faceSize;
    PanoramaTexture& texture = build.panoramaTexture;
    // A cube texel near a face centre spans 2/faceSize radians, a panorama
    // texel 2*pi/width: read the mip where they match.
    texture.lod = std::max(0.0f, std::log2(float(panorama.width) / (std::numbers::pi_v<float> * float(faceSize))));
    texture.mips = std::min(scene::fullMipCount(panorama.width, panorama.height), uint32_t(std::ceil(texture.lod)) + 1);
    ImageDesc desc;
    desc.format = kCubeFormat;
    desc.extent = {panorama.width, panorama.height, 1};
    desc.mipLevels = texture.mips;
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    auto image = GpuImage::create(context, desc, "environment panorama");
    if (!image) return image.error();
    texture.image = std::move(image.value());
    const VkDeviceSize bytes = panorama.rgbaHalf.size() * sizeof(uint16_t);
    auto buffer = GpuBuffer::create(context, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                    VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                    "environment panorama staging");
    if (!buffer) return buffer.error();
    texture.staging = std::move(buffer.value());
    std::memcpy(texture.staging.mapped(), panorama.rgbaHalf.data(), bytes);
    OH_TRY(build.scratch.keep(createImageView(context, texture.image.get(), VK_IMAGE_VIEW_TYPE_2D, kCubeFormat,
                                              VK_IMAGE_ASPECT_COLOR_BIT),
                              texture.view));
    // Longitude wraps around; latitude stops at the poles.
    auto wrapSampler = createSampler(context, VK_SAMPLER_ADDRESS_MODE_REPEAT, "environment panorama sampler");
    if (!wrapSampler) return wrapSampler.error();
    texture.sampler = std::move(wrapSampler.value());
    return ok();
}

Status createKernels(MapBuild& build) {
    const GpuContext& context = build.context;
    Kernels& kernels = build.kernels;
    auto kit = createComputeKit(context, build.maps.radianceMipCount + 3);
    if (!kit) return kit.error();
    kernels.kit = std::move(kit.value());
    const ComputeKit& layouts = kernels.kit;
    auto first = build.panorama ? createKernel(context, layouts.readWrite, shaders::kEnvEquirectComp, "env_equirect")
                                : createKernel(context, layouts.writeOnly, shaders::kEnvSkyComp, "env_sky");
    if (!first) return first.error();
    kernels.first = std::move(first.value());
    auto prefilter = createKernel(context, layouts.readWrite, shaders::kEnvPrefilterComp, "env_prefilter");
    if (!prefilter) return prefilter.error();
    kernels.prefilter = std::move(prefilter.value());
    auto irradiance = createKernel(context, layouts.readWrite, shaders::kEnvIrradianceComp, "env_irradiance");
    if (!irradiance) return irradiance.error();
    kernels.irradiance = std::move(irradiance.value());
    auto lut = createKernel(context, layouts.writeOnly, shaders::kEnvBrdfLutComp, "env_brdf_lut");
    if (!lut) return lut.error();
    kernels.lut = std::move(lut.value());
    return ok();
}

// One set per dispatch, from the kit's pool.
Status createDescriptorSets(MapBuild& build) {
    const GpuContext& context = build.context;
    const Scratch& scratch = build.scratch;
    const VkSampler sampler = build.maps.sampler;
    const uint32_t mipCount = build.maps.radianceMipCount;
    Kernels& kernels = build.kernels;
    auto firstSet = createSet(context, kernels.kit, scratch.sourceMip0, build.panoramaTexture.view,
                              build.panoramaTexture.sampler);
    if (!firstSet) return firstSet.error();
    kernels.firstSet = *firstSet;
    kernels.prefilterSets.assign(mipCount, VK_NULL_HANDLE);
    for (uint32_t mip = 1; mip < mipCount; ++mip) {
        auto set = createSet(context, kernels.kit, scratch.radianceMips[mip], scratch.sourceCube, sampler);
        if (!set) return set.error();
        kernels.prefilterSets[mip] = *set;
    }
    auto irradianceSet = createSet(context, kernels.kit, scratch.irradianceLayers, scratch.irradianceSource, sampler);
    if (!irradianceSet) return irradianceSet.error();
    kernels.irradianceSet = *irradianceSet;
    auto lutSet = createSet(context, kernels.kit, scratch.lutScratchView);
    if (!lutSet) return lutSet.error();
    kernels.lutSet = *lutSet;
    return ok();
}

// [SECTION] Recording the build

constexpr VkImageAspectFlags kColor = VK_IMAGE_ASPECT_COLOR_BIT;

// One invocation per texel of `texels` (width x height x layers).
template <typename Push>
void dispatch(VkCommandBuffer cmd, const Kernel& kernel, VkDescriptorSet set, const Push& push, VkExtent3D texels) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipeline);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.layout, 0, 1, &set, 0, nullptr);
    vkCmdPushConstants(cmd, kernel.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, uint32_t(sizeof(push)), &push);
    vkCmdDispatch(cmd, groupCount(texels.width), groupCount(texels.height), texels.depth);
}

// Leaves the panorama, all mips, in SHADER_READ_ONLY_OPTIMAL for env_equirect.
void recordPanoramaUpload(VkCommandBuffer cmd, const MapBuild& build) {
    const Panorama& panorama = *build.panorama;
    const PanoramaTexture& texture = build.panoramaTexture;
    const VkImage image = texture.image.get();
    transitionImage(cmd, image, kColor, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0, 1);
    VkBufferImageCopy region{};
    region.imageSubresource = {kColor, 0, 0, 1};
    region.imageExtent = {panorama.width, panorama.height, 1};
    vkCmdCopyBufferToImage(cmd, texture.staging.get(), image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    transitionImage(cmd, image, kColor, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, 0,
                    1);
    recordMipChain(cmd, image, panorama.width, panorama.height, texture.mips, 1);
    transitionImage(cmd, image, kColor, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL);
}

// 1. Source mip 0.
void recordSourceMip0(VkCommandBuffer cmd, const MapBuild& build) {
    const VkImage sourceImage = build.scratch.source.get();
    const uint32_t faceSize = build.faceSize;
    const Kernels& kernels = build.kernels;
    if (build.panorama) recordPanoramaUpload(cmd, build);
    transitionImage(cmd, sourceImage, kColor, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_GENERAL, 0, 1);
    if (build.panorama) {
        EquirectPush push{faceSize, build.panoramaTexture.lod};
        dispatch(cmd, kernels.first, kernels.firstSet, push, {faceSize, faceSize, 6});
    } else {
        const SkyParameters& sky = *build.sky;
        glm::vec3 sun =
            glm::length(sky.sunDirection) > 1e-6f ? glm::normalize(sky.sunDirection) : SkyParameters{}.sunDirection;
        SkyPush push{glm::vec4(sun, sky.sunIntensity), glm::vec4(sky.zenithColor, 1.0f),
                     glm::vec4(sky.horizonColor, 1.0f), glm::vec4(sky.groundColor, 1.0f), faceSize};
        dispatch(cmd, kernels.first, kernels.firstSet, push, {faceSize, faceSize, 6});
    }
    transitionImage(cmd, sourceImage, kColor, VK_IMAGE_LAYOUT_GENERAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, 0, 1);
}

// 3a. Radiance mip 0: the sharp environment. Leaves the source ready for sampling.
void recordSharpRadiance(VkCommandBuffer cmd, const MapBuild& build) {
    const VkImage sourceImage = build.scratch.source.get();
    const VkImage radiance = build.maps.radiance.get();
    transitionImage(cmd, radiance, kColor, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0, 1);
    VkImageCopy copy{};
    copy.srcSubresource = {kColor, 0, 0, 6};
    copy.dstSubresource = {kColor, 0, 0, 6};
    copy.extent = {build.faceSize, build.faceSize, 1};
    vkCmdCopyImage(cmd, sourceImage, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, radiance,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &copy);
    transitionImage(cmd, radiance, kColor, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, 0, 1);
    transitionImage(cmd, sourceImage, kColor, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL);
}

// 3b. Prefiltered mips. Mip 1 has 3/4 of the texels and the narrowest
// lobe, where filtered importance sampling needs the fewest samples.
void recordPrefilteredRadiance(VkCommandBuffer cmd, const MapBuild& build) {
    const VkImage radiance = build.maps.radiance.get();
    const uint32_t faceSize = build.faceSize;
    const uint32_t mipCount = build.maps.radianceMipCount;
    if (mipCount > 1)
        transitionImage(cmd, radiance, kColor, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_GENERAL, 1, mipCount - 1);
    for (uint32_t mip = 1; mip < mipCount; ++mip) {
        uint32_t size = faceSize >> mip;
        PrefilterPush push{size, mip == 1 ? 16u : 32u, float(mip) / float(mipCount - 1), float(faceSize)};
        dispatch(cmd, build.kernels.prefilter, build.kernels.prefilterSets[mip], push, {size, size, 6});
    }
    if (mipCount > 1)
        transitionImage(cmd, radiance, kColor, VK_IMAGE_LAYOUT_GENERAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, 1,
                        mipCount - 1);
}

// 4. Irradiance.
void recordIrradiance(VkCommandBuffer cmd, const MapBuild& build) {
    const VkImage irradiance = build.maps.irradiance.get();
    transitionImage(cmd, irradiance, kColor, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_GENERAL);
    IrradiancePush push{kIrradianceSize, irradianceSourceSize(build.faceSize)};
    dispatch(cmd, build.kernels.irradiance, build.kernels.irradianceSet, push,
             {kIrradianceSize, kIrradianceSize, 6});
    transitionImage(cmd, irradiance, kColor, VK_IMAGE_LAYOUT_GENERAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL);
}

// 5. BRDF LUT: computed as packed halves, copied into the RG16F image
// (both are 32-bit texel formats, so vkCmdCopyImage may reinterpret).
void recordBrdfLut(VkCommandBuffer cmd, const MapBuild& build) {
    const VkImage scratch = build.scratch.lutScratch.get();
    const VkImage lut = build.maps.brdfLut.get();
    transitionImage(cmd, scratch, kColor, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_GENERAL);
    BrdfLutPush push{kBrdfLutSize, kBrdfLutSamples};
    dispatch(cmd, build.kernels.lut, build.kernels.lutSet, push, {kBrdfLutSize, kBrdfLutSize, 1});
    transitionImage(cmd, scratch, kColor, VK_IMAGE_LAYOUT_GENERAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
    transitionImage(cmd, lut, kColor, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
    VkImageCopy copy{};
    copy.srcSubresource = {kColor, 0, 0, 1};
    copy.dstSubresource = {kColor, 0, 0, 1};
    copy.extent = {kBrdfLutSize, kBrdfLutSize, 1};
    vkCmdCopyImage(cmd, scratch, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, lut, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                   &copy);
    transitionImage(cmd, lut, kColor, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL);
}

// Builds every map from either the sky parameters or a panorama (exactly one non-null).
Result<Maps> buildMaps(GpuContext& context, const SkyParameters* sky, const Panorama* panorama, uint32_t faceSize) {
    OH_TRY(requireFormats(context));
    MapBuild build{context, sky, panorama, faceSize, scene::fullMipCount(faceSize, faceSize)};
    build.maps.radianceMipCount = radianceMipCount(faceSize);
    OH_TRY(createImages(build));
    OH_TRY(createMapViews(build));
    OH_TRY(createScratchViews(build));
    if (panorama) OH_TRY(createPanoramaTexture(build));
    OH_TRY(createKernels(build));
    OH_TRY(createDescriptorSets(build));
    OH_TRY(context.submitAndWait([&](VkCommandBuffer cmd) {
        recordSourceMip0(cmd, build);
        // 2. Source mip chain, for filtered importance sampling.
        recordMipChain(cmd, build.scratch.source.get(), faceSize, faceSize, build.sourceMips, 6);
        recordSharpRadiance(cmd, build);
        recordPrefilteredRadiance(cmd, build);
        recordIrradiance(cmd, build);
        recordBrdfLut(cmd, build);
    }));
    return std::move(build.maps);
}

// [SECTION] Reading panoramas

uint16_t toHalf(float value) {
    if (!(value > 0.0f)) value = 0.0f;  // negatives and NaN
    return glm::packHalf1x16(std::min(value, kMaxHalf));
}

float srgbToLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

struct StbiFree {
    void operator()(void* pixels) const { stbi_image_free(pixels); }
};

Result<Panorama> readPanorama(const std::filesystem::path& path) {
    const std::string name = displayPath(path);
    auto bytes = readFile(path, uint64_t(INT32_MAX));  // stb_image takes an int length
    if (!bytes) return bytes.error();                  // already names the file
    const auto* data = bytes->data();
    const int length = int(bytes->size());

    // Header first: refuse absurd sizes before decoding allocates for them.
    int width = 0, height = 0, channels = 0;
    if (!stbi_info_from_memory(data, length, &width, &height, &channels))
        return makeError(name + ": not a readable image (" + stbi_failure_reason() +
                         "); expected an equirectangular .hdr, PNG or JPEG panorama");
    if (width <= 0 || height <= 0 || uint32_t(width) > kMaxPanoramaSide || uint32_t(height) > kMaxPanoramaSide)
        return makeError(name + ": panorama is " + std::to_string(width) + "x" + std::to_string(height) +
                         " pixels; at most " + std::to_string(kMaxPanoramaSide) + " per side is supported");

    Panorama panorama;
    panorama.width = uint32_t(width);
    panorama.height = uint32_t(height);
    const size_t pixelCount = size_t(width) * size_t(height);
    panorama.rgbaHalf.resize(pixelCount * 4);
    if (stbi_is_hdr_from_memory(data, length)) {
        std::unique_ptr<float, StbiFree> pixels(stbi_loadf_from_memory(data, length, &width, &height, &channels, 4));
        if (!pixels) return makeError(name + ": cannot decode the HDR image (" + stbi_failure_reason() + ")");
        for (size_t i = 0; i < pixelCount * 4; ++i)
            panorama.rgbaHalf[i] = (i % 4 == 3) ? glm::packHalf1x16(1.0f) : toHalf(pixels.get()[i]);
    } else {
        std::unique_ptr<stbi_uc, StbiFree> pixels(stbi_load_from_memory(data, length, &width, &height, &channels, 4));
        if (!pixels) return makeError(name + ": cannot decode the image (" + stbi_failure_reason() + ")");
        // 8-bit sRGB treated as LDR radiance.
        std::array<uint16_t, 256> table;
        for (int v = 0; v < 256; ++v) table[size_t(v)] = toHalf(srgbToLinear(float(v) / 255.0f));
        for (size_t i = 0; i < pixelCount * 4; ++i)
            panorama.rgbaHalf[i] = (i % 4 == 3) ? glm::packHalf1x16(1.0f) : table[pixels.get()[i]];
    }
    return panorama;
}

}  // namespace

// [SECTION] Environment

Result<Environment> Environment::createDefaultSky(GpuContext& context, const SkyParameters& sky) {
    auto maps = buildMaps(context, &sky, nullptr, kSkyFaceSize);
    if (!maps) return maps.error();
    return Environment(std::move(maps.value()));
}

Result<Environment> Environment::createFromFile(GpuContext& context, const std::filesystem::path& path) {
    auto panorama = readPanorama(path);
    if (!panorama) return panorama.error();
    // About 4 cube faces around the equator, in powers of two.
    uint32_t faceSize = std::clamp(std::bit_ceil(panorama->width / 4), kMinFileFaceSize, kMaxFileFaceSize);
    auto maps = buildMaps(context, nullptr, &panorama.value(), faceSize);
    if (!maps) return makeError(displayPath(path) + ": " + maps.error().message, maps.error().exitCode);
    return Environment(std::move(maps.value()));
}

}  // namespace oh::gfx
