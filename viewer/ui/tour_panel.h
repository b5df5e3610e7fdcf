// The tour panel: what the model is, how fast it draws, and the places to
// jump to (the listing's rooms, the file's cameras and named nodes). Drawn with Dear ImGui; the
// desktop shows it over the window, the headset on a world-space panel
// (world_panel.h), and the agent's mirror beside the customer's view.
//
// Not for: acting on a jump — the panel returns what was clicked.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "listing/listing.h"
#include "renderer/renderer.h"
#include "scene/scene.h"
#include "viewer/tour/tour_spots.h"

namespace oh::viewer {

struct FrameTiming {
    double cpuMilliseconds = 0.0;    // app update + record, averaged
    double frameMilliseconds = 0.0;  // wall time between frames, averaged
    gfx::FrameStats stats;           // of the last frame
};

struct TourPanelState {
    char filter[64] = {};  // narrows the list of named places
    // Named nodes with geometry under them, found on first use.
    std::vector<uint32_t> places;
    bool placesFound = false;
};

// Draws the panel for `scene` and the listing's `rooms` (empty for a bare
// model; call between UiOverlay::beginFrame and record). Returns the place
// the user clicked, if any.
// `controlsHelp`: a line or two on the keys and mouse of the current mode.
// `placeWindow`: false when the caller has set the window's position and size
// (the headset panel fills its texture); true puts it in the top-left corner.
std::optional<TourPlace> drawTourPanel(const std::string& modelName, const scene::Scene& scene,
                                       std::span<const listing::Spot> rooms, const FrameTiming& timing, const char* controlsHelp, TourPanelState& state,
                                       bool placeWindow = true);


}  // namespace oh::viewer
