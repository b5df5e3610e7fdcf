// The action system: action sets and actions, suggested bindings validated
// against the real profile path sets, attachment (binding resolution for the
// configured interaction profile), input sampled from the script at
// xrSyncActions, action states, bound sources and haptics (logged).
#include <algorithm>
#include <cctype>
#include <cmath>

#include "interaction_profiles.h"
#include "session_control.h"
#include "sim_api.h"
#include "sim_state.h"

namespace oh::xrsim {
namespace {

bool isValidName(const char* name, size_t capacity) {
    size_t length = strnlen(name, capacity);
    if (length == 0 || length == capacity) return false;
    return std::all_of(name, name + length, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
}

bool isTopLevelUserPath(XrPath path) {
    const std::string* text = runtime().pathString(path);
    return text && (*text == "/user/hand/left" || *text == "/user/hand/right" || *text == "/user/head" ||
                    *text == "/user/gamepad");
}

bool isAttachedTo(const ActionSet& set, const Session& session) {
    return std::find(session.attachedSets.begin(), session.attachedSets.end(), &set) != session.attachedSets.end();
}

// An action's subaction path argument: null, or one it was created with.
XrResult checkSubactionPath(const Action& action, XrPath path) {
    if (path == XR_NULL_PATH) return XR_SUCCESS;
    if (!runtime().pathString(path)) return XR_ERROR_PATH_INVALID;
    return std::find(action.subactionPaths.begin(), action.subactionPaths.end(), path) == action.subactionPaths.end()
               ? XR_ERROR_PATH_UNSUPPORTED
               : XR_SUCCESS;
}

XrResult lookupAttachedAction(Session& session, XrAction handle, XrPath subactionPath, XrActionType type,
                              Action** out) {
    Action* action = lookup<Action>(handle);
    if (!action || action->set->instance != session.instance) return XR_ERROR_HANDLE_INVALID;
    if (type != XR_ACTION_TYPE_MAX_ENUM && action->type != type) return XR_ERROR_ACTION_TYPE_MISMATCH;
    if (!isAttachedTo(*action->set, session)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    if (XrResult r = checkSubactionPath(*action, subactionPath); r != XR_SUCCESS) return r;
    *out = action;
    return XR_SUCCESS;
}

// The shared part of xrGetActionState*: checks, then the common fields;
// setValue writes the type's currentState.
template <class State, class SetValue>
XrResult getActionState(XrSession handle, const XrActionStateGetInfo* info, State* state, XrStructureType stateType,
                        XrActionType actionType, SetValue&& setValue) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_ACTION_STATE_GET_INFO || !state || state->type != stateType)
        return XR_ERROR_VALIDATION_FAILURE;
    Action* action = nullptr;
    if (XrResult r = lookupAttachedAction(*session, info->action, info->subactionPath, actionType, &action);
        r != XR_SUCCESS)
        return r;
    const ActionStateValue& value = action->states[info->subactionPath];
    state->isActive = value.isActive;
    if constexpr (requires { state->changedSinceLastSync; }) {
        state->changedSinceLastSync = value.changedSinceLastSync;
        state->lastChangeTime = value.lastChangeTime;
    }
    setValue(*state, value.value);
    return XR_SUCCESS;
}

float readScalar(const BoundSource& source, const InputValues& input) {
    const std::string& path = *runtime().pathString(source.path);
    if (source.kind == SourceKind::AxisComponent) {
        auto axis = input.axes.find(path.substr(0, path.size() - 2));
        return axis == input.axes.end() ? 0.0f : axis->second[path.back() == 'x' ? 0 : 1];
    }
    auto scalar = input.scalars.find(path);
    return scalar == input.scalars.end() ? 0.0f : scalar->second;
}

glm::vec2 readAxes(const BoundSource& source, const InputValues& input) {
    auto axis = input.axes.find(*runtime().pathString(source.path));
    return axis == input.axes.end() ? glm::vec2(0.0f) : axis->second;
}

// The value one source gives an action of this type.
glm::vec2 readSource(BoundSource& source, XrActionType type, const InputValues& input) {
    if (source.kind == SourceKind::Axis2) return readAxes(source, input);
    if (source.kind == SourceKind::Pose || source.kind == SourceKind::Haptic) return {};
    float value = readScalar(source, input);
    if (type == XR_ACTION_TYPE_BOOLEAN_INPUT) {
        if (source.kind == SourceKind::Boolean) return {value > 0.5f ? 1.0f : 0.0f, 0.0f};
        // An analogue input read as a button: press and release thresholds.
        if (!source.pressed && value > 0.5f) source.pressed = true;
        else if (source.pressed && value < 0.4f) source.pressed = false;
        return {source.pressed ? 1.0f : 0.0f, 0.0f};
    }
    if (source.kind == SourceKind::Boolean) return {value > 0.5f ? 1.0f : 0.0f, 0.0f};
    return {value, 0.0f};
}

void syncAction(Action& action, const std::vector<XrPath>& activeUserPaths, bool allUserPaths, bool focused,
                const InputValues& input, XrTime now) {
    std::vector<glm::vec2> values(action.sources.size());
    for (size_t i = 0; i < action.sources.size(); ++i) values[i] = readSource(action.sources[i], action.type, input);
    for (auto& [subactionPath, state] : action.states) {
        bool active = false;
        glm::vec2 combined{0.0f};
        for (size_t i = 0; i < action.sources.size(); ++i) {
            const BoundSource& source = action.sources[i];
            if (subactionPath != XR_NULL_PATH && source.userPath != subactionPath) continue;
            if (!allUserPaths && std::find(activeUserPaths.begin(), activeUserPaths.end(), source.userPath) ==
                                     activeUserPaths.end())
                continue;
            active = true;
            // Several sources: OR for buttons, the largest magnitude otherwise.
            if (glm::length(values[i]) > glm::length(combined)) combined = values[i];
        }
        active = active && focused;
        if (!active) combined = glm::vec2(0.0f);
        bool changed = active && state.isActive && combined != state.value;
        if (changed || (active && !state.isActive)) state.lastChangeTime = now;
        state.changedSinceLastSync = changed;
        state.isActive = active;
        state.value = combined;
    }
}

std::string titleCase(std::string text) {
    bool start = true;
    for (char& c : text) {
        if (c == '_') c = ' ';
        if (start && std::isalpha(static_cast<unsigned char>(c))) c = char(std::toupper(static_cast<unsigned char>(c)));
        start = c == ' ';
    }
    return text;
}

}  // namespace

Action::~Action() {
    Instance& instance = *set->instance;
    if (instance.session)
        for (auto& space : instance.session->spaces)
            if (space->action == this) space->action = nullptr;
    for (auto& [profile, bindings] : instance.suggestedBindings)
        std::erase_if(bindings, [this](const auto& binding) { return binding.first == this; });
}

void detachActionSets(Session& session) {
    for (ActionSet* set : session.attachedSets)
        for (auto& action : set->actions) {
            action->sources.clear();
            action->states.clear();
        }
    session.attachedSets.clear();
}

namespace {

// The naming rules action sets and actions share: a well-formed name and a
// non-empty localized name, neither taken by a sibling.
template <class Siblings>
XrResult checkNames(const char* name, size_t nameSize, const char* localizedName, size_t localizedNameSize,
                    const Siblings& siblings) {
    if (!isValidName(name, nameSize)) return XR_ERROR_NAME_INVALID;
    if (strnlen(localizedName, localizedNameSize) == 0) return XR_ERROR_LOCALIZED_NAME_INVALID;
    for (const auto& sibling : siblings) {
        if (sibling->name == name) return XR_ERROR_NAME_DUPLICATED;
        if (sibling->localizedName == localizedName) return XR_ERROR_LOCALIZED_NAME_DUPLICATED;
    }
    return XR_SUCCESS;
}

}  // namespace

XrResult xrCreateActionSet(XrInstance instance, const XrActionSetCreateInfo* info, XrActionSet* actionSet) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    if (!info || !actionSet || info->type != XR_TYPE_ACTION_SET_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (XrResult r = checkNames(info->actionSetName, XR_MAX_ACTION_SET_NAME_SIZE, info->localizedActionSetName,
                                XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE, live->actionSets);
        r != XR_SUCCESS)
        return r;
    auto created = std::make_unique<ActionSet>();
    created->instance = live;
    created->name = info->actionSetName;
    created->localizedName = info->localizedActionSetName;
    created->priority = info->priority;
    *actionSet = toHandle<XrActionSet>(created.get());
    live->actionSets.push_back(std::move(created));
    return XR_SUCCESS;
}

XrResult xrDestroyActionSet(XrActionSet handle) {
    ActionSet* set = lookup<ActionSet>(handle);
    if (!set) return XR_ERROR_HANDLE_INVALID;
    Instance& instance = *set->instance;
    if (instance.session) std::erase(instance.session->attachedSets, set);
    std::erase_if(instance.actionSets, [set](const auto& owned) { return owned.get() == set; });
    return XR_SUCCESS;
}

XrResult xrCreateAction(XrActionSet setHandle, const XrActionCreateInfo* info, XrAction* action) {
    ActionSet* set = lookup<ActionSet>(setHandle);
    if (!set) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*set->instance); r != XR_SUCCESS) return r;
    if (!info || !action || info->type != XR_TYPE_ACTION_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (set->everAttached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
    switch (info->actionType) {
        case XR_ACTION_TYPE_BOOLEAN_INPUT:
        case XR_ACTION_TYPE_FLOAT_INPUT:
        case XR_ACTION_TYPE_VECTOR2F_INPUT:
        case XR_ACTION_TYPE_POSE_INPUT:
        case XR_ACTION_TYPE_VIBRATION_OUTPUT: break;
        default: return XR_ERROR_VALIDATION_FAILURE;
    }
    if (XrResult r = checkNames(info->actionName, XR_MAX_ACTION_NAME_SIZE, info->localizedActionName,
                                XR_MAX_LOCALIZED_ACTION_NAME_SIZE, set->actions);
        r != XR_SUCCESS)
        return r;
    if (info->countSubactionPaths > 0 && !info->subactionPaths) return XR_ERROR_VALIDATION_FAILURE;
    std::vector<XrPath> subactionPaths;
    for (uint32_t i = 0; i < info->countSubactionPaths; ++i) {
        XrPath path = info->subactionPaths[i];
        if (!runtime().pathString(path)) return XR_ERROR_PATH_INVALID;
        if (!isTopLevelUserPath(path) ||
            std::find(subactionPaths.begin(), subactionPaths.end(), path) != subactionPaths.end())
            return XR_ERROR_PATH_UNSUPPORTED;
        subactionPaths.push_back(path);
    }
    auto created = std::make_unique<Action>();
    created->set = set;
    created->name = info->actionName;
    created->localizedName = info->localizedActionName;
    created->type = info->actionType;
    created->subactionPaths = std::move(subactionPaths);
    *action = toHandle<XrAction>(created.get());
    set->actions.push_back(std::move(created));
    return XR_SUCCESS;
}

XrResult xrDestroyAction(XrAction handle) {
    Action* action = lookup<Action>(handle);
    if (!action) return XR_ERROR_HANDLE_INVALID;
    std::erase_if(action->set->actions, [action](const auto& owned) { return owned.get() == action; });
    return XR_SUCCESS;
}

XrResult xrSuggestInteractionProfileBindings(XrInstance instance,
                                             const XrInteractionProfileSuggestedBinding* suggested) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    if (!suggested || suggested->type != XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING ||
        suggested->countSuggestedBindings == 0 || !suggested->suggestedBindings)
        return XR_ERROR_VALIDATION_FAILURE;
    const std::string* profilePath = runtime().pathString(suggested->interactionProfile);
    if (!profilePath) return XR_ERROR_PATH_INVALID;
    const InteractionProfile* profile = findInteractionProfile(*profilePath);
    if (!profile) return XR_ERROR_PATH_UNSUPPORTED;
    if (std::any_of(live->actionSets.begin(), live->actionSets.end(), [](auto& set) { return set->everAttached; }))
        return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
    std::vector<std::pair<Action*, XrPath>> bindings;
    for (uint32_t i = 0; i < suggested->countSuggestedBindings; ++i) {
        const XrActionSuggestedBinding& binding = suggested->suggestedBindings[i];
        Action* action = lookup<Action>(binding.action);
        if (!action || action->set->instance != live) return XR_ERROR_HANDLE_INVALID;
        const std::string* bindingPath = runtime().pathString(binding.binding);
        if (!bindingPath) return XR_ERROR_PATH_INVALID;
        if (!profileHasBindingPath(*profile, *bindingPath)) return XR_ERROR_PATH_UNSUPPORTED;
        bindings.emplace_back(action, binding.binding);
    }
    live->suggestedBindings[suggested->interactionProfile] = std::move(bindings);
    return XR_SUCCESS;
}

