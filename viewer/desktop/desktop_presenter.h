// DesktopPresenter: a GLFW window shown through a Vulkan swapchain — the
// flat-screen Presenter. Owns the window, the GPU context (created with the
// window system's instance extensions and a queue that can present to it),
// the surface, the swapchain and two frames in flight. Also collects the
// window's mouse and keyboard input for the app (see DesktopInput).
//
// Not for: what the input means (orbit_camera.h), the scene or the renderer.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "renderer/gpu_resources.h"
#include "viewer/tour/default_view.h"
#include "viewer/tour/presenter.h"
#include "viewer/tour/surface_frames.h"

struct GLFWwindow;

namespace oh::viewer {

struct DesktopOptions {
    std::string title;   // UTF-8
    int width = 1280;    // window size in screen coordinates
    int height = 800;
    float verticalFovRadians = kDefaultFovRadians;
    // Adjusts how the GPU context is made (a headset's runtime creates the
    // instance and device when the window is its mirror).
    std::function<void(gfx::ContextOptions&)> configureContext;
    // Minimised, pollEvents sleeps until the window is back: nothing else is
    // shown. A headset's mirror must not stop the headset, so it says false.
    bool sleepWhileMinimised = true;
};

// What the mouse and keyboard did since the previous pollEvents.
struct DesktopInput {
    // Cursor movement in framebuffer pixels (+x right, +y down) while each button was held.
    glm::vec2 leftDrag{0.0f};
    glm::vec2 rightDrag{0.0f};
    glm::vec2 middleDrag{0.0f};
    float scroll = 0.0f;           // wheel notches, positive away from the user
    std::vector<int> keysPressed;  // GLFW_KEY_* codes, in order
    std::vector<int> keysHeld;     // movement keys down now (WASD, arrows, Shift, Q/E)
    // The left button went down and up without dragging: where (framebuffer pixels).
    std::optional<glm::vec2> click;
    glm::vec2 cursor{0.0f};        // framebuffer pixels

    bool pressed(int key) const;
    bool held(int key) const;
};

class DesktopPresenter final : public Presenter {
public:
    static constexpr uint32_t kFramesInFlight = 2;

    // Opens the window (hidden until show()) and sets up Vulkan for it.
    // When no window can be opened at all (no display, GLFW cannot start) the
    // error's exitCode is kExitNoDisplay and its message says why, for a debug log
    // only: the caller falls back to rendering without a window.
    static Result<std::unique_ptr<DesktopPresenter>> create(const DesktopOptions& options);
    ~DesktopPresenter() override;
    DesktopPresenter(const DesktopPresenter&) = delete;
    DesktopPresenter& operator=(const DesktopPresenter&) = delete;

    // Presenter
    gfx::GpuContext& context() override { return *m_context; }
    gfx::RendererOptions rendererOptions() const override;
    bool pollEvents() override;
    Result<Frame> beginFrame() override;
    Status endFrame(Frame& frame) override;
    void waitIdle() override;

    const DesktopInput& input() const { return m_input; }
    GLFWwindow* window() const { return m_window.get(); }
    uint32_t swapchainImageCount() const { return m_frames->imageCount(); }
    VkExtent2D framebufferSize() const;
    float verticalFovRadians() const { return m_options.verticalFovRadians; }
    void show();
    // Resizes the window (scripted runs); the swapchain follows on the next beginFrame.
    void setWindowSize(int width, int height);
    void requestClose();

private:
    struct GlfwLibrary {  // glfwInit / glfwTerminate
        bool initialised = false;
        ~GlfwLibrary();
    };
    struct WindowDeleter {
        void operator()(GLFWwindow* window) const;
    };

    explicit DesktopPresenter(const DesktopOptions& options) : m_options(options) {}
    Status init();
    void installInputCallbacks();

    static void onCursor(GLFWwindow* window, double x, double y);
    static void onScroll(GLFWwindow* window, double dx, double dy);
    static void onMouseButton(GLFWwindow* window, int button, int action, int mods);
    glm::vec2 cursorInPixels() const;
    static void onKey(GLFWwindow* window, int key, int scancode, int action, int mods);

    DesktopOptions m_options;
    // Declared in creation order: destroyed in reverse.
    GlfwLibrary m_glfw;
    std::unique_ptr<GLFWwindow, WindowDeleter> m_window;
    std::unique_ptr<gfx::GpuContext> m_context;
    std::unique_ptr<SurfaceFrames> m_frames;  // the window's surface, swapchain and frames in flight

    DesktopInput m_input;
    glm::dvec2 m_cursor{0.0};
    bool m_cursorKnown = false;
    std::optional<glm::vec2> m_pressCursor;  // where the left button went down
};

}  // namespace oh::viewer
