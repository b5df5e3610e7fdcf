#include "renderer/screen_quads.h"

#include <cstring>

#include "renderer/pipeline_state.h"
#include "renderer/vk_check.h"
#include "shaders/screen_quad.frag.h"
#include "shaders/screen_quad.vert.h"

namespace oh::gfx {
namespace {

// One quad as the vertex shader reads it, per instance.
struct QuadInstanceGpu {
    glm::vec4 corners;  // top-left.xy, top-right.xy in pixels
    glm::vec2 bottomLeft;
    glm::vec4 uvRect;  // uv min.xy, max.xy
    glm::vec2 layerOpacity;
};

VkImageMemoryBarrier layerBarrier(VkImage image, uint32_t baseLayer, uint32_t layerCount, VkImageLayout from,
                                  VkImageLayout to, VkAccessFlags srcAccess, VkAccessFlags dstAccess) {
    VkImageMemoryBarrier barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    barrier.srcAccessMask = srcAccess;
    barrier.dstAccessMask = dstAccess;
    barrier.oldLayout = from;
    barrier.newLayout = to;
    barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.image = image;
    barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, baseLayer, layerCount};
    return barrier;
}

}  // namespace

// [SECTION] ImageLayers

Result<ImageLayers> ImageLayers::create(GpuContext& context, VkFormat format, uint32_t size, uint32_t layerCount,
                                        uint32_t framesInFlight, uint32_t uploadsPerFrame, const char* name) {
    ImageLayers layers;
    layers.m_size = size;
    layers.m_layerCount = layerCount;
    layers.m_uploadsPerFrame = uploadsPerFrame;
    ImageDesc desc;
    desc.format = format;
    desc.extent = {size, size, 1};
    desc.arrayLayers = layerCount;
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    auto image = GpuImage::create(context, desc, name);
    if (!image) return image.error();
    layers.m_image = std::move(image.value());
    auto view = createImageView(context, layers.m_image.get(), VK_IMAGE_VIEW_TYPE_2D_ARRAY, desc.format,
                                VK_IMAGE_ASPECT_COLOR_BIT);
    if (!view) return view.error();
    layers.m_view = std::move(view.value());
    const VkDeviceSize layerBytes = VkDeviceSize(size) * size * 4;
    for (uint32_t slot = 0; slot < framesInFlight; ++slot) {
        auto staging = GpuBuffer::create(context, layerBytes * uploadsPerFrame, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                         VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                         name);
        if (!staging) return staging.error();
        layers.m_staging.push_back(std::move(staging.value()));
    }
    // Every layer starts transparent and readable, so an empty one can be drawn.
    VkImage handle = layers.m_image.get();
    OH_TRY(context.submitAndWait([&](VkCommandBuffer cmd) {
        VkImageMemoryBarrier toClear = layerBarrier(handle, 0, layerCount, VK_IMAGE_LAYOUT_UNDEFINED,
                                                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0,
                                                    VK_ACCESS_TRANSFER_WRITE_BIT);
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr,
                             0, nullptr, 1, &toClear);
        VkClearColorValue transparent{};
        VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, layerCount};
        vkCmdClearColorImage(cmd, handle, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &transparent, 1, &range);
        VkImageMemoryBarrier toRead = layerBarrier(handle, 0, layerCount, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                                   VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                                                   VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_SHADER_READ_BIT);
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0, 0,
                             nullptr, 0, nullptr, 1, &toRead);
    }));
    return layers;
}

void ImageLayers::beginFrame(uint32_t slot) {
    m_slot = slot;
    m_uploadsThisFrame = 0;
}

bool ImageLayers::upload(VkCommandBuffer cmd, uint32_t layer, const RgbaImage& pixels) {
    if (m_uploadsThisFrame >= m_uploadsPerFrame || layer >= m_layerCount) return false;
    if (pixels.width != m_size || pixels.height != m_size || pixels.pixels.size() != size_t(m_size) * m_size * 4)
        return false;
    const VkDeviceSize layerBytes = VkDeviceSize(m_size) * m_size * 4;
    const VkDeviceSize offset = layerBytes * m_uploadsThisFrame;
    GpuBuffer& staging = m_staging[m_slot];
    std::memcpy(static_cast<uint8_t*>(staging.mapped()) + offset, pixels.pixels.data(), layerBytes);
    ++m_uploadsThisFrame;

    // Earlier frames' draws may still sample other layers; this one's old
    // contents are not needed, hence UNDEFINED.
    VkImageMemoryBarrier toCopy = layerBarrier(m_image.get(), layer, 1, VK_IMAGE_LAYOUT_UNDEFINED,
                                               VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_ACCESS_SHADER_READ_BIT,
                                               VK_ACCESS_TRANSFER_WRITE_BIT);
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0,
                         nullptr, 1, &toCopy);
    VkBufferImageCopy region{};
    region.bufferOffset = offset;
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
    region.imageExtent = {m_size, m_size, 1};
    vkCmdCopyBufferToImage(cmd, staging.get(), m_image.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    VkImageMemoryBarrier toRead = layerBarrier(m_image.get(), layer, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                               VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_ACCESS_TRANSFER_WRITE_BIT,
                                               VK_ACCESS_SHADER_READ_BIT);
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0, 0, nullptr,
                         0, nullptr, 1, &toRead);
    return true;
}

