// The frame loop: xrWaitFrame (display clock, optional real-time pacing),
// xrBeginFrame, and xrEndFrame, which validates the submitted layers, logs
// them to frames.jsonl and captures the frames the script asks for.
#include <algorithm>
#include <cerrno>

#include "session_control.h"
#include "sim_api.h"
#include "sim_state.h"
#include "system.h"

namespace oh::xrsim {
namespace {

using nlohmann::json;

json poseJson(const XrPosef& pose) {
    return {{"position", {pose.position.x, pose.position.y, pose.position.z}},
            {"orientation", {pose.orientation.x, pose.orientation.y, pose.orientation.z, pose.orientation.w}}};
}

XrResult checkSubImage(Session& session, const XrSwapchainSubImage& sub, Swapchain** out) {
    Swapchain* swapchain = lookup<Swapchain>(sub.swapchain);
    if (!swapchain || swapchain->session != &session) return XR_ERROR_HANDLE_INVALID;
    if (swapchain->lastReleased < 0) return XR_ERROR_LAYER_INVALID;
    const XrRect2Di& rect = sub.imageRect;
    if (rect.offset.x < 0 || rect.offset.y < 0 || rect.extent.width <= 0 || rect.extent.height <= 0 ||
        uint64_t(rect.offset.x) + uint64_t(rect.extent.width) > swapchain->info.width ||
        uint64_t(rect.offset.y) + uint64_t(rect.extent.height) > swapchain->info.height)
        return XR_ERROR_SWAPCHAIN_RECT_INVALID;
    if (sub.imageArrayIndex >= swapchain->info.arraySize) return XR_ERROR_VALIDATION_FAILURE;
    *out = swapchain;
    return XR_SUCCESS;
}

json subImageJson(const Swapchain& swapchain, const XrSwapchainSubImage& sub) {
    const XrRect2Di& r = sub.imageRect;
    return {{"swapchain", swapchain.id},
            {"imageRect", {r.offset.x, r.offset.y, r.extent.width, r.extent.height}},
            {"arrayIndex", sub.imageArrayIndex}};
}

XrResult checkSpace(Session& session, XrSpace handle, Space** out) {
    *out = lookup<Space>(handle);
    return *out && (*out)->session == &session ? XR_SUCCESS : XR_ERROR_HANDLE_INVALID;
}

// One submitted frame, validated and described.
struct SubmittedFrame {
    json layers = json::array();
    std::vector<CaptureSource> projection;  // the last projection layer's eyes
    std::optional<CaptureSource> quad;      // the last quad layer
};

XrResult describeProjection(Session& session, const XrCompositionLayerProjection& layer, SubmittedFrame* frame) {
    Space* space = nullptr;
    if (XrResult r = checkSpace(session, layer.space, &space); r != XR_SUCCESS) return r;
    if (layer.viewCount != 2 || !layer.views) return XR_ERROR_VALIDATION_FAILURE;
    bool depthEnabled = session.instance->hasExtension(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    json views = json::array();
    std::vector<CaptureSource> eyes;
    for (uint32_t i = 0; i < layer.viewCount; ++i) {
        const XrCompositionLayerProjectionView& view = layer.views[i];
        if (view.type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
        if (!isUnitQuaternion(view.pose.orientation)) return XR_ERROR_POSE_INVALID;
        Swapchain* swapchain = nullptr;
        if (XrResult r = checkSubImage(session, view.subImage, &swapchain); r != XR_SUCCESS) return r;
        json described = subImageJson(*swapchain, view.subImage);
        described["pose"] = poseJson(view.pose);
        described["fov"] = {view.fov.angleLeft, view.fov.angleRight, view.fov.angleUp, view.fov.angleDown};
        described["depth"] = nullptr;
        for (auto* next = static_cast<const XrBaseInStructure*>(view.next); next; next = next->next) {
            if (!depthEnabled || next->type != XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR) continue;
            auto* depth = reinterpret_cast<const XrCompositionLayerDepthInfoKHR*>(next);
            Swapchain* depthSwapchain = nullptr;
            if (XrResult r = checkSubImage(session, depth->subImage, &depthSwapchain); r != XR_SUCCESS) return r;
            if (!(depth->minDepth >= 0.0f && depth->minDepth < depth->maxDepth && depth->maxDepth <= 1.0f) ||
                depth->nearZ == depth->farZ || depthSwapchain->aspect == VK_IMAGE_ASPECT_COLOR_BIT)
                return XR_ERROR_VALIDATION_FAILURE;
            described["depth"] = {{"swapchain", depthSwapchain->id}, {"nearZ", depth->nearZ}, {"farZ", depth->farZ}};
        }
        views.push_back(described);
        eyes.push_back({swapchain, static_cast<uint32_t>(swapchain->lastReleased), view.subImage.imageArrayIndex,
                        view.subImage.imageRect,
                        (layer.layerFlags & XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT) == 0});
    }
    frame->layers.push_back({{"type", "projection"}, {"space", spaceName(*space)}, {"views", views}});
    frame->projection = std::move(eyes);
    return XR_SUCCESS;
}

XrResult describeQuad(Session& session, const XrCompositionLayerQuad& layer, SubmittedFrame* frame) {
    Space* space = nullptr;
    if (XrResult r = checkSpace(session, layer.space, &space); r != XR_SUCCESS) return r;
    if (layer.eyeVisibility > XR_EYE_VISIBILITY_RIGHT) return XR_ERROR_VALIDATION_FAILURE;
    if (!isUnitQuaternion(layer.pose.orientation)) return XR_ERROR_POSE_INVALID;
    Swapchain* swapchain = nullptr;
    if (XrResult r = checkSubImage(session, layer.subImage, &swapchain); r != XR_SUCCESS) return r;
    json described = subImageJson(*swapchain, layer.subImage);
    described.update({{"type", "quad"},
                      {"space", spaceName(*space)},
                      {"pose", poseJson(layer.pose)},
                      {"size", {layer.size.width, layer.size.height}}});
    frame->layers.push_back(described);
    frame->quad = CaptureSource{swapchain, static_cast<uint32_t>(swapchain->lastReleased),
                                layer.subImage.imageArrayIndex, layer.subImage.imageRect,
                                (layer.layerFlags & XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT) == 0};
    return XR_SUCCESS;
}

XrResult describeLayers(Session& session, const XrFrameEndInfo& info, SubmittedFrame* frame) {
    if (info.layerCount > kMaxLayerCount) return XR_ERROR_LAYER_LIMIT_EXCEEDED;
    if (info.layerCount > 0 && !info.layers) return XR_ERROR_LAYER_INVALID;
    for (uint32_t i = 0; i < info.layerCount; ++i) {
        const XrCompositionLayerBaseHeader* layer = info.layers[i];
        if (!layer) return XR_ERROR_LAYER_INVALID;
        XrResult r = XR_ERROR_LAYER_INVALID;
        if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION)
            r = describeProjection(session, *reinterpret_cast<const XrCompositionLayerProjection*>(layer), frame);
        else if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD)
            r = describeQuad(session, *reinterpret_cast<const XrCompositionLayerQuad*>(layer), frame);
        if (r != XR_SUCCESS) return r;
    }
    return XR_SUCCESS;
}

void captureFrame(Session& session, int64_t frameIndex, const SubmittedFrame& frame) {
    const auto& wanted = runtime().config().captureFrames;
    if (!runtime().capturing() || std::find(wanted.begin(), wanted.end(), frameIndex) == wanted.end()) return;
    std::string prefix = "frame-" + std::to_string(frameIndex);
    for (size_t eye = 0; eye < frame.projection.size(); ++eye)
        captureToPng(session, frame.projection[eye],
                     runtime().outputPath(prefix + (eye == 0 ? "-left.png" : "-right.png")));
    if (frame.quad) captureToPng(session, *frame.quad, runtime().outputPath("quad-" + std::to_string(frameIndex) + ".png"));
}

}  // namespace

XrResult xrWaitFrame(XrSession handle, const XrFrameWaitInfo* info, XrFrameState* frameState) {
    int64_t wakeAtNs = 0;
    try {
        std::lock_guard lock(runtimeMutex());
        Session* session = nullptr;
        if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
        if ((info && info->type != XR_TYPE_FRAME_WAIT_INFO) || !frameState || frameState->type != XR_TYPE_FRAME_STATE)
            return XR_ERROR_VALIDATION_FAILURE;
        if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
        XrTime display = runtime().nextDisplayTime(&wakeAtNs);
        session->waitedFrames = 1;
        session->lastPredictedTime = display;
        frameState->predictedDisplayTime = display;
        frameState->predictedDisplayPeriod = runtime().periodNs();
        frameState->shouldRender =
            session->state == XR_SESSION_STATE_VISIBLE || session->state == XR_SESSION_STATE_FOCUSED;
    } catch (const std::exception&) {
        return XR_ERROR_RUNTIME_FAILURE;
    }
    if (wakeAtNs > monotonicNs()) {
        timespec wake{static_cast<time_t>(wakeAtNs / 1000000000), static_cast<long>(wakeAtNs % 1000000000)};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &wake, nullptr) == EINTR) {}
    }
    return XR_SUCCESS;
}

