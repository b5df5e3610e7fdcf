// Session lifecycle: creation on the app's Vulkan device, the state machine
// (IDLE, READY, SYNCHRONIZED, VISIBLE, FOCUSED, STOPPING, EXITING,
// LOSS_PENDING) and the event queue the app drains with xrPollEvent.
#include <cstring>

#include "session_control.h"
#include "sim_api.h"
#include "sim_state.h"

namespace oh::xrsim {
namespace {

void queueEvent(Instance& instance, QueuedEvent event) { instance.events.push_back(std::move(event)); }

}  // namespace

XrTime simulatedNow() {
    XrTime last = runtime().progress().lastDisplayTime;
    return last != 0 ? last : monotonicNs();
}

const char* sessionStateName(XrSessionState state) {
    switch (state) {
        case XR_SESSION_STATE_IDLE: return "IDLE";
        case XR_SESSION_STATE_READY: return "READY";
        case XR_SESSION_STATE_SYNCHRONIZED: return "SYNCHRONIZED";
        case XR_SESSION_STATE_VISIBLE: return "VISIBLE";
        case XR_SESSION_STATE_FOCUSED: return "FOCUSED";
        case XR_SESSION_STATE_STOPPING: return "STOPPING";
        case XR_SESSION_STATE_LOSS_PENDING: return "LOSS_PENDING";
        case XR_SESSION_STATE_EXITING: return "EXITING";
        default: return "UNKNOWN";
    }
}

void setSessionState(Session& session, XrSessionState state) {
    session.state = state;
    QueuedEvent event{{}, &session, "state", sessionStateName(state)};
    auto* changed = reinterpret_cast<XrEventDataSessionStateChanged*>(&event.data);
    *changed = {XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED, nullptr, toHandle<XrSession>(&session), state,
                simulatedNow()};
    queueEvent(*session.instance, std::move(event));
}

void stopSession(Session& session) {
    if (session.state == XR_SESSION_STATE_FOCUSED) setSessionState(session, XR_SESSION_STATE_VISIBLE);
    if (session.state == XR_SESSION_STATE_VISIBLE || session.state == XR_SESSION_STATE_READY)
        setSessionState(session, XR_SESSION_STATE_SYNCHRONIZED);
    if (session.state == XR_SESSION_STATE_SYNCHRONIZED) setSessionState(session, XR_SESSION_STATE_STOPPING);
}

void advanceSessionAfterFrame(Session& session) {
    ++session.framesSinceBegin;
    if (session.exitRequested || session.lossPending) return;
    if (session.state == XR_SESSION_STATE_READY) setSessionState(session, XR_SESSION_STATE_SYNCHRONIZED);
    else if (session.state == XR_SESSION_STATE_SYNCHRONIZED) setSessionState(session, XR_SESSION_STATE_VISIBLE);
    else if (session.state == XR_SESSION_STATE_VISIBLE) setSessionState(session, XR_SESSION_STATE_FOCUSED);
}

XrResult lookupLiveSession(XrSession handle, Session** out) {
    Session* session = lookup<Session>(handle);
    if (!session) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkSession(*session); r != XR_SUCCESS) return r;
    *out = session;
    return XR_SUCCESS;
}

Session::~Session() {
    // Children first: swapchains free their images on the app's device.
    spaces.clear();
    swapchains.clear();
    destroySessionVulkanObjects(*this);
    auto& queued = instance->events;
    std::erase_if(queued, [this](const QueuedEvent& event) { return event.session == this; });
}

