// The desktop viewer: wires a model, the renderer, an orbit camera and a
// DesktopPresenter together, then hands them to the presenter-agnostic app
// loop (app_loop.h). Keys: F frames the whole model again, F12 saves a
// screenshot. Scripted runs (--frames, --screenshot, --script-resize) are
// what the window tests drive.
#include "viewer/desktop_viewer.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "core/file_io.h"
#include "core/image.h"
#include "core/log.h"
#include "renderer/camera.h"
#include "renderer/environment.h"
#include "renderer/gltf_import.h"
#include "renderer/gpu_scene.h"
#include "renderer/renderer.h"
#include "viewer/app_loop.h"
#include "viewer/default_view.h"
#include "viewer/desktop_presenter.h"
#include "viewer/orbit_camera.h"
#include "viewer/tour_panel.h"
#include "viewer/ui_overlay.h"
#include "viewer/validation_exit.h"

namespace oh::viewer {
namespace {

int fail(const Error& error) {
    OH_LOG_ERROR("%s", error.message.c_str());
    return error.exitCode;
}

// "OpenHouse — home-theater": the file's name, not the glTF scene's, which
// exporters mostly leave at a default ("Scene").
std::string windowTitle(const std::filesystem::path& model) {
    return "OpenHouse \xE2\x80\x94 " + displayPath(model.stem());  // U+2014 em dash, UTF-8
}

// ./openhouse-screenshot-<n>.png with the first n not taken, so F12 never
// overwrites an earlier screenshot.
std::filesystem::path nextScreenshotPath() {
    for (int n = 1;; ++n) {
        std::filesystem::path path = "openhouse-screenshot-" + std::to_string(n) + ".png";
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) return path;
    }
}

class DesktopApp final : public AppDelegate {
public:
    DesktopApp(DesktopPresenter& presenter, UiOverlay& overlay, const DesktopRequest& request,
               const scene::Scene& scene)
        : m_presenter(presenter),
          m_overlay(overlay),
          m_request(request),
          m_scene(scene),
          m_modelName(displayPath(request.input.filename())),
          m_camera(scene.bounds, presenter.verticalFovRadians(), aspect()),
          m_showPanel(request.showOverlay) {}

    bool update() override {
        if (m_request.maxFrames > 0 && m_framesShown >= uint64_t(m_request.maxFrames)) return false;
        m_updateStart = std::chrono::steady_clock::now();
        const DesktopInput& input = m_presenter.input();
        bool keyboardFree = !m_overlay.capturesKeyboard();
        if (keyboardFree && input.pressed(GLFW_KEY_F)) m_camera.frameAll(aspect());
        if (input.pressed(GLFW_KEY_F1)) m_showPanel = !m_showPanel;
        if (input.pressed(GLFW_KEY_F12)) m_screenshotKey = true;
        if (!m_overlay.capturesMouse()) {
            m_camera.rotate(input.leftDrag);
            m_camera.pan(input.rightDrag + input.middleDrag, float(m_presenter.framebufferSize().height));
            m_camera.zoom(input.scroll);
        }
        m_overlay.beginFrame();
        if (m_showPanel) {
            if (auto jump = drawTourPanel(m_modelName, m_scene, m_timing, m_panelState)) jumpTo(*jump);
        }
        return true;
    }

    glm::mat4 referenceFromWorld() const override { return m_camera.viewMatrix(); }

    Status frameRecorded(Frame& frame, const gfx::FrameStats& stats) override {
        OH_TRY(m_overlay.record(frame.commandBuffer, frame.target.colorView, frame.target.extent, frame.target.usage));
        frame.captureRequested = m_screenshotKey || lastScriptedShot();
        // Smoothed so the panel's numbers can be read.
        auto now = std::chrono::steady_clock::now();
        double cpu = std::chrono::duration<double, std::milli>(now - m_updateStart).count();
        double frameTime = m_lastFrame ? std::chrono::duration<double, std::milli>(now - *m_lastFrame).count() : 0.0;
        m_timing.cpuMilliseconds += (cpu - m_timing.cpuMilliseconds) * 0.1;
        m_timing.frameMilliseconds += (frameTime - m_timing.frameMilliseconds) * 0.1;
        m_timing.stats = stats;
        m_lastFrame = now;
        return ok();
    }

    Status frameShown(Frame& frame) override {
        if (frame.captureRequested) {
            if (frame.captured.pixels.empty()) {
                // The window system refused copies (already logged); a scripted run needs its image.
                if (lastScriptedShot())
                    return makeError("cannot save " + displayPath(m_request.screenshotPath) +
                                         ": this window system does not allow reading the window's image back",
                                     kExitNoDevice);
            } else {
                if (lastScriptedShot()) OH_TRY(save(frame.captured, m_request.screenshotPath));
                if (m_screenshotKey) {
                    // A failed F12 screenshot is reported but does not close the viewer.
                    if (Status saved = save(frame.captured, nextScreenshotPath()); !saved)
                        OH_LOG_ERROR("%s", saved.error().message.c_str());
                }
            }
            m_screenshotKey = false;
        }
        ++m_framesShown;
        if (m_request.resizeAtFrame > 0 && m_framesShown == uint64_t(m_request.resizeAtFrame))
            m_presenter.setWindowSize(m_request.resizeWidth, m_request.resizeHeight);
        return ok();
    }

private:
    void jumpTo(const PanelJump& jump) {
        if (jump.kind == PanelJump::Kind::Camera) {
            const scene::Camera& camera = m_scene.cameras[jump.index];
            glm::mat4 world = glm::inverse(gfx::cameraViewMatrix(camera));
            glm::vec3 forward = -glm::normalize(glm::vec3(world[2]));
            gfx::Viewpoint viewpoint{glm::vec3(world[3]), std::atan2(-forward.x, -forward.z),
                                     std::asin(std::clamp(forward.y, -1.0f, 1.0f))};
            m_camera.lookFrom(viewpoint, std::max(glm::length(m_scene.bounds.size()) * 0.25f, 0.1f));
        } else {
            m_camera.frame(nodeBounds(m_scene, jump.index), aspect());
        }
    }

