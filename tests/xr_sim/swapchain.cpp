// Swapchains: VkImages made on the app's device (three, or one when static),
// handed over in the layout the Vulkan binding promises, with the acquire /
// wait / release call order enforced; and reading a submitted image back on
// the app's queue into a PNG (only for captured frames).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include "session_control.h"
#include "sim_api.h"
#include "sim_state.h"
#include "system.h"

namespace oh::xrsim {
namespace {

constexpr VkFormat kColorFormats[] = {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_UNORM,
                                      VK_FORMAT_B8G8R8A8_UNORM};
constexpr VkFormat kDepthFormats[] = {VK_FORMAT_D32_SFLOAT, VK_FORMAT_D24_UNORM_S8_UINT, VK_FORMAT_D16_UNORM};

bool isColorFormat(VkFormat format) {
    return std::find(std::begin(kColorFormats), std::end(kColorFormats), format) != std::end(kColorFormats);
}

std::vector<VkFormat> supportedFormats(VkPhysicalDevice physicalDevice) {
    std::vector<VkFormat> formats;
    auto add = [&](VkFormat format, VkFormatFeatureFlags needed) {
        VkFormatProperties properties{};
        vkGetPhysicalDeviceFormatProperties(physicalDevice, format, &properties);
        if ((properties.optimalTilingFeatures & needed) == needed) formats.push_back(format);
    };
    for (VkFormat format : kColorFormats)
        add(format, VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT | VK_FORMAT_FEATURE_TRANSFER_SRC_BIT);
    for (VkFormat format : kDepthFormats) add(format, VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT);
    return formats;
}

uint32_t findMemoryType(VkPhysicalDevice physicalDevice, uint32_t allowed, VkMemoryPropertyFlags wanted) {
    VkPhysicalDeviceMemoryProperties properties{};
    vkGetPhysicalDeviceMemoryProperties(physicalDevice, &properties);
    for (uint32_t i = 0; i < properties.memoryTypeCount; ++i)
        if ((allowed & (1u << i)) && (properties.memoryTypes[i].propertyFlags & wanted) == wanted) return i;
    return UINT32_MAX;
}

// The layout the XR_KHR_vulkan_enable(2) binding says an acquired image is in.
VkImageLayout acquiredLayoutFor(XrSwapchainUsageFlags usage) {
    if (usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) return VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    if (usage & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) return VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
    if (usage & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) return VK_IMAGE_LAYOUT_GENERAL;
    if (usage & XR_SWAPCHAIN_USAGE_SAMPLED_BIT) return VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    if (usage & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) return VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    return VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
}

VkImageUsageFlags vulkanUsage(XrSwapchainUsageFlags usage) {
    VkImageUsageFlags flags = VK_IMAGE_USAGE_TRANSFER_SRC_BIT;  // for readback
    if (usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) flags |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
    if (usage & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) flags |= VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    if (usage & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) flags |= VK_IMAGE_USAGE_STORAGE_BIT;
    if (usage & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) flags |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    if (usage & XR_SWAPCHAIN_USAGE_SAMPLED_BIT) flags |= VK_IMAGE_USAGE_SAMPLED_BIT;
    return flags;
}

// Records into the session's one-shot command buffer, submits it on the
// app's queue and waits for it.
template <class Record>
bool submitAndWait(Session& session, Record&& record) {
    VkCommandBufferAllocateInfo allocate{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO, nullptr, session.commandPool,
                                         VK_COMMAND_BUFFER_LEVEL_PRIMARY, 1};
    VkCommandBuffer commands = VK_NULL_HANDLE;
    if (vkAllocateCommandBuffers(session.device, &allocate, &commands) != VK_SUCCESS) return false;
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO, nullptr,
                                   VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT};
    vkBeginCommandBuffer(commands, &begin);
    record(commands);
    vkEndCommandBuffer(commands);
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &commands;
    vkResetFences(session.device, 1, &session.fence);
    bool ok = vkQueueSubmit(session.queue, 1, &submit, session.fence) == VK_SUCCESS &&
              vkWaitForFences(session.device, 1, &session.fence, VK_TRUE, UINT64_MAX) == VK_SUCCESS;
    vkFreeCommandBuffers(session.device, session.commandPool, 1, &commands);
    return ok;
}

VkImageMemoryBarrier imageBarrier(VkImage image, VkImageSubresourceRange range, VkImageLayout from, VkImageLayout to,
                                  VkAccessFlags srcAccess, VkAccessFlags dstAccess) {
    return {VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER, nullptr, srcAccess, dstAccess, from, to,
            VK_QUEUE_FAMILY_IGNORED, VK_QUEUE_FAMILY_IGNORED, image, range};
}

uint8_t linearToSrgb(uint8_t value) {
    float c = value / 255.0f;
    float s = c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
    return static_cast<uint8_t>(std::clamp(s, 0.0f, 1.0f) * 255.0f + 0.5f);
}

XrResult lookupSwapchain(XrSwapchain handle, Swapchain** out) {
    Swapchain* swapchain = lookup<Swapchain>(handle);
    if (!swapchain) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkSession(*swapchain->session); r != XR_SUCCESS) return r;
    *out = swapchain;
    return XR_SUCCESS;
}

}  // namespace

