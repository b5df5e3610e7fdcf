#include "viewer/desktop/desktop_presenter.h"

#define GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/log.h"
#include "renderer/vk_check.h"

namespace oh::viewer {
namespace {

// GLFW reports errors through a callback only. Failing to open a window is an
// expected outcome (no display: previews instead), so errors are debug lines;
// whoever acts on a failure says what happened.
void logGlfwError(int code, const char* description) {
    OH_LOG_DEBUG("GLFW error 0x%x: %s", code, description ? description : "(no text)");
}

const char* glfwErrorText() {
    const char* description = nullptr;
    glfwGetError(&description);
    return description ? description : "unknown GLFW error";
}

}  // namespace

// [SECTION] Ownership helpers

DesktopPresenter::GlfwLibrary::~GlfwLibrary() {
    if (initialised) glfwTerminate();
}

void DesktopPresenter::WindowDeleter::operator()(GLFWwindow* window) const { glfwDestroyWindow(window); }

DesktopPresenter::SurfaceHandle::~SurfaceHandle() {
    if (surface) vkDestroySurfaceKHR(instance, surface, nullptr);
}

bool DesktopInput::pressed(int key) const {
    return std::find(keysPressed.begin(), keysPressed.end(), key) != keysPressed.end();
}

bool DesktopInput::held(int key) const { return std::find(keysHeld.begin(), keysHeld.end(), key) != keysHeld.end(); }

// [SECTION] Creation

Result<std::unique_ptr<DesktopPresenter>> DesktopPresenter::create(const DesktopOptions& options) {
    std::unique_ptr<DesktopPresenter> presenter(new DesktopPresenter(options));
    OH_TRY(presenter->init());
    return presenter;
}

Status DesktopPresenter::init() {
    glfwSetErrorCallback(&logGlfwError);
    if (!glfwInit()) return makeError(std::string("no display: ") + glfwErrorText(), kExitNoDisplay);
    m_glfw.initialised = true;
    if (!glfwVulkanSupported())
        return makeError("cannot open a window: GLFW found no Vulkan loader (install libvulkan1 and a driver)",
                         kExitNoDevice);

    // GLFW_NO_API: the window gets no OpenGL context; Vulkan draws into it.
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);  // shown once there is something to draw
    m_window.reset(glfwCreateWindow(m_options.width, m_options.height, m_options.title.c_str(), nullptr, nullptr));
    if (!m_window) return makeError(std::string("cannot open a window: ") + glfwErrorText(), kExitNoDisplay);
    glfwSetWindowUserPointer(m_window.get(), this);
    installInputCallbacks();

    // The context: GLFW's surface extensions, VK_KHR_swapchain, and a queue
    // family that can present to this display.
    gfx::ContextOptions contextOptions;
    uint32_t extensionCount = 0;
    const char** extensions = glfwGetRequiredInstanceExtensions(&extensionCount);
    if (!extensions) return makeError(std::string("cannot use Vulkan with this display: ") + glfwErrorText(), kExitNoDevice);
    contextOptions.instanceExtensions.assign(extensions, extensions + extensionCount);
    contextOptions.deviceExtensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
    contextOptions.queueFamilyFilter = [](VkInstance instance, VkPhysicalDevice gpu, uint32_t family) {
        return glfwGetPhysicalDevicePresentationSupport(instance, gpu, family) == GLFW_TRUE;
    };
    if (m_options.configureContext) m_options.configureContext(contextOptions);
    auto context = gfx::GpuContext::create(contextOptions);
    if (!context) return context.error();
    m_context = std::move(context.value());
    VkDevice device = m_context->device();

    m_surface.instance = m_context->instance();
    VkResult surfaceResult = glfwCreateWindowSurface(m_context->instance(), m_window.get(), nullptr, &m_surface.surface);
    if (surfaceResult != VK_SUCCESS)
        return makeError(std::string("cannot draw into the window with Vulkan (") + gfx::vkResultName(surfaceResult) +
                             "): " + glfwErrorText(),
                         kExitNoDevice);
    // The queue family filter above already asked the display; the surface
    // check is the one the specification requires before creating a swapchain.
    VkBool32 supported = VK_FALSE;
    OH_VK_TRY(vkGetPhysicalDeviceSurfaceSupportKHR(m_context->physicalDevice(), m_context->queueFamily(),
                                                   m_surface.surface, &supported));
    if (!supported) return makeError("the chosen GPU's queue cannot present to this window", kExitNoDevice);

    auto format = chooseSurfaceFormat(m_context->physicalDevice(), m_surface.surface);
    if (!format) return format.error();
    m_surfaceFormat = format.value();
    OH_TRY(recreateSwapchain(framebufferSize()));

    auto slots = FrameSlots::create(*m_context, kFramesInFlight);
    if (!slots) return slots.error();
    m_slots = std::move(slots.value());
    for (gfx::UniqueSemaphore& acquired : m_imageAcquired) {
        VkSemaphoreCreateInfo semaphoreInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
        VkSemaphore semaphore = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreateSemaphore(device, &semaphoreInfo, nullptr, &semaphore));
        acquired = gfx::UniqueSemaphore(device, semaphore);
    }
    return ok();
}

