#include "renderer/overlay_pass.h"

#include <cstring>
#include <string>

#include "renderer/pipeline_state.h"
#include "renderer/vk_check.h"
#include "shaders/overlay.frag.h"
#include "shaders/overlay.vert.h"
#include "shaders/overlay_quad.frag.h"
#include "shaders/overlay_quad.vert.h"
#include "shaders/panorama.frag.h"
#include "shaders/screen_effects.frag.h"
#include "shaders/screen_effects.vert.h"
#include "shaders/sky.vert.h"

namespace oh::gfx {
namespace {

struct QuadVertex {
    glm::vec3 position;
    glm::vec2 uv;
    float opacity;
};

constexpr uint32_t kQuadVertices = 6;

}  // namespace

Result<std::unique_ptr<OverlayPass>> OverlayPass::create(GpuContext& context, const Setup& setup) {
    std::unique_ptr<OverlayPass> pass(new OverlayPass(context));
    OH_TRY(pass->init(setup));
    return pass;
}

Status OverlayPass::init(const Setup& setup) {
    VkDevice device = m_context.device();
    {
        VkSamplerCreateInfo info{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
        info.magFilter = VK_FILTER_LINEAR;
        info.minFilter = VK_FILTER_LINEAR;
        info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
        info.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
        info.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
        info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
        info.maxLod = VK_LOD_CLAMP_NONE;
        VkSampler sampler = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreateSampler(device, &info, nullptr, &sampler));
        m_sampler = UniqueSampler(device, sampler);
    }
    {
        VkDescriptorSetLayoutBinding binding{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1,
                                             VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
        VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
        info.bindingCount = 1;
        info.pBindings = &binding;
        VkDescriptorSetLayout layout = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreateDescriptorSetLayout(device, &info, nullptr, &layout));
        m_quadSetLayout = UniqueDescriptorSetLayout(device, layout);
    }
    // Set 0 and the push constant as the scene pipelines have them.
    auto pipelineLayout = createViewPipelineLayout(device, setup.frameSetLayout, m_quadSetLayout.get());
    if (!pipelineLayout) return pipelineLayout.error();
    m_pipelineLayout = std::move(pipelineLayout.value());
    OH_TRY(createPipelines(setup));

    // Every slot's image sets (the panels', then the panorama's) up front:
    // nothing is allocated per frame.
    constexpr uint32_t kSetsPerSlot = kMaxOverlayImages + 1;
    uint32_t setCount = setup.frameSlots * kSetsPerSlot;
    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, setCount};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = setCount;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &size;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateDescriptorPool(device, &poolInfo, nullptr, &pool));
    m_pool = UniqueDescriptorPool(device, pool);
    m_slots.resize(setup.frameSlots);
    for (Slot& slot : m_slots) {
        // One layout serves a panel's 2D image and the panorama's cube.
        std::array<VkDescriptorSetLayout, kSetsPerSlot> layouts;
        layouts.fill(m_quadSetLayout.get());
        std::array<VkDescriptorSet, kSetsPerSlot> sets{};
        VkDescriptorSetAllocateInfo allocInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        allocInfo.descriptorPool = pool;
        allocInfo.descriptorSetCount = kSetsPerSlot;
        allocInfo.pSetLayouts = layouts.data();
        OH_VK_TRY(vkAllocateDescriptorSets(device, &allocInfo, sets.data()));
        for (uint32_t i = 0; i < kMaxOverlayImages; ++i) slot.images[i].set = sets[i];
        slot.panoramaSet = sets[kMaxOverlayImages];
    }
    return ok();
}

