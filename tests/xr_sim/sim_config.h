// The simulated headset's script: what OPENHOUSE_XR_SIM_CONFIG says (keys
// documented in CMakeLists.txt here), parsed once per xrCreateInstance.
// Not for runtime state (sim_state.h) or OpenXR objects (sim_objects.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim_pose.h"

namespace oh::xrsim {

struct FovDegrees {
    float left = -45.0f, right = 40.0f, up = 44.0f, down = -48.0f;
};

// One scripted input change: path is a full input path
// ("/user/hand/right/input/trigger/value"); value has 1 component (float or
// bool as 0/1) or 2 (a thumbstick/trackpad).
struct InputChange {
    int64_t frame = 0;
    std::string path;
    std::vector<float> value;
};

enum class ScriptEventType { HeadsetRemoved, SessionLost, RuntimeGone, Recenter, ExitRequest };

struct ScriptEvent {
    int64_t frame = 0;
    ScriptEventType type = ScriptEventType::ExitRequest;
    int64_t durationMs = 0;
};

struct SimConfig {
    bool headsetPresent = true;
    double displayHz = 90.0;
    bool paced = false;
    uint32_t width = 1440, height = 1584;
    FovDegrees leftEyeFov;
    float ipd = 0.063f;
    bool stageSpace = true;
    float stageBounds[2] = {3.0f, 3.0f};
    std::string interactionProfile = "/interaction_profiles/oculus/touch_controller";
    bool depthLayerExtension = true;
    bool arraySwapchains = true;  // false: swapchains of more than one layer are refused (one per eye)
    std::vector<PoseKey> headPose{PoseKey{0.0, {0.0f, 1.65f, 0.0f}, 0.0f, 0.0f}};
    std::vector<PoseKey> leftController, rightController;  // empty: held in front of the head
    std::vector<InputChange> input;                         // sorted by frame
    std::vector<ScriptEvent> events;                        // in file order (indices persist)
    std::string exitRequestFile;  // empty: none
    std::vector<int64_t> captureFrames;
    bool captureLast = false;
    bool measureLuminance = false;
};

// Reads the file named by OPENHOUSE_XR_SIM_CONFIG (defaults when unset).
// On a bad file returns nothing and puts a message naming the key in *error.
std::optional<SimConfig> loadSimConfig(std::string* error);

}  // namespace oh::xrsim