XrResult xrCreateSession(XrInstance instance, const XrSessionCreateInfo* info, XrSession* session) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    if (!info || !session || info->type != XR_TYPE_SESSION_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (info->systemId != kSystemId || !live->systemQueried) return XR_ERROR_SYSTEM_INVALID;
    if (!live->graphicsRequirementsQueried) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
    const XrGraphicsBindingVulkan2KHR* binding = nullptr;
    for (auto* next = static_cast<const XrBaseInStructure*>(info->next); next; next = next->next)
        if (next->type == XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR)
            binding = reinterpret_cast<const XrGraphicsBindingVulkan2KHR*>(next);
    if (!binding || !binding->instance || !binding->physicalDevice || !binding->device)
        return XR_ERROR_GRAPHICS_DEVICE_INVALID;
    if (live->vkPhysicalDevice && binding->physicalDevice != live->vkPhysicalDevice)
        return XR_ERROR_GRAPHICS_DEVICE_INVALID;
    if (live->session) return XR_ERROR_LIMIT_REACHED;

    auto created = std::make_unique<Session>();
    created->instance = live;
    created->vkInstance = binding->instance;
    created->physicalDevice = binding->physicalDevice;
    created->device = binding->device;
    created->queueFamilyIndex = binding->queueFamilyIndex;
    vkGetDeviceQueue(binding->device, binding->queueFamilyIndex, binding->queueIndex, &created->queue);
    if (XrResult r = createSessionVulkanObjects(*created); r != XR_SUCCESS) return r;
    Pose head = headPose(simulatedNow());
    created->localOrigin = {yawOnly(head.orientation), head.position};
    Session& made = *created;
    live->session = std::move(created);
    setSessionState(made, XR_SESSION_STATE_IDLE);
    if (runtime().progress().headsetBackAtNs != 0) made.waitingForHeadset = true;
    else setSessionState(made, XR_SESSION_STATE_READY);
    *session = toHandle<XrSession>(&made);
    return XR_SUCCESS;
}

XrResult xrDestroySession(XrSession handle) {
    Session* session = lookup<Session>(handle);
    if (!session) return XR_ERROR_HANDLE_INVALID;
    captureLastProjection(*session);
    detachActionSets(*session);
    session->instance->session.reset();
    return XR_SUCCESS;
}

XrResult xrBeginSession(XrSession handle, const XrSessionBeginInfo* info) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_SESSION_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (info->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
        return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    if (session->running) return XR_ERROR_SESSION_RUNNING;
    if (session->state != XR_SESSION_STATE_READY) return XR_ERROR_SESSION_NOT_READY;
    session->running = true;
    session->framesSinceBegin = 0;
    session->waitedFrames = 0;
    session->frameBegun = false;
    return XR_SUCCESS;
}

XrResult xrEndSession(XrSession handle) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
    if (session->state != XR_SESSION_STATE_STOPPING) return XR_ERROR_SESSION_NOT_STOPPING;
    captureLastProjection(*session);
    session->running = false;
    setSessionState(*session, XR_SESSION_STATE_IDLE);
    if (session->exitRequested) setSessionState(*session, XR_SESSION_STATE_EXITING);
    else if (runtime().progress().headsetBackAtNs != 0) session->waitingForHeadset = true;
    else setSessionState(*session, XR_SESSION_STATE_READY);
    return XR_SUCCESS;
}

XrResult xrRequestExitSession(XrSession handle) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
    session->exitRequested = true;
    stopSession(*session);
    return XR_SUCCESS;
}

XrResult xrPollEvent(XrInstance instance, XrEventDataBuffer* buffer) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    if (!buffer || buffer->type != XR_TYPE_EVENT_DATA_BUFFER) return XR_ERROR_VALIDATION_FAILURE;
    runScriptEvents(*live);
    if (live->events.empty()) return XR_EVENT_UNAVAILABLE;
    QueuedEvent event = std::move(live->events.front());
    live->events.pop_front();
    std::memcpy(buffer, &event.data, sizeof(XrEventDataBuffer));
    nlohmann::json line = {{"event", event.logName}};
    if (!event.state.empty()) line["state"] = event.state;
    runtime().logSession(line);
    // Loss takes effect once the app has been told.
    if (event.data.type == XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING) live->lost = true;
    if (event.session && event.state == "LOSS_PENDING") event.session->lost = true;
    return XR_SUCCESS;
}

}  // namespace oh::xrsim
