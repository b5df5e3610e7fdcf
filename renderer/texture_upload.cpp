#include "renderer/texture_upload.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "renderer/vk_check.h"

namespace oh::gfx {
namespace {

// Copies the levels the upload brings (the base level of a decoded image,
// every level of a block-compressed one) from staging: one region per level
// of each layer, in the order the bytes are packed (layer by layer).
void recordLevelCopies(VkCommandBuffer cmd, VkBuffer staging, VkDeviceSize offset, const GpuImage& image,
                       scene::PixelFormat format, uint32_t levels) {
    const ImageDesc& desc = image.desc();
    transitionImage(cmd, image.get(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
    std::vector<VkBufferImageCopy> copies(size_t(levels) * desc.arrayLayers);
    for (uint32_t layer = 0; layer < desc.arrayLayers; ++layer) {
        for (uint32_t level = 0; level < levels; ++level) {
            uint32_t width = std::max(desc.extent.width >> level, 1u);
            uint32_t height = std::max(desc.extent.height >> level, 1u);
            VkBufferImageCopy& copy = copies[size_t(layer) * levels + level];
            copy.bufferOffset = offset;
            copy.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, layer, 1};
            copy.imageExtent = {width, height, 1};
            offset += scene::mipLevelBytes(format, width, height);
        }
    }
    vkCmdCopyBufferToImage(cmd, staging, image.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, uint32_t(copies.size()),
                           copies.data());
}

// Blits down the mip chain from the base level (in TRANSFER_DST), leaving all
// levels in SHADER_READ_ONLY_OPTIMAL; an image that brought all its levels
// only changes layout.
void recordMipChain(VkCommandBuffer cmd, const GpuImage& image, uint32_t levelsUploaded) {
    const ImageDesc& desc = image.desc();
    VkImage handle = image.get();
    if (levelsUploaded == desc.mipLevels) {  // block-compressed: every level came with the image
        transitionImage(cmd, handle, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                        VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, 0, desc.mipLevels);
        return;
    }
    int32_t width = int32_t(desc.extent.width), height = int32_t(desc.extent.height);
    for (uint32_t level = 1; level < desc.mipLevels; ++level) {
        transitionImage(cmd, handle, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                        VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, level - 1, 1);
        int32_t nextWidth = std::max(width / 2, 1), nextHeight = std::max(height / 2, 1);
        VkImageBlit blit{};
        blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 0, 1};
        blit.srcOffsets[1] = {width, height, 1};
        blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
        blit.dstOffsets[1] = {nextWidth, nextHeight, 1};
        // Blits of sRGB images filter in linear space (Vulkan spec, "Image Copies with Scaling").
        vkCmdBlitImage(cmd, handle, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, handle, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                       1, &blit, VK_FILTER_LINEAR);
        width = nextWidth;
        height = nextHeight;
    }
    if (desc.mipLevels > 1)
        transitionImage(cmd, handle, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                        VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, 0, desc.mipLevels - 1);
    transitionImage(cmd, handle, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, desc.mipLevels - 1, 1);
}

}  // namespace

void recordStoredLevels(VkCommandBuffer cmd, VkBuffer staging, VkDeviceSize offset, const GpuImage& image,
                        scene::PixelFormat format) {
    recordLevelCopies(cmd, staging, offset, image, format, image.desc().mipLevels);
    recordMipChain(cmd, image, image.desc().mipLevels);
}

VkFormat viewFormat(scene::PixelFormat format, bool srgb) {
    switch (format) {
    case scene::PixelFormat::Bc7: return srgb ? VK_FORMAT_BC7_SRGB_BLOCK : VK_FORMAT_BC7_UNORM_BLOCK;
    case scene::PixelFormat::Bc5: return VK_FORMAT_BC5_UNORM_BLOCK;
    case scene::PixelFormat::Bc4: return VK_FORMAT_BC4_UNORM_BLOCK;
    case scene::PixelFormat::Rgba8: break;
    }
    return srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
}

// GPU timestamps (where the queue has them) split the GPU time between
// copying and mip generation for UploadStats.
Status flushUploads(GpuContext& context, std::vector<PendingUpload>& pending, UploadStats& stats) {
    if (pending.empty()) return ok();
    auto stagingStart = std::chrono::steady_clock::now();
    VkDeviceSize total = 0;
    for (const PendingUpload& upload : pending) total += (upload.bytes + 15) & ~VkDeviceSize(15);
    auto staging = GpuBuffer::create(context, total, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                     VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                     "texture staging");
    if (!staging) return staging.error();
    std::vector<VkDeviceSize> offsets;
    VkDeviceSize offset = 0;
    for (const PendingUpload& upload : pending) {
        std::memcpy(static_cast<uint8_t*>(staging->mapped()) + offset, upload.pixels, upload.bytes);
        offsets.push_back(offset);
        offset += (upload.bytes + 15) & ~VkDeviceSize(15);
    }
    stats.stagingSeconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - stagingStart).count();

    VkQueryPool queries = VK_NULL_HANDLE;
    if (context.timestampPeriodNs() > 0.0) {
        VkQueryPoolCreateInfo info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        info.queryType = VK_QUERY_TYPE_TIMESTAMP;
        info.queryCount = 3;
        if (vkCreateQueryPool(context.device(), &info, nullptr, &queries) != VK_SUCCESS) queries = VK_NULL_HANDLE;
    }
    Status submitted = context.submitAndWait([&](VkCommandBuffer cmd) {
        if (queries) {
            vkCmdResetQueryPool(cmd, queries, 0, 3);
            vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, queries, 0);
        }
        for (size_t i = 0; i < pending.size(); ++i)
            recordLevelCopies(cmd, staging->get(), offsets[i], *pending[i].image, pending[i].format, pending[i].levels);
        if (queries) vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, queries, 1);
        for (const PendingUpload& upload : pending) recordMipChain(cmd, *upload.image, upload.levels);
        if (queries) vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, queries, 2);
    });
    if (queries) {
        uint64_t stamps[3] = {};
        if (submitted && vkGetQueryPoolResults(context.device(), queries, 0, 3, sizeof stamps, stamps,
                                               sizeof(uint64_t), VK_QUERY_RESULT_64_BIT) == VK_SUCCESS) {
            double period = context.timestampPeriodNs() * 1e-9;
            stats.copyGpuSeconds += double(stamps[1] - stamps[0]) * period;
            stats.mipGpuSeconds += double(stamps[2] - stamps[1]) * period;
        }
        vkDestroyQueryPool(context.device(), queries, nullptr);
    }
    OH_TRY(submitted);
    pending.clear();
    return ok();
}

}  // namespace oh::gfx
