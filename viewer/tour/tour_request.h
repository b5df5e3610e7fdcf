// What `openhouse MODEL` was asked to show, whatever shows it: the desktop
// window (desktop/desktop_tour.h) and the headset (xr/xr_tour.h) take the same
// request, each with a few options of its own beside it.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace oh::viewer {

struct TourRequest {
    std::filesystem::path input;        // a tour bundle (.tour) or a glTF model
    // Public key files (`openhouse-pack keygen`): when any is given — the
    // branch kiosk's setting — only tour bundles signed by one of them and
    // unchanged since open; anything else is refused before it is used.
    std::vector<std::filesystem::path> trustedKeys;
    std::filesystem::path environment;  // equirectangular lighting; empty: the default sky
    // The desktop window, or in headset mode the agent's mirror window.
    int windowWidth = 1280;
    int windowHeight = 800;
    bool showPanel = true;  // the window's panel (F1 toggles it)

    // Scripted runs (tests, benchmarks, demos): keys and clicks on the window
    // per frame (desktop/input_script.h); quit after `maxFrames` frames shown
    // (0: run until closed), saving the last one to `screenshotPath` if set;
    // print the final pose on standard output.
    std::string inputScript;
    int maxFrames = 0;
    std::filesystem::path screenshotPath;
    bool printPose = false;

    // When the process started: "first head-tracked frame N s after launch".
    std::chrono::steady_clock::time_point launch = std::chrono::steady_clock::now();
};

}  // namespace oh::viewer
