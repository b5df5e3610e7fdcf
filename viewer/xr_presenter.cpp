#include "viewer/xr_presenter.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <thread>

#include <time.h>

#include <glm/gtc/quaternion.hpp>

#include "core/log.h"
#include "renderer/vk_check.h"
#include "viewer/desktop_viewer.h"

namespace oh::viewer {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU time this thread has used: waiting (xrWaitFrame, fences, vsync) costs
// none, and on a CPU-only GPU the driver's own threads do not count either.
double threadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

// The formats the renderer can end in: sRGB, so its linear output is encoded
// as the runtime's compositor expects.
bool isSrgbColor(int64_t format) { return format == VK_FORMAT_R8G8B8A8_SRGB || format == VK_FORMAT_B8G8R8A8_SRGB; }

glm::mat4 poseMatrix(const XrPosef& pose) {
    Pose p = toPose(pose);
    glm::mat4 matrix = glm::mat4_cast(p.orientation);
    matrix[3] = glm::vec4(p.position, 1.0f);
    return matrix;
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

// Both eyes' images: 2 layers, one sample, no mips.
XrSwapchainCreateInfo eyeSwapchainInfo(VkFormat format, XrSwapchainUsageFlags usage, VkExtent2D extent) {
    XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
    info.usageFlags = usage;
    info.format = format;
    info.sampleCount = 1;
    info.width = extent.width;
    info.height = extent.height;
    info.faceCount = 1;
    info.arraySize = 2;
    info.mipCount = 1;
    return info;
}

// The Vulkan formats the runtime's swapchains can have, its preferred first.
Result<std::vector<int64_t>> swapchainFormats(XrSession session) {
    uint32_t count = 0;
    OH_XR_TRY(xrEnumerateSwapchainFormats(session, 0, &count, nullptr));
    std::vector<int64_t> formats(count);
    OH_XR_TRY(xrEnumerateSwapchainFormats(session, count, &count, formats.data()));
    formats.resize(count);
    return formats;
}

Result<gfx::UniqueImageView> arrayLayerView(VkDevice device, VkImage image, VkFormat format, uint32_t baseLayer,
                                            uint32_t layerCount, VkImageUsageFlags usage) {
    // Runtimes may add usage flags of their own to swapchain images; the view
    // states ours, which is what the renderer's imageless framebuffers declare.
    VkImageViewUsageCreateInfo viewUsage{VK_STRUCTURE_TYPE_IMAGE_VIEW_USAGE_CREATE_INFO};
    viewUsage.usage = usage;
    VkImageViewCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    info.pNext = &viewUsage;
    info.image = image;
    info.viewType = layerCount > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
    info.format = format;
    info.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, baseLayer, layerCount};
    if (layerCount == 1) info.viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;  // the renderer's targets are arrays
    VkImageView view = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateImageView(device, &info, nullptr, &view));
    return gfx::UniqueImageView(device, view);
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
    XrRuntimeOptions runtimeOptions;
    runtimeOptions.validation = m_options.validation;
    auto runtime = XrRuntime::create(runtimeOptions);
    if (!runtime) return runtime.error();
    m_runtime = std::move(runtime.value());
    m_status.runtimeName = m_runtime->runtimeName();
    m_status.systemName = m_runtime->systemName();

    // The mirror window is made first so its surface extensions go into the
    // instance the runtime creates; without a display the headset still works.
    DesktopOptions mirrorOptions;
    mirrorOptions.title = m_options.mirrorTitle;
    mirrorOptions.width = m_options.mirrorWidth;
    mirrorOptions.height = m_options.mirrorHeight;
    mirrorOptions.sleepWhileMinimised = false;  // the headset goes on while the agent minimises the mirror
    mirrorOptions.configureContext = [this](gfx::ContextOptions& contextOptions) {
        m_runtime->configureVulkan(contextOptions);
    };
    auto mirror = DesktopPresenter::create(mirrorOptions);
    if (mirror) {
        m_mirror = std::move(mirror.value());
    } else if (mirror.error().exitCode == kNoDisplay) {
        OH_LOG_INFO("no display for the agent's mirror: the tour shows in the headset only");
        gfx::ContextOptions contextOptions;
        m_runtime->configureVulkan(contextOptions);
        auto created = gfx::GpuContext::create(contextOptions);
        if (!created) return created.error();
        m_context = std::move(created.value());
    } else {
        return mirror.error();
    }

