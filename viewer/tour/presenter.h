// The seam between the app loop and whatever shows its frames: a desktop
// window (desktop/desktop_presenter.h) or a headset (xr/xr_presenter.h). Both have the
// same shape, so the loop in app_loop.cpp never knows which it drives:
//
//   while (presenter.pollEvents()) {
//       Frame frame = presenter.beginFrame();      // may say: do not render
//       if (frame.shouldRender) renderer.record(frame.commandBuffer, scene, {frame.slot, frame.target, views});
//       presenter.endFrame(frame);                 // always, like xrEndFrame
//   }
//
// Not for: input. Mouse and keyboard belong to the desktop presenter's own
// interface, controllers to the headset's; the app wires them up around the loop.
#pragma once

#include <vulkan/vulkan.h>

#include <vector>

#include <glm/glm.hpp>

#include "core/image.h"
#include "core/result.h"
#include "renderer/renderer.h"
#include "renderer/vk_context.h"

namespace oh::viewer {

// One view of a frame as the display defines it. The app supplies where the
// reference space sits in the world (its camera, or locomotion in a headset);
// the presenter supplies where each eye sits in that space and what it sees.
struct FrameView {
    glm::mat4 eyeFromReference{1.0f};  // desktop: identity; headset: inverse of the eye's pose
    // Half-angles of the field of view in radians, OpenXR's XrFovf convention
    // (left and down negative), so asymmetric headset frusta fit too.
    float angleLeft = 0.0f;
    float angleRight = 0.0f;
    float angleUp = 0.0f;
    float angleDown = 0.0f;
    // The depth range this view was drawn with (set by frameViews), for
    // presenters that hand depth to a compositor (OpenXR depth layers).
    float nearZ = 0.0f;
    float farZ = 0.0f;
};

struct Frame {
    // False: draw nothing (minimised window, out-of-date swapchain, headset
    // not visible) but still call endFrame.
    bool shouldRender = false;
    gfx::FrameTarget target;        // layer i of target.colorView shows views[i]
    std::vector<FrameView> views;   // as many as rendererOptions().viewCount
    uint32_t slot = 0;              // frame-in-flight slot for Renderer::record
    // Recording has begun; the app records into it, the presenter ends and
    // submits it in endFrame. Valid only while shouldRender.
    VkCommandBuffer commandBuffer = VK_NULL_HANDLE;

    // Set before endFrame to read this frame back to memory (screenshots,
    // tests): endFrame then waits for the GPU and fills `captured` (RGBA8,
    // sRGB, top row first; the first view for a layered target).
    bool captureRequested = false;
    RgbaImage captured;

    uint32_t presenterImage = 0;  // the presenter's own bookkeeping (e.g. swapchain image index)
};

class Presenter {
public:
    virtual ~Presenter() = default;

    // The GPU context this presenter created (the window system or the XR
    // runtime decides which GPU); it outlives everything made from it.
    virtual gfx::GpuContext& context() = 0;

    // How the Renderer must be created to draw into this presenter's targets
    // (colour format, view count, final layout, frames in flight). Fixed for
    // the presenter's lifetime.
    virtual gfx::RendererOptions rendererOptions() const = 0;

    // Handles window-system or runtime events. Returns false when the user
    // asked to quit. May block while there is nothing to show (minimised).
    virtual bool pollEvents() = 0;

    // Waits for this slot's previous frame and gets a target. Errors are fatal
    // (device lost); states such as "out of date" come back as shouldRender == false.
    virtual Result<Frame> beginFrame() = 0;

    // Always called after beginFrame, whether or not it rendered: submits and
    // presents what was recorded (and reads it back if asked).
    virtual Status endFrame(Frame& frame) = 0;

    // Returns once the GPU has finished every submitted frame; call before
    // destroying anything those frames used.
    virtual void waitIdle() = 0;
};

}  // namespace oh::viewer
