#include "viewer/xr/xr_swapchains.h"

#include <algorithm>

#include "core/log.h"
#include "renderer/vk_check.h"
#include "viewer/xr/xr_runtime.h"

namespace oh::viewer {
namespace {

// What the renderer and the eye copies do with the colour images.
constexpr VkImageUsageFlags kColorUsage =
    VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;

// The formats the renderer can end in: sRGB, so its linear output is encoded
// as the runtime's compositor expects.
bool isSrgbColor(int64_t format) { return format == VK_FORMAT_R8G8B8A8_SRGB || format == VK_FORMAT_B8G8R8A8_SRGB; }

// Both eyes' images: 2 layers, one sample, no mips.
XrSwapchainCreateInfo eyeSwapchainInfo(VkFormat format, XrSwapchainUsageFlags usage, VkExtent2D extent) {
    XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
    info.usageFlags = usage;
    info.format = format;
    info.sampleCount = 1;
    info.width = extent.width;
    info.height = extent.height;
    info.faceCount = 1;
    info.arraySize = 2;
    info.mipCount = 1;
    return info;
}

// The size the runtime recommends for both eyes' images.
Result<VkExtent2D> recommendedEyeExtent(const XrRuntime& runtime) {
    uint32_t viewCount = 0;
    OH_XR_TRY(xrEnumerateViewConfigurationViews(runtime.instance(), runtime.system(),
                                                XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &viewCount, nullptr));
    if (viewCount != 2) return makeError("the headset does not show stereo views", kExitNoHeadset);
    std::array<XrViewConfigurationView, 2> views{{{XR_TYPE_VIEW_CONFIGURATION_VIEW}, {XR_TYPE_VIEW_CONFIGURATION_VIEW}}};
    OH_XR_TRY(xrEnumerateViewConfigurationViews(runtime.instance(), runtime.system(),
                                                XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &viewCount, views.data()));
    return VkExtent2D{std::max(views[0].recommendedImageRectWidth, views[1].recommendedImageRectWidth),
                      std::max(views[0].recommendedImageRectHeight, views[1].recommendedImageRectHeight)};
}

// The Vulkan formats the runtime's swapchains can have, its preferred first.
Result<std::vector<int64_t>> swapchainFormats(XrSession session) {
    uint32_t count = 0;
    OH_XR_TRY(xrEnumerateSwapchainFormats(session, 0, &count, nullptr));
    std::vector<int64_t> formats(count);
    OH_XR_TRY(xrEnumerateSwapchainFormats(session, count, &count, formats.data()));
    formats.resize(count);
    return formats;
}

// `inUse` once a session has fixed it, else the runtime's preferred sRGB format.
Result<VkFormat> chooseColorFormat(XrSession session, VkFormat inUse) {
    auto offered = swapchainFormats(session);
    if (!offered) return offered.error();
    const std::vector<int64_t>& formats = offered.value();
    // The runtime lists its preferred formats first.
    auto chosen = std::find_if(formats.begin(), formats.end(), isSrgbColor);
    if (inUse != VK_FORMAT_UNDEFINED) chosen = std::find(formats.begin(), formats.end(), int64_t(inUse));
    if (chosen == formats.end())
        return makeError(inUse == VK_FORMAT_UNDEFINED
                             ? "the OpenXR runtime offers no sRGB colour swapchain format"
                             : "the restarted OpenXR runtime no longer offers the colour format in use: restart OpenHouse",
                         kExitNoXrRuntime);
    return VkFormat(*chosen);
}

Result<gfx::UniqueImageView> arrayLayerView(VkDevice device, VkImage image, VkFormat format, uint32_t baseLayer,
                                            uint32_t layerCount, VkImageUsageFlags usage) {
    // Runtimes may add usage flags of their own to swapchain images; the view
    // states ours, which is what the renderer's imageless framebuffers declare.
    VkImageViewUsageCreateInfo viewUsage{VK_STRUCTURE_TYPE_IMAGE_VIEW_USAGE_CREATE_INFO};
    viewUsage.usage = usage;
    VkImageViewCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    info.pNext = &viewUsage;
    info.image = image;
    info.viewType = layerCount > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
    info.format = format;
    info.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, baseLayer, layerCount};
    if (layerCount == 1) info.viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;  // the renderer's targets are arrays
    VkImageView view = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateImageView(device, &info, nullptr, &view));
    return gfx::UniqueImageView(device, view);
}

}  // namespace

// [SECTION] Creation

