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
#include "navigation/measure.h"
#include "renderer/renderer.h"
#include "scene/scene.h"
#include "rooms/rooms.h"
#include "viewer/tour/tour_spots.h"
#include "viewer/ui/photo_gallery.h"
#include "viewer/ui/plan_minimap.h"

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
    std::span<const rooms::TourRoom> rooms;        // the places list
    std::optional<uint32_t> currentRoom;    // into rooms: where the visitor is
    const listing::Listing* listing = nullptr;  // the card; null: a bare model, no card
    FrameTiming timing;
    const char* controlsHelp = "";          // a line or two on the keys and mouse of the current mode
    const PhotoGallery* gallery = nullptr;  // the listing's photos; null: none
    std::optional<uint32_t> openPhoto;      // the photo shown large, framed in the gallery
    std::span<const std::string> panoramas;  // the listing's 360° panoramas by name
    std::optional<uint32_t> currentPanorama;  // the one the visitor is in
    bool canLeavePanorama = false;            // offer "Back to the 3D model"
    const PlanMinimap* minimap = nullptr;     // the floor plan; null: none
    glm::vec3 visitorFeet{0.0f};              // "you are here" on it
    float visitorYawRadians = 0.0f;
    bool canMeasure = false;       // offer "Measure" (the headset's panel; the desktop has its M key)
    bool measuring = false;        // then it says "Stop measuring"
    bool hasMeasurements = false;  // offer "Clear measurements"
    // While measuring: the next tapes' constraint, offered as Free / Level / Plumb.
    nav::MeasureConstraint constraint = nav::MeasureConstraint::Free;
};

// What the user chose on the panel this frame, if anything.
struct TourPanelChoice {
    std::optional<TourPlace> place;     // a room or camera to go to
    std::optional<uint32_t> photo;      // a photo of the gallery to open large
    std::optional<uint32_t> panorama;   // a panorama to enter
    bool leavePanorama = false;         // back to the 3D model
    bool closePhoto = false;            // the large photo's "Close"
    std::optional<glm::vec3> floorPoint;  // a point of the floor plan to go to
    bool toggleMeasuring = false;       // "Measure" or "Stop measuring"
    bool clearMeasurements = false;     // "Clear measurements"
    std::optional<nav::MeasureConstraint> constraint;  // Free, Level or Plumb chosen while measuring
};

// "You are in: Kitchen", or empty when the visitor is in none of `rooms`.
std::string currentRoomLine(std::span<const rooms::TourRoom> rooms, std::optional<uint32_t> currentRoom);

// Draws the panel (call between UiOverlay::beginFrame and record, or
// WorldPanel::beginFrame and record). Returns what the user chose.
// `placeWindow`: false when the caller has set the window's position and
// size (the headset panel fills its texture); true puts it in the top-left
// corner. A window wide enough (the headset panel) shows the places and the
// card side by side; a narrow one (the desktop) one under the other, folding.
// A listing with photos, panoramas or a floor plan gets tabs: the apartment,
// its photos (the gallery), its 360° views, and on a panel placed by the
// caller (the headset's) its plan; a panel that places itself shows the plan
// in a window of its own (drawPlanWindow).
TourPanelChoice drawTourPanel(const TourPanelContent& content, bool placeWindow = true);

}  // namespace oh::viewer
