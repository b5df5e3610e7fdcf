#include "interaction_profiles.h"

#include <algorithm>

namespace oh::xrsim {
namespace {

using Parts = std::vector<std::string>;

Parts operator+(Parts a, const Parts& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

Parts axes(const std::string& id, const Parts& extra) {
    Parts parts{"input/" + id + "/x", "input/" + id + "/y"};
    for (const auto& component : extra) parts.push_back("input/" + id + "/" + component);
    return parts;
}

InteractionProfile make(const std::string& name, const std::string& deviceName,
                        const std::vector<std::pair<std::string, Parts>>& perUser) {
    InteractionProfile profile{"/interaction_profiles/" + name, deviceName, {}, {}};
    for (const auto& [user, parts] : perUser) {
        profile.userPaths.push_back(user);
        for (const auto& part : parts) profile.leaves.push_back(user + "/" + part);
    }
    return profile;
}

const std::vector<InteractionProfile>& profiles() {
    static const std::vector<InteractionProfile> list = [] {
        const std::string left = "/user/hand/left", right = "/user/hand/right";
        const Parts poses{"input/grip/pose", "input/aim/pose"};
        const Parts haptic{"output/haptic"};
        const Parts simple = Parts{"input/select/click", "input/menu/click"} + poses + haptic;
        const Parts daydream = Parts{"input/select/click"} + axes("trackpad", {"click", "touch"}) + poses;
        const Parts vive = Parts{"input/system/click", "input/squeeze/click", "input/menu/click",
                                 "input/trigger/click", "input/trigger/value"} +
                           axes("trackpad", {"click", "touch"}) + poses + haptic;
        const Parts mixedReality = Parts{"input/menu/click", "input/squeeze/click", "input/trigger/value"} +
                                   axes("thumbstick", {"click"}) + axes("trackpad", {"click", "touch"}) + poses +
                                   haptic;
        const Parts go = Parts{"input/system/click", "input/trigger/click", "input/back/click"} +
                         axes("trackpad", {"click", "touch"}) + poses;
        const Parts touch = Parts{"input/squeeze/value", "input/trigger/value", "input/trigger/touch",
                                  "input/thumbrest/touch"} +
                            axes("thumbstick", {"click", "touch"}) + poses + haptic;
        const Parts touchLeft = Parts{"input/x/click", "input/x/touch", "input/y/click", "input/y/touch",
                                      "input/menu/click"} + touch;
        const Parts touchRight = Parts{"input/a/click", "input/a/touch", "input/b/click", "input/b/touch",
                                       "input/system/click"} + touch;
        const Parts index = Parts{"input/system/click", "input/system/touch", "input/a/click", "input/a/touch",
                                  "input/b/click", "input/b/touch", "input/squeeze/value", "input/squeeze/force",
                                  "input/trigger/click", "input/trigger/value", "input/trigger/touch"} +
                            axes("thumbstick", {"click", "touch"}) + axes("trackpad", {"force", "touch"}) + poses +
                            haptic;
        const Parts vivePro{"input/system/click", "input/volume_up/click", "input/volume_down/click",
                            "input/mute_mic/click"};
        const Parts xbox = Parts{"input/menu/click", "input/view/click", "input/a/click", "input/b/click",
                                 "input/x/click", "input/y/click", "input/dpad_down/click", "input/dpad_right/click",
                                 "input/dpad_up/click", "input/dpad_left/click", "input/shoulder_left/click",
                                 "input/shoulder_right/click", "input/thumbstick_left/click",
                                 "input/thumbstick_right/click", "input/trigger_left/value",
                                 "input/trigger_right/value", "output/haptic_left", "output/haptic_right",
                                 "output/haptic_left_trigger", "output/haptic_right_trigger"} +
                           axes("thumbstick_left", {}) + axes("thumbstick_right", {});
        return std::vector<InteractionProfile>{
            make("khr/simple_controller", "Simple Controller", {{left, simple}, {right, simple}}),
            make("google/daydream_controller", "Daydream Controller", {{left, daydream}, {right, daydream}}),
            make("htc/vive_controller", "Vive Controller", {{left, vive}, {right, vive}}),
            make("htc/vive_pro", "Vive Pro", {{"/user/head", vivePro}}),
            make("microsoft/motion_controller", "Mixed Reality Controller",
                 {{left, mixedReality}, {right, mixedReality}}),
            make("microsoft/xbox_controller", "Xbox Controller", {{"/user/gamepad", xbox}}),
            make("oculus/go_controller", "Oculus Go Controller", {{left, go}, {right, go}}),
            make("oculus/touch_controller", "Oculus Touch Controller", {{left, touchLeft}, {right, touchRight}}),
            make("valve/index_controller", "Index Controller", {{left, index}, {right, index}}),
        };
    }();
    return list;
}

bool hasLeaf(const InteractionProfile& profile, const std::string& leaf) {
    return std::find(profile.leaves.begin(), profile.leaves.end(), leaf) != profile.leaves.end();
}

bool isIdentifier(const InteractionProfile& profile, std::string_view path) {
    std::string prefix = std::string(path) + "/";
    if (path.find("/input/") == std::string_view::npos) return false;
    return std::any_of(profile.leaves.begin(), profile.leaves.end(),
                       [&](const std::string& leaf) { return leaf.starts_with(prefix); });
}

SourceKind leafKind(std::string_view leaf) {
    if (leaf.find("/output/") != std::string_view::npos) return SourceKind::Haptic;
    if (leaf.ends_with("/pose")) return SourceKind::Pose;
    if (leaf.ends_with("/click") || leaf.ends_with("/touch")) return SourceKind::Boolean;
    if (leaf.ends_with("/x") || leaf.ends_with("/y")) return SourceKind::AxisComponent;
    return SourceKind::Float;  // value, force
}

bool compatible(SourceKind kind, XrActionType type) {
    switch (type) {
        case XR_ACTION_TYPE_BOOLEAN_INPUT:
        case XR_ACTION_TYPE_FLOAT_INPUT:
            return kind == SourceKind::Boolean || kind == SourceKind::Float || kind == SourceKind::AxisComponent;
        case XR_ACTION_TYPE_VECTOR2F_INPUT: return kind == SourceKind::Axis2;
        case XR_ACTION_TYPE_POSE_INPUT: return kind == SourceKind::Pose;
        case XR_ACTION_TYPE_VIBRATION_OUTPUT: return kind == SourceKind::Haptic;
        default: return false;
    }
}

}  // namespace

const InteractionProfile* findInteractionProfile(std::string_view path) {
    for (const auto& profile : profiles())
        if (profile.path == path) return &profile;
    return nullptr;
}

bool profileHasBindingPath(const InteractionProfile& profile, std::string_view bindingPath) {
    return hasLeaf(profile, std::string(bindingPath)) || isIdentifier(profile, bindingPath);
}

std::optional<ResolvedSource> resolveBinding(const InteractionProfile& profile, std::string_view bindingPath,
                                             XrActionType actionType) {
    std::string path(bindingPath);
    std::string userPath;
    for (const auto& user : profile.userPaths)
        if (path.starts_with(user + "/")) userPath = user;
    if (userPath.empty()) return std::nullopt;
    SourceKind kind;
    if (hasLeaf(profile, path)) {
        kind = leafKind(path);
    } else if (!isIdentifier(profile, path)) {
        return std::nullopt;
    } else if (hasLeaf(profile, path + "/x") && hasLeaf(profile, path + "/y")) {
        kind = SourceKind::Axis2;
    } else {
        // Identifier shorthand: the component that suits the action type.
        const char* order[] = {"/value", "/click", "/force", "/touch", "/pose"};
        if (actionType == XR_ACTION_TYPE_BOOLEAN_INPUT) std::swap(order[0], order[1]);
        std::string chosen;
        for (const char* component : order)
            if (chosen.empty() && hasLeaf(profile, path + component)) chosen = path + component;
        if (chosen.empty()) return std::nullopt;
        path = chosen;
        kind = leafKind(path);
    }
    if (!compatible(kind, actionType)) return std::nullopt;
    return ResolvedSource{path, userPath, kind};
}

}  // namespace oh::xrsim
