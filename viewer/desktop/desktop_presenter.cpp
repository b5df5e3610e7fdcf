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

    VkSurfaceKHR surface = VK_NULL_HANDLE;
    VkResult surfaceResult = glfwCreateWindowSurface(m_context->instance(), m_window.get(), nullptr, &surface);
    if (surfaceResult != VK_SUCCESS)
        return makeError(std::string("cannot draw into the window with Vulkan (") + gfx::vkResultName(surfaceResult) +
                             "): " + glfwErrorText(),
                         kExitNoDevice);
    auto frames = SurfaceFrames::create(*m_context, surface, kFramesInFlight);
    if (!frames) return frames.error();
    m_frames = std::move(frames.value());
    return ok();
}

DesktopPresenter::~DesktopPresenter() { waitIdle(); }

void DesktopPresenter::waitIdle() {
    if (m_frames) m_frames->waitIdle();
}

gfx::RendererOptions DesktopPresenter::rendererOptions() const {
    gfx::RendererOptions options;
    options.colorFormat = m_frames->colorFormat();  // kept when the swapchain is rebuilt
    options.viewCount = 1;
    options.finalLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    options.framesInFlight = kFramesInFlight;
    return options;
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
    auto begun = m_frames->beginFrame(framebufferSize());
    if (!begun || !begun->shouldRender) return begun;
    Frame& frame = begun.value();
    // The same frustum as gfx::perspective(fov, aspect): headless renders of a
    // view match the window's.
    VkExtent2D extent = frame.target.extent;
    float halfY = m_options.verticalFovRadians * 0.5f;
    float halfX = std::atan(std::tan(halfY) * float(extent.width) / float(extent.height));
    FrameView view;
    view.angleLeft = -halfX;
    view.angleRight = halfX;
    view.angleUp = halfY;
    view.angleDown = -halfY;
    frame.views = {view};
    return begun;
}

Status DesktopPresenter::endFrame(Frame& frame) { return m_frames->endFrame(frame); }

}  // namespace oh::viewer
