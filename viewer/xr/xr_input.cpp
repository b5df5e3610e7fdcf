#include "viewer/xr/xr_input.h"

#include <cstring>
#include <vector>

#include "core/log.h"

namespace oh::viewer {
namespace {

Result<XrAction> createAction(XrActionSet set, XrActionType type, const char* name, const char* localizedName,
                              const std::array<XrPath, 2>& hands) {
    XrActionCreateInfo info{XR_TYPE_ACTION_CREATE_INFO};
    info.actionType = type;
    std::strncpy(info.actionName, name, XR_MAX_ACTION_NAME_SIZE - 1);
    std::strncpy(info.localizedActionName, localizedName, XR_MAX_LOCALIZED_ACTION_NAME_SIZE - 1);
    info.countSubactionPaths = uint32_t(hands.size());
    info.subactionPaths = hands.data();
    XrAction action = XR_NULL_HANDLE;
    OH_XR_TRY(xrCreateAction(set, &info, &action));
    return action;
}

std::optional<Pose> locate(XrSpace space, XrSpace reference, XrTime time) {
    XrSpaceLocation location{XR_TYPE_SPACE_LOCATION};
    if (XR_FAILED(xrLocateSpace(space, reference, time, &location))) return std::nullopt;
    constexpr XrSpaceLocationFlags kValid =
        XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
    if ((location.locationFlags & kValid) != kValid) return std::nullopt;
    return toPose(location.pose);
}

}  // namespace

Pose toPose(const XrPosef& pose) {
    Pose result;
    result.position = {pose.position.x, pose.position.y, pose.position.z};
    result.orientation = glm::quat(pose.orientation.w, pose.orientation.x, pose.orientation.y, pose.orientation.z);
    return result;
}

XrPosef toXrPose(const Pose& pose) {
    XrPosef result;
    result.position = {pose.position.x, pose.position.y, pose.position.z};
    result.orientation = {pose.orientation.x, pose.orientation.y, pose.orientation.z, pose.orientation.w};
    return result;
}

Result<std::unique_ptr<XrInput>> XrInput::create(XrInstance instance) {
    std::unique_ptr<XrInput> input(new XrInput());
    OH_TRY(input->init(instance));
    return input;
}

XrInput::~XrInput() { detach(); }

XrPath XrInput::path(const char* text) const {
    XrPath result = XR_NULL_PATH;
    xrStringToPath(m_instance, text, &result);
    return result;
}

Status XrInput::init(XrInstance instance) {
    m_instance = instance;
    m_handPaths = {path("/user/hand/left"), path("/user/hand/right")};

    XrActionSetCreateInfo setInfo{XR_TYPE_ACTION_SET_CREATE_INFO};
    std::strncpy(setInfo.actionSetName, "tour", XR_MAX_ACTION_SET_NAME_SIZE - 1);
    std::strncpy(setInfo.localizedActionSetName, "Apartment tour", XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE - 1);
    XrActionSet set = XR_NULL_HANDLE;
    OH_XR_TRY(xrCreateActionSet(instance, &setInfo, &set));
    m_actionSet = UniqueXrActionSet(set);

    struct Definition {
        XrAction* action;
        XrActionType type;
        const char* name;
        const char* localizedName;
    };
    const Definition definitions[] = {
        {&m_aim, XR_ACTION_TYPE_POSE_INPUT, "aim", "Point"},
        {&m_grip, XR_ACTION_TYPE_POSE_INPUT, "grip", "Hold"},
        {&m_stick, XR_ACTION_TYPE_VECTOR2F_INPUT, "move", "Teleport and turn"},
        {&m_select, XR_ACTION_TYPE_BOOLEAN_INPUT, "select", "Select"},
        {&m_menu, XR_ACTION_TYPE_BOOLEAN_INPUT, "menu", "Show or hide the menu"},
        {&m_measure, XR_ACTION_TYPE_BOOLEAN_INPUT, "measure", "Start or stop measuring"},
        {&m_haptic, XR_ACTION_TYPE_VIBRATION_OUTPUT, "buzz", "Buzz"},
    };
    for (const Definition& definition : definitions) {
        auto action = createAction(set, definition.type, definition.name, definition.localizedName, m_handPaths);
        if (!action) return action.error();
        *definition.action = action.value();
    }

    // Each profile the runtime may have; it picks the one matching the
    // controllers in hand. Per hand: aim and grip poses, haptics, and the
    // profile's own stick, select, menu and measure inputs. Controllers
    // without a spare button (Vive, simple) measure from the menu panel.
    struct Profile {
        const char* path;
        const char* stick;  // null: the controller has none
        const char* select;
        const char* menu[2];     // left, right
        const char* measure[2];  // left, right; null: none
    };
    const Profile profiles[] = {
        {"/interaction_profiles/oculus/touch_controller", "thumbstick", "trigger/value", {"menu/click", "b/click"},
         {"x/click", "a/click"}},
        {"/interaction_profiles/valve/index_controller", "thumbstick", "trigger/value", {"b/click", "b/click"},
         {"a/click", "a/click"}},
        {"/interaction_profiles/htc/vive_controller", "trackpad", "trigger/value", {"menu/click", "menu/click"},
         {nullptr, nullptr}},
        {"/interaction_profiles/khr/simple_controller", nullptr, "select/click", {"menu/click", "menu/click"},
         {nullptr, nullptr}},
    };
    for (const Profile& profile : profiles) {
        std::vector<std::pair<XrAction, std::string>> bindings;
        for (int hand = 0; hand < 2; ++hand) {
            std::string prefix = hand == 0 ? "/user/hand/left/" : "/user/hand/right/";
            bindings.emplace_back(m_aim, prefix + "input/aim/pose");
            bindings.emplace_back(m_grip, prefix + "input/grip/pose");
            if (profile.stick) bindings.emplace_back(m_stick, prefix + "input/" + profile.stick);
            bindings.emplace_back(m_select, prefix + "input/" + profile.select);
            bindings.emplace_back(m_menu, prefix + "input/" + profile.menu[hand]);
            if (profile.measure[hand]) bindings.emplace_back(m_measure, prefix + "input/" + profile.measure[hand]);
            bindings.emplace_back(m_haptic, prefix + "output/haptic");
        }
        OH_TRY(suggest(profile.path, bindings));
    }
    return ok();
}

Status XrInput::suggest(const char* profile, const std::vector<std::pair<XrAction, std::string>>& bindings) {
    std::vector<XrActionSuggestedBinding> suggested;
    for (const auto& [action, binding] : bindings) suggested.push_back({action, path(binding.c_str())});
    XrInteractionProfileSuggestedBinding info{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
    info.interactionProfile = path(profile);
    info.countSuggestedBindings = uint32_t(suggested.size());
    info.suggestedBindings = suggested.data();
    XrResult result = xrSuggestInteractionProfileBindings(m_instance, &info);
    if (result == XR_ERROR_PATH_UNSUPPORTED) {
        OH_LOG_DEBUG("the OpenXR runtime does not know %s: those controllers are not bound", profile);
        return ok();
    }
    OH_XR_TRY(result);
    return ok();
}

Status XrInput::attach(XrSession session) {
    detach();
    m_session = session;
    XrActionSet set = m_actionSet.get();
    XrSessionActionSetsAttachInfo attachInfo{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
    attachInfo.countActionSets = 1;
    attachInfo.actionSets = &set;
    OH_XR_TRY(xrAttachSessionActionSets(session, &attachInfo));
    for (size_t hand = 0; hand < 2; ++hand) {
        XrActionSpaceCreateInfo spaceInfo{XR_TYPE_ACTION_SPACE_CREATE_INFO};
        spaceInfo.subactionPath = m_handPaths[hand];
        spaceInfo.poseInActionSpace.orientation.w = 1.0f;
        XrSpace space = XR_NULL_HANDLE;
        spaceInfo.action = m_aim;
        OH_XR_TRY(xrCreateActionSpace(session, &spaceInfo, &space));
        m_aimSpaces[hand] = UniqueXrSpace(space);
        spaceInfo.action = m_grip;
        OH_XR_TRY(xrCreateActionSpace(session, &spaceInfo, &space));
        m_gripSpaces[hand] = UniqueXrSpace(space);
    }
    return ok();
}

void XrInput::detach() {
    for (auto& space : m_aimSpaces) space.reset();
    for (auto& space : m_gripSpaces) space.reset();
    m_session = XR_NULL_HANDLE;
    m_hands = {};
}

Status XrInput::sync(XrSpace reference, XrTime time, bool focused) {
    if (!m_session) return ok();
    std::array<ControllerState, 2> previous = m_hands;
    m_hands = {};
    if (!focused) return ok();  // another app or the system menu has the controllers

    XrActiveActionSet active{m_actionSet.get(), XR_NULL_PATH};
    XrActionsSyncInfo syncInfo{XR_TYPE_ACTIONS_SYNC_INFO};
    syncInfo.countActiveActionSets = 1;
    syncInfo.activeActionSets = &active;
    XrResult synced = xrSyncActions(m_session, &syncInfo);
    if (synced == XR_SESSION_NOT_FOCUSED) return ok();
    OH_XR_TRY(synced);

    for (size_t hand = 0; hand < 2; ++hand) {
        ControllerState& state = m_hands[hand];
        XrActionStateGetInfo get{XR_TYPE_ACTION_STATE_GET_INFO};
        get.subactionPath = m_handPaths[hand];

        XrActionStateVector2f stick{XR_TYPE_ACTION_STATE_VECTOR2F};
        get.action = m_stick;
        OH_XR_TRY(xrGetActionStateVector2f(m_session, &get, &stick));
        state.hasStick = stick.isActive;
        if (stick.isActive) state.stick = {stick.currentState.x, stick.currentState.y};

        auto button = [&](XrAction action) -> Result<XrActionStateBoolean> {
            XrActionStateBoolean value{XR_TYPE_ACTION_STATE_BOOLEAN};
            get.action = action;
            OH_XR_TRY(xrGetActionStateBoolean(m_session, &get, &value));
            return value;
        };
        auto select = button(m_select);
        if (!select) return select.error();
        state.select = select->isActive && select->currentState;
        state.selectPressed = state.select && !previous[hand].select;
        state.selectReleased = !state.select && previous[hand].select;
        auto menu = button(m_menu);
        if (!menu) return menu.error();
        state.menuPressed = menu->isActive && menu->currentState && menu->changedSinceLastSync;
        auto measure = button(m_measure);
        if (!measure) return measure.error();
        state.measurePressed = measure->isActive && measure->currentState && measure->changedSinceLastSync;

        state.aim = locate(m_aimSpaces[hand].get(), reference, time);
        state.grip = locate(m_gripSpaces[hand].get(), reference, time);
    }
    return ok();
}

void XrInput::pulse(Hand hand, float amplitude, float seconds) {
    if (!m_session) return;
    XrHapticActionInfo info{XR_TYPE_HAPTIC_ACTION_INFO};
    info.action = m_haptic;
    info.subactionPath = m_handPaths[size_t(hand)];
    XrHapticVibration vibration{XR_TYPE_HAPTIC_VIBRATION};
    vibration.amplitude = amplitude;
    vibration.duration = XrDuration(double(seconds) * 1e9);
    vibration.frequency = XR_FREQUENCY_UNSPECIFIED;
    // Feedback only: a runtime that cannot buzz changes nothing the user needs.
    xrApplyHapticFeedback(m_session, &info, reinterpret_cast<const XrHapticBaseHeader*>(&vibration));
}

std::string XrInput::interactionProfile() const {
    if (!m_session) return {};
    XrInteractionProfileState state{XR_TYPE_INTERACTION_PROFILE_STATE};
    if (XR_FAILED(xrGetCurrentInteractionProfile(m_session, m_handPaths[1], &state)) ||
        state.interactionProfile == XR_NULL_PATH)
        return {};
    char text[XR_MAX_PATH_LENGTH] = {};
    uint32_t length = 0;
    if (XR_FAILED(xrPathToString(m_instance, state.interactionProfile, sizeof(text), &length, text))) return {};
    return text;
}

}  // namespace oh::viewer
