#include "renderer/gpu_resources.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>

#include "renderer/vk_check.h"

namespace oh::gfx {
namespace {
std::atomic<uint64_t> g_liveDeviceBytes{0};
}  // namespace

uint64_t liveDeviceMemoryBytes() { return g_liveDeviceBytes.load(); }

GpuBuffer& GpuBuffer::operator=(GpuBuffer&& other) noexcept {
    if (this != &other) {
        reset();
        m_device = other.m_device;
        m_buffer = std::exchange(other.m_buffer, VK_NULL_HANDLE);
        m_memory = std::exchange(other.m_memory, VK_NULL_HANDLE);
        m_size = std::exchange(other.m_size, 0);
        m_memorySize = std::exchange(other.m_memorySize, 0);
        m_mapped = std::exchange(other.m_mapped, nullptr);
    }
    return *this;
}

void GpuBuffer::reset() {
    if (m_buffer) vkDestroyBuffer(m_device, m_buffer, nullptr);
    if (m_memory) vkFreeMemory(m_device, m_memory, nullptr);  // unmaps implicitly
    g_liveDeviceBytes -= m_memorySize;
    m_memorySize = 0;
    m_buffer = VK_NULL_HANDLE;
    m_memory = VK_NULL_HANDLE;
    m_mapped = nullptr;
    m_size = 0;
}

Result<GpuBuffer> GpuBuffer::create(const GpuContext& context, VkDeviceSize size, VkBufferUsageFlags usage,
                                    VkMemoryPropertyFlags memory, const char* debugName) {
    GpuBuffer buffer;
    buffer.m_device = context.device();
    buffer.m_size = size;
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = std::max<VkDeviceSize>(size, 4);
    info.usage = usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    OH_VK_TRY(vkCreateBuffer(context.device(), &info, nullptr, &buffer.m_buffer));
    VkMemoryRequirements requirements;
    vkGetBufferMemoryRequirements(context.device(), buffer.m_buffer, &requirements);
    uint32_t type = context.findMemoryType(requirements.memoryTypeBits, memory);
    if (type == UINT32_MAX) return makeError("no GPU memory type for a buffer of this kind", kExitNoDevice);
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = requirements.size;
    alloc.memoryTypeIndex = type;
    VkResult result = vkAllocateMemory(context.device(), &alloc, nullptr, &buffer.m_memory);
    if (result == VK_ERROR_OUT_OF_DEVICE_MEMORY || result == VK_ERROR_OUT_OF_HOST_MEMORY)
        return makeError("out of GPU memory allocating a " + std::to_string(size >> 20) + " MiB buffer", kExitNoDevice);
    OH_VK_TRY(result);
    buffer.m_memorySize = requirements.size;
    g_liveDeviceBytes += requirements.size;
    OH_VK_TRY(vkBindBufferMemory(context.device(), buffer.m_buffer, buffer.m_memory, 0));
    if (memory & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT)
        OH_VK_TRY(vkMapMemory(context.device(), buffer.m_memory, 0, VK_WHOLE_SIZE, 0, &buffer.m_mapped));
    context.setName(VK_OBJECT_TYPE_BUFFER, uint64_t(buffer.m_buffer), debugName);
    return buffer;
}

GpuImage& GpuImage::operator=(GpuImage&& other) noexcept {
    if (this != &other) {
        reset();
        m_device = other.m_device;
        m_image = std::exchange(other.m_image, VK_NULL_HANDLE);
        m_memory = std::exchange(other.m_memory, VK_NULL_HANDLE);
        m_memorySize = std::exchange(other.m_memorySize, 0);
        m_desc = other.m_desc;
    }
    return *this;
}

void GpuImage::reset() {
    if (m_image) vkDestroyImage(m_device, m_image, nullptr);
    if (m_memory) vkFreeMemory(m_device, m_memory, nullptr);
    g_liveDeviceBytes -= m_memorySize;
    m_image = VK_NULL_HANDLE;
    m_memory = VK_NULL_HANDLE;
    m_memorySize = 0;
}

Result<GpuImage> GpuImage::create(const GpuContext& context, const ImageDesc& desc, const char* debugName) {
    GpuImage image;
    image.m_device = context.device();
    image.m_desc = desc;
    VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    info.flags = desc.flags;
    info.imageType = desc.type;
    info.format = desc.format;
    info.extent = desc.extent;
    info.mipLevels = desc.mipLevels;
    info.arrayLayers = desc.arrayLayers;
    info.samples = desc.samples;
    info.tiling = VK_IMAGE_TILING_OPTIMAL;
    info.usage = desc.usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    OH_VK_TRY(vkCreateImage(context.device(), &info, nullptr, &image.m_image));
    VkMemoryRequirements requirements;
    vkGetImageMemoryRequirements(context.device(), image.m_image, &requirements);
    uint32_t type = UINT32_MAX;
    if (desc.lazilyAllocated)
        type = context.findMemoryType(requirements.memoryTypeBits,
                                      VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT);
    if (type == UINT32_MAX)
        type = context.findMemoryType(requirements.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (type == UINT32_MAX) return makeError("no GPU memory type for an image", kExitNoDevice);
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = requirements.size;
    alloc.memoryTypeIndex = type;
    VkResult result = vkAllocateMemory(context.device(), &alloc, nullptr, &image.m_memory);
    if (result == VK_ERROR_OUT_OF_DEVICE_MEMORY || result == VK_ERROR_OUT_OF_HOST_MEMORY)
        return makeError("out of GPU memory allocating a " + std::to_string(desc.extent.width) + "x" +
                             std::to_string(desc.extent.height) + " image",
                         kExitNoDevice);
    OH_VK_TRY(result);
    image.m_memorySize = requirements.size;
    g_liveDeviceBytes += requirements.size;
    OH_VK_TRY(vkBindImageMemory(context.device(), image.m_image, image.m_memory, 0));
    context.setName(VK_OBJECT_TYPE_IMAGE, uint64_t(image.m_image), debugName);
    return image;
}

Result<UniqueImageView> createImageView(const GpuContext& context, VkImage image, VkImageViewType viewType,
                                        VkFormat format, VkImageAspectFlags aspect, uint32_t baseMip,
                                        uint32_t mipCount, uint32_t baseLayer, uint32_t layerCount) {
    VkImageViewCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    info.image = image;
    info.viewType = viewType;
    info.format = format;
    info.subresourceRange = {aspect, baseMip, mipCount, baseLayer, layerCount};
    VkImageView view = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateImageView(context.device(), &info, nullptr, &view));
    return UniqueImageView(context.device(), view);
}

Result<UniqueRenderPass> createColorRenderPass(VkDevice device, const ColorPassDesc& desc) {
    VkAttachmentDescription color{};
    color.format = desc.format;
    color.samples = VK_SAMPLE_COUNT_1_BIT;
    color.loadOp = desc.loadOp;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    color.initialLayout = desc.initialLayout;
    color.finalLayout = desc.finalLayout;
    VkAttachmentReference colorRef{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = 1;
    subpass.pColorAttachments = &colorRef;
    VkSubpassDependency dependencies[2]{};
    dependencies[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    dependencies[0].dstSubpass = 0;
    dependencies[0].srcStageMask = desc.earlierStages;
    dependencies[0].srcAccessMask = desc.earlierWrites;
    dependencies[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    dependencies[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    dependencies[1].srcSubpass = 0;
    dependencies[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    dependencies[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    dependencies[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    dependencies[1].dstStageMask = desc.laterStages;
    dependencies[1].dstAccessMask = desc.laterAccess;
    VkRenderPassCreateInfo passInfo{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    passInfo.attachmentCount = 1;
    passInfo.pAttachments = &color;
    passInfo.subpassCount = 1;
    passInfo.pSubpasses = &subpass;
    passInfo.dependencyCount = 2;
    passInfo.pDependencies = dependencies;
    VkRenderPass renderPass = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateRenderPass(device, &passInfo, nullptr, &renderPass));
    return UniqueRenderPass(device, renderPass);
}

Result<UniqueFramebuffer> createColorFramebuffer(VkDevice device, VkRenderPass renderPass, VkFormat format,
                                                VkExtent2D extent, VkImageUsageFlags usage) {
    VkFramebufferAttachmentImageInfo imageInfo{VK_STRUCTURE_TYPE_FRAMEBUFFER_ATTACHMENT_IMAGE_INFO};
    imageInfo.usage = usage;
    imageInfo.width = extent.width;
    imageInfo.height = extent.height;
    imageInfo.layerCount = 1;
    imageInfo.viewFormatCount = 1;
    imageInfo.pViewFormats = &format;
    VkFramebufferAttachmentsCreateInfo attachments{VK_STRUCTURE_TYPE_FRAMEBUFFER_ATTACHMENTS_CREATE_INFO};
    attachments.attachmentImageInfoCount = 1;
    attachments.pAttachmentImageInfos = &imageInfo;
    VkFramebufferCreateInfo info{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO, &attachments};
    info.flags = VK_FRAMEBUFFER_CREATE_IMAGELESS_BIT;
    info.renderPass = renderPass;
    info.attachmentCount = 1;
    info.width = extent.width;
    info.height = extent.height;
    info.layers = 1;
    VkFramebuffer framebuffer = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateFramebuffer(device, &info, nullptr, &framebuffer));
    return UniqueFramebuffer(device, framebuffer);
}

Result<UniqueShaderModule> createShaderModule(const GpuContext& context, std::span<const uint32_t> spirv) {
    VkShaderModuleCreateInfo info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    info.codeSize = spirv.size_bytes();
    info.pCode = spirv.data();
    VkShaderModule module = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateShaderModule(context.device(), &info, nullptr, &module));
    return UniqueShaderModule(context.device(), module);
}

void transitionImage(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, VkImageLayout from,
                     VkImageLayout to, uint32_t baseMip, uint32_t mipCount, uint32_t baseLayer, uint32_t layerCount) {
    VkImageMemoryBarrier barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    barrier.srcAccessMask = VK_ACCESS_MEMORY_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT;
    barrier.oldLayout = from;
    barrier.newLayout = to;
    barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.image = image;
    barrier.subresourceRange = {aspect, baseMip, mipCount, baseLayer, layerCount};
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0, nullptr,
                         0, nullptr, 1, &barrier);
}

Status ensureHostBuffer(const GpuContext& context, GpuBuffer& buffer, VkDeviceSize bytes, VkBufferUsageFlags usage,
                        const char* debugName) {
    bytes = std::max<VkDeviceSize>(bytes, 1);
    if (buffer && buffer.size() >= bytes) return ok();
    auto grown = GpuBuffer::create(context, std::max(bytes, buffer.size() * 2), usage,
                                   VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, debugName);
    if (!grown) return grown.error();
    buffer = std::move(grown.value());
    return ok();
}

Result<GpuBuffer> uploadBuffer(GpuContext& context, std::span<const uint8_t> bytes, VkBufferUsageFlags usage,
                               const char* debugName) {
    auto staging = GpuBuffer::create(context, bytes.size(), VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                     VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
    if (!staging) return staging.error();
    if (!bytes.empty()) std::memcpy(staging->mapped(), bytes.data(), bytes.size());
    auto buffer = GpuBuffer::create(context, bytes.size(), usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                    VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, debugName);
    if (!buffer) return buffer.error();
    if (!bytes.empty()) {
        OH_TRY(context.submitAndWait([&](VkCommandBuffer cmd) {
            VkBufferCopy region{0, 0, bytes.size()};
            vkCmdCopyBuffer(cmd, staging->get(), buffer->get(), 1, &region);
        }));
    }
    return buffer;
}

}  // namespace oh::gfx