XrResult xrAttachSessionActionSets(XrSession handle, const XrSessionActionSetsAttachInfo* info) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO || info->countActionSets == 0 ||
        !info->actionSets)
        return XR_ERROR_VALIDATION_FAILURE;
    if (!session->attachedSets.empty()) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
    std::vector<ActionSet*> sets;
    for (uint32_t i = 0; i < info->countActionSets; ++i) {
        ActionSet* set = lookup<ActionSet>(info->actionSets[i]);
        if (!set || set->instance != session->instance) return XR_ERROR_HANDLE_INVALID;
        sets.push_back(set);
    }
    session->attachedSets = sets;

    // Only the bindings suggested for the "connected" controllers count.
    const std::string& configured = runtime().config().interactionProfile;
    const InteractionProfile* profile = findInteractionProfile(configured);
    XrPath profilePath = runtime().pathFor(configured);
    auto suggestions = session->instance->suggestedBindings.find(profilePath);
    bool anyBound = false;
    for (ActionSet* set : sets) {
        set->everAttached = true;
        for (auto& action : set->actions) {
            action->sources.clear();
            action->states.clear();
            action->states[XR_NULL_PATH] = {};
            for (XrPath path : action->subactionPaths) action->states[path] = {};
            if (!profile || suggestions == session->instance->suggestedBindings.end()) continue;
            for (const auto& [bound, bindingPath] : suggestions->second) {
                if (bound != action.get()) continue;
                auto source = resolveBinding(*profile, *runtime().pathString(bindingPath), action->type);
                if (!source) continue;
                XrPath userPath = runtime().pathFor(source->userPath);
                if (!action->subactionPaths.empty() &&
                    std::find(action->subactionPaths.begin(), action->subactionPaths.end(), userPath) ==
                        action->subactionPaths.end())
                    continue;
                action->sources.push_back({runtime().pathFor(source->path), userPath, source->kind, false});
                anyBound = true;
            }
        }
    }
    session->interactionProfile = anyBound ? profilePath : XR_NULL_PATH;
    if (anyBound) {
        QueuedEvent event{{}, session, "interactionProfileChanged", ""};
        auto* changed = reinterpret_cast<XrEventDataInteractionProfileChanged*>(&event.data);
        *changed = {XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED, nullptr, handle};
        session->instance->events.push_back(std::move(event));
    }
    return XR_SUCCESS;
}

