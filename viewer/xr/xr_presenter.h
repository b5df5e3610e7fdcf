// XrPresenter: the headset as a Presenter — an OpenXR session showing the
// renderer's two views (swapchains: xr_swapchains.h), with the agent's mirror
// (xr_mirror.h) beside it. It owns the runtime connection and the session life
// cycle so the tour survives what happens in a branch: the headset taken off
// and put back on (STOPPING → IDLE → READY), a lost session, and the runtime
// going away (it retries every few seconds and continues with the same GPU
// objects when the runtime is back).
//
//   frame loop: pollEvents (window + runtime events) → beginFrame (xrWaitFrame,
//   xrBeginFrame, controllers synced, xrLocateViews, images acquired) → the app
//   records → endFrame (submit, release, xrEndFrame, mirror presented)
//
// Not for: what the tour does with input, what the mirror's status says (the
// app draws the mirror's overlay through setMirrorOverlay), or how the
// swapchains, the mirror and the frame statistics work inside.
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "viewer/desktop/desktop_presenter.h"
#include "viewer/tour/frame_slots.h"
#include "viewer/tour/presenter.h"
#include "viewer/xr/locomotion.h"
#include "viewer/xr/xr_frame_timing.h"
#include "viewer/xr/xr_input.h"
#include "viewer/xr/xr_mirror.h"
#include "viewer/xr/xr_runtime.h"
#include "viewer/xr/xr_swapchains.h"

namespace oh::viewer {

struct XrPresenterOptions {
    std::string mirrorTitle = "OpenHouse";
    int mirrorWidth = 1280;  // the agent's window; no window (no display) is fine
    int mirrorHeight = 800;
    bool validation = false;    // OpenXR API-layer messages are counted (tests)
    float retrySeconds = 3.0f;  // between attempts to reach a lost runtime or session
    uint32_t msaaSamples = 4;
    gfx::RendererOptions::ViewPasses viewPasses = gfx::RendererOptions::ViewPasses::Auto;
};

// Where the headset stands, for the mirror's status line and the app.
struct HeadsetStatus {
    enum class Phase {
        Waiting,   // session exists but the runtime shows nothing (headset off, not yet ready)
        Running,   // frames go to the headset
        Retrying,  // session or runtime lost: trying again every few seconds
    };
    Phase phase = Phase::Waiting;
    std::string runtimeName;
    std::string systemName;
    std::string message;  // one line for the agent: what is happening
    XrSessionState sessionState = XR_SESSION_STATE_UNKNOWN;
    bool focused = false;           // the tour has the controllers
    double displayHz = 0.0;         // from the runtime's predicted display period
    double cpuMilliseconds = 0.0;   // this thread's CPU time per frame, whole loop iteration (average)
    uint32_t sessionsStarted = 0;   // xrBeginSession calls
    uint32_t runtimeReconnects = 0;
};

class XrPresenter final : public Presenter {
public:
    static constexpr uint32_t kFramesInFlight = 2;
    using MirrorOverlay = XrMirror::Overlay;  // draws the mirror's status (see there)

    // Errors with exitCode kExitNoXrRuntime / kExitNoHeadset mean "use the desktop";
    // their messages say why in one line.
    static Result<std::unique_ptr<XrPresenter>> create(const XrPresenterOptions& options);
    ~XrPresenter() override;
    XrPresenter(const XrPresenter&) = delete;
    XrPresenter& operator=(const XrPresenter&) = delete;

    // Presenter
    gfx::GpuContext& context() override { return m_mirror ? m_mirror->window().context() : *m_context; }
    gfx::RendererOptions rendererOptions() const override;
    bool pollEvents() override;
    Result<Frame> beginFrame() override;
    Status endFrame(Frame& frame) override;
    void waitIdle() override;

    // Submits depth with each frame (XR_KHR_composition_layer_depth, when the
    // runtime offers it and this format) so the runtime reprojects better.
    // `format`: the renderer's depth format (gfx::Renderer::depthFormat()),
    // known only once the renderer exists; rendererOptions() already asked
    // for depth output when the runtime has depth layers.
    Status submitDepth(VkFormat format);

    // The mirror window, or null when there is no display.
    DesktopPresenter* mirror() const { return m_mirror ? &m_mirror->window() : nullptr; }
    void setMirrorOverlay(MirrorOverlay overlay) {
        if (m_mirror) m_mirror->setOverlay(std::move(overlay));
    }

    // The ray through a pixel of the mirror window (the agent's click), in
    // the reference space; none without a mirror or before its first picture.
    std::optional<XrMirror::Ray> mirrorRay(glm::vec2 pixel) const {
        return m_mirror ? m_mirror->rayThrough(pixel) : std::nullopt;
    }