    auto slots = FrameSlots::create(context(), kFramesInFlight);
    if (!slots) return slots.error();
    m_slots = std::move(slots.value());

    auto input = XrInput::create(m_runtime->instance());
    if (!input) return input.error();
    m_input = std::move(input.value());
    OH_TRY(createSession());
    if (m_mirror) m_mirror->show();
    return ok();
}

Status XrPresenter::connectRuntime() {
    XrRuntimeOptions runtimeOptions;
    runtimeOptions.validation = m_options.validation;
    auto runtime = XrRuntime::create(runtimeOptions);
    if (!runtime) return runtime.error();
    OH_TRY(runtime.value()->adoptVulkan(context()));
    auto input = XrInput::create(runtime.value()->instance());
    if (!input) return input.error();
    m_runtime = std::move(runtime.value());
    m_input = std::move(input.value());
    m_status.runtimeName = m_runtime->runtimeName();
    m_status.systemName = m_runtime->systemName();
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

    OH_TRY(createSwapchain());
    OH_TRY(createDepthSwapchain());
    setMessage(HeadsetStatus::Phase::Waiting, "waiting for the headset to be put on");
    OH_LOG_INFO("headset: %s on %s, %ux%u per eye, %s", m_status.systemName.c_str(), m_status.runtimeName.c_str(),
                m_eyeExtent.width, m_eyeExtent.height, stage ? "standing on the real floor (stage)" : "local space");
    return ok();
}

Status XrPresenter::createSwapchain() {
    XrSession session = m_session.get();
    uint32_t viewCount = 0;
    OH_XR_TRY(xrEnumerateViewConfigurationViews(m_runtime->instance(), m_runtime->system(),
                                                XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &viewCount, nullptr));
    if (viewCount != 2) return makeError("the headset does not show stereo views", kNoHeadset);
    std::array<XrViewConfigurationView, 2> views{{{XR_TYPE_VIEW_CONFIGURATION_VIEW}, {XR_TYPE_VIEW_CONFIGURATION_VIEW}}};
    OH_XR_TRY(xrEnumerateViewConfigurationViews(m_runtime->instance(), m_runtime->system(),
                                                XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &viewCount, views.data()));
    VkExtent2D extent{std::max(views[0].recommendedImageRectWidth, views[1].recommendedImageRectWidth),
                      std::max(views[0].recommendedImageRectHeight, views[1].recommendedImageRectHeight)};

    auto offered = swapchainFormats(session);
    if (!offered) return offered.error();
    const std::vector<int64_t>& formats = offered.value();
    // The runtime lists its preferred formats first.
    auto chosen = std::find_if(formats.begin(), formats.end(), isSrgbColor);
    if (m_colorFormat != VK_FORMAT_UNDEFINED)
        chosen = std::find(formats.begin(), formats.end(), int64_t(m_colorFormat));
    if (chosen == formats.end())
        return makeError(m_colorFormat == VK_FORMAT_UNDEFINED
                             ? "the OpenXR runtime offers no sRGB colour swapchain format"
                             : "the restarted OpenXR runtime no longer offers the colour format in use: restart OpenHouse",
                         kNoXrRuntime);
    m_colorFormat = VkFormat(*chosen);

    // Both eyes in one 2-layer image: the renderer's multiview pass writes
    // both at once. A runtime that takes no array swapchains gets one per
    // eye, copied from a 2-layer image of ours.
    m_imageUsage =
        VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    XrSwapchainCreateInfo info = eyeSwapchainInfo(m_colorFormat,
                                                  XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT |
                                                      XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT |
                                                      XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT,
                                                  extent);
    m_colorSwapchains.clear();
    m_targets.clear();
    m_stereoImage.reset();
    auto array = createSwapchainImages(session, info);
    if (array) {
        m_colorSwapchains.push_back(std::move(array.value()));
        for (VkImage image : m_colorSwapchains[0].images) {
            auto target = stereoTarget(image);
            if (!target) return target.error();
            m_targets.push_back(std::move(target.value()));
        }
    } else {
        OH_LOG_INFO("the headset runtime takes one swapchain per eye (%s)", array.error().message.c_str());
        info.arraySize = 1;
        for (int eye = 0; eye < 2; ++eye) {
            auto single = createSwapchainImages(session, info);
            if (!single) return single.error();
            m_colorSwapchains.push_back(std::move(single.value()));
        }
        gfx::ImageDesc desc;
        desc.format = m_colorFormat;
        desc.extent = {extent.width, extent.height, 1};
        desc.arrayLayers = 2;
        desc.usage = m_imageUsage;
        auto image = gfx::GpuImage::create(context(), desc, "both eyes");
        if (!image) return image.error();
        m_stereoImage = std::move(image.value());
        auto target = stereoTarget(m_stereoImage.get());
        if (!target) return target.error();
        m_targets.push_back(std::move(target.value()));
    }
    if (extent.width != m_eyeExtent.width || extent.height != m_eyeExtent.height) OH_TRY(createMirrorImage(extent));
    m_eyeExtent = extent;
    return ok();
}