XrResult xrGetCurrentInteractionProfile(XrSession handle, XrPath topLevelUserPath,
                                        XrInteractionProfileState* profileState) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!profileState || profileState->type != XR_TYPE_INTERACTION_PROFILE_STATE) return XR_ERROR_VALIDATION_FAILURE;
    if (!runtime().pathString(topLevelUserPath)) return XR_ERROR_PATH_INVALID;
    if (!isTopLevelUserPath(topLevelUserPath)) return XR_ERROR_PATH_UNSUPPORTED;
    if (session->attachedSets.empty()) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    const InteractionProfile* profile = findInteractionProfile(runtime().config().interactionProfile);
    bool connected = profile && std::find(profile->userPaths.begin(), profile->userPaths.end(),
                                          *runtime().pathString(topLevelUserPath)) != profile->userPaths.end();
    profileState->interactionProfile = connected ? session->interactionProfile : XR_NULL_PATH;
    return XR_SUCCESS;
}

XrResult xrGetActionStateBoolean(XrSession handle, const XrActionStateGetInfo* info, XrActionStateBoolean* state) {
    return getActionState(handle, info, state, XR_TYPE_ACTION_STATE_BOOLEAN, XR_ACTION_TYPE_BOOLEAN_INPUT,
                          [](XrActionStateBoolean& out, glm::vec2 value) { out.currentState = value.x > 0.5f; });
}