    float aspect() const {
        VkExtent2D size = m_presenter.framebufferSize();
        return size.height > 0 ? float(size.width) / float(size.height) : 1.0f;
    }
    // The frame being shown is the last of a scripted run that wants a screenshot.
    bool lastScriptedShot() const {
        return m_request.maxFrames > 0 && !m_request.screenshotPath.empty() &&
               m_framesShown + 1 == uint64_t(m_request.maxFrames);
    }
    static Status save(const RgbaImage& image, const std::filesystem::path& path) {
        OH_TRY(writePng(path, image));
        OH_LOG_INFO("screenshot saved: %s (%ux%u)", displayPath(path).c_str(), image.width, image.height);
        return ok();
    }

    DesktopPresenter& m_presenter;
    UiOverlay& m_overlay;
    const DesktopRequest& m_request;
    const scene::Scene& m_scene;
    std::string m_modelName;
    OrbitCamera m_camera;
    bool m_showPanel = true;
    TourPanelState m_panelState;
    FrameTiming m_timing;
    std::chrono::steady_clock::time_point m_updateStart;
    std::optional<std::chrono::steady_clock::time_point> m_lastFrame;
    bool m_screenshotKey = false;  // F12 was pressed: capture the next frame
    uint64_t m_framesShown = 0;
};

// Everything drawn with the presenter's GPU context lives in here, so it is
// all gone (and any validation message its destruction causes counted)
// before the caller checks the validation count.
int showModel(DesktopPresenter& presenter, const DesktopRequest& request) {
    gfx::GpuContext& context = presenter.context();
    auto imported = gltf::importFile(request.input);
    if (!imported) return fail(imported.error());
    for (const std::string& warning : imported->warnings) OH_LOG_WARN("%s", warning.c_str());
    const scene::Scene& scene = imported->scene;

    // Declared in creation order: each is destroyed before what it uses.
    auto environment = request.environment.empty() ? gfx::Environment::createDefaultSky(context)
                                                   : gfx::Environment::createFromFile(context, request.environment);
    if (!environment) return fail(environment.error());
    auto renderer = gfx::Renderer::create(context, environment.value(), presenter.rendererOptions());
    if (!renderer) return fail(renderer.error());
    auto gpuScene = gfx::GpuScene::upload(context, scene, (*renderer)->materialSetLayout());
    if (!gpuScene) return fail(gpuScene.error());

    UiOverlayOptions overlayOptions;
    overlayOptions.window = presenter.window();
    overlayOptions.colorFormat = presenter.rendererOptions().colorFormat;
    overlayOptions.layout = presenter.rendererOptions().finalLayout;
    overlayOptions.imageCount = presenter.swapchainImageCount();
    auto overlay = UiOverlay::create(context, overlayOptions);
    if (!overlay) return fail(overlay.error());

    presenter.show();
    DesktopApp app(presenter, **overlay, request, scene);
    auto stats = runAppLoop(presenter, **renderer, gpuScene.value(), app);  // returns with the GPU idle
    if (!stats) return fail(stats.error());
    if (stats->framesRendered > 0) {
        VkExtent2D size = presenter.framebufferSize();
        OH_LOG_INFO("%llu frames in %.2f s (%.1f ms per frame at %ux%u)",
                    static_cast<unsigned long long>(stats->framesRendered), stats->seconds,
                    1000.0 * stats->seconds / double(stats->framesRendered), size.width, size.height);
    }
    return kExitOk;
}

}  // namespace

int runDesktopViewer(const DesktopRequest& request) {
    if (request.width <= 0 || request.height <= 0) return fail(makeError("the window size must be positive"));

    // The window comes first: with no display we return before the slow
    // import, which the caller's preview fallback would only repeat.
    DesktopOptions options;
    options.title = windowTitle(request.input);
    options.width = request.width;
    options.height = request.height;
    options.verticalFovRadians = kDefaultFovRadians;
    auto presenter = DesktopPresenter::create(options);
    if (!presenter) {
        if (presenter.error().exitCode != kNoDisplay) return fail(presenter.error());
        OH_LOG_DEBUG("%s", presenter.error().message.c_str());
        return kNoDisplay;
    }
    int result = showModel(**presenter, request);
    if (result != kExitOk) return result;
    return validationExitCode((*presenter)->context());
}

}  // namespace oh::viewer
