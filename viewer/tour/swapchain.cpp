#include "viewer/tour/swapchain.h"

#include <algorithm>
#include <utility>

#include "core/log.h"
#include "renderer/vk_check.h"

namespace oh::viewer {

Result<VkSurfaceFormatKHR> chooseSurfaceFormat(VkPhysicalDevice gpu, VkSurfaceKHR surface,
                                               SurfaceEncoding encoding) {
    uint32_t count = 0;
    OH_VK_TRY(vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface, &count, nullptr));
    std::vector<VkSurfaceFormatKHR> formats(count);
    OH_VK_TRY(vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface, &count, formats.data()));
    if (formats.empty()) return makeError("the window's Vulkan surface offers no image format", kExitNoDevice);
    const bool srgb = encoding == SurfaceEncoding::Srgb;
    const VkFormat wanted[2] = {srgb ? VK_FORMAT_B8G8R8A8_SRGB : VK_FORMAT_B8G8R8A8_UNORM,
                                srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM};
    for (VkFormat candidate : wanted)
        for (const VkSurfaceFormatKHR& format : formats)
            if (format.format == candidate && format.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) return format;
    OH_LOG_WARN("the window offers no %s swapchain format (using format %d): colours will look wrong",
                srgb ? "sRGB" : "UNORM", int(formats.front().format));
    return formats.front();
}

Result<Swapchain> Swapchain::create(const gfx::GpuContext& context, VkSurfaceKHR surface,
                                    VkSurfaceFormatKHR format, VkExtent2D size, VkSwapchainKHR old) {
    VkPhysicalDevice gpu = context.physicalDevice();
    VkDevice device = context.device();
    VkSurfaceCapabilitiesKHR caps;
    OH_VK_TRY(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(gpu, surface, &caps));

    // Vulkan 1.3 §34.5: currentExtent is the window's size, or 0xFFFFFFFF when
    // the swapchain's extent decides the window's size.
    VkExtent2D extent = caps.currentExtent;
    if (extent.width == UINT32_MAX) {
        extent.width = std::clamp(size.width, caps.minImageExtent.width, caps.maxImageExtent.width);
        extent.height = std::clamp(size.height, caps.minImageExtent.height, caps.maxImageExtent.height);
    }
    Swapchain swapchain;
    if (extent.width == 0 || extent.height == 0) return swapchain;

    // One more than the minimum so acquiring never waits on the presentation
    // engine while two frames are in flight.
    uint32_t imageCount = caps.minImageCount + 1;
    if (caps.maxImageCount != 0) imageCount = std::min(imageCount, caps.maxImageCount);

    VkImageUsageFlags usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
    if (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) usage |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    // A headset's mirror clears the window and scales the customer's eye into it.
    if (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT) usage |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;

    VkCompositeAlphaFlagBitsKHR alpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
    if (!(caps.supportedCompositeAlpha & alpha)) {
        for (VkCompositeAlphaFlagBitsKHR candidate :
             {VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR, VK_COMPOSITE_ALPHA_PRE_MULTIPLIED_BIT_KHR,
              VK_COMPOSITE_ALPHA_POST_MULTIPLIED_BIT_KHR})
            if (caps.supportedCompositeAlpha & candidate) {
                alpha = candidate;
                break;
            }
    }

    VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
    info.surface = surface;
    info.minImageCount = imageCount;
    info.imageFormat = format.format;
    info.imageColorSpace = format.colorSpace;
    info.imageExtent = extent;
    info.imageArrayLayers = 1;
    info.imageUsage = usage;
    info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;  // one queue draws and presents
    info.preTransform = caps.currentTransform;
    info.compositeAlpha = alpha;
    // FIFO: always available, never tears, and a viewer has no use for frames
    // the display will not show (on a laptop they are only heat).
    info.presentMode = VK_PRESENT_MODE_FIFO_KHR;
    info.clipped = VK_TRUE;
    info.oldSwapchain = old;
    VkSwapchainKHR handle = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateSwapchainKHR(device, &info, nullptr, &handle));
    swapchain.m_swapchain = UniqueSwapchain(device, handle);
    swapchain.m_extent = extent;
    swapchain.m_format = format.format;
    swapchain.m_usage = usage;

    uint32_t count = 0;
    OH_VK_TRY(vkGetSwapchainImagesKHR(device, handle, &count, nullptr));
    swapchain.m_images.resize(count);
    OH_VK_TRY(vkGetSwapchainImagesKHR(device, handle, &count, swapchain.m_images.data()));
    for (uint32_t i = 0; i < count; ++i) {
        context.setName(VK_OBJECT_TYPE_IMAGE, uint64_t(swapchain.m_images[i]), "swapchain image");
        auto view = gfx::createImageView(context, swapchain.m_images[i], VK_IMAGE_VIEW_TYPE_2D_ARRAY, format.format,
                                         VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1);
        if (!view) return view.error();
        swapchain.m_views.push_back(std::move(view.value()));
        VkSemaphoreCreateInfo semaphoreInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
        VkSemaphore semaphore = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreateSemaphore(device, &semaphoreInfo, nullptr, &semaphore));
        swapchain.m_renderDone.emplace_back(device, semaphore);
    }
    return swapchain;
}

Swapchain& Swapchain::operator=(Swapchain&& other) noexcept {
    if (this == &other) return *this;
    m_renderDone.clear();
    m_views.clear();
    m_images.clear();
    m_swapchain = std::move(other.m_swapchain);
    m_extent = std::exchange(other.m_extent, VkExtent2D{0, 0});
    m_format = other.m_format;
    m_usage = other.m_usage;
    m_images = std::move(other.m_images);
    m_views = std::move(other.m_views);
    m_renderDone = std::move(other.m_renderDone);
    return *this;
}

gfx::FrameTarget Swapchain::target(uint32_t index) const {
    gfx::FrameTarget target;
    target.colorView = m_views[index].get();
    target.image = m_images[index];  // the headset's mirror copies into it
    target.extent = m_extent;
    // The renderer's imageless framebuffer must state the images' creation
    // usage and flags exactly.
    target.usage = m_usage;
    target.imageFlags = 0;
    return target;
}

}  // namespace oh::viewer
