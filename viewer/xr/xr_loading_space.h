// XrLoadingSpace: the headset between two tours. The customer stands in the
// calm loading space (tour/loading_space.h: a soft gradient all around, rings
// on the floor) with a panel in front saying which listing is loading, head-
// tracked at full frame rate while a TourSwitch reads the next tour on its
// worker; it fades in from the tour left behind and out into the next one.
// No locomotion: nothing to walk on, nowhere to go.
//
// A load that fails (a missing file, a bad signature with --trust, a corrupt
// bundle) keeps the customer here, the panel and the mirror saying what went
// wrong (logged as one line); the agent then goes back to the tour before
// (the mirror's button, or B) or switches to another listing.
//
// Not for: the tours on either side (xr_tour.cpp runs those, and adopts the
// loaded tour: tour_switch.h adoptTour).
#pragma once

#include <vulkan/vulkan.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "renderer/overlay.h"
#include "viewer/desktop/input_script.h"
#include "viewer/tour/app_loop.h"
#include "viewer/tour/frame_capture.h"
#include "viewer/tour/loading_space.h"
#include "viewer/tour/switch_requests.h"
#include "viewer/tour/tour_switch.h"
#include "viewer/ui/ui_overlay.h"
#include "viewer/ui/world_panel.h"
#include "viewer/xr/display_clock.h"
#include "viewer/xr/xr_presenter.h"

namespace oh::viewer {

// What the loading space is given; all of it outlives the loading space.
struct LoadingSpaceContext {
    XrPresenter& presenter;
    UiOverlay* mirrorUi;                // null without a mirror window
    WorldPanel& panel;                  // the words in front of the customer
    const LoadingSpace& space;
    FrameCapture& capture;              // the run's, across tours
    const InputScript& script;          // `tour FRAME PATH` switches again after a failure
    const TourRequest& request;         // what a switch reads with (trusted keys); its input is replaced
    VkDescriptorSetLayout materialSetLayout;  // the renderer's, for the next scene's upload
    uint32_t sceneInstances = 0;        // of the scene runAppLoop still draws: all hidden here
    glm::mat4 worldFromReference{1.0f};  // where the tour left the play area: the eyes stay put
    TrackingFloor trackingFloor = TrackingFloor::RealFloor;
    float standingEyeHeight = 1.6f;     // where the floor is under a head-level reference space
    std::string previousTitle;          // the tour to go back to
    SwitchRequests* switches = nullptr;  // told what loads and fails; asked for another after a failure
};

// How the loading space ended.
struct LoadingOutcome {
    enum class Kind {
        Quit,     // the presenter closed, or a scripted run ended here (after a failed load)
        Arrived,  // `next` is the loaded tour: adopt it
        Back,     // the agent went back to the tour before
    };
    Kind kind = Kind::Quit;
    std::optional<NextTour> next;
    TourRequest request;  // Arrived: the loaded tour's
    std::string title;    // Arrived: what the switch called it (the file's stem until its manifest is known)
    std::chrono::steady_clock::time_point requested;  // Arrived: when the switch began
};

class XrLoadingSpace final : public AppDelegate {
public:
    // `first`: the switch under way (started by the tour left); `title`: what to call it meanwhile.
    XrLoadingSpace(const LoadingSpaceContext& context, TourSwitch first, std::string title);

    bool update() override;
    glm::mat4 referenceFromWorld() const override { return m_referenceFromWorld; }
    Status frameBegun(Frame& frame) override;
    std::span<const uint8_t> hiddenInstances() const override { return m_hidden; }
    gfx::FrameOverlays overlays() const override;
    Status frameRecorded(Frame& frame, const gfx::FrameStats& stats) override;
    Status frameShown(Frame& frame) override;

    // Draws the mirror's ImGui frame (built in update) over the customer's eye.
    Status drawMirror(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent, VkImageUsageFlags usage);
    // Once the loop has returned: how it ended (the loaded tour moves out).
    LoadingOutcome takeOutcome() { return std::move(m_outcome); }

private:
    enum class Phase { Loading, Failed, Leaving };

    void startSwitch(const SwitchRequest& next);
    void report(StationReport::State state) const;
    void pollSwitch();
    void drawMirrorPanel();
    Status recordPanel(Frame& frame, float dt);
    // Waiting frames are not counted in a scripted run (FrameCapture::frameShown).
    bool counted() const { return m_phase == Phase::Failed; }

    LoadingSpaceContext m_context;
    glm::mat4 m_referenceFromWorld;
    std::vector<uint8_t> m_hidden;  // every instance of the scene left behind
    std::optional<TourSwitch> m_switch;
    std::string m_title;
    std::string m_error;  // Failed: what went wrong, one line
    Phase m_phase = Phase::Loading;
    LoadingOutcome m_outcome;
    bool m_goBack = false;  // the agent asked, from the mirror

    DisplayClock m_clock;
    float m_fade = 1.0f;  // in from black (the tour left behind faded out)
    std::optional<glm::mat4> m_panelTransform;  // placed in front of the first head pose, then still
    gfx::OverlayGeometry m_geometry;
    std::vector<gfx::OverlayQuad> m_quads;
};

}  // namespace oh::viewer