XrResult xrGetActionStateFloat(XrSession handle, const XrActionStateGetInfo* info, XrActionStateFloat* state) {
    return getActionState(handle, info, state, XR_TYPE_ACTION_STATE_FLOAT, XR_ACTION_TYPE_FLOAT_INPUT,
                          [](XrActionStateFloat& out, glm::vec2 value) { out.currentState = value.x; });
}

XrResult xrGetActionStateVector2f(XrSession handle, const XrActionStateGetInfo* info, XrActionStateVector2f* state) {
    return getActionState(handle, info, state, XR_TYPE_ACTION_STATE_VECTOR2F, XR_ACTION_TYPE_VECTOR2F_INPUT,
                          [](XrActionStateVector2f& out, glm::vec2 value) { out.currentState = {value.x, value.y}; });
}

XrResult xrGetActionStatePose(XrSession handle, const XrActionStateGetInfo* info, XrActionStatePose* state) {
    return getActionState(handle, info, state, XR_TYPE_ACTION_STATE_POSE, XR_ACTION_TYPE_POSE_INPUT,
                          [](XrActionStatePose&, glm::vec2) {});
}

XrResult xrSyncActions(XrSession handle, const XrActionsSyncInfo* info) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_ACTIONS_SYNC_INFO || (info->countActiveActionSets > 0 && !info->activeActionSets))
        return XR_ERROR_VALIDATION_FAILURE;
    // Per attached set: which user paths the app made active.
    std::map<ActionSet*, std::pair<bool, std::vector<XrPath>>> active;
    for (uint32_t i = 0; i < info->countActiveActionSets; ++i) {
        const XrActiveActionSet& entry = info->activeActionSets[i];
        ActionSet* set = lookup<ActionSet>(entry.actionSet);
        if (!set || set->instance != session->instance) return XR_ERROR_HANDLE_INVALID;
        if (!isAttachedTo(*set, *session)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
        if (entry.subactionPath == XR_NULL_PATH) {
            active[set].first = true;
            continue;
        }
        if (!runtime().pathString(entry.subactionPath)) return XR_ERROR_PATH_INVALID;
        bool declared = std::any_of(set->actions.begin(), set->actions.end(), [&](const auto& action) {
            return checkSubactionPath(*action, entry.subactionPath) == XR_SUCCESS;
        });
        if (!declared) return XR_ERROR_PATH_UNSUPPORTED;
        active[set].second.push_back(entry.subactionPath);
    }
    bool focused = session->state == XR_SESSION_STATE_FOCUSED;
    InputValues input = runtime().inputAt(runtime().progress().framesEnded);
    XrTime now = simulatedNow();
    for (ActionSet* set : session->attachedSets) {
        auto found = active.find(set);
        bool setActive = found != active.end();
        for (auto& action : set->actions)
            syncAction(*action, setActive ? found->second.second : std::vector<XrPath>{},
                       setActive && found->second.first, focused && setActive, input, now);
    }
    return focused ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
}