XrResult createSessionVulkanObjects(Session& session) {
    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO, nullptr, 0, session.queueFamilyIndex};
    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    if (!session.queue || vkCreateCommandPool(session.device, &poolInfo, nullptr, &session.commandPool) != VK_SUCCESS ||
        vkCreateFence(session.device, &fenceInfo, nullptr, &session.fence) != VK_SUCCESS)
        return XR_ERROR_GRAPHICS_DEVICE_INVALID;
    return XR_SUCCESS;
}

void destroySessionVulkanObjects(Session& session) {
    if (session.fence) vkDestroyFence(session.device, session.fence, nullptr);
    if (session.commandPool) vkDestroyCommandPool(session.device, session.commandPool, nullptr);
    session.fence = VK_NULL_HANDLE;
    session.commandPool = VK_NULL_HANDLE;
}

Swapchain::~Swapchain() {
    for (VkImage image : images) vkDestroyImage(session->device, image, nullptr);
    for (VkDeviceMemory block : memory) vkFreeMemory(session->device, block, nullptr);
}

namespace {

// The source's pixels as the display shows them: RGBA, sRGB-encoded; none
// when the format is not colour or the copy fails.
std::optional<std::vector<uint8_t>> readBack(Session& session, const CaptureSource& source) {
    const Swapchain& swapchain = *source.swapchain;
    if (!isColorFormat(swapchain.format)) return std::nullopt;
    uint32_t width = source.rect.extent.width, height = source.rect.extent.height;
    VkDeviceSize size = VkDeviceSize{width} * height * 4;
    VkBufferCreateInfo bufferInfo{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO, nullptr, 0, size,
                                  VK_BUFFER_USAGE_TRANSFER_DST_BIT, VK_SHARING_MODE_EXCLUSIVE};
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    if (vkCreateBuffer(session.device, &bufferInfo, nullptr, &buffer) != VK_SUCCESS) return std::nullopt;
    VkMemoryRequirements requirements{};
    vkGetBufferMemoryRequirements(session.device, buffer, &requirements);
    VkMemoryAllocateInfo allocateInfo{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, nullptr, requirements.size,
                                      findMemoryType(session.physicalDevice, requirements.memoryTypeBits,
                                                     VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                                         VK_MEMORY_PROPERTY_HOST_COHERENT_BIT)};
    bool ok = allocateInfo.memoryTypeIndex != UINT32_MAX &&
              vkAllocateMemory(session.device, &allocateInfo, nullptr, &memory) == VK_SUCCESS &&
              vkBindBufferMemory(session.device, buffer, memory, 0) == VK_SUCCESS;
    VkImage image = swapchain.images[source.image];
    VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, source.arrayIndex, 1};
    ok = ok && submitAndWait(session, [&](VkCommandBuffer commands) {
        // The app's rendering was submitted on this queue before release.
        auto toTransfer = imageBarrier(image, range, swapchain.acquiredLayout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                       VK_ACCESS_MEMORY_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT);
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                             nullptr, 0, nullptr, 1, &toTransfer);
        VkBufferImageCopy copy{0, 0, 0, {VK_IMAGE_ASPECT_COLOR_BIT, 0, source.arrayIndex, 1},
                               {source.rect.offset.x, source.rect.offset.y, 0}, {width, height, 1}};
        vkCmdCopyImageToBuffer(commands, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &copy);
        auto back = imageBarrier(image, range, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, swapchain.acquiredLayout, 0,
                                 VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT);
        VkBufferMemoryBarrier toHost{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER, nullptr, VK_ACCESS_TRANSFER_WRITE_BIT,
                                     VK_ACCESS_HOST_READ_BIT, VK_QUEUE_FAMILY_IGNORED, VK_QUEUE_FAMILY_IGNORED,
                                     buffer, 0, size};
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT,
                             VK_PIPELINE_STAGE_ALL_COMMANDS_BIT | VK_PIPELINE_STAGE_HOST_BIT, 0, 0, nullptr, 1,
                             &toHost, 1, &back);
    });
    void* mapped = nullptr;
    ok = ok && vkMapMemory(session.device, memory, 0, size, 0, &mapped) == VK_SUCCESS;
    std::optional<std::vector<uint8_t>> result;
    if (ok) {
        std::vector<uint8_t> pixels(static_cast<const uint8_t*>(mapped), static_cast<const uint8_t*>(mapped) + size);
        vkUnmapMemory(session.device, memory);
        bool bgra = swapchain.format == VK_FORMAT_B8G8R8A8_SRGB || swapchain.format == VK_FORMAT_B8G8R8A8_UNORM;
        bool linear = swapchain.format == VK_FORMAT_R8G8B8A8_UNORM || swapchain.format == VK_FORMAT_B8G8R8A8_UNORM;
        for (size_t i = 0; i < pixels.size(); i += 4) {
            if (bgra) std::swap(pixels[i], pixels[i + 2]);
            // UNORM swapchains hold linear colour; the display shows it sRGB-encoded.
            if (linear)
                for (size_t c = 0; c < 3; ++c) pixels[i + c] = linearToSrgb(pixels[i + c]);
            if (source.opaque) pixels[i + 3] = 255;
        }
        result = std::move(pixels);
    }
    vkDestroyBuffer(session.device, buffer, nullptr);
    if (memory) vkFreeMemory(session.device, memory, nullptr);
    return result;
}

}  // namespace

