// XrPresenter: the headset as a Presenter — an OpenXR session showing the
// renderer's two views in one 2-layer array swapchain, with the agent's mirror
// (a desktop window showing the customer's left eye, full window, no lens
// distortion) beside it. It owns the session life cycle so the tour survives
// what happens in a branch: the headset taken off and put back on (STOPPING →
// IDLE → READY), a lost session, and the runtime going away (it retries every
// few seconds and continues with the same GPU objects when the runtime is back).
//
//   frame loop: pollEvents (window + runtime events) → beginFrame (xrWaitFrame,
//   xrBeginFrame, xrLocateViews, controllers synced, image acquired) → the app
//   records → endFrame (submit, release, xrEndFrame, mirror presented)
//
// Not for: what the tour does with input, or what the mirror's status says
// (the app draws the mirror's overlay through setMirrorOverlay).
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "renderer/gpu_resources.h"
#include "viewer/desktop_presenter.h"
#include "viewer/frame_slots.h"
#include "viewer/locomotion.h"
#include "viewer/presenter.h"
#include "viewer/xr_input.h"
#include "viewer/xr_runtime.h"

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
    // Called while recording each mirror frame, after the eye image is in the
    // window: draw the status overlay into `view` (single-layer, `extent`,
    // image usage `usage`, PRESENT_SRC layout before and after).
    using MirrorOverlay =
        std::function<Status(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent, VkImageUsageFlags usage)>;

    // Errors with exitCode kNoXrRuntime / kNoHeadset mean "use the desktop";
    // their messages say why in one line.
    static Result<std::unique_ptr<XrPresenter>> create(const XrPresenterOptions& options);
    ~XrPresenter() override;
    XrPresenter(const XrPresenter&) = delete;
    XrPresenter& operator=(const XrPresenter&) = delete;

    // Presenter
    gfx::GpuContext& context() override { return m_mirror ? m_mirror->context() : *m_context; }
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
    DesktopPresenter* mirror() const { return m_mirror.get(); }
    void setMirrorOverlay(MirrorOverlay overlay) { m_mirrorOverlay = std::move(overlay); }

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
    std::optional<double> firstTrackedFrameSeconds() const { return m_firstTrackedFrame; }
    void setLaunchTime(std::chrono::steady_clock::time_point launch) { m_launch = launch; }
    // CPU milliseconds of every frame shown so far (see HeadsetStatus::cpuMilliseconds).
    const std::vector<float>& cpuMillisecondsPerFrame() const { return m_cpuPerFrame; }
    uint32_t validationMessageCount() const {
        return m_validationMessages + (m_runtime ? m_runtime->validationMessageCount() : 0);
    }

private:
    // What the renderer draws into: both eyes' layers of one image.
    struct SwapchainImage {
        VkImage image = VK_NULL_HANDLE;  // a swapchain's (owned by the runtime) or m_stereoImage
        gfx::UniqueImageView arrayView;  // both layers
        std::array<gfx::UniqueImageView, 2> layerViews;
    };
    struct ColorSwapchain {  // also used for depth
        UniqueXrSwapchain handle;
        std::vector<VkImage> images;  // owned by the runtime
        uint32_t acquired = 0;        // this frame's image
    };

    explicit XrPresenter(const XrPresenterOptions& options) : m_options(options) {}
    Status init();
    Status connectRuntime();
    Status createSession();
    Status createSwapchain();
    Status createDepthSwapchain();
    Result<ColorSwapchain> createSwapchainImages(XrSession session, const XrSwapchainCreateInfo& info);
    Result<SwapchainImage> stereoTarget(VkImage image);
    void recordEyeCopies(VkCommandBuffer cmd);
    Status createMirrorImage(VkExtent2D extent);
    void destroySession();
    void loseSession(const char* why);
    void loseRuntime(const char* why);
    // A lost session or instance becomes a retry (ok); any other failure is an error.
    Status survive(XrResult result, const char* call);
    void handleEvent(const XrEventDataBuffer& event);
    void setMessage(HeadsetStatus::Phase phase, std::string message);
    void recordMirrorCopy(VkCommandBuffer cmd, VkImage eyeImage);
    Status presentMirror(Frame& frame);
    void finishTiming(bool shownInHeadset);

    XrPresenterOptions m_options;
    std::chrono::steady_clock::time_point m_launch = std::chrono::steady_clock::now();

    // Declared in creation order, destroyed in reverse: the XR session and its
    // swapchains go before the Vulkan device (the mirror's or m_context), and
    // the device before the runtime connection it was made through.
    std::unique_ptr<XrRuntime> m_runtime;  // null while the runtime is gone
    std::unique_ptr<DesktopPresenter> m_mirror;
    std::unique_ptr<gfx::GpuContext> m_context;  // only when there is no mirror window
    FrameSlots m_slots;
    uint32_t m_slot = 0;
    gfx::GpuImage m_mirrorImage;  // the last left eye, kept for the mirror while the headset shows nothing
    bool m_mirrorImageFilled = false;
    bool m_mirrorPictureRefused = false;  // the window's images cannot be copied into
    std::optional<std::array<XrFovf, 2>> m_mirrorFov;
    MirrorOverlay m_mirrorOverlay;

    std::unique_ptr<XrInput> m_input;
    UniqueXrSession m_session;
    UniqueXrSpace m_referenceSpace;
    UniqueXrSpace m_viewSpace;
    // One 2-layer array swapchain, or one per eye for runtimes without arrays.
    std::vector<ColorSwapchain> m_colorSwapchains;
    gfx::GpuImage m_stereoImage;           // per-eye swapchains: both eyes drawn here, then copied
    std::vector<SwapchainImage> m_targets;  // per array swapchain image, or the one m_stereoImage
    VkFormat m_depthFormat = VK_FORMAT_UNDEFINED;  // asked for by submitDepth
    ColorSwapchain m_depthSwapchain;               // no handle: depth is not submitted
    VkFormat m_colorFormat = VK_FORMAT_UNDEFINED;  // fixed at the first session: the renderer depends on it
    VkExtent2D m_eyeExtent{0, 0};
    VkImageUsageFlags m_imageUsage = 0;
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
    std::optional<double> m_firstTrackedFrame;
    double m_frameCpuStart = 0.0;  // this thread's CPU seconds when the frame's iteration began
    std::vector<float> m_cpuPerFrame;
    uint32_t m_validationMessages = 0;  // from runtimes no longer connected
};

}  // namespace oh::viewer
