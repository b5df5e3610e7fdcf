// XrSwapchains: the images one headset session shows. Colour goes in one
// 2-layer array swapchain, so the renderer's multiview pass writes both eyes
// at once; a runtime that takes no array swapchains gets one per eye, copied
// from a 2-layer image of ours. Depth (XR_KHR_composition_layer_depth) goes in
// a swapchain of its own, when asked for and offered, so the runtime
// reprojects better. Each frame: acquire → the renderer draws into target()
// → recordEyeCopies → submit → release.
//
// Not for: the session, its life cycle or the frame loop (xr_presenter.h),
// or the agent's mirror (xr_mirror.h).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "renderer/gpu_resources.h"
#include "renderer/renderer.h"
#include "viewer/xr/xr_platform.h"

namespace oh::viewer {

class XrRuntime;

class XrSwapchains {
public:
    // Colour swapchains for `session`, which must outlive them, at the size
    // the runtime recommends. `colorFormat`: the format in use since the first
    // session (the renderer depends on it), or VK_FORMAT_UNDEFINED to take the
    // runtime's preferred sRGB format. No depth until createDepth.
    static Result<std::unique_ptr<XrSwapchains>> create(const gfx::GpuContext& context, const XrRuntime& runtime,
                                                        XrSession session, VkFormat colorFormat);
    XrSwapchains(const XrSwapchains&) = delete;
    XrSwapchains& operator=(const XrSwapchains&) = delete;

    // Replaces the depth swapchain with one in `format` (the renderer's). None
    // (colour only) when `format` is VK_FORMAT_UNDEFINED, the runtime has no
    // depth layers or does not take this format, or each eye has a swapchain.
    Status createDepth(VkFormat format);

    VkFormat colorFormat() const { return m_colorFormat; }
    VkExtent2D eyeExtent() const { return m_eyeExtent; }

    // Acquires and waits for every image this frame writes, colour and depth,
    // before the GPU may touch them; stops at the first failure and returns it.
    XrResult acquire();
    // Where the renderer draws this frame (images acquired).
    gfx::FrameTarget target() const;
    // One swapchain per eye: records the copy of each eye's layer into its
    // acquired image. Nothing to do for an array swapchain.
    void recordEyeCopies(VkCommandBuffer cmd) const;
    // Hands this frame's images back to the runtime, once their commands are
    // submitted; stops at the first failure and returns it.
    XrResult release();

    // Where each eye's picture is, for the projection layer; depth only when submitted.
    XrSwapchainSubImage colorSubImage(uint32_t eye) const;
    std::optional<XrSwapchainSubImage> depthSubImage(uint32_t eye) const;

private:
    struct Swapchain {
        UniqueXrSwapchain handle;
        std::vector<VkImage> images;  // owned by the runtime
        uint32_t acquired = 0;        // this frame's image
    };
    // What the renderer draws into: both eyes' layers of one image.
    struct Target {
        VkImage image = VK_NULL_HANDLE;  // an array swapchain's (owned by the runtime) or m_stereoImage
        gfx::UniqueImageView arrayView;  // both layers
        std::array<gfx::UniqueImageView, 2> layerViews;
    };

    XrSwapchains(XrSession session, bool depthLayers) : m_session(session), m_depthLayers(depthLayers) {}
    Status createColor(const gfx::GpuContext& context);
    Result<Swapchain> createSwapchain(const XrSwapchainCreateInfo& info) const;
    Result<Target> stereoTarget(VkDevice device, VkImage image) const;
    XrRect2Di eyeRect() const;
    // Calls `step` on every swapchain a frame writes until one fails.
    template <typename Step>
    XrResult eachSwapchain(Step step);

    // Declared in creation order, destroyed in reverse: image views before
    // their images, all before the session (not owned).
    XrSession m_session = XR_NULL_HANDLE;
    bool m_depthLayers = false;  // the runtime takes depth layers
    VkFormat m_colorFormat = VK_FORMAT_UNDEFINED;
    VkExtent2D m_eyeExtent{0, 0};
    std::vector<Swapchain> m_color;  // one 2-layer array swapchain, or one per eye
    gfx::GpuImage m_stereoImage;     // per-eye swapchains: both eyes drawn here, then copied
    std::vector<Target> m_targets;   // per array swapchain image, or the one m_stereoImage
    Swapchain m_depth;               // no handle: depth is not submitted
};

}  // namespace oh::viewer