bool captureToPng(Session& session, const CaptureSource& source, const std::string& path) {
    if (path.empty()) return false;
    std::optional<std::vector<uint8_t>> pixels = readBack(session, source);
    int width = int(source.rect.extent.width), height = int(source.rect.extent.height);
    bool ok = pixels && stbi_write_png(path.c_str(), width, height, 4, pixels->data(), width * 4) != 0;
    if (!ok) std::fprintf(stderr, "openhouse_xr_sim: could not capture %s\n", path.c_str());
    return ok;
}

double meanLuminance(Session& session, const CaptureSource& source) {
    std::optional<std::vector<uint8_t>> pixels = readBack(session, source);
    if (!pixels || pixels->empty()) return -1.0;
    double sum = 0.0;
    for (size_t i = 0; i + 3 < pixels->size(); i += 4)
        sum += 0.2126 * (*pixels)[i] + 0.7152 * (*pixels)[i + 1] + 0.0722 * (*pixels)[i + 2];
    return sum / double(pixels->size() / 4);
}


void captureLastProjection(Session& session) {
    if (session.lastProjection.empty()) return;
    if (runtime().config().captureLast && runtime().capturing())
        for (size_t eye = 0; eye < session.lastProjection.size(); ++eye)
            captureToPng(session, session.lastProjection[eye],
                         runtime().outputPath(eye == 0 ? "last-left.png" : "last-right.png"));
    session.lastProjection.clear();
}

