// Reference spaces (VIEW = the head, LOCAL = gravity-aligned origin at the
// head when the session was created or last recentred, STAGE = the script's
// floor coordinates), action spaces, and locating spaces and eye views.
// Everything is first expressed in STAGE, then relative to the base space.
#include <algorithm>
#include <cmath>

#include "session_control.h"
#include "sim_api.h"
#include "sim_state.h"

namespace oh::xrsim {
namespace {

bool referenceTypeOffered(XrReferenceSpaceType type) {
    return type == XR_REFERENCE_SPACE_TYPE_VIEW || type == XR_REFERENCE_SPACE_TYPE_LOCAL ||
           (type == XR_REFERENCE_SPACE_TYPE_STAGE && runtime().config().stageSpace);
}

XrResult lookupSpacePair(XrSpace space, XrSpace base, Space** a, Space** b) {
    *a = lookup<Space>(space);
    *b = lookup<Space>(base);
    if (!*a || !*b) return XR_ERROR_HANDLE_INVALID;
    if ((*a)->session != (*b)->session) return XR_ERROR_VALIDATION_FAILURE;
    return checkSession(*(*a)->session);
}

constexpr XrSpaceLocationFlags kLocatedFlags =
    XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
    XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;

int handIndex(XrPath userPath) {
    const std::string* path = runtime().pathString(userPath);
    if (!path) return -1;
    if (*path == "/user/hand/left") return 0;
    if (*path == "/user/hand/right") return 1;
    return -1;
}

}  // namespace

Pose headPose(XrTime time) { return runtime().headPoseAt(time); }

const char* spaceName(const Space& space) {
    if (space.isActionSpace) return "ACTION";
    switch (space.referenceType) {
        case XR_REFERENCE_SPACE_TYPE_VIEW: return "VIEW";
        case XR_REFERENCE_SPACE_TYPE_LOCAL: return "LOCAL";
        default: return "STAGE";
    }
}

bool locateInStage(const Space& space, XrTime time, Pose* pose) {
    if (!space.isActionSpace) {
        Pose reference;
        if (space.referenceType == XR_REFERENCE_SPACE_TYPE_VIEW) reference = headPose(time);
        else if (space.referenceType == XR_REFERENCE_SPACE_TYPE_LOCAL) reference = space.session->localOrigin;
        *pose = compose(reference, space.offset);
        return true;
    }
    const Action* action = space.action;
    if (!action) return false;
    auto state = action->states.find(space.subactionPath);
    if (state == action->states.end() || !state->second.isActive) return false;
    for (const BoundSource& source : action->sources) {
        if (source.kind != SourceKind::Pose) continue;
        if (space.subactionPath != XR_NULL_PATH && source.userPath != space.subactionPath) continue;
        int hand = handIndex(source.userPath);
        if (hand < 0) continue;
        *pose = compose(runtime().gripPoseAt(hand, time), space.offset);
        return true;
    }
    return false;
}

XrResult xrEnumerateReferenceSpaces(XrSession handle, uint32_t capacity, uint32_t* countOutput,
                                    XrReferenceSpaceType* spaces) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    std::vector<XrReferenceSpaceType> types{XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL};
    if (runtime().config().stageSpace) types.push_back(XR_REFERENCE_SPACE_TYPE_STAGE);
    return fillArray(capacity, countOutput, spaces, static_cast<uint32_t>(types.size()),
                     [&](XrReferenceSpaceType& out, uint32_t i) { out = types[i]; });
}

XrResult xrCreateReferenceSpace(XrSession handle, const XrReferenceSpaceCreateInfo* info, XrSpace* space) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || !space || info->type != XR_TYPE_REFERENCE_SPACE_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (!referenceTypeOffered(info->referenceSpaceType)) return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
    if (!isUnitQuaternion(info->poseInReferenceSpace.orientation)) return XR_ERROR_POSE_INVALID;
    auto created = std::make_unique<Space>();
    created->session = session;
    created->referenceType = info->referenceSpaceType;
    created->offset = fromXr(info->poseInReferenceSpace);
    *space = toHandle<XrSpace>(created.get());
    session->spaces.push_back(std::move(created));
    return XR_SUCCESS;
}

XrResult xrGetReferenceSpaceBoundsRect(XrSession handle, XrReferenceSpaceType type, XrExtent2Df* bounds) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!bounds) return XR_ERROR_VALIDATION_FAILURE;
    if (!referenceTypeOffered(type)) return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
    if (type != XR_REFERENCE_SPACE_TYPE_STAGE) {
        *bounds = {0.0f, 0.0f};
        return XR_SPACE_BOUNDS_UNAVAILABLE;
    }
    *bounds = {runtime().config().stageBounds[0], runtime().config().stageBounds[1]};
    return XR_SUCCESS;
}