XrResult xrEnumerateBoundSourcesForAction(XrSession handle, const XrBoundSourcesForActionEnumerateInfo* info,
                                          uint32_t capacity, uint32_t* countOutput, XrPath* sources) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    Action* action = nullptr;
    if (XrResult r = lookupAttachedAction(*session, info->action, XR_NULL_PATH, XR_ACTION_TYPE_MAX_ENUM, &action);
        r != XR_SUCCESS)
        return r;
    return fillArray(capacity, countOutput, sources, static_cast<uint32_t>(action->sources.size()),
                     [&](XrPath& out, uint32_t i) { out = action->sources[i].path; });
}

XrResult xrGetInputSourceLocalizedName(XrSession handle, const XrInputSourceLocalizedNameGetInfo* info,
                                       uint32_t capacity, uint32_t* countOutput, char* buffer) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO || info->whichComponents == 0)
        return XR_ERROR_VALIDATION_FAILURE;
    const std::string* source = runtime().pathString(info->sourcePath);
    if (!source) return XR_ERROR_PATH_INVALID;
    const BoundSource* bound = nullptr;
    for (ActionSet* set : session->attachedSets)
        for (auto& action : set->actions)
            for (const BoundSource& candidate : action->sources)
                if (candidate.path == info->sourcePath) bound = &candidate;
    if (!bound) return XR_ERROR_PATH_UNSUPPORTED;
    const std::string& user = *runtime().pathString(bound->userPath);
    std::vector<std::string> parts;
    if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT)
        parts.push_back(titleCase(user.substr(user.rfind('/') + 1)) + (user.starts_with("/user/hand/") ? " Hand" : ""));
    if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_INTERACTION_PROFILE_BIT)
        if (const InteractionProfile* profile = findInteractionProfile(runtime().config().interactionProfile))
            parts.push_back(profile->deviceName);
    if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT) {
        std::string rest = source->substr(user.size() + 1);  // input/trigger/value
        size_t first = rest.find('/');
        size_t second = rest.find('/', first + 1);
        parts.push_back(titleCase(rest.substr(first + 1, second == std::string::npos ? second : second - first - 1)));
    }
    std::string name;
    for (const auto& part : parts) name += (name.empty() ? "" : " ") + part;
    return fillString(capacity, countOutput, buffer, name);
}

