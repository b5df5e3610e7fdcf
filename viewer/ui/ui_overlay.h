// UiOverlay: Dear ImGui drawn over a finished frame of a window — the
// viewer's info panel, camera list and frame statistics, the branch table's
// cards. Owns the ImGui context and its Vulkan (drawing) backend; the window
// library's ImGui backend (GLFW, SDL2) is handed in as a UiPlatform.
//
// Per frame: beginFrame(), build widgets with ImGui::*, then record() into
// the frame's command buffer after the scene. A frame that is not drawn
// needs nothing more: the next beginFrame() closes it.
#pragma once

#include <vulkan/vulkan.h>

#include <functional>
#include <memory>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/vk_context.h"


namespace oh::viewer {

class AtlasImages;

// A pointer standing in for the window's mouse (a scripted run's, so window
// tests can use the panel): where it is in framebuffer pixels, whether the
// left button is down, the wheel's notches this frame (positive away from the user).
struct UiPointer {
    glm::vec2 position{0.0f};
    bool leftDown = false;
    float wheel = 0.0f;
};

// The window library's Dear ImGui backend (input, display size), so the
// overlay includes no window library: `init` attaches it to the current
// ImGui context (false: it could not), `newFrame` runs before each
// ImGui::NewFrame, `shutdown` detaches it.
struct UiPlatform {
    std::function<bool()> init;
    std::function<void()> newFrame;
    std::function<void()> shutdown;
};

struct UiOverlayOptions {
    UiPlatform platform;
    // Sets the style and adds fonts on the new ImGui context (building the
    // atlas itself if its fonts need no euro sign added); none: the viewer's
    // dark style and ImGui's own font.
    std::function<void()> look;
    VkFormat colorFormat = VK_FORMAT_B8G8R8A8_SRGB;
    VkImageLayout layout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;  // the target's layout before and after
    uint32_t imageCount = 2;  // swapchain images (the backend keeps buffers per image)
    std::vector<AtlasImages*> pictures;  // to put in the font atlas (thumbnails, the plan); must outlive the overlay
};

class UiOverlay {
public:
    static Result<std::unique_ptr<UiOverlay>> create(gfx::GpuContext& context, const UiOverlayOptions& options);
    ~UiOverlay();
    UiOverlay(const UiOverlay&) = delete;
    UiOverlay& operator=(const UiOverlay&) = delete;

    // `pointer`: what ImGui sees of the mouse this frame instead of the window's; null: the window's.
    void beginFrame(const UiPointer* pointer = nullptr);
    // Ends the ImGui frame and draws it over `target` (a single-layer view of
    // an image with `usage`), leaving the image in the layout it was in.
    Status record(VkCommandBuffer cmd, VkImageView target, VkExtent2D extent, VkImageUsageFlags usage);

    // ImGui is using the mouse / keyboard: the camera should not react.
    bool capturesMouse() const;
    bool capturesKeyboard() const;

private:
    explicit UiOverlay(gfx::GpuContext& context) : m_context(context) {}
    Status init(const UiOverlayOptions& options);

    gfx::GpuContext& m_context;
    UiOverlayOptions m_options;
    gfx::UniqueDescriptorPool m_descriptorPool;
    gfx::UniqueRenderPass m_renderPass;
    gfx::UniqueFramebuffer m_framebuffer;  // imageless: fits every image of the same size
    VkExtent2D m_framebufferExtent{0, 0};
    VkImageUsageFlags m_framebufferUsage = 0;
    bool m_imguiContext = false, m_platformBackend = false, m_vulkanBackend = false;
    bool m_frameOpen = false;
};

}  // namespace oh::viewer