DesktopPresenter::~DesktopPresenter() { waitIdle(); }

void DesktopPresenter::waitIdle() {
    if (m_context) vkDeviceWaitIdle(m_context->device());
}

gfx::RendererOptions DesktopPresenter::rendererOptions() const {
    gfx::RendererOptions options;
    options.colorFormat = m_surfaceFormat.format;  // kept when the swapchain is rebuilt
    options.viewCount = 1;
    options.finalLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    options.framesInFlight = kFramesInFlight;
    return options;
}

Status DesktopPresenter::recreateSwapchain(VkExtent2D size) {
    // Frames in flight still use the old images, views and semaphores. A
    // resize is rare enough that waiting beats a deletion queue here.
    waitIdle();
    auto fresh = Swapchain::create(*m_context, m_surface.surface, m_surfaceFormat, size, m_swapchain.get());
    if (!fresh) return fresh.error();
    m_swapchain = std::move(fresh.value());  // destroys the old one, which the driver has retired
    m_swapchainRequest = size;
    m_swapchainStale = false;
    return ok();
}

// [SECTION] Window and input

VkExtent2D DesktopPresenter::framebufferSize() const {
    int width = 0, height = 0;
    glfwGetFramebufferSize(m_window.get(), &width, &height);
    return {uint32_t(std::max(width, 0)), uint32_t(std::max(height, 0))};
}

void DesktopPresenter::show() { glfwShowWindow(m_window.get()); }
void DesktopPresenter::setWindowSize(int width, int height) { glfwSetWindowSize(m_window.get(), width, height); }
void DesktopPresenter::requestClose() { glfwSetWindowShouldClose(m_window.get(), GLFW_TRUE); }

void DesktopPresenter::installInputCallbacks() {
    glfwSetCursorPosCallback(m_window.get(), &DesktopPresenter::onCursor);
    glfwSetScrollCallback(m_window.get(), &DesktopPresenter::onScroll);
    glfwSetKeyCallback(m_window.get(), &DesktopPresenter::onKey);
    glfwSetMouseButtonCallback(m_window.get(), &DesktopPresenter::onMouseButton);
}

void DesktopPresenter::onCursor(GLFWwindow* window, double x, double y) {
    auto* self = static_cast<DesktopPresenter*>(glfwGetWindowUserPointer(window));
    glm::dvec2 cursor(x, y);
    if (!self->m_cursorKnown) {
        self->m_cursor = cursor;
        self->m_cursorKnown = true;
        return;
    }
    // Cursor positions are in screen coordinates; drags are reported in
    // framebuffer pixels so panning tracks the image on high-DPI screens too.
    int windowWidth = 0, windowHeight = 0, pixelWidth = 0, pixelHeight = 0;
    glfwGetWindowSize(window, &windowWidth, &windowHeight);
    glfwGetFramebufferSize(window, &pixelWidth, &pixelHeight);
    glm::dvec2 scale(windowWidth > 0 ? double(pixelWidth) / windowWidth : 1.0,
                     windowHeight > 0 ? double(pixelHeight) / windowHeight : 1.0);
    glm::vec2 delta = glm::vec2((cursor - self->m_cursor) * scale);
    self->m_cursor = cursor;
    DesktopInput& input = self->m_input;
    if (glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS) input.leftDrag += delta;
    if (glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS) input.rightDrag += delta;
    if (glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_MIDDLE) == GLFW_PRESS) input.middleDrag += delta;
}

void DesktopPresenter::onMouseButton(GLFWwindow* window, int button, int action, int) {
    auto* self = static_cast<DesktopPresenter*>(glfwGetWindowUserPointer(window));
    if (button != GLFW_MOUSE_BUTTON_LEFT) return;
    glm::vec2 cursor = self->cursorInPixels();
    if (action == GLFW_PRESS) {
        self->m_pressCursor = cursor;
    } else if (action == GLFW_RELEASE && self->m_pressCursor) {
        // A click, not the end of a drag: the cursor barely moved.
        if (glm::length(cursor - *self->m_pressCursor) <= 4.0f) self->m_input.click = cursor;
        self->m_pressCursor.reset();
    }
}

glm::vec2 DesktopPresenter::cursorInPixels() const {
    int windowWidth = 0, windowHeight = 0, pixelWidth = 0, pixelHeight = 0;
    glfwGetWindowSize(m_window.get(), &windowWidth, &windowHeight);
    glfwGetFramebufferSize(m_window.get(), &pixelWidth, &pixelHeight);
    double x = 0.0, y = 0.0;
    glfwGetCursorPos(m_window.get(), &x, &y);
    return {float(x * (windowWidth > 0 ? double(pixelWidth) / windowWidth : 1.0)),
            float(y * (windowHeight > 0 ? double(pixelHeight) / windowHeight : 1.0))};
}