Status OverlayPass::createPipelines(const Setup& setup) {
    VkDevice device = m_context.device();
    auto shapeVert = createShaderModule(m_context, shaders::kOverlayVert);
    auto shapeFrag = createShaderModule(m_context, shaders::kOverlayFrag);
    auto quadVert = createShaderModule(m_context, shaders::kOverlayQuadVert);
    auto quadFrag = createShaderModule(m_context, shaders::kOverlayQuadFrag);
    auto effectsVert = createShaderModule(m_context, shaders::kScreenEffectsVert);
    auto effectsFrag = createShaderModule(m_context, shaders::kScreenEffectsFrag);
    auto panoramaVert = createShaderModule(m_context, shaders::kSkyVert);
    auto panoramaFrag = createShaderModule(m_context, shaders::kPanoramaFrag);
    for (auto* module : {&shapeVert, &shapeFrag, &quadVert, &quadFrag, &effectsVert, &effectsFrag, &panoramaVert,
                         &panoramaFrag})
        if (!*module) return module->error();
    auto shapeStages = vertexFragmentStages(shapeVert->get(), shapeFrag->get());
    auto quadStages = vertexFragmentStages(quadVert->get(), quadFrag->get());
    auto effectsStages = vertexFragmentStages(effectsVert->get(), effectsFrag->get());
    auto panoramaStages = vertexFragmentStages(panoramaVert->get(), panoramaFrag->get());

    VkVertexInputBindingDescription shapeBinding{0, sizeof(OverlayVertex), VK_VERTEX_INPUT_RATE_VERTEX};
    VkVertexInputAttributeDescription shapeAttributes[] = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(OverlayVertex, position)},
        {1, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(OverlayVertex, color)},
    };
    VkPipelineVertexInputStateCreateInfo shapeInput{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
    shapeInput.vertexBindingDescriptionCount = 1;
    shapeInput.pVertexBindingDescriptions = &shapeBinding;
    shapeInput.vertexAttributeDescriptionCount = 2;
    shapeInput.pVertexAttributeDescriptions = shapeAttributes;
    VkVertexInputBindingDescription quadBinding{0, sizeof(QuadVertex), VK_VERTEX_INPUT_RATE_VERTEX};
    VkVertexInputAttributeDescription quadAttributes[] = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(QuadVertex, position)},
        {1, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(QuadVertex, uv)},
        {2, 0, VK_FORMAT_R32_SFLOAT, offsetof(QuadVertex, opacity)},
    };
    VkPipelineVertexInputStateCreateInfo quadInput = shapeInput;
    quadInput.pVertexBindingDescriptions = &quadBinding;
    quadInput.vertexAttributeDescriptionCount = 3;
    quadInput.pVertexAttributeDescriptions = quadAttributes;
    VkPipelineVertexInputStateCreateInfo noInput{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};

    // Shapes are built facing out (flat ones with both windings), so back faces are culled.
    PipelineStateDefaults defaults(setup.samples);
    VkPipelineDepthStencilStateCreateInfo depth = defaults.depth;
    depth.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;

    VkGraphicsPipelineCreateInfo shapeInfo =
        defaults.pipeline(shapeStages, &shapeInput, m_pipelineLayout.get(), setup.renderPass);
    shapeInfo.pDepthStencilState = &depth;
    shapeInfo.pColorBlendState = &defaults.blendedColor;

    // Effects cover the view whatever is in front, and so do the panels'
    // colours: a wall nearer than a photo opened in front of the visitor
    // must not hide it.
    VkPipelineDepthStencilStateCreateInfo noDepth{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
    VkGraphicsPipelineCreateInfo quadInfo = shapeInfo;
    quadInfo.pStages = quadStages.data();
    quadInfo.pVertexInputState = &quadInput;
    quadInfo.pDepthStencilState = &noDepth;

    // Then the panels' depth, where nearer than the scene's and the panel is
    // opaque (no colour written): the shapes behind a panel stay hidden by
    // it, those behind a wall by the wall, and those in front of both (a
    // controller, the laser pointing at the panel) are drawn over it.
    VkPipelineColorBlendAttachmentState noColorWrite{};
    VkPipelineColorBlendStateCreateInfo depthOnlyColor = defaults.opaqueColor;
    depthOnlyColor.pAttachments = &noColorWrite;
    const VkBool32 depthOnly = VK_TRUE;
    VkSpecializationMapEntry depthOnlyEntry{0, 0, sizeof depthOnly};
    VkSpecializationInfo depthOnlySpecialization{1, &depthOnlyEntry, sizeof depthOnly, &depthOnly};
    auto quadDepthStages = quadStages;
    quadDepthStages[1].pSpecializationInfo = &depthOnlySpecialization;
    VkGraphicsPipelineCreateInfo quadDepthInfo = quadInfo;
    quadDepthInfo.pStages = quadDepthStages.data();
    quadDepthInfo.pDepthStencilState = &depth;
    quadDepthInfo.pColorBlendState = &depthOnlyColor;

    VkPipelineRasterizationStateCreateInfo noCull = defaults.raster;
    noCull.cullMode = VK_CULL_MODE_NONE;
    VkGraphicsPipelineCreateInfo effectsInfo = shapeInfo;
    effectsInfo.pStages = effectsStages.data();
    effectsInfo.pVertexInputState = &noInput;
    effectsInfo.pDepthStencilState = &noDepth;
    effectsInfo.pRasterizationState = &noCull;

    // The panorama covers the view whatever is in front too, and leaves the
    // far plane's depth (sky.vert draws at depth 1) where it is drawn, so the
    // shapes and panels after it are not hidden by the model behind it.
    VkPipelineDepthStencilStateCreateInfo farDepth = defaults.depth;
    farDepth.depthCompareOp = VK_COMPARE_OP_ALWAYS;
    VkGraphicsPipelineCreateInfo panoramaInfo = effectsInfo;
    panoramaInfo.pStages = panoramaStages.data();
    panoramaInfo.pDepthStencilState = &farDepth;

    return createGraphicsPipelines(
        device, {panoramaInfo, shapeInfo, quadInfo, quadDepthInfo, effectsInfo},
        {&m_panoramaPipeline, &m_shapePipeline, &m_quadPipeline, &m_quadDepthPipeline, &m_effectsPipeline});
}

