// The tour panel: what the tour is, the room the visitor is in, the places
// to go to (the tour's rooms and the file's cameras), the listing card and
// how fast it draws. Drawn with Dear ImGui; the desktop shows it over the
// window, the headset on a world-space panel (world_panel.h), and the
// agent's mirror beside the customer's view.
//
// Not for: acting on a jump — the panel returns what was clicked.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "listing/listing.h"
#include "renderer/renderer.h"
#include "scene/scene.h"
#include "viewer/tour/tour_rooms.h"
#include "viewer/tour/tour_spots.h"

namespace oh::viewer {

struct FrameTiming {
    double cpuMilliseconds = 0.0;    // app update + record, averaged
    double frameMilliseconds = 0.0;  // wall time between frames, averaged
    gfx::FrameStats stats;           // of the last frame
};

// What the panel shows; everything is only read.
struct TourPanelContent {
    std::string title;                      // the listing's address, else the file's name
    const scene::Scene* scene = nullptr;    // its cameras, its object count
    std::span<const TourRoom> rooms;        // the places list
    std::optional<uint32_t> currentRoom;    // into rooms: where the visitor is
    const listing::Listing* listing = nullptr;  // the card; null: a bare model, no card
    FrameTiming timing;
    const char* controlsHelp = "";          // a line or two on the keys and mouse of the current mode
};

// "You are in: Kitchen", or empty when the visitor is in none of `rooms`.
std::string currentRoomLine(std::span<const TourRoom> rooms, std::optional<uint32_t> currentRoom);

// Draws the panel (call between UiOverlay::beginFrame and record, or
// WorldPanel::beginFrame and record). Returns the place the user clicked, if
// any. `placeWindow`: false when the caller has set the window's position and
// size (the headset panel fills its texture); true puts it in the top-left
// corner. A window wide enough (the headset panel) shows the places and the
// card side by side; a narrow one (the desktop) one under the other, folding.
std::optional<TourPlace> drawTourPanel(const TourPanelContent& content, bool placeWindow = true);

}  // namespace oh::viewer
