// The headset tour: the model shown through OpenXR (xr_presenter.h) with
// comfortable locomotion (locomotion.h), controllers and a laser-operated
// menu panel in the headset, and the agent's mirror on the desktop with a
// status line and controls to send the customer somewhere, recentre them and
// toggle seated mode. The desktop's counterpart is desktop/desktop_tour.h;
// both take a TourRequest.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "renderer/renderer.h"
#include "viewer/tour/switch_requests.h"
#include "viewer/tour/tour_request.h"
#include "viewer/xr/locomotion.h"

namespace oh::viewer {

// What only the headset tour is asked.
struct XrTourOptions {
    ComfortSettings comfort;
    bool startSeated = false;
    float retrySeconds = 3.0f;  // between attempts to reach a lost headset runtime
    // Benchmarks: force one multiview pass or a pass per eye (default: the driver decides).
    gfx::RendererOptions::ViewPasses viewPasses = gfx::RendererOptions::ViewPasses::Auto;
    bool printStats = false;  // headset frame statistics on standard output at exit
    // The guided tour's dwell at each stop, with autoplay on from the start
    // (demos, tests); none: 20 s, autoplay off until the agent turns it on.
    std::optional<float> autoplaySeconds;
    // The customer agreed to a visit summary, recorded from the start and
    // saved to this stem (.json and .png) when the run ends; none: the agent
    // turns it on on the mirror, and saves it there.
    std::optional<std::filesystem::path> sessionSummary;
    // Switches asked for from outside (the station's control endpoint); null:
    // only the input script's `tour` and the agent's mirror switch tours.
    SwitchRequests* switches = nullptr;
};

// Runs the tour in the headset and returns the process exit code, having
// printed one error line on failure. Returns kExitNoXrRuntime or
// kExitNoHeadset without starting anything when there is no headset to show
// it in, with the reason in `unavailable`, so the caller can use the desktop.
int runXrTour(const TourRequest& request, const XrTourOptions& options, std::string& unavailable);

}  // namespace oh::viewer