XrResult xrEnumerateSwapchainFormats(XrSession handle, uint32_t capacity, uint32_t* countOutput, int64_t* formats) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    auto supported = supportedFormats(session->physicalDevice);
    return fillArray(capacity, countOutput, formats, static_cast<uint32_t>(supported.size()),
                     [&](int64_t& out, uint32_t i) { out = supported[i]; });
}

XrResult xrCreateSwapchain(XrSession handle, const XrSwapchainCreateInfo* info, XrSwapchain* swapchain) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || !swapchain || info->type != XR_TYPE_SWAPCHAIN_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    auto supported = supportedFormats(session->physicalDevice);
    auto format = static_cast<VkFormat>(info->format);
    if (std::find(supported.begin(), supported.end(), format) == supported.end())
        return XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED;
    if (info->createFlags & XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT) return XR_ERROR_FEATURE_UNSUPPORTED;
    if (info->faceCount != 1 || info->sampleCount != 1) return XR_ERROR_FEATURE_UNSUPPORTED;
    if (info->arraySize > 1 && !runtime().config().arraySwapchains) return XR_ERROR_FEATURE_UNSUPPORTED;
    if (info->width == 0 || info->height == 0 || info->width > kMaxSwapchainSize ||
        info->height > kMaxSwapchainSize || info->arraySize == 0 || info->mipCount == 0)
        return XR_ERROR_VALIDATION_FAILURE;
    bool color = isColorFormat(format);
    if ((info->usageFlags & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT && !color) ||
        (info->usageFlags & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT && color))
        return XR_ERROR_FEATURE_UNSUPPORTED;

    static uint64_t nextId = 1;
    auto created = std::make_unique<Swapchain>();
    created->session = session;
    created->id = nextId++;
    created->info = *info;
    created->info.next = nullptr;
    created->format = format;
    created->aspect = color ? VK_IMAGE_ASPECT_COLOR_BIT
                            : VK_IMAGE_ASPECT_DEPTH_BIT | (format == VK_FORMAT_D24_UNORM_S8_UINT ? VK_IMAGE_ASPECT_STENCIL_BIT : 0);
    created->acquiredLayout = acquiredLayoutFor(info->usageFlags);
    uint32_t imageCount = info->createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT ? 1 : 3;
    VkImageCreateInfo imageInfo{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    imageInfo.flags = info->usageFlags & XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT ? VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT : 0;
    imageInfo.imageType = VK_IMAGE_TYPE_2D;
    imageInfo.format = format;
    imageInfo.extent = {info->width, info->height, 1};
    imageInfo.mipLevels = info->mipCount;
    imageInfo.arrayLayers = info->arraySize;
    imageInfo.samples = VK_SAMPLE_COUNT_1_BIT;
    imageInfo.tiling = VK_IMAGE_TILING_OPTIMAL;
    imageInfo.usage = vulkanUsage(info->usageFlags);
    imageInfo.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    for (uint32_t i = 0; i < imageCount; ++i) {
        VkImage image = VK_NULL_HANDLE;
        if (vkCreateImage(session->device, &imageInfo, nullptr, &image) != VK_SUCCESS) return XR_ERROR_OUT_OF_MEMORY;
        created->images.push_back(image);
        VkMemoryRequirements requirements{};
        vkGetImageMemoryRequirements(session->device, image, &requirements);
        VkMemoryAllocateInfo allocateInfo{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, nullptr, requirements.size,
                                          findMemoryType(session->physicalDevice, requirements.memoryTypeBits,
                                                         VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)};
        VkDeviceMemory memory = VK_NULL_HANDLE;
        if (allocateInfo.memoryTypeIndex == UINT32_MAX ||
            vkAllocateMemory(session->device, &allocateInfo, nullptr, &memory) != VK_SUCCESS)
            return XR_ERROR_OUT_OF_MEMORY;
        created->memory.push_back(memory);
        if (vkBindImageMemory(session->device, image, memory, 0) != VK_SUCCESS) return XR_ERROR_RUNTIME_FAILURE;
    }
    // Hand the images over in the layout an acquired image is in.
    VkImageSubresourceRange range{created->aspect, 0, info->mipCount, 0, info->arraySize};
    bool ok = submitAndWait(*session, [&](VkCommandBuffer commands) {
        std::vector<VkImageMemoryBarrier> barriers;
        for (VkImage image : created->images)
            barriers.push_back(imageBarrier(image, range, VK_IMAGE_LAYOUT_UNDEFINED, created->acquiredLayout, 0,
                                            VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT));
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0,
                             nullptr, 0, nullptr, uint32_t(barriers.size()), barriers.data());
    });
    if (!ok) return XR_ERROR_RUNTIME_FAILURE;
    *swapchain = toHandle<XrSwapchain>(created.get());
    session->swapchains.push_back(std::move(created));
    return XR_SUCCESS;
}

