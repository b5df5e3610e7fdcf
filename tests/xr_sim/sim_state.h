// Runtime-wide state of the simulated headset, shared by all OpenXR objects:
// the script, the progress that must survive the loader unloading and
// reloading the library (frames ended, events fired, "runtime gone" time),
// the display clock, the XrPath table and the two log files. One instance
// (runtime()), guarded by runtimeMutex() which every entry point holds.
#pragma once

#include <cstdint>
#include <fstream>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim_config.h"
#include "sim_pose.h"

namespace oh::xrsim {

// Persisted in the state file (OPENHOUSE_XR_SIM_OUT/xr_sim_state.json, else
// $TMPDIR/openhouse_xr_sim_state-<pid>.json); a file written by another
// process is ignored.
struct SimProgress {
    int64_t framesEnded = 0;
    std::vector<bool> eventFired;
    bool exitRequestFileSeen = false;  // "exitRequestFile" fired (once per process)
    int64_t runtimeGoneUntilNs = 0;    // CLOCK_MONOTONIC
    int64_t headsetBackAtNs = 0;       // CLOCK_MONOTONIC; 0: on the head
    XrTime lastDisplayTime = 0;        // keeps XrTime increasing across instances
    int64_t frameOfLastDisplayTime = 0;
};

// Values of the simulated controls at one frame: scalars by full input path,
// 2-axis controls by their identifier path ("/user/hand/right/input/thumbstick").
struct InputValues {
    std::unordered_map<std::string, float> scalars;
    std::unordered_map<std::string, glm::vec2> axes;
};

class Runtime {
public:
    ~Runtime() { saveProgress(); }  // the loader may unload the library between instances
    // Loads config and progress; false (message in *error) on a bad config.
    bool startInstance(std::string* error);
    void saveProgress();

    const SimConfig& config() const { return m_config; }
    SimProgress& progress() { return m_progress; }

    int64_t periodNs() const { return static_cast<int64_t>(1e9 / m_config.displayHz); }
    // The display time of the next frame; in paced mode also the wall time
    // (CLOCK_MONOTONIC) xrWaitFrame should sleep until.
    XrTime nextDisplayTime(int64_t* wakeAtNs);
    // Fractional script frame shown at display time t.
    double frameAt(XrTime t) const;
    Pose headPoseAt(XrTime t) const;  // STAGE
    Pose gripPoseAt(int hand, XrTime t) const;  // hand 0 left, 1 right; STAGE
    InputValues inputAt(int64_t frame) const;

    XrPath pathFor(const std::string& path);  // adds it when new
    const std::string* pathString(XrPath path) const;
    XrPath existingPath(const std::string& path) const;  // XR_NULL_PATH when never made

    // Logs (no-ops when OPENHOUSE_XR_SIM_OUT is unset).
    void logFrame(const nlohmann::json& line);
    void logSession(nlohmann::json line);  // adds "frame"
    std::string outputPath(const std::string& name) const;  // empty when no output folder
    bool capturing() const { return !m_outDir.empty(); }

private:
    void openLogs(bool fresh);

    SimConfig m_config;
    SimProgress m_progress;
    bool m_progressLoaded = false;
    std::string m_outDir, m_statePath;
    std::ofstream m_frames, m_session;
    std::unordered_map<std::string, XrPath> m_pathIds;
    std::vector<std::string> m_paths{""};  // index = XrPath
};

Runtime& runtime();
std::mutex& runtimeMutex();
int64_t monotonicNs();

}  // namespace oh::xrsim