Result<std::unique_ptr<XrSwapchains>> XrSwapchains::create(const gfx::GpuContext& context, const XrRuntime& runtime,
                                                           XrSession session, VkFormat colorFormat) {
    std::unique_ptr<XrSwapchains> swapchains(new XrSwapchains(session, runtime.depthLayers()));
    auto extent = recommendedEyeExtent(runtime);
    if (!extent) return extent.error();
    auto format = chooseColorFormat(session, colorFormat);
    if (!format) return format.error();
    swapchains->m_colorFormat = format.value();
    swapchains->m_eyeExtent = extent.value();
    OH_TRY(swapchains->createColor(context));
    return swapchains;
}

Status XrSwapchains::createColor(const gfx::GpuContext& context) {
    // Both eyes in one 2-layer image: the renderer's multiview pass writes
    // both at once. A runtime that takes no array swapchains gets one per
    // eye, copied from a 2-layer image of ours.
    XrSwapchainCreateInfo info = eyeSwapchainInfo(m_colorFormat,
                                                  XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT |
                                                      XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT |
                                                      XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT,
                                                  m_eyeExtent);
    auto array = createSwapchain(info);
    if (array) {
        m_color.push_back(std::move(array.value()));
        for (VkImage image : m_color[0].images) {
            auto target = stereoTarget(context.device(), image);
            if (!target) return target.error();
            m_targets.push_back(std::move(target.value()));
        }
        return ok();
    }
    OH_LOG_INFO("the headset runtime takes one swapchain per eye (%s)", array.error().message.c_str());
    info.arraySize = 1;
    for (int eye = 0; eye < 2; ++eye) {
        auto single = createSwapchain(info);
        if (!single) return single.error();
        m_color.push_back(std::move(single.value()));
    }
    gfx::ImageDesc desc;
    desc.format = m_colorFormat;
    desc.extent = {m_eyeExtent.width, m_eyeExtent.height, 1};
    desc.arrayLayers = 2;
    desc.usage = kColorUsage;
    auto image = gfx::GpuImage::create(context, desc, "both eyes");
    if (!image) return image.error();
    m_stereoImage = std::move(image.value());
    auto target = stereoTarget(context.device(), m_stereoImage.get());
    if (!target) return target.error();
    m_targets.push_back(std::move(target.value()));
    return ok();
}