Result<XrPresenter::ColorSwapchain> XrPresenter::createSwapchainImages(XrSession session,
                                                                       const XrSwapchainCreateInfo& info) {
    ColorSwapchain created;
    XrSwapchain swapchain = XR_NULL_HANDLE;
    OH_XR_TRY(xrCreateSwapchain(session, &info, &swapchain));
    created.handle = UniqueXrSwapchain(swapchain);
    uint32_t imageCount = 0;
    OH_XR_TRY(xrEnumerateSwapchainImages(swapchain, 0, &imageCount, nullptr));
    std::vector<XrSwapchainImageVulkan2KHR> images(imageCount, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
    OH_XR_TRY(xrEnumerateSwapchainImages(swapchain, imageCount, &imageCount,
                                         reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
    for (const auto& image : images) created.images.push_back(image.image);
    return created;
}

Result<XrPresenter::SwapchainImage> XrPresenter::stereoTarget(VkImage image) {
    VkDevice device = context().device();
    SwapchainImage target;
    target.image = image;
    auto arrayView = arrayLayerView(device, image, m_colorFormat, 0, 2, m_imageUsage);
    if (!arrayView) return arrayView.error();
    target.arrayView = std::move(arrayView.value());
    for (uint32_t layer = 0; layer < 2; ++layer) {
        auto layerView = arrayLayerView(device, image, m_colorFormat, layer, 1, m_imageUsage);
        if (!layerView) return layerView.error();
        target.layerViews[layer] = std::move(layerView.value());
    }
    return target;
}

Status XrPresenter::submitDepth(VkFormat format) {
    m_depthFormat = format;
    return m_session ? createDepthSwapchain() : ok();
}

Status XrPresenter::createDepthSwapchain() {
    m_depthSwapchain = {};
    if (m_depthFormat == VK_FORMAT_UNDEFINED || !m_runtime->depthLayers() || m_colorSwapchains.size() != 1) return ok();
    auto formats = swapchainFormats(m_session.get());
    if (!formats) return formats.error();
    if (std::find(formats->begin(), formats->end(), int64_t(m_depthFormat)) == formats->end()) {
        OH_LOG_INFO("the headset runtime takes no depth in the renderer's format: colour only");
        return ok();
    }
    // The renderer copies its resolved depth in.
    XrSwapchainCreateInfo info = eyeSwapchainInfo(
        m_depthFormat, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT,
        m_eyeExtent);
    auto depth = createSwapchainImages(m_session.get(), info);
    if (!depth) {
        OH_LOG_INFO("the headset runtime takes no depth layers like ours: colour only (%s)",
                    depth.error().message.c_str());
        return ok();
    }
    m_depthSwapchain = std::move(depth.value());
    return ok();
}

Status XrPresenter::createMirrorImage(VkExtent2D extent) {
    if (!m_mirror) return ok();
    waitIdle();
    gfx::ImageDesc desc;
    desc.format = m_colorFormat;
    desc.extent = {extent.width, extent.height, 1};
    desc.usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    auto image = gfx::GpuImage::create(context(), desc, "headset mirror");
    if (!image) return image.error();
    m_mirrorImage = std::move(image.value());
    m_mirrorImageFilled = false;
    return ok();
}

void XrPresenter::destroySession() {
    if (m_input) m_input->detach();
    m_targets.clear();
    m_stereoImage.reset();
    m_colorSwapchains.clear();
    m_depthSwapchain = {};
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
    m_retryAt = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(m_options.retrySeconds));
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
    m_frameCpuStart = threadCpuSeconds();
    if (m_mirror && !m_mirror->pollEvents()) return false;

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
            m_retryAt = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(m_options.retrySeconds));
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
            if (changed.session != m_session.get()) break;
            m_sessionState = changed.state;
            OH_LOG_DEBUG("headset session: %s", sessionStateName(changed.state));
            if (changed.state == XR_SESSION_STATE_READY) {
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
            } else if (changed.state == XR_SESSION_STATE_STOPPING) {
                // The headset was taken off (or the runtime paused us): stop
                // submitting; the tour stays where it is for when it comes back.
                waitIdle();
                XrResult ended = xrEndSession(m_session.get());
                m_sessionRunning = false;
                m_frameBegun = false;
                if (XR_FAILED(ended)) (void)survive(ended, "xrEndSession");
                setMessage(HeadsetStatus::Phase::Waiting, "the headset was taken off: the tour continues when it is back on");
            } else if (changed.state == XR_SESSION_STATE_LOSS_PENDING) {
                loseSession("the headset session was lost");
            } else if (changed.state == XR_SESSION_STATE_EXITING) {
                // The runtime (or its system menu) asked OpenHouse to quit.
                m_quit = true;
            }
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
    XrSession session = m_session.get();

    m_frameState = {XR_TYPE_FRAME_STATE};
    XrResult waited = xrWaitFrame(session, nullptr, &m_frameState);
    if (XR_FAILED(waited)) {
        OH_TRY(survive(waited, "xrWaitFrame"));
        return frame;
    }
    if (m_frameState.predictedDisplayPeriod > 0) m_status.displayHz = 1e9 / double(m_frameState.predictedDisplayPeriod);
    XrResult begun = xrBeginFrame(session, nullptr);
    if (XR_FAILED(begun)) {
        OH_TRY(survive(begun, "xrBeginFrame"));
        return frame;
    }
    m_frameBegun = true;
    XrTime time = m_frameState.predictedDisplayTime;
    m_displayTime = double(time) * 1e-9;

    if (m_input) {
        Status input = m_input->sync(m_referenceSpace.get(), time, m_sessionState == XR_SESSION_STATE_FOCUSED);
        if (!input) OH_LOG_WARN("controllers: %s", input.error().message.c_str());
    }
    if (!m_frameState.shouldRender) return frame;

    XrViewLocateInfo locateInfo{XR_TYPE_VIEW_LOCATE_INFO};
    locateInfo.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    locateInfo.displayTime = time;
    locateInfo.space = m_referenceSpace.get();
    XrViewState viewState{XR_TYPE_VIEW_STATE};
    m_views = {{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
    uint32_t viewCount = 0;
    XrResult located = xrLocateViews(session, &locateInfo, &viewState, 2, &viewCount, m_views.data());
    if (XR_FAILED(located)) {
        OH_TRY(survive(located, "xrLocateViews"));
        if (!m_session) m_frameBegun = false;
        return frame;
    }
    // Without an orientation there is nothing sensible to draw (tracking lost):
    // submit no layer and the runtime shows its own fallback.
    if (!(viewState.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT)) return frame;
    bool positionTracked = (viewState.viewStateFlags & XR_VIEW_STATE_POSITION_VALID_BIT) != 0;

    XrSpaceLocation headLocation{XR_TYPE_SPACE_LOCATION};
    if (XR_SUCCEEDED(xrLocateSpace(m_viewSpace.get(), m_referenceSpace.get(), time, &headLocation)) &&
        (headLocation.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT))
        m_head = toPose(headLocation.pose);

    // Every swapchain image this frame writes: colour (one array, or one per
    // eye) and depth. Acquired and waited for before the GPU may touch them.
    std::array<ColorSwapchain*, 3> swapchains{};  // at most two colour and one depth
    size_t swapchainCount = 0;
    for (ColorSwapchain& swapchain : m_colorSwapchains) swapchains[swapchainCount++] = &swapchain;
    if (m_depthSwapchain.handle) swapchains[swapchainCount++] = &m_depthSwapchain;
    XrSwapchainImageAcquireInfo acquireInfo{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
    XrSwapchainImageWaitInfo waitInfo{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    waitInfo.timeout = XR_INFINITE_DURATION;
    for (ColorSwapchain* swapchain : std::span(swapchains.data(), swapchainCount)) {
        XrResult acquired = xrAcquireSwapchainImage(swapchain->handle.get(), &acquireInfo, &swapchain->acquired);
        if (XR_SUCCEEDED(acquired)) acquired = xrWaitSwapchainImage(swapchain->handle.get(), &waitInfo);
        if (XR_FAILED(acquired)) {
            OH_TRY(survive(acquired, "xrAcquireSwapchainImage"));
            if (!m_session) m_frameBegun = false;
            return frame;
        }
    }
    FrameSlot& slot = m_slots[m_slot];
    VkFence fence = slot.done.get();
    OH_VK_TRY(vkWaitForFences(context().device(), 1, &fence, VK_TRUE, UINT64_MAX));
    OH_VK_TRY(vkResetFences(context().device(), 1, &fence));
    OH_VK_TRY(vkResetCommandBuffer(slot.commandBuffer, 0));
    VkCommandBufferBeginInfo beginInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    beginInfo.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    OH_VK_TRY(vkBeginCommandBuffer(slot.commandBuffer, &beginInfo));

    const SwapchainImage& image = m_stereoImage ? m_targets[0] : m_targets[m_colorSwapchains[0].acquired];
    frame.target.colorView = image.arrayView.get();
    frame.target.image = image.image;
    frame.target.layerViews = {image.layerViews[0].get(), image.layerViews[1].get()};
    frame.target.extent = m_eyeExtent;
    frame.target.usage = m_imageUsage;
    if (m_depthSwapchain.handle) frame.target.depthImage = m_depthSwapchain.images[m_depthSwapchain.acquired];
    for (const XrView& view : m_views) {
        FrameView frameView;
        frameView.eyeFromReference = glm::inverse(poseMatrix(view.pose));
        frameView.angleLeft = view.fov.angleLeft;
        frameView.angleRight = view.fov.angleRight;
        frameView.angleUp = view.fov.angleUp;
        frameView.angleDown = view.fov.angleDown;
        frame.views.push_back(frameView);
    }
    frame.shouldRender = true;
    frame.commandBuffer = slot.commandBuffer;
    m_frameTracked = positionTracked;
    return frame;
}

void XrPresenter::recordMirrorCopy(VkCommandBuffer cmd, VkImage eyeImage) {
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
    barriers[1].oldLayout = m_mirrorImageFilled ? VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL : VK_IMAGE_LAYOUT_UNDEFINED;
    barriers[1].newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    barriers[1].image = m_mirrorImage.get();
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 2, barriers);
    VkImageCopy region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.extent = {m_eyeExtent.width, m_eyeExtent.height, 1};
    vkCmdCopyImage(cmd, eyeImage, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, m_mirrorImage.get(),
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
    m_mirrorImageFilled = true;
    m_mirrorFov = std::array<XrFovf, 2>{m_views[0].fov, m_views[1].fov};
}

void XrPresenter::recordEyeCopies(VkCommandBuffer cmd) {
    // Layer i of our 2-layer image into eye i's swapchain image; both end as
    // they began: colour attachments.
    std::array<VkImageMemoryBarrier, 3> barriers{};
    for (auto& barrier : barriers) {
        barrier = {VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
        barrier.srcQueueFamilyIndex = barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        barrier.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    }
    barriers[0].image = m_stereoImage.get();
    barriers[0].subresourceRange.layerCount = 2;
    barriers[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT |
                                VK_ACCESS_TRANSFER_READ_BIT;
    barriers[0].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    barriers[0].newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    for (uint32_t eye = 0; eye < 2; ++eye) {
        const ColorSwapchain& swapchain = m_colorSwapchains[eye];
        barriers[1 + eye].image = swapchain.images[swapchain.acquired];
        barriers[1 + eye].dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        barriers[1 + eye].newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    }
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 3, barriers.data());
    for (uint32_t eye = 0; eye < 2; ++eye) {
        VkImageCopy region{};
        region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, eye, 1};
        region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.extent = {m_eyeExtent.width, m_eyeExtent.height, 1};
        vkCmdCopyImage(cmd, m_stereoImage.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, barriers[1 + eye].image,
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    }
    for (auto& barrier : barriers) {
        std::swap(barrier.oldLayout, barrier.newLayout);
        barrier.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
        barrier.srcAccessMask = barrier.dstAccessMask;
        barrier.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    }
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
                         nullptr, 0, nullptr, 3, barriers.data());
}

Status XrPresenter::endFrame(Frame& frame) {
    if (!m_frameBegun) {
        OH_TRY(presentMirror(frame));
        finishTiming(false);
        return ok();
    }
    m_frameBegun = false;
    XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
    std::array<XrCompositionLayerProjectionView, 2> layerViews{};
    std::array<XrCompositionLayerDepthInfoKHR, 2> depthInfos{};
    const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
    uint32_t layerCount = 0;
    if (frame.shouldRender) {
        FrameSlot& slot = m_slots[frame.slot];
        if (m_mirror) recordMirrorCopy(slot.commandBuffer, frame.target.image);
        if (m_stereoImage) recordEyeCopies(slot.commandBuffer);
        OH_VK_TRY(vkEndCommandBuffer(slot.commandBuffer));
        VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &slot.commandBuffer;
        OH_VK_TRY(vkQueueSubmit(context().queue(), 1, &submit, slot.done.get()));
        m_slot = (m_slot + 1) % kFramesInFlight;

        XrSwapchainImageReleaseInfo releaseInfo{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
        XrResult released = XR_SUCCESS;
        for (ColorSwapchain& swapchain : m_colorSwapchains)
            if (XR_SUCCEEDED(released)) released = xrReleaseSwapchainImage(swapchain.handle.get(), &releaseInfo);
        if (XR_SUCCEEDED(released) && m_depthSwapchain.handle)
            released = xrReleaseSwapchainImage(m_depthSwapchain.handle.get(), &releaseInfo);
        if (XR_FAILED(released)) {
            OH_TRY(survive(released, "xrReleaseSwapchainImage"));
            return ok();
        }
        XrRect2Di rect{{0, 0}, {int32_t(m_eyeExtent.width), int32_t(m_eyeExtent.height)}};
        bool array = !m_stereoImage;
        for (uint32_t eye = 0; eye < 2; ++eye) {
            layerViews[eye] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
            layerViews[eye].pose = m_views[eye].pose;
            layerViews[eye].fov = m_views[eye].fov;
            layerViews[eye].subImage.swapchain = m_colorSwapchains[array ? 0 : eye].handle.get();
            layerViews[eye].subImage.imageRect = rect;
            layerViews[eye].subImage.imageArrayIndex = array ? eye : 0;
            if (m_depthSwapchain.handle && eye < frame.views.size()) {
                depthInfos[eye] = {XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR};
                depthInfos[eye].subImage = {m_depthSwapchain.handle.get(), rect, eye};
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
    if (XR_FAILED(ended)) {
        OH_TRY(survive(ended, "xrEndFrame"));
    } else if (layerCount && m_frameTracked && !m_firstTrackedFrame) {
        m_firstTrackedFrame = secondsSince(m_launch);
        OH_LOG_INFO("first head-tracked frame in the headset %.2f s after launch", *m_firstTrackedFrame);
    }
    OH_TRY(presentMirror(frame));
    finishTiming(frame.shouldRender);
    return ok();
}

void XrPresenter::finishTiming(bool shownInHeadset) {
    double cpu = (threadCpuSeconds() - m_frameCpuStart) * 1e3;
    if (!shownInHeadset) return;
    m_cpuPerFrame.push_back(float(cpu));
    // A short running average for the status line; the per-frame list keeps the raw values.
    m_status.cpuMilliseconds = m_cpuPerFrame.size() == 1 ? cpu : m_status.cpuMilliseconds * 0.9 + cpu * 0.1;
}

Status XrPresenter::presentMirror(Frame& frame) {
    if (!m_mirror) return ok();
    auto begun = m_mirror->beginFrame();
    if (!begun) return begun.error();
    Frame& mirrorFrame = begun.value();
    if (!mirrorFrame.shouldRender) return m_mirror->endFrame(mirrorFrame);
    VkCommandBuffer cmd = mirrorFrame.commandBuffer;
    VkImage target = mirrorFrame.target.image;
    VkExtent2D extent = mirrorFrame.target.extent;
    if (!(mirrorFrame.target.usage & VK_IMAGE_USAGE_TRANSFER_DST_BIT)) {
        // A window system that forbids copies into its images: the mirror
        // shows the status only (never seen on X11 or Wayland drivers).
        if (!m_mirrorPictureRefused) OH_LOG_WARN("this window system does not let the mirror show the headset's view");
        m_mirrorPictureRefused = true;
        return m_mirror->endFrame(mirrorFrame);
    }

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
    if (m_mirrorImageFilled && m_mirrorFov) {
        // The customer's left eye fills the window without stretching: the
        // largest window-shaped crop around where the eye looks (its optical
        // axis; headset frusta are asymmetric), scaled to the window.
        const XrFovf& fov = (*m_mirrorFov)[0];
        float width = float(m_eyeExtent.width), height = float(m_eyeExtent.height);
        float axisX = width * -std::tan(fov.angleLeft) / (std::tan(fov.angleRight) - std::tan(fov.angleLeft));
        float axisY = height * std::tan(fov.angleUp) / (std::tan(fov.angleUp) - std::tan(fov.angleDown));
        float windowAspect = float(extent.width) / float(extent.height);
        float cropWidth = std::min(width, height * windowAspect);
        float cropHeight = cropWidth / windowAspect;
        float left = std::clamp(axisX - cropWidth * 0.5f, 0.0f, width - cropWidth);
        float top = std::clamp(axisY - cropHeight * 0.5f, 0.0f, height - cropHeight);
        VkImageBlit blit{};
        blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        blit.srcOffsets[0] = {int32_t(left), int32_t(top), 0};
        blit.srcOffsets[1] = {int32_t(left + cropWidth), int32_t(top + cropHeight), 1};
        blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        blit.dstOffsets[1] = {int32_t(extent.width), int32_t(extent.height), 1};
        VkMemoryBarrier afterClear{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        afterClear.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        afterClear.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &afterClear, 0,
                             nullptr, 0, nullptr);
        vkCmdBlitImage(cmd, m_mirrorImage.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target,
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
    }
    VkImageMemoryBarrier toPresent = toDestination;
    toPresent.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    toPresent.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    toPresent.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    toPresent.newLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
                         nullptr, 0, nullptr, 1, &toPresent);
    if (m_mirrorOverlay) {
        Status drawn = m_mirrorOverlay(cmd, mirrorFrame.target.colorView, extent, mirrorFrame.target.usage);
        if (!drawn) {
            (void)m_mirror->endFrame(mirrorFrame);
            return drawn;
        }
    }
    mirrorFrame.captureRequested = frame.captureRequested;
    OH_TRY(m_mirror->endFrame(mirrorFrame));
    if (frame.captureRequested) frame.captured = std::move(mirrorFrame.captured);
    return ok();
}

void XrPresenter::waitIdle() {
    if (m_mirror || m_context) vkDeviceWaitIdle(context().device());
}

}  // namespace oh::viewer
