// A window's swapchain: the images, a one-layer 2D-array view per image (the
// renderer's frame targets are array views so one path serves 1 and 2 views),
// and a "rendering done" semaphore per image. Replaced whole on resize.
//
// Not for: acquiring or presenting (desktop_presenter.cpp does that, with its
// frames in flight).
#pragma once

#include <vulkan/vulkan.h>

#include <vector>

#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/renderer.h"
#include "renderer/vk_context.h"

namespace oh::viewer {

using UniqueSwapchain = gfx::DeviceHandle<VkSwapchainKHR, vkDestroySwapchainKHR>;

// How what is drawn becomes the window's pixels. Srgb: the renderer writes
// linear colour and the target encodes it (B8G8R8A8_SRGB or R8G8B8A8_SRGB).
// Unorm: colours are written as they are (B8G8R8A8_UNORM or R8G8B8A8_UNORM):
// a 2D interface whose colours, pictures and blending are all in sRGB values
// already (Dear ImGui, map tiles), as the branch table draws.
enum class SurfaceEncoding { Srgb, Unorm };

// The format the swapchain is created with for `encoding`, else whatever
// the surface offers first, with a warning.
Result<VkSurfaceFormatKHR> chooseSurfaceFormat(VkPhysicalDevice gpu, VkSurfaceKHR surface,
                                               SurfaceEncoding encoding = SurfaceEncoding::Srgb);

class Swapchain {
public:
    Swapchain() = default;  // empty: the window has no area (minimised)
    Swapchain(Swapchain&& other) noexcept { *this = std::move(other); }
    // Views and semaphores go before the swapchain that owns the images.
    Swapchain& operator=(Swapchain&& other) noexcept;
    Swapchain(const Swapchain&) = delete;
    Swapchain& operator=(const Swapchain&) = delete;

    // `size`: the window's framebuffer size, used where the surface leaves the
    // extent to the application. `old` (may be null) is handed to the driver
    // for reuse; the caller destroys it afterwards, once no frame uses it.
    // Returns an empty swapchain when the surface's extent is 0x0.
    static Result<Swapchain> create(const gfx::GpuContext& context, VkSurfaceKHR surface,
                                    VkSurfaceFormatKHR format, VkExtent2D size, VkSwapchainKHR old);

    explicit operator bool() const { return bool(m_swapchain); }
    VkSwapchainKHR get() const { return m_swapchain.get(); }
    VkExtent2D extent() const { return m_extent; }
    VkFormat format() const { return m_format; }
    // Whether images can be copied out (screenshots): the surface allowed TRANSFER_SRC.
    bool canCopyFrom() const { return (m_usage & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) != 0; }
    uint32_t imageCount() const { return uint32_t(m_images.size()); }
    VkImage image(uint32_t index) const { return m_images[index]; }
    // Signalled by the frame that renders image `index`, waited on by its
    // present. Per image (not per frame in flight): a semaphore may only be
    // signalled again once the present that waited on it has let go, and
    // acquiring the same image again is what guarantees that.
    VkSemaphore renderDone(uint32_t index) const { return m_renderDone[index].get(); }
    gfx::FrameTarget target(uint32_t index) const;

private:
    UniqueSwapchain m_swapchain;
    VkExtent2D m_extent{0, 0};
    VkFormat m_format = VK_FORMAT_UNDEFINED;
    VkImageUsageFlags m_usage = 0;
    std::vector<VkImage> m_images;  // owned by the swapchain
    std::vector<gfx::UniqueImageView> m_views;
    std::vector<gfx::UniqueSemaphore> m_renderDone;
};

}  // namespace oh::viewer
