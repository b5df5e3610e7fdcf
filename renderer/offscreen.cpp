#include "renderer/offscreen.h"

#include <chrono>
#include <cstring>

#include "renderer/vk_check.h"

namespace oh::gfx {

Result<std::unique_ptr<OffscreenTarget>> OffscreenTarget::create(GpuContext& context, VkExtent2D extent,
                                                                 uint32_t layers, VkFormat format) {
    if (extent.width == 0 || extent.height == 0 || extent.width > 16384 || extent.height > 16384)
        return makeError("image size " + std::to_string(extent.width) + "x" + std::to_string(extent.height) +
                         " is out of range (1..16384)");
    std::unique_ptr<OffscreenTarget> target(new OffscreenTarget(context));
    target->m_extent = extent;
    target->m_layers = layers;
    target->m_format = format;
    target->m_usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                      VK_IMAGE_USAGE_TRANSFER_DST_BIT;

    ImageDesc desc;
    desc.format = format;
    desc.extent = {extent.width, extent.height, 1};
    desc.arrayLayers = layers;
    desc.usage = target->m_usage;
    auto image = GpuImage::create(context, desc, "offscreen target");
    if (!image) return image.error();
    target->m_image = std::move(image.value());
    auto view = createImageView(context, target->m_image.get(), VK_IMAGE_VIEW_TYPE_2D_ARRAY, format,
                                VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, layers);
    if (!view) return view.error();
    target->m_view = std::move(view.value());
    for (uint32_t layer = 0; layer < layers; ++layer) {
        auto layerView = createImageView(context, target->m_image.get(), VK_IMAGE_VIEW_TYPE_2D, format,
                                         VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, layer, 1);
        if (!layerView) return layerView.error();
        target->m_layerViews.push_back(std::move(layerView.value()));
    }

    VkDeviceSize bytes = VkDeviceSize(extent.width) * extent.height * 4 * layers;
    auto readback = GpuBuffer::create(context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                      VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                      "offscreen readback");
    if (!readback) return readback.error();
    target->m_readback = std::move(readback.value());

    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    poolInfo.queueFamilyIndex = context.queueFamily();
    VkCommandPool pool = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateCommandPool(context.device(), &poolInfo, nullptr, &pool));
    target->m_pool = UniqueCommandPool(context.device(), pool);
    VkCommandBufferAllocateInfo allocInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    allocInfo.commandPool = pool;
    allocInfo.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocInfo.commandBufferCount = 1;
    OH_VK_TRY(vkAllocateCommandBuffers(context.device(), &allocInfo, &target->m_cmd));
    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkFence fence = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateFence(context.device(), &fenceInfo, nullptr, &fence));
    target->m_fence = UniqueFence(context.device(), fence);
    return target;
}

OffscreenTarget::~OffscreenTarget() { vkDeviceWaitIdle(m_context.device()); }

FrameTarget OffscreenTarget::frameTarget() const {
    FrameTarget target;
    target.colorView = m_view.get();
    target.image = m_image.get();
    for (size_t layer = 0; layer < m_layerViews.size() && layer < target.layerViews.size(); ++layer)
        target.layerViews[layer] = m_layerViews[layer].get();
    target.extent = m_extent;
    target.usage = m_usage;
    return target;
}

Status OffscreenTarget::submit(Renderer& renderer, const GpuScene& scene, FrameRequest frame, bool readBack,
                               FrameStats* stats, double* recordSeconds) {
    if (renderer.options().colorFormat != m_format || renderer.options().viewCount != m_layers)
        return makeError("offscreen target does not match the renderer's format or view count", kExitNoDevice);
    auto recordStart = std::chrono::steady_clock::now();
    OH_VK_TRY(vkResetCommandBuffer(m_cmd, 0));
    VkCommandBufferBeginInfo beginInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    beginInfo.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    OH_VK_TRY(vkBeginCommandBuffer(m_cmd, &beginInfo));
    frame.slot = m_frameIndex++;
    frame.target = frameTarget();
    auto frameStats = renderer.record(m_cmd, scene, frame);
    if (!frameStats) {
        vkEndCommandBuffer(m_cmd);
        return frameStats.error();
    }
    if (stats) *stats = frameStats.value();
    if (readBack) {
        // The render pass left the image in TRANSFER_SRC_OPTIMAL and its
        // outgoing dependency covers transfer reads.
        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, m_layers};
        region.imageExtent = {m_extent.width, m_extent.height, 1};
        vkCmdCopyImageToBuffer(m_cmd, m_image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, m_readback.get(), 1,
                               &region);
        VkMemoryBarrier toHost{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        vkCmdPipelineBarrier(m_cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &toHost, 0,
                             nullptr, 0, nullptr);
    }
    OH_VK_TRY(vkEndCommandBuffer(m_cmd));
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &m_cmd;
    VkFence fence = m_fence.get();
    OH_VK_TRY(vkResetFences(m_context.device(), 1, &fence));
    OH_VK_TRY(vkQueueSubmit(m_context.queue(), 1, &submit, fence));
    if (recordSeconds)
        *recordSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - recordStart).count();
    OH_VK_TRY(vkWaitForFences(m_context.device(), 1, &fence, VK_TRUE, UINT64_MAX));
    return ok();
}

Status OffscreenTarget::render(Renderer& renderer, const GpuScene& scene, std::span<const View> views,
                               const LightingSettings& lighting, FrameStats* stats, double* recordSeconds) {
    return submit(renderer, scene, FrameRequest{.views = views, .lighting = lighting}, false, stats, recordSeconds);
}

Result<std::vector<RgbaImage>> OffscreenTarget::renderAndRead(Renderer& renderer, const GpuScene& scene,
                                                              std::span<const View> views,
                                                              const LightingSettings& lighting, FrameStats* stats,
                                                              const FrameOverlays& overlays) {
    OH_TRY(submit(renderer, scene, FrameRequest{.views = views, .lighting = lighting, .overlays = overlays}, true, stats,
                  nullptr));
    std::vector<RgbaImage> images(m_layers);
    size_t layerBytes = size_t(m_extent.width) * m_extent.height * 4;
    for (uint32_t layer = 0; layer < m_layers; ++layer) {
        images[layer].width = m_extent.width;
        images[layer].height = m_extent.height;
        const uint8_t* source = static_cast<const uint8_t*>(m_readback.mapped()) + layer * layerBytes;
        images[layer].pixels.assign(source, source + layerBytes);
    }
    return images;
}

}  // namespace oh::gfx