XrResult xrDestroySwapchain(XrSwapchain handle) {
    Swapchain* swapchain = lookup<Swapchain>(handle);
    if (!swapchain) return XR_ERROR_HANDLE_INVALID;
    Session& session = *swapchain->session;
    for (const CaptureSource& eye : session.lastProjection)
        if (eye.swapchain == swapchain) {
            captureLastProjection(session);
            break;
        }
    std::erase_if(session.swapchains, [swapchain](const auto& owned) { return owned.get() == swapchain; });
    return XR_SUCCESS;
}

XrResult xrEnumerateSwapchainImages(XrSwapchain handle, uint32_t capacity, uint32_t* countOutput,
                                    XrSwapchainImageBaseHeader* images) {
    Swapchain* swapchain = nullptr;
    if (XrResult r = lookupSwapchain(handle, &swapchain); r != XR_SUCCESS) return r;
    auto* vulkanImages = reinterpret_cast<XrSwapchainImageVulkan2KHR*>(images);
    if (capacity > 0 && images && images->type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR)
        return XR_ERROR_VALIDATION_FAILURE;
    return fillArray(capacity, countOutput, vulkanImages, static_cast<uint32_t>(swapchain->images.size()),
                     [&](XrSwapchainImageVulkan2KHR& out, uint32_t i) { out.image = swapchain->images[i]; });
}

XrResult xrAcquireSwapchainImage(XrSwapchain handle, const XrSwapchainImageAcquireInfo* info, uint32_t* index) {
    Swapchain* swapchain = nullptr;
    if (XrResult r = lookupSwapchain(handle, &swapchain); r != XR_SUCCESS) return r;
    if ((info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO) || !index) return XR_ERROR_VALIDATION_FAILURE;
    bool isStatic = swapchain->info.createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT;
    if (swapchain->acquired.size() == swapchain->images.size() || (isStatic && swapchain->acquireCount > 0))
        return XR_ERROR_CALL_ORDER_INVALID;
    *index = swapchain->nextImage;
    swapchain->acquired.push_back(swapchain->nextImage);
    swapchain->nextImage = (swapchain->nextImage + 1) % swapchain->images.size();
    ++swapchain->acquireCount;
    return XR_SUCCESS;
}

XrResult xrWaitSwapchainImage(XrSwapchain handle, const XrSwapchainImageWaitInfo* info) {
    Swapchain* swapchain = nullptr;
    if (XrResult r = lookupSwapchain(handle, &swapchain); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (swapchain->acquired.empty() || swapchain->oldestWaited) return XR_ERROR_CALL_ORDER_INVALID;
    swapchain->oldestWaited = true;  // images are ready at once: the compositor holds none
    return XR_SUCCESS;
}

XrResult xrReleaseSwapchainImage(XrSwapchain handle, const XrSwapchainImageReleaseInfo* info) {
    Swapchain* swapchain = nullptr;
    if (XrResult r = lookupSwapchain(handle, &swapchain); r != XR_SUCCESS) return r;
    if (info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (!swapchain->oldestWaited) return XR_ERROR_CALL_ORDER_INVALID;
    swapchain->lastReleased = static_cast<int>(swapchain->acquired.front());
    swapchain->acquired.pop_front();
    swapchain->oldestWaited = false;
    return XR_SUCCESS;
}

}  // namespace oh::xrsim
