#include "viewer/tour/surface_frames.h"

#include <utility>

#include "core/log.h"
#include "renderer/vk_check.h"

namespace oh::viewer {

// [SECTION] Creation

Result<std::unique_ptr<SurfaceFrames>> SurfaceFrames::create(gfx::GpuContext& context, VkSurfaceKHR surface,
                                                             uint32_t framesInFlight, SurfaceEncoding encoding) {
    std::unique_ptr<SurfaceFrames> frames(new SurfaceFrames(context, surface));
    OH_TRY(frames->init(framesInFlight, encoding));
    return frames;
}

Status SurfaceFrames::init(uint32_t framesInFlight, SurfaceEncoding encoding) {
    // The window library may already have asked the display which queue can
    // present; this is the check the specification requires before creating
    // a swapchain.
    VkBool32 supported = VK_FALSE;
    OH_VK_TRY(vkGetPhysicalDeviceSurfaceSupportKHR(m_context.physicalDevice(), m_context.queueFamily(), m_surface,
                                                   &supported));
    if (!supported) return makeError("the chosen GPU's queue cannot present to this window", kExitNoDevice);
    auto format = chooseSurfaceFormat(m_context.physicalDevice(), m_surface, encoding);
    if (!format) return format.error();
    m_surfaceFormat = format.value();

    auto slots = FrameSlots::create(m_context, framesInFlight);
    if (!slots) return slots.error();
    m_slots = std::move(slots.value());
    VkDevice device = m_context.device();
    for (uint32_t slot = 0; slot < framesInFlight; ++slot) {
        VkSemaphoreCreateInfo semaphoreInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
        VkSemaphore semaphore = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreateSemaphore(device, &semaphoreInfo, nullptr, &semaphore));
        m_imageAcquired.emplace_back(device, semaphore);
    }
    return ok();
}

SurfaceFrames::~SurfaceFrames() {
    waitIdle();
    // The swapchain first: it was made from the surface.
    m_swapchain = Swapchain();
    vkDestroySurfaceKHR(m_context.instance(), m_surface, nullptr);
}

void SurfaceFrames::waitIdle() { vkDeviceWaitIdle(m_context.device()); }

Status SurfaceFrames::recreateSwapchain(VkExtent2D size) {
    // Frames in flight still use the old images, views and semaphores. A
    // resize is rare enough that waiting beats a deletion queue here.
    waitIdle();
    auto fresh = Swapchain::create(m_context, m_surface, m_surfaceFormat, size, m_swapchain.get());
    if (!fresh) return fresh.error();
    m_swapchain = std::move(fresh.value());  // destroys the old one, which the driver has retired
    m_swapchainRequest = size;
    m_swapchainStale = false;
    return ok();
}

// [SECTION] Frames

Result<Frame> SurfaceFrames::beginFrame(VkExtent2D size) {
    Frame frame;
    frame.slot = m_slot;
    FrameSlot& slot = m_slots[m_slot];
    VkDevice device = m_context.device();
    VkFence fence = slot.done.get();
    OH_VK_TRY(vkWaitForFences(device, 1, &fence, VK_TRUE, UINT64_MAX));

    if (size.width == 0 || size.height == 0) return frame;  // minimised: a state, not an error
    if (m_swapchainStale || !m_swapchain || size.width != m_swapchainRequest.width ||
        size.height != m_swapchainRequest.height)
        OH_TRY(recreateSwapchain(size));
    if (!m_swapchain) return frame;

    uint32_t imageIndex = 0;
    VkResult acquired =
        vkAcquireNextImageKHR(device, m_swapchain.get(), UINT64_MAX, m_imageAcquired[m_slot].get(), VK_NULL_HANDLE,
                              &imageIndex);
    if (acquired == VK_ERROR_OUT_OF_DATE_KHR) {
        // Nothing was acquired and the semaphore stays unsignalled: skip this
        // frame and rebuild on the next one.
        m_swapchainStale = true;
        return frame;
    }
    if (acquired == VK_SUBOPTIMAL_KHR) {
        m_swapchainStale = true;  // the image is usable: show it, then rebuild
    } else if (acquired != VK_SUCCESS) {
        return gfx::vkError("vkAcquireNextImageKHR", acquired, __FILE__, __LINE__);
    }

    // Reset only now that this slot will certainly be submitted; an early
    // return above leaves the fence signalled for the next wait.
    OH_VK_TRY(vkResetFences(device, 1, &fence));
    OH_VK_TRY(vkResetCommandBuffer(slot.commandBuffer, 0));
    VkCommandBufferBeginInfo beginInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    beginInfo.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    OH_VK_TRY(vkBeginCommandBuffer(slot.commandBuffer, &beginInfo));

    frame.shouldRender = true;
    frame.target = m_swapchain.target(imageIndex);
    frame.commandBuffer = slot.commandBuffer;
    frame.presenterImage = imageIndex;
    return frame;
}

