// Fixed-function state the renderer's graphics pipelines share (scene, sky,
// overlays): triangle lists, one dynamic viewport and scissor, filled
// counter-clockwise fronts with back faces culled, depth test and write
// (LESS), and the two colour blends in use. Each pipeline copies the pieces
// it needs and changes only what differs. Internal to the renderer.
#pragma once

#include <vulkan/vulkan.h>

#include <array>

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
    }

    VkPipelineInputAssemblyStateCreateInfo inputAssembly{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
    VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
    VkPipelineRasterizationStateCreateInfo raster{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
    VkPipelineMultisampleStateCreateInfo multisample{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
    VkPipelineDepthStencilStateCreateInfo depth{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
    VkPipelineColorBlendAttachmentState opaque{};
    VkPipelineColorBlendAttachmentState alphaBlend{};
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

}  // namespace oh::gfx
