// Fixed-function state the renderer's graphics pipelines share (scene, sky,
// overlays): triangle lists, one dynamic viewport and scissor, filled
// counter-clockwise fronts with back faces culled, depth test and write
// (LESS), and the two colour blends in use (one colour attachment). pipeline()
// starts a pipeline's create info from all of it; each pipeline copies the
// pieces it changes and points its create info at the copies; then
// createGraphicsPipelines() makes a pass's pipelines in one call. Also the
// pipeline layout the scene and overlay pipelines share. Internal to the
// renderer.
#pragma once

#include <vulkan/vulkan.h>

#include <array>
#include <cassert>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <vector>

#include "core/result.h"
#include "renderer/gpu_layout.h"
#include "renderer/gpu_resources.h"
#include "renderer/vk_check.h"

namespace oh::gfx {

struct PipelineStateDefaults {
    explicit PipelineStateDefaults(VkSampleCountFlagBits samples) {
        inputAssembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
        viewport.viewportCount = 1;
        viewport.scissorCount = 1;
        raster.polygonMode = VK_POLYGON_MODE_FILL;
        raster.cullMode = VK_CULL_MODE_BACK_BIT;
        raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
        raster.lineWidth = 1.0f;
        multisample.rasterizationSamples = samples;
        depth.depthTestEnable = VK_TRUE;
        depth.depthWriteEnable = VK_TRUE;
        depth.depthCompareOp = VK_COMPARE_OP_LESS;
        opaque.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT |
                                VK_COLOR_COMPONENT_A_BIT;
        // Straight (not premultiplied) alpha: colour * a + destination * (1 - a).
        alphaBlend = opaque;
        alphaBlend.blendEnable = VK_TRUE;
        alphaBlend.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
        alphaBlend.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
        alphaBlend.colorBlendOp = VK_BLEND_OP_ADD;
        alphaBlend.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
        alphaBlend.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
        alphaBlend.alphaBlendOp = VK_BLEND_OP_ADD;
        opaqueColor.attachmentCount = 1;
        opaqueColor.pAttachments = &opaque;
        blendedColor.attachmentCount = 1;
        blendedColor.pAttachments = &alphaBlend;
        dynamic.dynamicStateCount = uint32_t(std::size(kViewportScissor));
        dynamic.pDynamicStates = kViewportScissor;
    }
    // The create infos below point into this object.
    PipelineStateDefaults(const PipelineStateDefaults&) = delete;
    PipelineStateDefaults& operator=(const PipelineStateDefaults&) = delete;

    // A pipeline with every state above (opaque colour) and the given stages
    // and vertex input. It points at `stages`, `vertexInput` and this object:
    // all must outlive vkCreateGraphicsPipelines.
    VkGraphicsPipelineCreateInfo pipeline(const std::array<VkPipelineShaderStageCreateInfo, 2>& stages,
                                          const VkPipelineVertexInputStateCreateInfo* vertexInput,
                                          VkPipelineLayout layout, VkRenderPass renderPass) const {
        VkGraphicsPipelineCreateInfo info{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
        info.stageCount = uint32_t(stages.size());
        info.pStages = stages.data();
        info.pVertexInputState = vertexInput;
        info.pInputAssemblyState = &inputAssembly;
        info.pViewportState = &viewport;
        info.pRasterizationState = &raster;
        info.pMultisampleState = &multisample;
        info.pDepthStencilState = &depth;
        info.pColorBlendState = &opaqueColor;
        info.pDynamicState = &dynamic;
        info.layout = layout;
        info.renderPass = renderPass;
        return info;
    }
    // Temporary stages would be gone before the pipeline is created.
    VkGraphicsPipelineCreateInfo pipeline(const std::array<VkPipelineShaderStageCreateInfo, 2>&&,
                                          const VkPipelineVertexInputStateCreateInfo*, VkPipelineLayout,
                                          VkRenderPass) const = delete;

    VkPipelineInputAssemblyStateCreateInfo inputAssembly{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
    VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
    VkPipelineRasterizationStateCreateInfo raster{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
    VkPipelineMultisampleStateCreateInfo multisample{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
    VkPipelineDepthStencilStateCreateInfo depth{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
    VkPipelineColorBlendAttachmentState opaque{};
    VkPipelineColorBlendAttachmentState alphaBlend{};
    VkPipelineColorBlendStateCreateInfo opaqueColor{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
    VkPipelineColorBlendStateCreateInfo blendedColor{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
    VkPipelineDynamicStateCreateInfo dynamic{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};

private:
    static constexpr VkDynamicState kViewportScissor[] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
};

// The vertex and fragment stages of a pipeline, both entered at main().
inline std::array<VkPipelineShaderStageCreateInfo, 2> vertexFragmentStages(VkShaderModule vertex,
                                                                           VkShaderModule fragment) {
    std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
    stages[0] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_VERTEX_BIT, vertex,
                 "main", nullptr};
    stages[1] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_FRAGMENT_BIT,
                 fragment, "main", nullptr};
    return stages;
}

// The layout of the pipelines that draw views (shaders/common.glsl): set 0 the
// frame's (views, instances, lights, environment), set 1 the pipeline's own, and
// the push constants (gpu_layout.h PassPushGpu) for vertex and fragment stages.
inline Result<UniquePipelineLayout> createViewPipelineLayout(VkDevice device, VkDescriptorSetLayout frameSet,
                                                             VkDescriptorSetLayout ownSet) {
    VkDescriptorSetLayout layouts[] = {frameSet, ownSet};
    VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(PassPushGpu)};
    VkPipelineLayoutCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    info.setLayoutCount = 2;
    info.pSetLayouts = layouts;
    info.pushConstantRangeCount = 1;
    info.pPushConstantRanges = &push;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreatePipelineLayout(device, &info, nullptr, &layout));
    return UniquePipelineLayout(device, layout);
}

// Creates the pipelines `infos` describe into `pipelines`, one each in the same order.
inline Status createGraphicsPipelines(VkDevice device, std::initializer_list<VkGraphicsPipelineCreateInfo> infos,
                                      std::initializer_list<UniquePipeline*> pipelines) {
    assert(infos.size() == pipelines.size());
    std::vector<VkPipeline> created(infos.size(), VK_NULL_HANDLE);
    OH_VK_TRY(vkCreateGraphicsPipelines(device, VK_NULL_HANDLE, uint32_t(infos.size()), infos.begin(), nullptr,
                                        created.data()));
    for (size_t i = 0; i < created.size(); ++i) *pipelines.begin()[i] = UniquePipeline(device, created[i]);
    return ok();
}

}  // namespace oh::gfx