// [SECTION] ScreenQuadPass

Result<ScreenQuadPass> ScreenQuadPass::create(GpuContext& context, const ImageLayers& layers, VkFormat colorFormat,
                                              VkImageLayout finalLayout, uint32_t framesInFlight, bool clears) {
    ScreenQuadPass pass;
    pass.m_context = &context;
    pass.m_colorFormat = colorFormat;
    pass.m_instances.resize(framesInFlight);
    VkDevice device = context.device();

    {  // Clear (or load), draw, leave the image for whoever comes next (ImGui's pass, presentation).
        ColorPassDesc desc;
        desc.format = colorFormat;
        desc.loadOp = clears ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_LOAD;
        desc.initialLayout = clears ? VK_IMAGE_LAYOUT_UNDEFINED : finalLayout;
        desc.finalLayout = finalLayout;
        // The previous use of the image: presentation, a screenshot copy, an earlier pass's drawing.
        desc.earlierStages = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
        desc.earlierWrites = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
        // What comes after draws over it or copies it.
        desc.laterStages = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
        desc.laterAccess = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT |
                           VK_ACCESS_TRANSFER_READ_BIT;
        auto renderPass = createColorRenderPass(device, desc);
        if (!renderPass) return renderPass.error();
        pass.m_renderPass = std::move(renderPass.value());
    }
    {  // Pictures shown at about their size, magnified while a zoom waits for sharper ones.
        VkSamplerCreateInfo info{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
        info.magFilter = VK_FILTER_LINEAR;
        info.minFilter = VK_FILTER_LINEAR;
        info.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
        info.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
        info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
        VkSampler sampler = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreateSampler(device, &info, nullptr, &sampler));
        pass.m_sampler = UniqueSampler(device, sampler);
    }
    {
        VkDescriptorSetLayoutBinding binding{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1,
                                             VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
        VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
        info.bindingCount = 1;
        info.pBindings = &binding;
        VkDescriptorSetLayout layout = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreateDescriptorSetLayout(device, &info, nullptr, &layout));
        pass.m_setLayout = UniqueDescriptorSetLayout(device, layout);

        VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
        VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
        poolInfo.maxSets = 1;
        poolInfo.poolSizeCount = 1;
        poolInfo.pPoolSizes = &size;
        VkDescriptorPool pool = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreateDescriptorPool(device, &poolInfo, nullptr, &pool));
        pass.m_pool = UniqueDescriptorPool(device, pool);

        VkDescriptorSetLayout setLayout = pass.m_setLayout.get();
        VkDescriptorSetAllocateInfo allocate{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        allocate.descriptorPool = pool;
        allocate.descriptorSetCount = 1;
        allocate.pSetLayouts = &setLayout;
        OH_VK_TRY(vkAllocateDescriptorSets(device, &allocate, &pass.m_set));
        VkDescriptorImageInfo image{pass.m_sampler.get(), layers.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
        VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        write.dstSet = pass.m_set;
        write.descriptorCount = 1;
        write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
        write.pImageInfo = &image;
        vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
    }
    {
        VkDescriptorSetLayout setLayout = pass.m_setLayout.get();
        VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(glm::vec2)};
        VkPipelineLayoutCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
        info.setLayoutCount = 1;
        info.pSetLayouts = &setLayout;
        info.pushConstantRangeCount = 1;
        info.pPushConstantRanges = &push;
        VkPipelineLayout layout = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreatePipelineLayout(device, &info, nullptr, &layout));
        pass.m_pipelineLayout = UniquePipelineLayout(device, layout);
    }
    {
        auto vertex = createShaderModule(context, shaders::kScreenQuadVert);
        if (!vertex) return vertex.error();
        auto fragment = createShaderModule(context, shaders::kScreenQuadFrag);
        if (!fragment) return fragment.error();
        auto stages = vertexFragmentStages(vertex->get(), fragment->get());
        VkVertexInputBindingDescription binding{0, sizeof(QuadInstanceGpu), VK_VERTEX_INPUT_RATE_INSTANCE};
        VkVertexInputAttributeDescription attributes[4] = {
            {0, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(QuadInstanceGpu, corners)},
            {1, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(QuadInstanceGpu, bottomLeft)},
            {2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(QuadInstanceGpu, uvRect)},
            {3, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(QuadInstanceGpu, layerOpacity)},
        };
        VkPipelineVertexInputStateCreateInfo vertexInput{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
        vertexInput.vertexBindingDescriptionCount = 1;
        vertexInput.pVertexBindingDescriptions = &binding;
        vertexInput.vertexAttributeDescriptionCount = 4;
        vertexInput.pVertexAttributeDescriptions = attributes;
        PipelineStateDefaults defaults(VK_SAMPLE_COUNT_1_BIT);
        VkPipelineRasterizationStateCreateInfo raster = defaults.raster;
        raster.cullMode = VK_CULL_MODE_NONE;  // +y down in pixels flips the winding; either way is a picture
        VkPipelineDepthStencilStateCreateInfo depth = defaults.depth;
        depth.depthTestEnable = VK_FALSE;
        depth.depthWriteEnable = VK_FALSE;
        VkGraphicsPipelineCreateInfo info =
            defaults.pipeline(stages, &vertexInput, pass.m_pipelineLayout.get(), pass.m_renderPass.get());
        info.pRasterizationState = &raster;
        info.pDepthStencilState = &depth;
        info.pColorBlendState = &defaults.blendedColor;
        OH_TRY(createGraphicsPipelines(device, {info}, {&pass.m_pipeline}));
    }
    return pass;
}

