// The interaction profiles of OpenXR 1.0 with their real input/output path
// sets, and how a suggested binding path resolves to one hardware source for
// an action type (identifier shorthand, ".../x" of a stick, value vs click).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim_objects.h"

namespace oh::xrsim {

struct InteractionProfile {
    std::string path;       // "/interaction_profiles/oculus/touch_controller"
    std::string deviceName; // "Oculus Touch Controller"
    // Full leaf paths: "/user/hand/left/input/trigger/value", ".../output/haptic".
    std::vector<std::string> leaves;
    std::vector<std::string> userPaths;
};

const InteractionProfile* findInteractionProfile(std::string_view path);
// Whether a suggested binding path names something this profile has (a leaf,
// or an input identifier such as ".../input/trigger" or ".../thumbstick").
bool profileHasBindingPath(const InteractionProfile& profile, std::string_view bindingPath);

struct ResolvedSource {
    std::string path;  // the leaf actually read (or the 2-axis identifier)
    std::string userPath;
    SourceKind kind;
};
// The source a binding reads for an action of this type, or nothing when
// the two cannot go together (a pose bound to a button).
std::optional<ResolvedSource> resolveBinding(const InteractionProfile& profile, std::string_view bindingPath,
                                             XrActionType actionType);

}  // namespace oh::xrsim
