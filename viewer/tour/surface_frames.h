// A window's Vulkan surface shown through a swapchain with frames in flight:
// acquire, submit, present, rebuild when the window changes, and read a frame
// back for screenshots. What every window presenter shares, whichever library
// opened the window (GLFW for the viewer, SDL2 for the branch table), so each
// of those keeps only its window, its events and its views.
//
// Not for: creating the window, the surface or the GPU context (the window
// library's job), nor what is drawn.
#pragma once

#include <vulkan/vulkan.h>

#include <memory>
#include <vector>

#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/renderer.h"
#include "renderer/vk_context.h"
#include "viewer/tour/frame_slots.h"
#include "viewer/tour/presenter.h"
#include "viewer/tour/swapchain.h"

namespace oh::viewer {

class SurfaceFrames {
public:
    // Takes `surface` (made on context's instance) and checks that the
    // context's queue can present to it. The context must outlive this.
    static Result<std::unique_ptr<SurfaceFrames>> create(gfx::GpuContext& context, VkSurfaceKHR surface,
                                                         uint32_t framesInFlight,
                                                         SurfaceEncoding encoding = SurfaceEncoding::Srgb);
    ~SurfaceFrames();
    SurfaceFrames(const SurfaceFrames&) = delete;
    SurfaceFrames& operator=(const SurfaceFrames&) = delete;

    // The colour format, kept when the swapchain is rebuilt.
    VkFormat colorFormat() const { return m_surfaceFormat.format; }
    uint32_t imageCount() const { return m_swapchain.imageCount(); }

    // Waits for the slot's previous frame, rebuilds the swapchain when the
    // window's framebuffer size changed, acquires an image and begins the
    // slot's command buffer. A 0x0 size (minimised) or an out-of-date
    // swapchain come back as shouldRender == false. The frame has no views:
    // the presenter adds them.
    Result<Frame> beginFrame(VkExtent2D framebufferSize);
    // Submits, presents and, if asked, reads the image back (frame.captured).
    Status endFrame(Frame& frame);
    void waitIdle();

private:
    SurfaceFrames(gfx::GpuContext& context, VkSurfaceKHR surface) : m_context(context), m_surface(surface) {}
    Status init(uint32_t framesInFlight, SurfaceEncoding encoding);
    Status recreateSwapchain(VkExtent2D size);
    void recordCapture(VkCommandBuffer cmd, VkImage image);
    RgbaImage readCapture() const;

    gfx::GpuContext& m_context;
    VkSurfaceKHR m_surface;  // owned; destroyed after the swapchain made from it
    VkSurfaceFormatKHR m_surfaceFormat{};
    Swapchain m_swapchain;
    VkExtent2D m_swapchainRequest{0, 0};  // framebuffer size the swapchain was made for
    bool m_swapchainStale = false;        // out of date or suboptimal: rebuild before the next acquire
    FrameSlots m_slots;
    std::vector<gfx::UniqueSemaphore> m_imageAcquired;  // per slot: acquire -> its submit
    uint32_t m_slot = 0;
    gfx::GpuBuffer m_captureBuffer;  // host-visible, sized to the last capture
};

}  // namespace oh::viewer
