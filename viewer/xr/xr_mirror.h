// XrMirror: the agent's mirror of a headset — a desktop window showing the
// customer's left eye, cropped around where the eye looks and scaled to fill
// the window (no lens distortion), with the app's overlay drawn on top. It
// keeps its own copy of the last left eye, so the window goes on showing the
// last picture while the headset shows nothing (taken off, session restarting).
//
// Not for: the headset's swapchains or session (xr_swapchains.h,
// xr_presenter.h), or what the overlay says (the app draws it).
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <glm/glm.hpp>

#include "renderer/gpu_resources.h"
#include "viewer/desktop/desktop_presenter.h"
#include "viewer/tour/presenter.h"
#include "viewer/xr/xr_platform.h"

namespace oh::viewer {

class XrMirror {
public:
    // Called while recording each mirror frame, after the eye image is in the
    // window: draw the status overlay into `view` (single-layer, `extent`,
    // image usage `usage`, PRESENT_SRC layout before and after).
    using Overlay =
        std::function<Status(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent, VkImageUsageFlags usage)>;

    // Opens the window (hidden until window().show()) with its GPU context.
    // Without a display the error's exitCode is kExitNoDisplay, as with
    // DesktopPresenter::create.
    static Result<std::unique_ptr<XrMirror>> create(DesktopOptions options);
    XrMirror(const XrMirror&) = delete;
    XrMirror& operator=(const XrMirror&) = delete;

    DesktopPresenter& window() { return *m_window; }
    void setOverlay(Overlay overlay) { m_overlay = std::move(overlay); }

    // The eyes' images are `extent` in `format` (each new session): a new
    // image for the kept left eye when the size changed, empty until the next
    // copy; the same size keeps the last picture.
    Status matchEyes(VkFormat format, VkExtent2D extent);
    // Records a copy of the left eye (layer 0 of `eyeImage`, a colour
    // attachment, left as one) into the kept image; `fov` is that eye's field
    // of view, for the crop, and `pose` where it was in the reference space.
    void recordCopy(VkCommandBuffer cmd, VkImage eyeImage, const XrFovf& fov, const XrPosef& pose);

    struct Ray {
        glm::vec3 origin;     // the left eye, in the reference space
        glm::vec3 direction;  // unit
    };
    // The ray through framebuffer pixel `pixel` of the window's picture: what
    // the agent clicked on, seen from the eye the picture was taken from.
    // None while the window shows no picture.
    std::optional<Ray> rayThrough(glm::vec2 pixel) const;
    // Draws and presents one window frame: the kept picture (or the
    // background while there is none), then the overlay. `frame` is the
    // headset's frame: its capture request is the window's.
    Status present(Frame& frame);

private:
    explicit XrMirror(std::unique_ptr<DesktopPresenter> window) : m_window(std::move(window)) {}
    void recordPicture(VkCommandBuffer cmd, VkImage target, VkExtent2D extent);

    // The window owns the GPU context, so it goes last.
    std::unique_ptr<DesktopPresenter> m_window;
    gfx::GpuImage m_eyeImage;  // the last left eye: TRANSFER_SRC layout once filled
    VkExtent2D m_eyeExtent{0, 0};
    std::optional<XrFovf> m_eyeFov;  // the kept picture's field of view; none while the image is empty
    XrPosef m_eyePose{};             // and where its eye was
    bool m_pictureRefused = false;   // the window's images cannot be copied into
    Overlay m_overlay;
};

}  // namespace oh::viewer
