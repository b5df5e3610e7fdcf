// XrInput: the controllers through OpenXR's action system — one action set
// with suggested bindings for Oculus Touch (Quest, Rift), Valve Index, HTC
// Vive and khr/simple_controller, so any runtime maps its controllers to the
// same meanings: aim/grip poses, a stick (Vive: trackpad), select (trigger),
// menu, measure (Touch's and Index's A and X buttons) and haptics. Poses come
// back in the presenter's reference space at the frame's predicted display time.
//
// Not for: what the buttons do in the tour (xr_tour.cpp, locomotion.h).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "viewer/xr/locomotion.h"
#include "viewer/xr/xr_platform.h"

namespace oh::viewer {

enum class Hand : uint8_t { Left = 0, Right = 1 };

struct ControllerState {
    std::optional<Pose> aim;   // pointing ray: origin, looking down its -Z; none when not tracked
    std::optional<Pose> grip;  // where the hand holds it
    glm::vec2 stick{0.0f};     // thumbstick or trackpad, -1..1 (+y forward)
    bool hasStick = false;     // the bound controller has one (simple controllers do not)
    bool select = false;       // trigger (or select button) held
    bool selectPressed = false;   // went down at this sync
    bool selectReleased = false;  // went up at this sync
    bool menuPressed = false;     // went down at this sync
    bool measurePressed = false;  // went down at this sync (A or X; controllers without: never)
};

class XrInput {
public:
    // Creates the actions and suggests bindings (per instance, before any session).
    static Result<std::unique_ptr<XrInput>> create(XrInstance instance);
    ~XrInput();
    XrInput(const XrInput&) = delete;
    XrInput& operator=(const XrInput&) = delete;

    // Attaches the action set to a new session and makes the hands' pose spaces.
    Status attach(XrSession session);
    // The session is going: its spaces go with it.
    void detach();

    // Reads the controllers for a frame: actions synced (only while the
    // session is focused; otherwise everything reads as idle) and poses
    // located in `reference` at `time`.
    Status sync(XrSpace reference, XrTime time, bool focused);
    const ControllerState& hand(Hand hand) const { return m_hands[size_t(hand)]; }

    // A short buzz (teleport landed, button clicked); ignored by controllers without haptics.
    void pulse(Hand hand, float amplitude, float seconds);

    // The controllers the runtime reports, e.g. "/interaction_profiles/oculus/touch_controller".
    std::string interactionProfile() const;

private:
    XrInput() = default;
    Status init(XrInstance instance);
    Status suggest(const char* profile, const std::vector<std::pair<XrAction, std::string>>& bindings);
    XrPath path(const char* text) const;

    XrInstance m_instance = XR_NULL_HANDLE;
    XrSession m_session = XR_NULL_HANDLE;
    std::array<XrPath, 2> m_handPaths{};
    UniqueXrActionSet m_actionSet;  // destroys its actions with it
    XrAction m_aim = XR_NULL_HANDLE;
    XrAction m_grip = XR_NULL_HANDLE;
    XrAction m_stick = XR_NULL_HANDLE;
    XrAction m_select = XR_NULL_HANDLE;
    XrAction m_menu = XR_NULL_HANDLE;
    XrAction m_measure = XR_NULL_HANDLE;
    XrAction m_haptic = XR_NULL_HANDLE;
    std::array<UniqueXrSpace, 2> m_aimSpaces;
    std::array<UniqueXrSpace, 2> m_gripSpaces;
    std::array<ControllerState, 2> m_hands;
};

// The pose an OpenXR location or view carries, in our types.
Pose toPose(const XrPosef& pose);
XrPosef toXrPose(const Pose& pose);

}  // namespace oh::viewer