Result<XrSwapchains::Swapchain> XrSwapchains::createSwapchain(const XrSwapchainCreateInfo& info) const {
    Swapchain created;
    XrSwapchain swapchain = XR_NULL_HANDLE;
    OH_XR_TRY(xrCreateSwapchain(m_session, &info, &swapchain));
    created.handle = UniqueXrSwapchain(swapchain);
    uint32_t imageCount = 0;
    OH_XR_TRY(xrEnumerateSwapchainImages(swapchain, 0, &imageCount, nullptr));
    std::vector<XrSwapchainImageVulkan2KHR> images(imageCount, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
    OH_XR_TRY(xrEnumerateSwapchainImages(swapchain, imageCount, &imageCount,
                                         reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
    for (const auto& image : images) created.images.push_back(image.image);
    return created;
}

Result<XrSwapchains::Target> XrSwapchains::stereoTarget(VkDevice device, VkImage image) const {
    Target target;
    target.image = image;
    auto arrayView = arrayLayerView(device, image, m_colorFormat, 0, 2, kColorUsage);
    if (!arrayView) return arrayView.error();
    target.arrayView = std::move(arrayView.value());
    for (uint32_t layer = 0; layer < 2; ++layer) {
        auto layerView = arrayLayerView(device, image, m_colorFormat, layer, 1, kColorUsage);
        if (!layerView) return layerView.error();
        target.layerViews[layer] = std::move(layerView.value());
    }
    return target;
}

Status XrSwapchains::createDepth(VkFormat format) {
    m_depth = {};
    if (format == VK_FORMAT_UNDEFINED || !m_depthLayers || m_color.size() != 1) return ok();
    auto formats = swapchainFormats(m_session);
    if (!formats) return formats.error();
    if (std::find(formats->begin(), formats->end(), int64_t(format)) == formats->end()) {
        OH_LOG_INFO("the headset runtime takes no depth in the renderer's format: colour only");
        return ok();
    }
    // The renderer copies its resolved depth in.
    XrSwapchainCreateInfo info = eyeSwapchainInfo(
        format, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT, m_eyeExtent);
    auto depth = createSwapchain(info);
    if (!depth) {
        OH_LOG_INFO("the headset runtime takes no depth layers like ours: colour only (%s)",
                    depth.error().message.c_str());
        return ok();
    }
    m_depth = std::move(depth.value());
    return ok();
}

// [SECTION] Frames

template <typename Step>
XrResult XrSwapchains::eachSwapchain(Step step) {
    XrResult result = XR_SUCCESS;
    for (Swapchain& swapchain : m_color)
        if (XR_SUCCEEDED(result)) result = step(swapchain);
    if (XR_SUCCEEDED(result) && m_depth.handle) result = step(m_depth);
    return result;
}

XrResult XrSwapchains::acquire() {
    XrSwapchainImageAcquireInfo acquireInfo{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
    XrSwapchainImageWaitInfo waitInfo{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    waitInfo.timeout = XR_INFINITE_DURATION;
    return eachSwapchain([&](Swapchain& swapchain) {
        XrResult acquired = xrAcquireSwapchainImage(swapchain.handle.get(), &acquireInfo, &swapchain.acquired);
        return XR_SUCCEEDED(acquired) ? xrWaitSwapchainImage(swapchain.handle.get(), &waitInfo) : acquired;
    });
}

XrResult XrSwapchains::release() {
    XrSwapchainImageReleaseInfo releaseInfo{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
    return eachSwapchain(
        [&](Swapchain& swapchain) { return xrReleaseSwapchainImage(swapchain.handle.get(), &releaseInfo); });
}

gfx::FrameTarget XrSwapchains::target() const {
    const Target& image = m_stereoImage ? m_targets[0] : m_targets[m_color[0].acquired];
    gfx::FrameTarget target;
    target.colorView = image.arrayView.get();
    target.image = image.image;
    target.layerViews = {image.layerViews[0].get(), image.layerViews[1].get()};
    target.extent = m_eyeExtent;
    target.usage = kColorUsage;
    if (m_depth.handle) target.depthImage = m_depth.images[m_depth.acquired];
    return target;
}

void XrSwapchains::recordEyeCopies(VkCommandBuffer cmd) const {
    if (!m_stereoImage) return;
    // Layer i of our 2-layer image into eye i's swapchain image; both end as
    // they began: colour attachments.
    std::array<VkImageMemoryBarrier, 3> barriers{};
    for (auto& barrier : barriers) {
        barrier = {VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
        barrier.srcQueueFamilyIndex = barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        barrier.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    }
    barriers[0].image = m_stereoImage.get();
    barriers[0].subresourceRange.layerCount = 2;
    barriers[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT |
                                VK_ACCESS_TRANSFER_READ_BIT;
    barriers[0].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    barriers[0].newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    for (uint32_t eye = 0; eye < 2; ++eye) {
        const Swapchain& swapchain = m_color[eye];
        barriers[1 + eye].image = swapchain.images[swapchain.acquired];
        barriers[1 + eye].dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        barriers[1 + eye].newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    }
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 3, barriers.data());
    for (uint32_t eye = 0; eye < 2; ++eye) {
        VkImageCopy region{};
        region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, eye, 1};
        region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.extent = {m_eyeExtent.width, m_eyeExtent.height, 1};
        vkCmdCopyImage(cmd, m_stereoImage.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, barriers[1 + eye].image,
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    }
    for (auto& barrier : barriers) {
        std::swap(barrier.oldLayout, barrier.newLayout);
        barrier.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
        barrier.srcAccessMask = barrier.dstAccessMask;
        barrier.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    }
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
                         nullptr, 0, nullptr, 3, barriers.data());
}

XrRect2Di XrSwapchains::eyeRect() const {
    return {{0, 0}, {int32_t(m_eyeExtent.width), int32_t(m_eyeExtent.height)}};
}

XrSwapchainSubImage XrSwapchains::colorSubImage(uint32_t eye) const {
    bool array = !m_stereoImage;
    XrSwapchainSubImage subImage{};
    subImage.swapchain = m_color[array ? 0 : eye].handle.get();
    subImage.imageRect = eyeRect();
    subImage.imageArrayIndex = array ? eye : 0;
    return subImage;
}

std::optional<XrSwapchainSubImage> XrSwapchains::depthSubImage(uint32_t eye) const {
    if (!m_depth.handle) return std::nullopt;
    return XrSwapchainSubImage{m_depth.handle.get(), eyeRect(), eye};
}

}  // namespace oh::viewer