void DesktopPresenter::onScroll(GLFWwindow* window, double, double dy) {
    auto* self = static_cast<DesktopPresenter*>(glfwGetWindowUserPointer(window));
    self->m_input.scroll += float(dy);
}

void DesktopPresenter::onKey(GLFWwindow* window, int key, int, int action, int) {
    auto* self = static_cast<DesktopPresenter*>(glfwGetWindowUserPointer(window));
    if (action == GLFW_PRESS && key != GLFW_KEY_UNKNOWN) self->m_input.keysPressed.push_back(key);
}

bool DesktopPresenter::pollEvents() {
    m_input = DesktopInput{};
    glfwPollEvents();
    static constexpr int kMovementKeys[] = {GLFW_KEY_W,    GLFW_KEY_A,          GLFW_KEY_S,     GLFW_KEY_D,
                                            GLFW_KEY_UP,   GLFW_KEY_DOWN,       GLFW_KEY_LEFT,  GLFW_KEY_RIGHT,
                                            GLFW_KEY_Q,    GLFW_KEY_E,          GLFW_KEY_LEFT_SHIFT,
                                            GLFW_KEY_RIGHT_SHIFT};
    for (int key : kMovementKeys)
        if (glfwGetKey(m_window.get(), key) == GLFW_PRESS) m_input.keysHeld.push_back(key);
    m_input.cursor = cursorInPixels();
    // Minimised (0x0): nothing can be drawn, so sleep in the event queue
    // rather than spin; beginFrame still copes if the size drops to 0 later.
    while (m_options.sleepWhileMinimised && !glfwWindowShouldClose(m_window.get())) {
        VkExtent2D size = framebufferSize();
        if (size.width != 0 && size.height != 0) break;
        glfwWaitEvents();
    }
    return !glfwWindowShouldClose(m_window.get());
}

// [SECTION] Frames

Result<Frame> DesktopPresenter::beginFrame() {
    Frame frame;
    frame.slot = m_slot;
    FrameSlot& slot = m_slots[m_slot];
    VkDevice device = m_context->device();
    VkFence fence = slot.done.get();
    OH_VK_TRY(vkWaitForFences(device, 1, &fence, VK_TRUE, UINT64_MAX));

    VkExtent2D size = framebufferSize();
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

    VkExtent2D extent = m_swapchain.extent();
    // The same frustum as gfx::perspective(fov, aspect): headless renders of a
    // view match the window's.
    float halfY = m_options.verticalFovRadians * 0.5f;
    float halfX = std::atan(std::tan(halfY) * float(extent.width) / float(extent.height));
    FrameView view;
    view.angleLeft = -halfX;
    view.angleRight = halfX;
    view.angleUp = halfY;
    view.angleDown = -halfY;

    frame.shouldRender = true;
    frame.target = m_swapchain.target(imageIndex);
    frame.views = {view};
    frame.commandBuffer = slot.commandBuffer;
    frame.presenterImage = imageIndex;
    return frame;
}

Status DesktopPresenter::endFrame(Frame& frame) {
    if (!frame.shouldRender) return ok();  // nothing acquired, nothing to submit or present
    FrameSlot& slot = m_slots[frame.slot];
    VkDevice device = m_context->device();
    uint32_t imageIndex = frame.presenterImage;

    bool capture = frame.captureRequested;
    if (capture && !m_swapchain.canCopyFrom()) {
        OH_LOG_WARN("this window system does not allow copying swapchain images: no screenshot");
        capture = false;
    }
    if (capture) {
        VkDeviceSize bytes = VkDeviceSize(frame.target.extent.width) * frame.target.extent.height * 4;
        if (m_captureBuffer.size() != bytes) {
            auto buffer = gfx::GpuBuffer::create(*m_context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
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
    OH_VK_TRY(vkQueueSubmit(m_context->queue(), 1, &submit, slot.done.get()));

    VkSwapchainKHR swapchain = m_swapchain.get();
    VkPresentInfoKHR present{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
    present.waitSemaphoreCount = 1;
    present.pWaitSemaphores = &renderDone;
    present.swapchainCount = 1;
    present.pSwapchains = &swapchain;
    present.pImageIndices = &imageIndex;
    VkResult presented = vkQueuePresentKHR(m_context->queue(), &present);
    if (presented == VK_ERROR_OUT_OF_DATE_KHR || presented == VK_SUBOPTIMAL_KHR)
        m_swapchainStale = true;  // the window changed under us: rebuild before the next acquire
    else if (presented != VK_SUCCESS)
        return gfx::vkError("vkQueuePresentKHR", presented, __FILE__, __LINE__);

    m_slot = (m_slot + 1) % kFramesInFlight;
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

void DesktopPresenter::recordCapture(VkCommandBuffer cmd, VkImage image) {
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

RgbaImage DesktopPresenter::readCapture() const {
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