XrResult xrCreateActionSpace(XrSession handle, const XrActionSpaceCreateInfo* info, XrSpace* space) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || !space || info->type != XR_TYPE_ACTION_SPACE_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    Action* action = lookup<Action>(info->action);
    if (!action || action->set->instance != session->instance) return XR_ERROR_HANDLE_INVALID;
    if (action->type != XR_ACTION_TYPE_POSE_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
    if (info->subactionPath != XR_NULL_PATH) {
        if (!runtime().pathString(info->subactionPath)) return XR_ERROR_PATH_INVALID;
        if (std::find(action->subactionPaths.begin(), action->subactionPaths.end(), info->subactionPath) ==
            action->subactionPaths.end())
            return XR_ERROR_PATH_UNSUPPORTED;
    }
    if (!isUnitQuaternion(info->poseInActionSpace.orientation)) return XR_ERROR_POSE_INVALID;
    auto created = std::make_unique<Space>();
    created->session = session;
    created->isActionSpace = true;
    created->action = action;
    created->subactionPath = info->subactionPath;
    created->offset = fromXr(info->poseInActionSpace);
    *space = toHandle<XrSpace>(created.get());
    session->spaces.push_back(std::move(created));
    return XR_SUCCESS;
}

XrResult xrDestroySpace(XrSpace handle) {
    Space* space = lookup<Space>(handle);
    if (!space) return XR_ERROR_HANDLE_INVALID;
    std::erase_if(space->session->spaces, [space](const auto& owned) { return owned.get() == space; });
    return XR_SUCCESS;
}

XrResult xrLocateSpace(XrSpace spaceHandle, XrSpace baseHandle, XrTime time, XrSpaceLocation* location) {
    Space *space = nullptr, *base = nullptr;
    if (XrResult r = lookupSpacePair(spaceHandle, baseHandle, &space, &base); r != XR_SUCCESS) return r;
    if (!location || location->type != XR_TYPE_SPACE_LOCATION) return XR_ERROR_VALIDATION_FAILURE;
    if (time <= 0) return XR_ERROR_TIME_INVALID;
    Pose spaceInStage, baseInStage;
    bool located = locateInStage(*space, time, &spaceInStage) && locateInStage(*base, time, &baseInStage);
    location->locationFlags = located ? kLocatedFlags : 0;
    location->pose = located ? toXr(compose(inverse(baseInStage), spaceInStage)) : XrPosef{{0, 0, 0, 1}, {0, 0, 0}};
    for (auto* next = static_cast<XrBaseOutStructure*>(location->next); next; next = next->next)
        if (next->type == XR_TYPE_SPACE_VELOCITY) reinterpret_cast<XrSpaceVelocity*>(next)->velocityFlags = 0;
    return XR_SUCCESS;
}

XrResult xrLocateViews(XrSession handle, const XrViewLocateInfo* info, XrViewState* viewState, uint32_t capacity,
                       uint32_t* countOutput, XrView* views) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_VIEW_LOCATE_INFO || !viewState || viewState->type != XR_TYPE_VIEW_STATE)
        return XR_ERROR_VALIDATION_FAILURE;
    if (info->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
        return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
    Space* base = lookup<Space>(info->space);
    if (!base || base->session != session) return XR_ERROR_HANDLE_INVALID;
    if (capacity > 0 && views)
        for (uint32_t i = 0; i < std::min(capacity, 2u); ++i)
            if (views[i].type != XR_TYPE_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    Pose baseInStage;
    bool located = locateInStage(*base, info->displayTime, &baseInStage);
    viewState->viewStateFlags = located ? kLocatedFlags : 0;
    Pose head = headPose(info->displayTime);
    const SimConfig& config = runtime().config();
    const FovDegrees& fov = config.leftEyeFov;
    return fillArray(capacity, countOutput, views, 2, [&](XrView& view, uint32_t eye) {
        float side = eye == 0 ? -0.5f : 0.5f;
        Pose eyeInStage = compose(head, Pose{{1, 0, 0, 0}, {side * config.ipd, 0.0f, 0.0f}});
        view.pose = located ? toXr(compose(inverse(baseInStage), eyeInStage)) : XrPosef{{0, 0, 0, 1}, {0, 0, 0}};
        // The right eye mirrors the left one.
        view.fov = eye == 0 ? XrFovf{glm::radians(fov.left), glm::radians(fov.right), glm::radians(fov.up),
                                     glm::radians(fov.down)}
                            : XrFovf{glm::radians(-fov.right), glm::radians(-fov.left), glm::radians(fov.up),
                                     glm::radians(fov.down)};
    });
}

}  // namespace oh::xrsim
