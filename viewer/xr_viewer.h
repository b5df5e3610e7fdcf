// The headset tour: a model shown through OpenXR (xr_presenter.h) with
// comfortable locomotion (locomotion.h), controllers and a laser-operated
// menu panel in the headset, and the agent's mirror on the desktop with a
// status line and controls to send the customer somewhere, recentre them and
// toggle seated mode.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "renderer/renderer.h"
#include "viewer/locomotion.h"

namespace oh::viewer {

struct XrRequest {
    std::filesystem::path input;
    std::filesystem::path environment;  // empty: default sky
    int mirrorWidth = 1280;
    int mirrorHeight = 800;
    bool showMirrorPanel = true;  // the agent's panel on the mirror (F1 toggles it)
    ComfortSettings comfort;
    bool startSeated = false;
    float retrySeconds = 3.0f;  // between attempts to reach a lost headset runtime
    // Benchmarks: force one multiview pass or a pass per eye (default: the driver decides).
    gfx::RendererOptions::ViewPasses viewPasses = gfx::RendererOptions::ViewPasses::Auto;
    // Scripted runs (tests, benchmarks): the agent's keys and clicks on the
    // mirror, per headset frame (input_script.h); quit after this many frames
    // shown in the headset (0: run until closed), saving the mirror's last
    // frame to `screenshotPath` if set; print the final pose / frame statistics.
    std::string inputScript;
    int maxFrames = 0;
    std::filesystem::path screenshotPath;
    bool printPose = false;
    bool printStats = false;
    std::chrono::steady_clock::time_point launch = std::chrono::steady_clock::now();
};

// Runs the tour in the headset. Returns kNoXrRuntime or kNoHeadset (from
// xr_runtime.h) without starting anything when there is no headset to show it
// in, with the reason in `unavailable`, so the caller can use the desktop.
int runXrViewer(const XrRequest& request, std::string& unavailable);

}  // namespace oh::viewer