XrResult xrBeginFrame(XrSession handle, const XrFrameBeginInfo* info) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (info && info->type != XR_TYPE_FRAME_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
    if (session->waitedFrames == 0) return XR_ERROR_CALL_ORDER_INVALID;
    session->waitedFrames = 0;
    if (session->frameBegun) return XR_FRAME_DISCARDED;  // the previous frame was never ended
    session->frameBegun = true;
    return XR_SUCCESS;
}

XrResult xrEndFrame(XrSession handle, const XrFrameEndInfo* info) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_FRAME_END_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
    if (!session->frameBegun) return XR_ERROR_CALL_ORDER_INVALID;
    if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
    if (info->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE)
        return info->environmentBlendMode >= XR_ENVIRONMENT_BLEND_MODE_OPAQUE &&
                       info->environmentBlendMode <= XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND
                   ? XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED
                   : XR_ERROR_VALIDATION_FAILURE;
    SubmittedFrame frame;
    if (XrResult r = describeLayers(*session, *info, &frame); r != XR_SUCCESS) return r;
    session->frameBegun = false;

    SimProgress& progress = runtime().progress();
    int64_t frameIndex = progress.framesEnded;
    json line = {{"frame", frameIndex},
                 {"displayTime", info->displayTime},
                 {"state", sessionStateName(session->state)},
                 {"headPose", poseJson(toXr(headPose(info->displayTime)))},
                 {"layers", frame.layers}};
    if (runtime().config().measureLuminance && !frame.projection.empty())
        line["luminance"] = meanLuminance(*session, frame.projection[0]);
    runtime().logFrame(line);
    captureFrame(*session, frameIndex, frame);
    if (!frame.projection.empty()) session->lastProjection = frame.projection;
    ++progress.framesEnded;
    advanceSessionAfterFrame(*session);
    runScriptEvents(*session->instance);
    return XR_SUCCESS;
}

}  // namespace oh::xrsim