XrResult xrApplyHapticFeedback(XrSession handle, const XrHapticActionInfo* info, const XrHapticBaseHeader* haptic) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_HAPTIC_ACTION_INFO || !haptic || haptic->type != XR_TYPE_HAPTIC_VIBRATION)
        return XR_ERROR_VALIDATION_FAILURE;
    Action* action = nullptr;
    if (XrResult r = lookupAttachedAction(*session, info->action, info->subactionPath, XR_ACTION_TYPE_VIBRATION_OUTPUT,
                                          &action);
        r != XR_SUCCESS)
        return r;
    if (session->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
    const auto* vibration = reinterpret_cast<const XrHapticVibration*>(haptic);
    for (const BoundSource& source : action->sources)
        if (info->subactionPath == XR_NULL_PATH || source.userPath == info->subactionPath)
            runtime().logSession({{"event", "haptic"},
                                  {"path", *runtime().pathString(source.path)},
                                  {"durationNs", vibration->duration},
                                  {"frequency", vibration->frequency},
                                  {"amplitude", vibration->amplitude}});
    return XR_SUCCESS;
}

XrResult xrStopHapticFeedback(XrSession handle, const XrHapticActionInfo* info) {
    Session* session = nullptr;
    if (XrResult r = lookupLiveSession(handle, &session); r != XR_SUCCESS) return r;
    if (!info || info->type != XR_TYPE_HAPTIC_ACTION_INFO) return XR_ERROR_VALIDATION_FAILURE;
    Action* action = nullptr;
    if (XrResult r = lookupAttachedAction(*session, info->action, info->subactionPath, XR_ACTION_TYPE_VIBRATION_OUTPUT,
                                          &action);
        r != XR_SUCCESS)
        return r;
    if (session->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
    for (const BoundSource& source : action->sources)
        if (info->subactionPath == XR_NULL_PATH || source.userPath == info->subactionPath)
            runtime().logSession({{"event", "hapticStop"}, {"path", *runtime().pathString(source.path)}});
    return XR_SUCCESS;
}

}  // namespace oh::xrsim