    const HeadsetStatus& status() const { return m_status; }
    TrackingFloor trackingFloor() const { return m_trackingFloor; }
    // The head in the reference space at the last frame's display time.
    const std::optional<Pose>& head() const { return m_head; }
    // The runtime's predicted display time of the frame being drawn, in
    // seconds (its clock); none before the first frame.
    std::optional<double> displayTimeSeconds() const { return m_displayTime; }
    // Controllers at the last frame's display time (idle when not focused).
    const ControllerState& controller(Hand hand) const;
    void pulse(Hand hand, float amplitude, float seconds);
    // Counts the runtime's "the reference space moved" events (the user
    // recentred with the headset's own button): the app recentres the tour.
    uint32_t recentreRequests() const { return m_recentreRequests; }
    // Seconds from `launch` to the first frame shown in the headset with a
    // tracked head pose; none until then.
    std::optional<double> firstTrackedFrameSeconds() const { return m_timing.firstTrackedFrameSeconds(); }
    void setLaunchTime(std::chrono::steady_clock::time_point launch) { m_timing.setLaunchTime(launch); }
    // CPU milliseconds of every frame shown so far (see HeadsetStatus::cpuMilliseconds).
    const std::vector<float>& cpuMillisecondsPerFrame() const { return m_timing.cpuMillisecondsPerFrame(); }
    uint32_t validationMessageCount() const {
        return m_validationMessages + (m_runtime ? m_runtime->validationMessageCount() : 0);
    }

private:
    explicit XrPresenter(const XrPresenterOptions& options) : m_options(options) {}
    Status init();
    Result<std::unique_ptr<XrRuntime>> openRuntime() const;
    void useRuntime(std::unique_ptr<XrRuntime> runtime);
    Status createGpuContext();
    Status connectRuntime();
    Status createSession();
    Status createSpaces();
    void destroySession();
    std::chrono::steady_clock::time_point nextRetry() const;
    void loseSession(const char* why);
    void loseRuntime(const char* why);
    // A lost session or instance becomes a retry (ok); any other failure is an error.
    Status survive(XrResult result, const char* call);
    void handleEvent(const XrEventDataBuffer& event);
    void sessionStateChanged(XrSessionState state);
    void setMessage(HeadsetStatus::Phase phase, std::string message);
    // The steps of a frame.
    Status waitAndBeginFrame();
    void syncInput();
    Result<bool> locateViews();
    Result<VkCommandBuffer> beginRecording();
    Status submit(const Frame& frame);
    Status endXrFrame(const Frame& frame);

    XrPresenterOptions m_options;

    // Declared in creation order, destroyed in reverse: the XR session and its
    // swapchains go before the Vulkan device (the mirror's or m_context), and
    // the device before the runtime connection it was made through.
    std::unique_ptr<XrRuntime> m_runtime;  // null while the runtime is gone
    std::unique_ptr<XrMirror> m_mirror;    // null when there is no display
    std::unique_ptr<gfx::GpuContext> m_context;  // only when there is no mirror window
    FrameSlots m_slots;
    uint32_t m_slot = 0;

    std::unique_ptr<XrInput> m_input;
    UniqueXrSession m_session;
    UniqueXrSpace m_referenceSpace;
    UniqueXrSpace m_viewSpace;
    std::unique_ptr<XrSwapchains> m_swapchains;    // made with each session
    VkFormat m_depthFormat = VK_FORMAT_UNDEFINED;  // asked for by submitDepth
    VkFormat m_colorFormat = VK_FORMAT_UNDEFINED;  // fixed at the first session: the renderer depends on it
    TrackingFloor m_trackingFloor = TrackingFloor::RealFloor;
    XrSessionState m_sessionState = XR_SESSION_STATE_UNKNOWN;
    bool m_sessionRunning = false;
    bool m_quit = false;
    std::chrono::steady_clock::time_point m_retryAt{};

    // The frame between beginFrame and endFrame.
    bool m_frameBegun = false;
    XrFrameState m_frameState{XR_TYPE_FRAME_STATE};
    std::array<XrView, 2> m_views{};
    std::optional<double> m_displayTime;
    bool m_frameTracked = false;  // the head's position was tracked for this frame's views
    std::optional<Pose> m_head;
    ControllerState m_idleController;

    HeadsetStatus m_status;
    uint32_t m_recentreRequests = 0;
    XrFrameTiming m_timing;
    uint32_t m_validationMessages = 0;  // from runtimes no longer connected
};

}  // namespace oh::viewer