Status ScreenQuadPass::record(VkCommandBuffer cmd, uint32_t slot, VkImageView target, VkExtent2D extent,
                              VkImageUsageFlags usage, std::span<const ScreenQuad> quads,
                              const glm::vec4& clearColor) {
    VkDevice device = m_context->device();
    if (!m_framebuffer || extent.width != m_framebufferExtent.width || extent.height != m_framebufferExtent.height ||
        usage != m_framebufferUsage) {
        // A new size means a new swapchain, made after the old one's frames finished.
        auto framebuffer = createColorFramebuffer(device, m_renderPass.get(), m_colorFormat, extent, usage);
        if (!framebuffer) return framebuffer.error();
        m_framebuffer = std::move(framebuffer.value());
        m_framebufferExtent = extent;
        m_framebufferUsage = usage;
    }
    GpuBuffer& instances = m_instances[slot];
    if (!quads.empty()) {
        OH_TRY(ensureHostBuffer(*m_context, instances, quads.size() * sizeof(QuadInstanceGpu),
                                VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "screen quads"));
        auto* out = static_cast<QuadInstanceGpu*>(instances.mapped());
        for (const ScreenQuad& quad : quads)
            *out++ = {glm::vec4(quad.corners[0], quad.corners[1]), quad.corners[3],
                      glm::vec4(quad.uvMin, quad.uvMax), glm::vec2(float(quad.layer), quad.opacity)};
    }

    VkClearValue clear{};
    clear.color = {{clearColor.r, clearColor.g, clearColor.b, clearColor.a}};
    VkRenderPassAttachmentBeginInfo attachmentBegin{VK_STRUCTURE_TYPE_RENDER_PASS_ATTACHMENT_BEGIN_INFO};
    attachmentBegin.attachmentCount = 1;
    attachmentBegin.pAttachments = &target;
    VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO, &attachmentBegin};
    begin.renderPass = m_renderPass.get();
    begin.framebuffer = m_framebuffer.get();
    begin.renderArea = {{0, 0}, extent};
    begin.clearValueCount = 1;
    begin.pClearValues = &clear;
    vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
    if (!quads.empty()) {
        VkViewport viewport{0.0f, 0.0f, float(extent.width), float(extent.height), 0.0f, 1.0f};
        VkRect2D scissor{{0, 0}, extent};
        vkCmdSetViewport(cmd, 0, 1, &viewport);
        vkCmdSetScissor(cmd, 0, 1, &scissor);
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_pipeline.get());
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_pipelineLayout.get(), 0, 1, &m_set, 0,
                                nullptr);
        glm::vec2 pixelToNdc(2.0f / float(extent.width), 2.0f / float(extent.height));
        vkCmdPushConstants(cmd, m_pipelineLayout.get(), VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(pixelToNdc),
                           &pixelToNdc);
        VkBuffer buffer = instances.get();
        VkDeviceSize offset = 0;
        vkCmdBindVertexBuffers(cmd, 0, 1, &buffer, &offset);
        vkCmdDraw(cmd, 6, uint32_t(quads.size()), 0, 0);
    }
    vkCmdEndRenderPass(cmd);
    return ok();
}

}  // namespace oh::gfx
