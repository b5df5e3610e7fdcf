// The desktop viewer: a window showing a model, with mouse/keyboard camera
// control. Returns kNoDisplay (without printing) when no window can be opened,
// so the caller can fall back to headless previews.
#pragma once

#include <filesystem>
#include <string>

namespace oh::viewer {

struct DesktopRequest {
    std::filesystem::path input;
    std::filesystem::path environment;  // empty: default sky
    int width = 1280;
    int height = 800;
    bool showOverlay = true;  // the info panel (F1 toggles it)
    // Scripted runs: input events per frame (input_script.h), advancing time by
    // 1/60 s per frame so runs repeat exactly; and printing the final viewpoint.
    std::string inputScript;
    bool printPose = false;
    // Scripted runs (tests): quit after this many frames (0: run until closed),
    // saving the last frame to `screenshotPath` if set.
    int maxFrames = 0;
    std::filesystem::path screenshotPath;
    // Scripted runs: after frame `resizeAtFrame` (1-based; 0: never) resize
    // the window to resizeWidth x resizeHeight, as a user dragging its border would.
    int resizeAtFrame = 0;
    int resizeWidth = 0;
    int resizeHeight = 0;
};

constexpr int kNoDisplay = 10;

int runDesktopViewer(const DesktopRequest& request);

}  // namespace oh::viewer
