#include "viewer/xr/xr_presenter.h"

#include <algorithm>
#include <thread>

#include <glm/gtc/quaternion.hpp>

#include "core/log.h"
#include "renderer/vk_check.h"

namespace oh::viewer {
namespace {

using Clock = std::chrono::steady_clock;

glm::mat4 poseMatrix(const XrPosef& pose) {
    Pose p = toPose(pose);
    glm::mat4 matrix = glm::mat4_cast(p.orientation);
    matrix[3] = glm::vec4(p.position, 1.0f);
    return matrix;
}

// An eye as the renderer draws it: where it sits in the reference space and what it sees.
FrameView frameView(const XrView& view) {
    FrameView eye;
    eye.eyeFromReference = glm::inverse(poseMatrix(view.pose));
    eye.angleLeft = view.fov.angleLeft;
    eye.angleRight = view.fov.angleRight;
    eye.angleUp = view.fov.angleUp;
    eye.angleDown = view.fov.angleDown;
    return eye;
}

const char* sessionStateName(XrSessionState state) {
    switch (state) {
        case XR_SESSION_STATE_IDLE: return "idle";
        case XR_SESSION_STATE_READY: return "ready";
        case XR_SESSION_STATE_SYNCHRONIZED: return "synchronized";
        case XR_SESSION_STATE_VISIBLE: return "visible";
        case XR_SESSION_STATE_FOCUSED: return "focused";
        case XR_SESSION_STATE_STOPPING: return "stopping";
        case XR_SESSION_STATE_LOSS_PENDING: return "loss pending";
        case XR_SESSION_STATE_EXITING: return "exiting";
        default: return "unknown";
    }
}

}  // namespace

// [SECTION] Creation

Result<std::unique_ptr<XrPresenter>> XrPresenter::create(const XrPresenterOptions& options) {
    std::unique_ptr<XrPresenter> presenter(new XrPresenter(options));
    OH_TRY(presenter->init());
    return presenter;
}

XrPresenter::~XrPresenter() {
    waitIdle();
    destroySession();
}

Status XrPresenter::init() {
    auto runtime = openRuntime();
    if (!runtime) return runtime.error();
    useRuntime(std::move(runtime.value()));
    OH_TRY(createGpuContext());

    auto slots = FrameSlots::create(context(), kFramesInFlight);
    if (!slots) return slots.error();
    m_slots = std::move(slots.value());

    auto input = XrInput::create(m_runtime->instance());
    if (!input) return input.error();
    m_input = std::move(input.value());
    OH_TRY(createSession());
    if (m_mirror) m_mirror->window().show();
    return ok();
}

Result<std::unique_ptr<XrRuntime>> XrPresenter::openRuntime() const {
    XrRuntimeOptions runtimeOptions;
    runtimeOptions.validation = m_options.validation;
    return XrRuntime::create(runtimeOptions);
}

void XrPresenter::useRuntime(std::unique_ptr<XrRuntime> runtime) {
    m_runtime = std::move(runtime);
    m_status.runtimeName = m_runtime->runtimeName();
    m_status.systemName = m_runtime->systemName();
}

Status XrPresenter::createGpuContext() {
    // The mirror window is made first so its surface extensions go into the
    // instance the runtime creates; without a display the headset still works.
    DesktopOptions mirrorOptions;
    mirrorOptions.title = m_options.mirrorTitle;
    mirrorOptions.width = m_options.mirrorWidth;
    mirrorOptions.height = m_options.mirrorHeight;
    mirrorOptions.configureContext = [this](gfx::ContextOptions& contextOptions) {
        m_runtime->configureVulkan(contextOptions);
    };
    auto mirror = XrMirror::create(std::move(mirrorOptions));
    if (mirror) {
        m_mirror = std::move(mirror.value());
        return ok();
    }
    if (mirror.error().exitCode != kExitNoDisplay) return mirror.error();
    OH_LOG_INFO("no display for the agent's mirror: the tour shows in the headset only");
    gfx::ContextOptions contextOptions;
    m_runtime->configureVulkan(contextOptions);
    auto created = gfx::GpuContext::create(contextOptions);
    if (!created) return created.error();
    m_context = std::move(created.value());
    return ok();
}

Status XrPresenter::connectRuntime() {
    auto runtime = openRuntime();
    if (!runtime) return runtime.error();
    OH_TRY(runtime.value()->adoptVulkan(context()));
    auto input = XrInput::create(runtime.value()->instance());
    if (!input) return input.error();
    useRuntime(std::move(runtime.value()));
    m_input = std::move(input.value());
    ++m_status.runtimeReconnects;
    return ok();
}

Status XrPresenter::createSession() {
    XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
    binding.instance = context().instance();
    binding.physicalDevice = context().physicalDevice();
    binding.device = context().device();
    binding.queueFamilyIndex = context().queueFamily();
    binding.queueIndex = 0;
    XrSessionCreateInfo sessionInfo{XR_TYPE_SESSION_CREATE_INFO};
    sessionInfo.next = &binding;
    sessionInfo.systemId = m_runtime->system();
    XrSession session = XR_NULL_HANDLE;
    OH_XR_TRY(xrCreateSession(m_runtime->instance(), &sessionInfo, &session));
    m_session = UniqueXrSession(session);
    m_sessionState = XR_SESSION_STATE_UNKNOWN;
    m_sessionRunning = false;
    OH_TRY(m_input->attach(session));
    OH_TRY(createSpaces());

    auto swapchains = XrSwapchains::create(context(), *m_runtime, session, m_colorFormat);
    if (!swapchains) return swapchains.error();
    m_swapchains = std::move(swapchains.value());
    m_colorFormat = m_swapchains->colorFormat();
    VkExtent2D eyeExtent = m_swapchains->eyeExtent();
    if (m_mirror) OH_TRY(m_mirror->matchEyes(m_colorFormat, eyeExtent));
    OH_TRY(m_swapchains->createDepth(m_depthFormat));
    setMessage(HeadsetStatus::Phase::Waiting, "waiting for the headset to be put on");
    OH_LOG_INFO("headset: %s on %s, %ux%u per eye, %s", m_status.systemName.c_str(), m_status.runtimeName.c_str(),
                eyeExtent.width, eyeExtent.height,
                m_trackingFloor == TrackingFloor::RealFloor ? "standing on the real floor (stage)" : "local space");
    return ok();
}

Status XrPresenter::createSpaces() {
    XrSession session = m_session.get();
    // Standing on the real floor when the runtime knows where it is.
    uint32_t spaceCount = 0;
    OH_XR_TRY(xrEnumerateReferenceSpaces(session, 0, &spaceCount, nullptr));
    std::vector<XrReferenceSpaceType> spaces(spaceCount);
    OH_XR_TRY(xrEnumerateReferenceSpaces(session, spaceCount, &spaceCount, spaces.data()));
    bool stage = std::find(spaces.begin(), spaces.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != spaces.end();
    m_trackingFloor = stage ? TrackingFloor::RealFloor : TrackingFloor::HeadLevel;
    XrReferenceSpaceCreateInfo spaceInfo{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
    spaceInfo.referenceSpaceType = stage ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
    spaceInfo.poseInReferenceSpace.orientation.w = 1.0f;
    XrSpace space = XR_NULL_HANDLE;
    OH_XR_TRY(xrCreateReferenceSpace(session, &spaceInfo, &space));
    m_referenceSpace = UniqueXrSpace(space);
    spaceInfo.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
    OH_XR_TRY(xrCreateReferenceSpace(session, &spaceInfo, &space));
    m_viewSpace = UniqueXrSpace(space);
    return ok();
}

Status XrPresenter::submitDepth(VkFormat format) {
    m_depthFormat = format;
    return m_swapchains ? m_swapchains->createDepth(format) : ok();
}

void XrPresenter::destroySession() {
    if (m_input) m_input->detach();
    m_swapchains.reset();
    m_viewSpace.reset();
    m_referenceSpace.reset();
    m_session.reset();
    m_sessionRunning = false;
    m_sessionState = XR_SESSION_STATE_UNKNOWN;
    m_frameBegun = false;
    m_head.reset();
}

// [SECTION] Losing and finding the runtime

void XrPresenter::setMessage(HeadsetStatus::Phase phase, std::string message) {
    if (m_status.message != message) OH_LOG_INFO("headset: %s", message.c_str());
    m_status.phase = phase;
    m_status.message = std::move(message);
}

Clock::time_point XrPresenter::nextRetry() const {
    return Clock::now() +
           std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(m_options.retrySeconds));
}

void XrPresenter::loseSession(const char* why) {
    waitIdle();  // the swapchain images may still be in use by the GPU
    destroySession();
    m_retryAt = Clock::now();  // a new session can be tried at once, then every few seconds
    setMessage(HeadsetStatus::Phase::Retrying, std::string(why) + ": reconnecting");
}

void XrPresenter::loseRuntime(const char* why) {
    waitIdle();
    destroySession();
    m_input.reset();
    if (m_runtime) m_validationMessages += m_runtime->validationMessageCount();
    m_runtime.reset();
    m_retryAt = nextRetry();
    setMessage(HeadsetStatus::Phase::Retrying,
               std::string(why) + ": trying again every " + std::to_string(int(m_options.retrySeconds)) + " s");
}

Status XrPresenter::survive(XrResult result, const char* call) {
    if (XR_SUCCEEDED(result)) return ok();
    if (result == XR_ERROR_SESSION_LOST) {
        loseSession("the headset session was lost");
        return ok();
    }
    if (result == XR_ERROR_INSTANCE_LOST || result == XR_ERROR_RUNTIME_FAILURE) {
        loseRuntime("the headset runtime stopped");
        return ok();
    }
    return xrError(call, result, __FILE__, __LINE__);
}

// [SECTION] Events

bool XrPresenter::pollEvents() {
    m_timing.startIteration();
    if (m_mirror && !m_mirror->window().pollEvents()) return false;

    if (!m_runtime && Clock::now() >= m_retryAt) {
        Status connected = connectRuntime();
        if (!connected) {
            OH_LOG_DEBUG("headset runtime still unavailable: %s", connected.error().message.c_str());
            loseRuntime("the headset runtime is not available");
        }
    }
    if (m_runtime && !m_session && Clock::now() >= m_retryAt) {
        Status created = createSession();
        if (!created) {
            OH_LOG_DEBUG("no headset session yet: %s", created.error().message.c_str());
            destroySession();
            m_retryAt = nextRetry();
            setMessage(HeadsetStatus::Phase::Retrying, "the headset is not ready: trying again");
        }
    }

    XrEventDataBuffer event;
    while (m_runtime && m_runtime->pollEvent(event)) handleEvent(event);
    m_status.sessionState = m_sessionState;
    m_status.focused = m_sessionState == XR_SESSION_STATE_FOCUSED;
    return !m_quit;
}

void XrPresenter::handleEvent(const XrEventDataBuffer& event) {
    switch (event.type) {
        case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
            loseRuntime("the headset runtime is shutting down");
            break;
        case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
            const auto& changed = reinterpret_cast<const XrEventDataSessionStateChanged&>(event);
            if (changed.session == m_session.get()) sessionStateChanged(changed.state);
            break;
        }
        case XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING:
            ++m_recentreRequests;
            break;
        case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED:
            if (m_input) OH_LOG_INFO("controllers: %s", m_input->interactionProfile().c_str());
            break;
        case XR_TYPE_EVENT_DATA_EVENTS_LOST:
            OH_LOG_WARN("the headset runtime dropped events: the tour may briefly miss a change");
            break;
        default:
            break;
    }
}

void XrPresenter::sessionStateChanged(XrSessionState state) {
    m_sessionState = state;
    OH_LOG_DEBUG("headset session: %s", sessionStateName(state));
    if (state == XR_SESSION_STATE_READY) {
        XrSessionBeginInfo beginInfo{XR_TYPE_SESSION_BEGIN_INFO};
        beginInfo.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        XrResult begun = xrBeginSession(m_session.get(), &beginInfo);
        if (XR_SUCCEEDED(begun)) {
            m_sessionRunning = true;
            ++m_status.sessionsStarted;
            setMessage(HeadsetStatus::Phase::Running, "in the headset");
        } else {
            Status survived = survive(begun, "xrBeginSession");
            if (!survived) loseSession(survived.error().message.c_str());
        }
    } else if (state == XR_SESSION_STATE_STOPPING) {
        // The headset was taken off (or the runtime paused us): stop
        // submitting; the tour stays where it is for when it comes back.
        waitIdle();
        XrResult ended = xrEndSession(m_session.get());
        m_sessionRunning = false;
        m_frameBegun = false;
        if (XR_FAILED(ended)) (void)survive(ended, "xrEndSession");
        setMessage(HeadsetStatus::Phase::Waiting, "the headset was taken off: the tour continues when it is back on");
    } else if (state == XR_SESSION_STATE_LOSS_PENDING) {
        loseSession("the headset session was lost");
    } else if (state == XR_SESSION_STATE_EXITING) {
        // The runtime (or its system menu) asked OpenHouse to quit.
        m_quit = true;
    }
}

// [SECTION] Frames

gfx::RendererOptions XrPresenter::rendererOptions() const {
    gfx::RendererOptions options;
    options.colorFormat = m_colorFormat;
    options.viewCount = 2;
    options.msaaSamples = m_options.msaaSamples;
    // The OpenXR Vulkan binding: colour swapchain images are released in this layout.
    options.finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    options.framesInFlight = kFramesInFlight;
    options.viewPasses = m_options.viewPasses;
    options.depthOutput = m_runtime && m_runtime->depthLayers();
    return options;
}

const ControllerState& XrPresenter::controller(Hand hand) const {
    return m_input && m_sessionRunning ? m_input->hand(hand) : m_idleController;
}

void XrPresenter::pulse(Hand hand, float amplitude, float seconds) {
    if (m_input && m_sessionRunning) m_input->pulse(hand, amplitude, seconds);
}

Result<Frame> XrPresenter::beginFrame() {
    Frame frame;
    frame.slot = m_slot;
    m_frameBegun = false;
    if (!m_session || !m_sessionRunning) {
        // Nothing to pace us: the mirror alone need not spin the CPU.
        std::this_thread::sleep_for(std::chrono::milliseconds(15));
        return frame;
    }
    OH_TRY(waitAndBeginFrame());
    if (!m_frameBegun) return frame;
    syncInput();
    if (!m_frameState.shouldRender) return frame;
    auto located = locateViews();
    if (!located) return located.error();
    if (!located.value()) return frame;

    XrResult acquired = m_swapchains->acquire();
    if (XR_FAILED(acquired)) {
        OH_TRY(survive(acquired, "xrAcquireSwapchainImage"));
        return frame;
    }
    auto recording = beginRecording();
    if (!recording) return recording.error();
    frame.target = m_swapchains->target();
    for (const XrView& view : m_views) frame.views.push_back(frameView(view));
    frame.shouldRender = true;
    frame.commandBuffer = recording.value();
    return frame;
}

// xrWaitFrame paces the loop to the headset; m_frameBegun says whether
// xrBeginFrame followed (and so xrEndFrame must). Lost sessions become retries.
Status XrPresenter::waitAndBeginFrame() {
    m_frameState = {XR_TYPE_FRAME_STATE};
    XrResult waited = xrWaitFrame(m_session.get(), nullptr, &m_frameState);
    if (XR_FAILED(waited)) return survive(waited, "xrWaitFrame");
    if (m_frameState.predictedDisplayPeriod > 0) m_status.displayHz = 1e9 / double(m_frameState.predictedDisplayPeriod);
    XrResult begun = xrBeginFrame(m_session.get(), nullptr);
    if (XR_FAILED(begun)) return survive(begun, "xrBeginFrame");
    m_frameBegun = true;
    m_displayTime = double(m_frameState.predictedDisplayTime) * 1e-9;
    return ok();
}

// Controllers at the frame's display time, whether or not it is drawn; a
// failure costs this frame's input only.
void XrPresenter::syncInput() {
    if (!m_input) return;
    Status input = m_input->sync(m_referenceSpace.get(), m_frameState.predictedDisplayTime,
                                 m_sessionState == XR_SESSION_STATE_FOCUSED);
    if (!input) OH_LOG_WARN("controllers: %s", input.error().message.c_str());
}

// The eyes (m_views) and the head (m_head) at the frame's display time. False:
// nothing to draw this frame (session lost, or tracking lost).
Result<bool> XrPresenter::locateViews() {
    XrTime time = m_frameState.predictedDisplayTime;
    XrViewLocateInfo locateInfo{XR_TYPE_VIEW_LOCATE_INFO};
    locateInfo.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    locateInfo.displayTime = time;
    locateInfo.space = m_referenceSpace.get();
    XrViewState viewState{XR_TYPE_VIEW_STATE};
    m_views = {{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
    uint32_t viewCount = 0;
    XrResult located = xrLocateViews(m_session.get(), &locateInfo, &viewState, 2, &viewCount, m_views.data());
    if (XR_FAILED(located)) {
        OH_TRY(survive(located, "xrLocateViews"));
        return false;
    }
    // Without an orientation there is nothing sensible to draw (tracking lost):
    // submit no layer and the runtime shows its own fallback.
    if (!(viewState.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT)) return false;
    m_frameTracked = (viewState.viewStateFlags & XR_VIEW_STATE_POSITION_VALID_BIT) != 0;

    XrSpaceLocation headLocation{XR_TYPE_SPACE_LOCATION};
    if (XR_SUCCEEDED(xrLocateSpace(m_viewSpace.get(), m_referenceSpace.get(), time, &headLocation)) &&
        (headLocation.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT))
        m_head = toPose(headLocation.pose);
    return true;
}

// This slot's command buffer, once the GPU has finished its previous frame.
Result<VkCommandBuffer> XrPresenter::beginRecording() {
    FrameSlot& slot = m_slots[m_slot];
    VkFence fence = slot.done.get();
    OH_VK_TRY(vkWaitForFences(context().device(), 1, &fence, VK_TRUE, UINT64_MAX));
    OH_VK_TRY(vkResetFences(context().device(), 1, &fence));
    OH_VK_TRY(vkResetCommandBuffer(slot.commandBuffer, 0));
    VkCommandBufferBeginInfo beginInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    beginInfo.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    OH_VK_TRY(vkBeginCommandBuffer(slot.commandBuffer, &beginInfo));
    return slot.commandBuffer;
}

Status XrPresenter::endFrame(Frame& frame) {
    bool shownInHeadset = m_frameBegun && frame.shouldRender;
    if (m_frameBegun) {
        m_frameBegun = false;
        if (frame.shouldRender) {
            OH_TRY(submit(frame));
            XrResult released = m_swapchains->release();
            if (XR_FAILED(released)) {
                OH_TRY(survive(released, "xrReleaseSwapchainImage"));
                return ok();
            }
        }
        OH_TRY(endXrFrame(frame));
    }
    if (m_mirror) OH_TRY(m_mirror->present(frame));
    m_timing.finishIteration(shownInHeadset);
    m_status.cpuMilliseconds = m_timing.cpuMilliseconds();
    return ok();
}

// The app's commands, then the left eye kept for the mirror and the per-eye
// copies, which must follow the drawing and precede the images' release.
Status XrPresenter::submit(const Frame& frame) {
    FrameSlot& slot = m_slots[frame.slot];
    if (m_mirror) m_mirror->recordCopy(slot.commandBuffer, frame.target.image, m_views[0].fov, m_views[0].pose);
    m_swapchains->recordEyeCopies(slot.commandBuffer);
    OH_VK_TRY(vkEndCommandBuffer(slot.commandBuffer));
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &slot.commandBuffer;
    OH_VK_TRY(vkQueueSubmit(context().queue(), 1, &submit, slot.done.get()));
    m_slot = (m_slot + 1) % kFramesInFlight;
    return ok();
}

// Pairs the frame's xrBeginFrame, with one projection layer when it was drawn
// (no layer: the runtime shows its own fallback).
Status XrPresenter::endXrFrame(const Frame& frame) {
    XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
    std::array<XrCompositionLayerProjectionView, 2> layerViews{};
    std::array<XrCompositionLayerDepthInfoKHR, 2> depthInfos{};
    const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
    uint32_t layerCount = 0;
    if (frame.shouldRender) {
        for (uint32_t eye = 0; eye < 2; ++eye) {
            layerViews[eye] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
            layerViews[eye].pose = m_views[eye].pose;
            layerViews[eye].fov = m_views[eye].fov;
            layerViews[eye].subImage = m_swapchains->colorSubImage(eye);
            std::optional<XrSwapchainSubImage> depth = m_swapchains->depthSubImage(eye);
            if (depth && eye < frame.views.size()) {
                depthInfos[eye] = {XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR};
                depthInfos[eye].subImage = *depth;
                depthInfos[eye].minDepth = 0.0f;
                depthInfos[eye].maxDepth = 1.0f;
                depthInfos[eye].nearZ = frame.views[eye].nearZ;
                depthInfos[eye].farZ = frame.views[eye].farZ;
                layerViews[eye].next = &depthInfos[eye];
            }
        }
        layer.space = m_referenceSpace.get();
        layer.viewCount = 2;
        layer.views = layerViews.data();
        layerCount = 1;
    }
    XrFrameEndInfo endInfo{XR_TYPE_FRAME_END_INFO};
    endInfo.displayTime = m_frameState.predictedDisplayTime;
    endInfo.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    endInfo.layerCount = layerCount;
    endInfo.layers = layers;
    XrResult ended = xrEndFrame(m_session.get(), &endInfo);
    if (XR_FAILED(ended)) return survive(ended, "xrEndFrame");
    if (layerCount) m_timing.frameShown(m_frameTracked);
    return ok();
}

void XrPresenter::waitIdle() {
    if (m_mirror || m_context) vkDeviceWaitIdle(context().device());
}

}  // namespace oh::viewer