Status SurfaceFrames::endFrame(Frame& frame) {
    if (!frame.shouldRender) return ok();  // nothing acquired, nothing to submit or present
    FrameSlot& slot = m_slots[frame.slot];
    VkDevice device = m_context.device();
    uint32_t imageIndex = frame.presenterImage;

    bool capture = frame.captureRequested;
    if (capture && !m_swapchain.canCopyFrom()) {
        OH_LOG_WARN("this window system does not allow copying swapchain images: no screenshot");
        capture = false;
    }
    if (capture) {
        VkDeviceSize bytes = VkDeviceSize(frame.target.extent.width) * frame.target.extent.height * 4;
        if (m_captureBuffer.size() != bytes) {
            auto buffer = gfx::GpuBuffer::create(m_context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                                 VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                                     VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                                 "screenshot readback");
            if (!buffer) {
                vkEndCommandBuffer(slot.commandBuffer);
                return buffer.error();
            }
            m_captureBuffer = std::move(buffer.value());
        }
        recordCapture(slot.commandBuffer, m_swapchain.image(imageIndex));
    }
    OH_VK_TRY(vkEndCommandBuffer(slot.commandBuffer));

    // The render pass's first use of the image is its colour write, so that
    // is the stage that waits for the presentation engine to let go of it.
    VkSemaphore acquired = m_imageAcquired[frame.slot].get();
    VkSemaphore renderDone = m_swapchain.renderDone(imageIndex);
    VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.waitSemaphoreCount = 1;
    submit.pWaitSemaphores = &acquired;
    submit.pWaitDstStageMask = &waitStage;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &slot.commandBuffer;
    submit.signalSemaphoreCount = 1;
    submit.pSignalSemaphores = &renderDone;
    OH_VK_TRY(vkQueueSubmit(m_context.queue(), 1, &submit, slot.done.get()));

    VkSwapchainKHR swapchain = m_swapchain.get();
    VkPresentInfoKHR present{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
    present.waitSemaphoreCount = 1;
    present.pWaitSemaphores = &renderDone;
    present.swapchainCount = 1;
    present.pSwapchains = &swapchain;
    present.pImageIndices = &imageIndex;
    VkResult presented = vkQueuePresentKHR(m_context.queue(), &present);
    if (presented == VK_ERROR_OUT_OF_DATE_KHR || presented == VK_SUBOPTIMAL_KHR)
        m_swapchainStale = true;  // the window changed under us: rebuild before the next acquire
    else if (presented != VK_SUCCESS)
        return gfx::vkError("vkQueuePresentKHR", presented, __FILE__, __LINE__);

    m_slot = (m_slot + 1) % uint32_t(m_imageAcquired.size());
    if (capture) {
        VkFence fence = slot.done.get();
        OH_VK_TRY(vkWaitForFences(device, 1, &fence, VK_TRUE, UINT64_MAX));
        frame.captured = readCapture();
        frame.captured.width = frame.target.extent.width;
        frame.captured.height = frame.target.extent.height;
    }
    return ok();
}

// [SECTION] Capture

void SurfaceFrames::recordCapture(VkCommandBuffer cmd, VkImage image) {
    VkExtent2D extent = m_swapchain.extent();
    // The pass left the image ready to present; borrow it for a copy and give it back.
    VkImageMemoryBarrier toCopy{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    toCopy.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    toCopy.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    toCopy.oldLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    toCopy.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    toCopy.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    toCopy.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    toCopy.image = image;
    toCopy.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                         nullptr, 0, nullptr, 1, &toCopy);

    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {extent.width, extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, m_captureBuffer.get(), 1, &region);

    // Presentation is ordered by the render-done semaphore, which waits for
    // everything in the submission: no access mask is needed on the way back.
    VkImageMemoryBarrier toPresent = toCopy;
    toPresent.srcAccessMask = 0;
    toPresent.dstAccessMask = 0;
    toPresent.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    toPresent.newLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    VkBufferMemoryBarrier toHost{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER};
    toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    toHost.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    toHost.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    toHost.buffer = m_captureBuffer.get();
    toHost.size = VK_WHOLE_SIZE;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0, nullptr, 1, &toHost,
                         0, nullptr);
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0, 0, nullptr,
                         0, nullptr, 1, &toPresent);
}

RgbaImage SurfaceFrames::readCapture() const {
    RgbaImage image;
    const auto* source = static_cast<const uint8_t*>(m_captureBuffer.mapped());
    image.pixels.assign(source, source + m_captureBuffer.size());
    bool bgra = m_surfaceFormat.format == VK_FORMAT_B8G8R8A8_SRGB || m_surfaceFormat.format == VK_FORMAT_B8G8R8A8_UNORM;
    for (size_t p = 0; p + 3 < image.pixels.size(); p += 4) {
        if (bgra) std::swap(image.pixels[p], image.pixels[p + 2]);
        image.pixels[p + 3] = 255;  // the window is opaque whatever the pass wrote to alpha
    }
    return image;
}

}  // namespace oh::viewer