Result<uint32_t> OverlayPass::imageSlot(Slot& slot, uint32_t& imageCount, VkImageView view) {
    for (uint32_t i = 0; i < imageCount; ++i)
        if (slot.images[i].view == view) return i;
    if (imageCount == kMaxOverlayImages)
        return makeError("renderer: overlay panels use more than " + std::to_string(kMaxOverlayImages) +
                         " different images in one frame");
    // Written every frame it is used, not only when the view changes: a view
    // destroyed and re-created may come back with the same handle. The slot's
    // previous frame is done (the caller waited on its fence), so the set is free.
    QuadImage& image = slot.images[imageCount];
    image.view = view;
    writeImageSet(image.set, view);
    return imageCount++;
}

void OverlayPass::writeImageSet(VkDescriptorSet set, VkImageView view) const {
    VkDescriptorImageInfo imageInfo{m_sampler.get(), view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    write.dstSet = set;
    write.dstBinding = 0;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    write.pImageInfo = &imageInfo;
    vkUpdateDescriptorSets(m_context.device(), 1, &write, 0, nullptr);
}

Status OverlayPass::prepare(uint32_t slotIndex, const FrameOverlays& overlays) {
    Slot& slot = m_slots[slotIndex % m_slots.size()];
    slot.effects = overlays.effects.vignette > 0.0f || overlays.effects.fade > 0.0f;
    // Written every frame, like the panels' sets (imageSlot says why).
    slot.panorama = overlays.panorama.cube && overlays.panorama.opacity > 0.0f;
    if (slot.panorama) writeImageSet(slot.panoramaSet, overlays.panorama.cube);
    static const OverlayGeometry kNoShapes;
    const OverlayGeometry& shapes = overlays.geometry ? *overlays.geometry : kNoShapes;
    for (uint32_t index : shapes.indices)
        if (index >= shapes.vertices.size())
            return makeError("renderer: overlay index " + std::to_string(index) + " is past the " +
                             std::to_string(shapes.vertices.size()) + " overlay vertices");

    VkDeviceSize shapeBytes = shapes.vertices.size() * sizeof(OverlayVertex);
    // Panel corners follow the shapes, aligned for their own vertex layout.
    slot.quadVertexOffset = (shapeBytes + sizeof(QuadVertex) - 1) / sizeof(QuadVertex) * sizeof(QuadVertex);
    VkDeviceSize vertexBytes = slot.quadVertexOffset + overlays.quads.size() * kQuadVertices * sizeof(QuadVertex);
    OH_TRY(ensureHostBuffer(m_context, slot.vertices, vertexBytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                            "overlay vertices"));
    OH_TRY(ensureHostBuffer(m_context, slot.indices, shapes.indices.size() * sizeof(uint32_t),
                            VK_BUFFER_USAGE_INDEX_BUFFER_BIT, "overlay indices"));
    auto* vertexBytesOut = static_cast<uint8_t*>(slot.vertices.mapped());
    if (shapeBytes) std::memcpy(vertexBytesOut, shapes.vertices.data(), shapeBytes);
    if (!shapes.indices.empty())
        std::memcpy(slot.indices.mapped(), shapes.indices.data(), shapes.indices.size() * sizeof(uint32_t));
    slot.shapeIndexCount = uint32_t(shapes.indices.size());

    // Corners (x, y) of the quad's -1..1 square, with (0,0) of the image at
    // the top-left seen from the front (+Z): counter-clockwise from there.
    static const glm::vec2 kCorners[kQuadVertices] = {{-1, -1}, {1, -1}, {1, 1}, {-1, -1}, {1, 1}, {-1, 1}};
    auto* quadVertices = reinterpret_cast<QuadVertex*>(vertexBytesOut + slot.quadVertexOffset);
    slot.quadImage.resize(overlays.quads.size());
    uint32_t imageCount = 0;
    for (size_t q = 0; q < overlays.quads.size(); ++q) {
        const OverlayQuad& quad = overlays.quads[q];
        if (!quad.image) return makeError("renderer: overlay panel " + std::to_string(q) + " has no image");
        auto image = imageSlot(slot, imageCount, quad.image);
        if (!image) return image.error();
        slot.quadImage[q] = image.value();
        // A mirroring transform would turn the front face away: swap two corners back.
        bool mirrored = glm::determinant(glm::mat3(quad.worldFromQuad)) < 0.0f;
        for (uint32_t v = 0; v < kQuadVertices; ++v) {
            uint32_t corner = mirrored ? (v % 3 == 1 ? v + 1 : v % 3 == 2 ? v - 1 : v) : v;
            glm::vec2 xy = kCorners[corner];
            quadVertices[q * kQuadVertices + v] = {glm::vec3(quad.worldFromQuad * glm::vec4(xy, 0.0f, 1.0f)),
                                                   glm::vec2(0.5f * (xy.x + 1.0f), 0.5f * (1.0f - xy.y)),
                                                   quad.opacity};
        }
    }
    return ok();
}

uint32_t OverlayPass::record(VkCommandBuffer cmd, uint32_t slotIndex, VkDescriptorSet frameSet,
                             uint32_t viewBase) const {
    const Slot& slot = m_slots[slotIndex % m_slots.size()];
    if (!slot.panorama && slot.shapeIndexCount == 0 && slot.quadImage.empty() && !slot.effects) return 0;
    uint32_t drawCalls = 0;
    VkPipelineLayout layout = m_pipelineLayout.get();
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout, 0, 1, &frameSet, 0, nullptr);
    vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof viewBase,
                       &viewBase);
    VkBuffer vertices = slot.vertices.get();
    if (slot.panorama) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_panoramaPipeline.get());
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout, 1, 1, &slot.panoramaSet, 0, nullptr);
        vkCmdDraw(cmd, 6, 1, 0, 0);
        ++drawCalls;
    }
    if (!slot.quadImage.empty()) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_quadPipeline.get());
        vkCmdBindVertexBuffers(cmd, 0, 1, &vertices, &slot.quadVertexOffset);
        for (size_t q = 0; q < slot.quadImage.size(); ++q) {
            VkDescriptorSet set = slot.images[slot.quadImage[q]].set;
            vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout, 1, 1, &set, 0, nullptr);
            vkCmdDraw(cmd, kQuadVertices, 1, uint32_t(q * kQuadVertices), 0);
            ++drawCalls;
        }
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_quadDepthPipeline.get());
        for (size_t q = 0; q < slot.quadImage.size(); ++q) {
            VkDescriptorSet set = slot.images[slot.quadImage[q]].set;
            vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout, 1, 1, &set, 0, nullptr);
            vkCmdDraw(cmd, kQuadVertices, 1, uint32_t(q * kQuadVertices), 0);
            ++drawCalls;
        }
    }
    if (slot.shapeIndexCount > 0) {
        VkDeviceSize offset = 0;
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_shapePipeline.get());
        vkCmdBindVertexBuffers(cmd, 0, 1, &vertices, &offset);
        vkCmdBindIndexBuffer(cmd, slot.indices.get(), 0, VK_INDEX_TYPE_UINT32);
        vkCmdDrawIndexed(cmd, slot.shapeIndexCount, 1, 0, 0, 0);
        ++drawCalls;
    }
    if (slot.effects) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_effectsPipeline.get());
        vkCmdDraw(cmd, 6, 1, 0, 0);
        ++drawCalls;
    }
    return drawCalls;
}

}  // namespace oh::gfx
