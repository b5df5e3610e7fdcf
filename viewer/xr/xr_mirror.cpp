#include "viewer/xr/xr_mirror.h"

#include <algorithm>
#include <cmath>

#include "core/log.h"
#include "viewer/xr/xr_input.h"

namespace oh::viewer {
namespace {

// The largest window-shaped part of an eye's `width` x `height` image around
// where the eye looks (its optical axis; headset frusta are asymmetric), so
// the eye fills the window without stretching.
VkImageBlit cropAroundAxis(const XrFovf& fov, VkExtent2D eye, VkExtent2D window) {
    float width = float(eye.width), height = float(eye.height);
    float axisX = width * -std::tan(fov.angleLeft) / (std::tan(fov.angleRight) - std::tan(fov.angleLeft));
    float axisY = height * std::tan(fov.angleUp) / (std::tan(fov.angleUp) - std::tan(fov.angleDown));
    float windowAspect = float(window.width) / float(window.height);
    float cropWidth = std::min(width, height * windowAspect);
    float cropHeight = cropWidth / windowAspect;
    float left = std::clamp(axisX - cropWidth * 0.5f, 0.0f, width - cropWidth);
    float top = std::clamp(axisY - cropHeight * 0.5f, 0.0f, height - cropHeight);
    VkImageBlit blit{};
    blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    blit.srcOffsets[0] = {int32_t(left), int32_t(top), 0};
    blit.srcOffsets[1] = {int32_t(left + cropWidth), int32_t(top + cropHeight), 1};
    blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    blit.dstOffsets[1] = {int32_t(window.width), int32_t(window.height), 1};
    return blit;
}

}  // namespace

Result<std::unique_ptr<XrMirror>> XrMirror::create(DesktopOptions options) {
    options.sleepWhileMinimised = false;  // the headset goes on while the agent minimises the mirror
    auto window = DesktopPresenter::create(options);
    if (!window) return window.error();
    return std::unique_ptr<XrMirror>(new XrMirror(std::move(window.value())));
}

Status XrMirror::matchEyes(VkFormat format, VkExtent2D extent) {
    if (extent.width == m_eyeExtent.width && extent.height == m_eyeExtent.height) return ok();
    m_window->waitIdle();  // the GPU may still be copying into or out of the previous image
    gfx::ImageDesc desc;
    desc.format = format;
    desc.extent = {extent.width, extent.height, 1};
    desc.usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    auto image = gfx::GpuImage::create(m_window->context(), desc, "headset mirror");
    if (!image) return image.error();
    m_eyeImage = std::move(image.value());
    m_eyeExtent = extent;
    m_eyeFov.reset();
    return ok();
}

void XrMirror::recordCopy(VkCommandBuffer cmd, VkImage eyeImage, const XrFovf& fov, const XrPosef& pose) {
    // Left eye (layer 0) into the mirror's own image, which outlives the
    // swapchain image's release to the runtime.
    VkImageMemoryBarrier barriers[2]{};
    barriers[0] = {VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    barriers[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    barriers[0].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    barriers[0].oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    barriers[0].newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    barriers[0].srcQueueFamilyIndex = barriers[0].dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barriers[0].image = eyeImage;
    barriers[0].subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    barriers[1] = barriers[0];
    barriers[1].srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;  // the previous mirror blit read it
    barriers[1].dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    barriers[1].oldLayout = m_eyeFov ? VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL : VK_IMAGE_LAYOUT_UNDEFINED;
    barriers[1].newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    barriers[1].image = m_eyeImage.get();
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 2, barriers);
    VkImageCopy region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.extent = {m_eyeExtent.width, m_eyeExtent.height, 1};
    vkCmdCopyImage(cmd, eyeImage, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, m_eyeImage.get(),
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    // Back to what the runtime expects of a released image; the mirror image
    // rests ready to be read.
    barriers[0].srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    barriers[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    barriers[0].oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    barriers[0].newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    barriers[1].srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    barriers[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    barriers[1].oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    barriers[1].newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0, nullptr,
                         0, nullptr, 2, barriers);
    m_eyeFov = fov;
    m_eyePose = pose;
}

std::optional<XrMirror::Ray> XrMirror::rayThrough(glm::vec2 pixel) const {
    VkExtent2D window = m_window->framebufferSize();
    if (!m_eyeFov || window.width == 0 || window.height == 0) return std::nullopt;
    // Back through the crop present() blits (the same whole pixels) to the
    // eye image, then to the tangents of the eye's asymmetric frustum.
    VkImageBlit crop = cropAroundAxis(*m_eyeFov, m_eyeExtent, window);
    glm::vec2 cropMin(float(crop.srcOffsets[0].x), float(crop.srcOffsets[0].y));
    glm::vec2 cropMax(float(crop.srcOffsets[1].x), float(crop.srcOffsets[1].y));
    glm::vec2 inEye = cropMin + pixel / glm::vec2(float(window.width), float(window.height)) * (cropMax - cropMin);
    glm::vec2 fraction = inEye / glm::vec2(float(m_eyeExtent.width), float(m_eyeExtent.height));
    float tanLeft = std::tan(m_eyeFov->angleLeft), tanRight = std::tan(m_eyeFov->angleRight);
    float tanUp = std::tan(m_eyeFov->angleUp), tanDown = std::tan(m_eyeFov->angleDown);
    glm::vec3 inView(tanLeft + fraction.x * (tanRight - tanLeft), tanUp - fraction.y * (tanUp - tanDown), -1.0f);
    Pose eye = toPose(m_eyePose);
    return Ray{eye.position, glm::normalize(eye.orientation * inView)};
}

Status XrMirror::present(Frame& frame) {
    auto begun = m_window->beginFrame();
    if (!begun) return begun.error();
    Frame& windowFrame = begun.value();
    if (!windowFrame.shouldRender) return m_window->endFrame(windowFrame);
    const gfx::FrameTarget& target = windowFrame.target;
    if (!(target.usage & VK_IMAGE_USAGE_TRANSFER_DST_BIT)) {
        // A window system that forbids copies into its images: the mirror
        // shows the status only (never seen on X11 or Wayland drivers).
        if (!m_pictureRefused) OH_LOG_WARN("this window system does not let the mirror show the headset's view");
        m_pictureRefused = true;
        return m_window->endFrame(windowFrame);
    }
    recordPicture(windowFrame.commandBuffer, target.image, target.extent);
    if (m_overlay) {
        Status drawn = m_overlay(windowFrame.commandBuffer, target.colorView, target.extent, target.usage);
        if (!drawn) {
            (void)m_window->endFrame(windowFrame);
            return drawn;
        }
    }
    windowFrame.captureRequested = frame.captureRequested;
    OH_TRY(m_window->endFrame(windowFrame));
    if (frame.captureRequested) frame.captured = std::move(windowFrame.captured);
    return ok();
}

void XrMirror::recordPicture(VkCommandBuffer cmd, VkImage target, VkExtent2D extent) {
    VkImageMemoryBarrier toDestination{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    toDestination.srcAccessMask = 0;
    toDestination.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    toDestination.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    toDestination.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    toDestination.srcQueueFamilyIndex = toDestination.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    toDestination.image = target;
    toDestination.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &toDestination);
    VkClearColorValue background{{0.02f, 0.02f, 0.025f, 1.0f}};
    VkImageSubresourceRange whole{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdClearColorImage(cmd, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &background, 1, &whole);
    if (m_eyeFov) {
        VkImageBlit blit = cropAroundAxis(*m_eyeFov, m_eyeExtent, extent);
        VkMemoryBarrier afterClear{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        afterClear.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        afterClear.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &afterClear, 0,
                             nullptr, 0, nullptr);
        vkCmdBlitImage(cmd, m_eyeImage.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target,
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
    }
    VkImageMemoryBarrier toPresent = toDestination;
    toPresent.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    toPresent.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    toPresent.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    toPresent.newLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
                         nullptr, 0, nullptr, 1, &toPresent);
}

}  // namespace oh::viewer
