// The headset tour. XrTour is the AppDelegate: each frame it turns the
// controllers into locomotion (teleport arc, snap turn) or panel clicks, draws
// the controllers, lasers, arc, panel and room label (headset_label.h: the
// room or panorama the customer is in, and the photo) as overlays, and keeps
// the agent's mirror panel (status line, places to send the customer to) up
// to date. Both panels list the tour's rooms (tour/tour_rooms.h), say which
// one the customer is in and show the listing card, the photo gallery and the
// 360° views.
// The listing's pictures (tour/tour_pictures.h): the laser and trigger on a
// photo's camera marker teleport the customer to where it was taken, facing
// its way, and fade the photo in; on a panorama's globe (or, inside one, on a
// hotspot) they enter it. Inside a panorama the customer only turns.
//
// Controllers: stick forward aims a teleport (release to go; the stick's
// direction turns the arrival), stick left/right turns, the menu button shows
// the panel in front of the customer (and puts away a photo opened large),
// the trigger clicks what the laser points at: the panel, a marker or a
// hotspot; elsewhere it puts away a photo opened large. Simple controllers:
// hold select to aim, release to go. A or X (or "Measure" on the panel)
// measures: the trigger then sets the tape's ends (xr_measure.h).
// The agent, on the mirror: click a place, a photo or a 360° view; click
// the picture itself to point (agent_marker.h: a marker where the click
// meets the model, with a cue at the edge of the customer's view), R
// recentres, T toggles seated, N / P next / previous stop of the guided
// tour, Space its autoplay, F1 hides the panel, F12 saves a screenshot; with
// --listings, a click in the Listings window switches the customer to that
// listing.
// The guided tour (tour/guided_tour.h): the tour's rooms in order are its
// stops; its window on the mirror steps through them, and autoplay moves on
// after a dwell at each. Every move to a stop is a jump behind the teleport's
// black fade, facing the stop's heading. The customer's own moves (a
// teleport, a place or picture they choose) pause autoplay; turning in place
// does not, as that is looking around the stop.
//
// Switching tours (showTour below): the presenter, renderer and environment
// stay; each tour's own objects (TourViews, XrTour) are made for it and gone
// before the next. A tour asked to switch (the input script's `tour`, the
// Listings window, SwitchRequests from the control endpoint) fades out and
// ends its loop; the loading space (xr_loading_space.h) runs the loop while
// the next tour loads, then that tour fades in at its start.
#include "viewer/xr/xr_tour.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/file_io.h"
#include "core/log.h"
#include "navigation/collision_world.h"
#include "navigation/walker.h"
#include "renderer/camera.h"
#include "renderer/overlay.h"
#include "renderer/renderer.h"
#include "viewer/desktop/input_script.h"
#include "viewer/desktop/window_overlay.h"
#include "viewer/tour/app_loop.h"
#include "viewer/tour/frame_capture.h"
#include "viewer/tour/guided_tour.h"
#include "viewer/tour/tour_assets.h"
#include "viewer/tour/tour_pictures.h"
#include "rooms/rooms.h"
#include "viewer/tour/tour_spots.h"
#include "viewer/tour/tour_switch.h"
#include "viewer/tour/validation_exit.h"
#include "viewer/ui/photo_gallery.h"
#include "viewer/ui/plan_minimap.h"
#include "viewer/ui/tour_panel.h"
#include "viewer/ui/ui_overlay.h"
#include "viewer/ui/world_panel.h"
#include "viewer/xr/agent_marker.h"
#include "viewer/xr/display_clock.h"
#include "viewer/xr/headset_label.h"
#include "viewer/xr/mirror_guided_tour.h"
#include "viewer/xr/xr_measure.h"
#include "viewer/xr/mirror_listings.h"
#include "viewer/xr/mirror_session.h"
#include "viewer/xr/mirror_status.h"
#include "viewer/xr/xr_loading_space.h"
#include "viewer/xr/xr_presenter.h"

namespace oh::viewer {
namespace {

constexpr float kLaserRange = 5.0f;           // metres: how far the pointer reaches into the rooms
constexpr float kPanelDistance = 0.9f;        // in front of the head when it opens
constexpr float kPanelBelowEyes = 0.25f;      // a little low, like a lectern
constexpr float kPanelPitch = 0.35f;          // tilted up towards the eyes (radians)
const glm::vec4 kValidArc{0.25f, 0.85f, 1.0f, 0.9f};
const glm::vec4 kRefusedArc{1.0f, 0.3f, 0.25f, 0.7f};
const glm::vec4 kLaserColor{0.9f, 0.95f, 1.0f, 0.6f};
const glm::vec4 kControllerColor{0.12f, 0.12f, 0.14f, 1.0f};
constexpr float kSwitchFadeSeconds = 0.25f;  // out to the loading space and in from it, as its own fades

// A tour entered from the loading space: it fades in, and a tour switched
// to (tour_switch.h) logs its timings at its first frame inside.
struct TourArrival {
    bool switched = false;  // false: back to the tour before, after a failed switch
    std::chrono::steady_clock::time_point requested;
    double loadMilliseconds = 0.0;
    double uploadMilliseconds = 0.0;
};

glm::mat4 poseMatrix(const Pose& pose) {
    glm::mat4 matrix = glm::mat4_cast(pose.orientation);
    matrix[3] = glm::vec4(pose.position, 1.0f);
    return matrix;
}


double median(std::vector<float> values) {
    if (values.empty()) return 0.0;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

class XrTour final : public AppDelegate {
public:
    XrTour(XrPresenter& presenter, UiOverlay* mirrorUi, WorldPanel& panel, HeadsetLabel& label,
           const TourRequest& request, const XrTourOptions& options, const TourAssets& tour, TourPictures& pictures,
           const PhotoGallery* gallery, const PlanMinimap* minimap, const InputScript& script, FrameCapture& capture,
           VisitConsent& consent, std::optional<TourArrival> arrival)
        : m_presenter(presenter),
          m_mirrorUi(mirrorUi),
          m_panel(panel),
          m_label(label),
          m_pictures(pictures),
          m_gallery(gallery),
          m_minimap(minimap),
          m_options(options),
          m_request(request),
          m_scene(tour.scene),
          m_world(tour.walkable()),
          m_script(script),
          m_modelName(tour.title(request.input)),
          m_listing(tour.manifest && tour.manifest->listing ? &*tour.manifest->listing : nullptr),
          m_showMirrorPanel(request.showPanel),
          m_seenRecentreRequests(presenter.recentreRequests()),
          m_capture(capture),
          m_arrival(std::move(arrival)),
          m_arrivalFade(m_arrival ? 1.0f : 0.0f) {
        m_params.eyeHeight = options.comfort.standingEyeHeight;
        m_rooms = rooms::tourRooms(m_scene, m_world, tour.rooms(), m_params);
        std::vector<std::string> roomNames;
        for (const rooms::TourRoom& room : m_rooms.rooms()) roomNames.push_back(room.name);
        m_session.emplace(m_modelName, std::move(roomNames), minimap, consent);
        m_guided = GuidedTour(uint32_t(m_rooms.rooms().size()),
                              options.autoplaySeconds.value_or(GuidedTour::kDefaultDwellSeconds));
        for (uint32_t stop = 0; stop < m_rooms.rooms().size(); ++stop)
            if (std::optional<float> dwell = m_rooms.rooms()[stop].dwellSeconds) m_guided.setStopDwell(stop, *dwell);
        if (options.autoplaySeconds) m_guidedStop = m_guided.setAutoplay(true);
        // Panoramas alone: nothing to walk on, but the customer still turns.
        const TourVisit& visit = pictures.visit();
        const nav::CollisionWorld* ground = m_world;
        if (!ground && !visit.hasModel() && visit.panorama()) ground = &m_noWalls;
        if (ground) m_locomotion.emplace(*ground, m_params, presenter.trackingFloor(), options.comfort);
        if (m_world) {
            std::string why;
            m_start = tourStart(m_scene, *m_world, m_params, &why, tour.packedStart ? &*tour.packedStart : nullptr);
            if (!m_start) OH_LOG_INFO("no place to stand inside (%s): the model stands in front of you", why.c_str());
        }
    }

    bool update() override {
        if (m_capture.runOver()) return false;
        if (leftForSwitch()) return false;  // faded out: the loading space takes over
        if (auto input = m_script.tourAt(m_capture.framesShown())) requestSwitch({*input, {}});
        if (m_options.switches)
            if (std::optional<SwitchRequest> request = m_options.switches->poll()) requestSwitch(*request);
        if (!m_mirrorUi) return true;
        DesktopInput input = m_presenter.mirror()->input();
        m_script.apply(m_capture.framesShown(), input);
        if (input.pressed(GLFW_KEY_F1)) m_showMirrorPanel = !m_showMirrorPanel;
        if (input.pressed(GLFW_KEY_F12)) m_capture.requestScreenshot();
        if (!m_mirrorUi->capturesKeyboard()) {
            if (input.pressed(GLFW_KEY_R)) m_agentRecentre = true;
            if (input.pressed(GLFW_KEY_T)) m_agentSeatedToggle = true;
            if (input.pressed(GLFW_KEY_N)) m_guidedStop = m_guided.next();
            if (input.pressed(GLFW_KEY_P)) m_guidedStop = m_guided.previous();
            if (input.pressed(GLFW_KEY_SPACE)) m_guidedStop = m_guided.setAutoplay(!m_guided.autoplay());
        }
        // A click on the picture, not on a window (where the pointer was the
        // frame before, as ImGui tells), points at what it shows.
        if (input.click && !m_mirrorUi->capturesMouse())
            if (auto ray = m_presenter.mirrorRay(*input.click)) m_agentPointer = *ray;
        // A scripted pointer (tests of the agent's clicks) drives the mirror's windows, once the script has moved it.
        std::optional<UiPointer> scriptedPointer;
        if (m_script.pointerAt(m_capture.framesShown()))
            scriptedPointer = UiPointer{input.cursor, input.click.has_value(), input.scroll};
        m_mirrorUi->beginFrame(scriptedPointer ? &*scriptedPointer : nullptr);
        drawMirrorStatus(m_presenter.status(), m_modelName, customerLine(),
                         m_locomotion && m_locomotion->seated());
        if (m_showMirrorPanel) {
            const char* help =
                "Click a place, a photo or a 360\xC2\xB0 view: the customer goes there or sees it\n"
                "Click the picture: a marker there for the customer (again: away)\n"
                "R: recentre  T: seated\nN / P: next / previous stop  Space: autoplay\nF1: panel  F12: screenshot";
            TourPanelChoice choice = drawTourPanel(panelContent(help));
            // A room is a stop of the guided tour: its cursor follows the agent's click.
            if (choice.place && choice.place->kind == TourPlace::Kind::Room) {
                m_guidedStop = m_guided.goTo(choice.place->index);
                choice.place.reset();
            }
            if (choice.place || choice.photo || choice.panorama || choice.leavePanorama || choice.closePhoto ||
                choice.floorPoint)
                m_agentChoice = choice;
            if (m_options.switches)
                if (auto listing = drawMirrorListings(m_options.switches->listings(), m_modelName))
                    requestSwitch({listing->bundle, listing->title});
            if (!m_rooms.empty())
                if (std::optional<uint32_t> stop = drawGuidedTour(m_guided, m_rooms.rooms())) m_guidedStop = stop;
            m_session->draw();
        }
        return true;
    }

    Status frameBegun(Frame& frame) override {
        const std::optional<Pose>& head = m_presenter.head();
        float dt = m_clock.tick(m_presenter.displayTimeSeconds());
        if (m_switchTo) m_leaveFade = std::min(m_leaveFade + dt / kSwitchFadeSeconds, 1.0f);
        if (m_placed) m_arrivalFade = std::max(m_arrivalFade - dt / kSwitchFadeSeconds, 0.0f);
        m_geometry.clear();
        m_quads.clear();
        m_effects = {};
        m_effects.fade = std::max(m_leaveFade, m_arrivalFade);
        m_effects.fadeColour = LoadingSpace::fadeColour();
        if (!head || !m_locomotion) {
            m_pictures.appendQuads(m_quads);  // as last drawn: with no head nothing points or moves
            return recordPanel(frame, dt, std::nullopt, false);
        }

        if (!m_placed) {
            if (m_start) m_locomotion->jumpTo(m_start->walker.feet, m_start->yawRadians, *head, true);
            if (m_options.startSeated) m_locomotion->setSeated(true, *head);
            m_placed = true;
        }
        applyAgentRequests(*head);
        // Autoplay's clock runs on the customer's time; their own moves since the last frame pause it.
        if (!m_switchTo)
            if (std::optional<uint32_t> stop = m_guided.advance(dt, std::exchange(m_customerMovedThemselves, false)))
                goToStop(*stop, *head);
        // Asked for by the pictures last frame: while a panorama hides the
        // model a frame later is as unseen as at once.
        if (m_relocation) relocate(*m_relocation, *head);
        m_relocation.reset();

        // The panel takes the laser of whichever hand points at it; the
        // other hand (or that one, elsewhere) moves the customer.
        std::optional<glm::vec2> pointer;
        bool pointerPressed = false;
        std::optional<Hand> panelHand;
        glm::mat4 worldFromReference = m_locomotion->worldFromReference();
        for (Hand hand : {Hand::Right, Hand::Left}) {
            const ControllerState& state = m_presenter.controller(hand);
            if (state.menuPressed && !m_switchTo) togglePanel(*head);
            if (state.measurePressed && !m_switchTo) toggleMeasuring(hand);
            if (!m_panelOpen || !state.aim || panelHand) continue;
            auto [origin, direction] = worldRay(worldFromReference, *state.aim);
            if (auto hit = m_panel.hitPixels(m_panelTransform, origin, direction)) {
                pointer = hit;
                pointerPressed = state.select;
                panelHand = hand;
            }
        }
        updateMovingHand(panelHand);
        glm::vec3 eye = headInWorld(*head);
        // Leaving for another tour: nothing is chosen and nobody moves while the view fades.
        // Measuring, the trigger sets the tape's ends, not the pictures' markers.
        bool measuring = !m_switchTo && measureWithLaser(panelHand);
        std::optional<VisitTarget> hovered = m_switchTo || measuring ? std::nullopt : pointAtPictures(panelHand, eye);

        const ControllerState& moving = m_presenter.controller(m_movingHand);
        LocomotionInput locomotionInput;
        locomotionInput.dt = dt;
        locomotionInput.head = *head;
        locomotionInput.teleportAllowed = m_pictures.modelVisible();
        if (panelHand != m_movingHand && !m_switchTo) {
            locomotionInput.aim = moving.aim;
            locomotionInput.thumbstick = moving.stick;
            locomotionInput.teleportButton = !moving.hasStick && moving.select && !m_selectTaken[size_t(m_movingHand)];
        }
        uint32_t teleports = m_locomotion->teleportCount();
        m_locomotion->update(locomotionInput);
        if (m_locomotion->teleportCount() != teleports) {
            m_customerMovedThemselves = true;
            m_marker.clear();  // it pointed at something from where they stood
            m_presenter.pulse(m_movingHand, 0.4f, 0.05f);
            m_pictures.visit().leavePhoto();  // teleporting away from a photo lets it go
        }
        if (m_arrivalJump && !m_locomotion->jumpPending()) {
            m_arrivalJump = false;
            if (m_pictures.visit().awaitingArrival()) m_pictures.visit().arrived();
        }
        m_currentRoom = m_rooms.roomAt(m_locomotion->feet().feet);

        // The eye again: a jump at full black may have moved the play space since.
        if (m_capture.lastScriptedFrame()) OH_TRY(m_pictures.settle());
        OH_TRY(m_pictures.update(dt, headInWorld(*head), hovered));
        m_relocation = m_pictures.takeRelocation();
        m_pictures.appendQuads(m_quads);
        if (m_pictures.modelVisible())  // under the panels: the tapes' plates
            OH_TRY(m_measure.record(headInWorld(*head), dt, m_geometry, m_quads, frame.commandBuffer, frame.slot));
        OH_TRY(recordPanel(frame, dt, pointer, pointerPressed));
        OH_TRY(recordLabel(frame, dt, *head, hovered.has_value() || m_locomotion->aimingArc().has_value()));
        if (session::SessionRecord* record = m_session->recording()) recordVisit(*record, dt, *head);
        m_tapesRecorded = m_measure.tape().tapes().size();  // tapes from before consent are not the visit's
        m_marker.update(dt);
        buildOverlays(panelHand, *head);
        return ok();
    }

    // The tour ends: its visit summary saved where --session-summary asked,
    // else kept for the next tour when leaving for another listing.
    Status finishSession() { return m_session->finish(leftForSwitch()); }

    glm::mat4 referenceFromWorld() const override {
        return m_locomotion ? m_locomotion->referenceFromWorld() : glm::mat4(1.0f);
    }

    gfx::FrameOverlays overlays() const override {
        gfx::FrameOverlays overlays;
        overlays.panorama = m_pictures.backdrop();
        overlays.geometry = &m_geometry;
        overlays.quads = m_quads;
        overlays.effects = m_effects;
        return overlays;
    }

    Status frameRecorded(Frame& frame, const gfx::FrameStats& stats) override {
        m_timing.stats = stats;
        m_timing.cpuMilliseconds = m_presenter.status().cpuMilliseconds;
        double hz = m_presenter.status().displayHz;
        m_timing.frameMilliseconds = hz > 0.0 ? 1000.0 / hz : 0.0;
        frame.captureRequested = m_capture.wantsCapture();
        return ok();
    }

    Status frameShown(Frame& frame) override {
        // The benchmark reads this line (tour_switch.h): keep its format.
        if (m_arrival && m_arrival->switched && m_placed) {
            double inside = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                      m_arrival->requested)
                                .count();
            OH_LOG_INFO("switched to %s: load %.0f ms, upload %.0f ms, first frame inside %.0f ms after the request",
                        m_modelName.c_str(), m_arrival->loadMilliseconds, m_arrival->uploadMilliseconds, inside);
            m_arrival.reset();
        }
        if (m_placed && !m_reportedInside && m_options.switches)
            m_options.switches->report({StationReport::State::Inside, m_modelName, {}});
        m_reportedInside = m_reportedInside || m_placed;
        return m_capture.frameShown(frame);
    }

    // Leaves for the tour `request` names: its load starts at once (the
    // worker reads while the view fades out), then update() ends the loop and
    // takeSwitch() hands the switch over. The first request stands.
    void requestSwitch(const SwitchRequest& request) {
        if (m_switchTo) return;
        TourRequest next = m_request;
        next.input = request.bundle;
        m_switchTitle = request.title.empty() ? displayPath(request.bundle.stem()) : request.title;
        m_switchTo = TourSwitch::start(std::move(next));
        m_panelOpen = false;
        if (m_options.switches) m_options.switches->report({StationReport::State::Loading, m_switchTitle, {}});
    }
    // The loop ended because the view has faded out for the switch.
    bool leftForSwitch() const { return m_switchTo && m_leaveFade >= 1.0f; }
    std::optional<TourSwitch> takeSwitch() { return std::move(m_switchTo); }
    const std::string& switchTitle() const { return m_switchTitle; }
    // Where the play area stands in the model: the loading space keeps the customer's eyes there.
    glm::mat4 worldFromReference() const {
        return m_locomotion ? m_locomotion->worldFromReference() : glm::mat4(1.0f);
    }

    // Draws the mirror's ImGui frame (built in update) over the customer's eye.
    Status drawMirror(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent, VkImageUsageFlags usage) {
        return m_mirrorUi ? m_mirrorUi->record(cmd, view, extent, usage) : ok();
    }

    // "xr feet 1.2000 0.0000 -2.0000 eye 1.2000 1.6000 -2.0000 yaw 30.0 seated 0 teleports 1 turns 2":
    // the floor spot under the customer, their eye and view direction in the
    // model (degrees, 0 looks down -Z, positive turned left).
    std::string poseLine() const {
        const std::optional<Pose>& head = m_presenter.head();
        if (!m_locomotion || !head) return "xr no-pose";
        const nav::WalkerState& feet = m_locomotion->feet();
        glm::vec3 eye = headInWorld(*head);
        float degrees = std::remainder(glm::degrees(headYawInWorld(*head)), 360.0f);
        char line[240];
        std::snprintf(line, sizeof line,
                      "xr feet %.4f %.4f %.4f eye %.4f %.4f %.4f yaw %.1f seated %d teleports %u turns %u",
                      feet.feet.x, feet.feet.y, feet.feet.z, eye.x, eye.y, eye.z, degrees, int(m_locomotion->seated()),
                      m_locomotion->teleportCount(), m_locomotion->snapTurnCount());
        return line;
    }

    // "pointer 9.80 1.40 -2.00": where the agent's marker stands ("pointer -": none).
    std::string pointerLine() const {
        std::optional<glm::vec3> at = m_marker.position();
        if (!at) return "pointer -";
        char line[96];
        std::snprintf(line, sizeof line, "pointer %.4f %.4f %.4f", at->x, at->y, at->z);
        return line;
    }

    // "room Kitchen": the room the customer is in, as the panels say ("room -": none).
    std::string roomLine() const { return "room " + customerRoom(); }
    // "picture panorama 2": what the customer sees besides the model (tour_visit.h).
    std::string pictureLine() const { return m_pictures.pictureLine(); }
    // "label Kitchen", "label Living room · photo 3": what the room label in
    // the headset shows ("label -": none, or hidden by the open panel).
    std::string labelLine() const { return "label " + (m_label.shown().empty() ? "-" : m_label.shown()); }

private:
    struct Ray {
        glm::vec3 origin;
        glm::vec3 direction;
    };

    static Ray worldRay(const glm::mat4& worldFromReference, const Pose& aim) {
        glm::mat4 world = worldFromReference * poseMatrix(aim);
        return {glm::vec3(world[3]), glm::normalize(-glm::vec3(world[2]))};
    }

    glm::vec3 headInWorld(const Pose& head) const {
        return glm::vec3(m_locomotion->worldFromReference() * glm::vec4(head.position, 1.0f));
    }

    float headYawInWorld(const Pose& head) const {
        return m_locomotion->playSpace().yawRadians + headYaw(head.orientation);
    }

    // World -> the customer's eyes, level (no roll: a photo opened in front
    // of a tilted head still hangs straight).
    glm::mat4 headView(const Pose& head) const {
        glm::vec3 forward = glm::mat3(m_locomotion->worldFromReference()) * (head.orientation * glm::vec3(0, 0, -1));
        float pitch = std::asin(std::clamp(forward.y, -1.0f, 1.0f));
        return gfx::Viewpoint{headInWorld(head), headYawInWorld(head), pitch}.viewMatrix();
    }

    // The lasers off the panel point at the pictures' markers (or, inside a
    // panorama, its hotspots): the first one found is highlighted, a trigger
    // pulled on one chooses it, a trigger pulled at nothing puts away a photo
    // opened large. A trigger so used does not also aim a teleport.
    std::optional<VisitTarget> pointAtPictures(std::optional<Hand> panelHand, const glm::vec3& eye) {
        std::optional<VisitTarget> hovered;
        glm::mat4 worldFromReference = m_locomotion->worldFromReference();
        for (Hand hand : {Hand::Right, Hand::Left}) {
            const ControllerState& state = m_presenter.controller(hand);
            bool& taken = m_selectTaken[size_t(hand)];
            if (!state.select) taken = false;
            if (hand == panelHand || !state.aim) continue;
            Ray ray = worldRay(worldFromReference, *state.aim);
            std::optional<VisitTarget> target = m_pictures.pick(ray.origin, ray.direction, eye);
            if (!hovered) hovered = target;
            if (!state.selectPressed) continue;
            if (target) {
                m_pictures.closePhoto();
                m_pictures.choose(*target);
                m_customerMovedThemselves = true;  // to where a photo was taken, into or out of a panorama
                m_presenter.pulse(hand, 0.3f, 0.03f);
                taken = true;
            } else if (m_pictures.openPhotoIndex()) {
                m_pictures.closePhoto();
                taken = true;
            }
        }
        return hovered;
    }

    // Moves the customer where the pictures ask: at once while a panorama
    // hides the model, else with the comfort fade of a teleport, turned to
    // the photo's heading (a headset cannot set the pitch: the customer's
    // own head does).
    void relocate(const Relocation& relocation, const Pose& head) {
        std::optional<nav::WalkerState> standing = m_pictures.standingFor(relocation, m_params);
        if (!standing) return;
        m_marker.clear();
        TourVisit& visit = m_pictures.visit();
        float yaw = relocation.yawRadians.value_or(headYawInWorld(head));
        if (relocation.hidden) {
            m_locomotion->jumpTo(standing->feet, yaw, head, true);
            if (visit.awaitingArrival()) visit.arrived();
        } else {
            m_locomotion->jumpTo(standing->feet, yaw, head);
            m_arrivalJump = true;
        }
    }

    // What the customer's panel or the agent's chose.
    void applyChoice(const TourPanelChoice& choice, const Pose& head) {
        if (choice.place) sendTo(*choice.place, head);
        if (choice.closePhoto) m_pictures.closePhoto();
        if (choice.photo) {
            m_pictures.openPhoto(*choice.photo, headView(head));
            m_panelOpen = false;  // it would hide the photo's lower half; the menu button brings it back
        }
        if (choice.panorama) m_pictures.choose({VisitTarget::Kind::Panorama, *choice.panorama});
        if (choice.leavePanorama) m_pictures.choose({VisitTarget::Kind::Model, 0});
        if (choice.floorPoint) sendToFloorPoint(*choice.floorPoint, head);
        if (choice.toggleMeasuring) setMeasuring(!m_measure.tape().measuring());
        if (choice.clearMeasurements) m_measure.tape().clear();
        TapeMeasure& tape = m_measure.tape();
        if (choice.constraint && *choice.constraint != tape.constraint())  // asked again, a constraint frees the tape
            tape.toggleConstraint(*choice.constraint == nav::MeasureConstraint::Free ? tape.constraint()
                                                                                     : *choice.constraint);
    }

    // A point of the floor plan (the agent's click on the mirror's, or the
    // customer's on the panel's): there, or as near as the customer fits,
    // facing into the room.
    void sendToFloorPoint(const glm::vec3& point, const Pose& head) {
        if (!m_world) return;
        auto arrival = arrivalAtPlanPoint(*m_world, m_params, point);
        if (!arrival) {
            OH_LOG_INFO("that point of the plan has no floor to stand on: the customer stays where they are");
            return;
        }
        m_pictures.choose({VisitTarget::Kind::Model, 0});
        m_pictures.visit().leavePhoto();
        m_pictures.closePhoto();
        m_locomotion->jumpTo(arrival->walker.feet, arrival->yawRadians, head);
        m_marker.clear();
        m_panelOpen = false;
    }

    void applyAgentRequests(const Pose& head) {
        if (m_presenter.recentreRequests() != m_seenRecentreRequests) {
            m_seenRecentreRequests = m_presenter.recentreRequests();
            m_locomotion->recentre(head);
        }
        if (m_agentRecentre) m_locomotion->recentre(head);
        if (m_agentSeatedToggle) m_locomotion->setSeated(!m_locomotion->seated(), head);
        m_agentRecentre = m_agentSeatedToggle = false;
        applyChoice(m_agentChoice, head);
        m_agentChoice = {};
        if (m_agentPointer) {
            glm::mat4 worldFromReference = m_locomotion->worldFromReference();
            glm::vec3 origin(worldFromReference * glm::vec4(m_agentPointer->origin, 1.0f));
            glm::vec3 direction = glm::mat3(worldFromReference) * m_agentPointer->direction;
            m_marker.pointAt(origin, direction, m_world, m_pictures.modelVisible());
            if (std::optional<glm::vec3> at = m_marker.position())
                OH_LOG_INFO("the agent points at %.2f %.2f %.2f", at->x, at->y, at->z);
            else
                OH_LOG_INFO("the agent's marker is away");
            m_agentPointer.reset();
        }
        if (m_guidedStop) goToStop(*m_guidedStop, head);
        m_guidedStop.reset();
    }

    void sendTo(const TourPlace& place, const Pose& head) {
        if (!m_world) return;  // panoramas alone: no place to stand
        if (auto spot = spotForPlace(m_scene, *m_world, m_params, place, headYawInWorld(head), m_rooms.rooms())) {
            // A room is a place in the model: out of a panorama, away from the photos.
            m_pictures.choose({VisitTarget::Kind::Model, 0});
            m_pictures.visit().leavePhoto();
            m_pictures.closePhoto();
            m_locomotion->jumpTo(spot->walker.feet, spot->yawRadians, head);
            m_marker.clear();
            m_panelOpen = false;  // they are somewhere else now: the panel stays behind
        } else {
            OH_LOG_INFO("that place has no floor to stand on: the customer stays where they are");
        }
    }

    // A stop of the guided tour: its room, facing the room's heading.
    void goToStop(uint32_t stop, const Pose& head) {
        OH_LOG_INFO("guided tour: stop %u of %u, %s", stop + 1, m_guided.stopCount(),
                    m_rooms.rooms()[stop].name.c_str());
        sendTo(TourPlace{TourPlace::Kind::Room, stop}, head);
    }

    TourPanelContent panelContent(const char* help) const {
        TourPanelContent content{m_modelName, &m_scene, m_rooms.rooms(), m_currentRoom, m_listing, m_timing, help};
        content.gallery = m_gallery;
        content.openPhoto = m_pictures.openPhotoIndex();
        content.panoramas = m_pictures.panoramaNames();
        content.currentPanorama = m_pictures.visit().panorama();
        content.canLeavePanorama = m_pictures.visit().hasModel();
        const std::optional<Pose> head = m_presenter.head();
        if (m_locomotion && head && m_pictures.modelVisible()) {
            content.minimap = m_minimap;
            content.visitorFeet = m_locomotion->feet().feet;
            content.visitorYawRadians = headYawInWorld(*head);
        }
        return content;
    }

    // The menu button: the panel in front of the customer, or away. A photo
    // opened large goes away and the panel comes back in front.
    void togglePanel(const Pose& head) {
        m_panelOpen = !m_panelOpen || m_pictures.openPhotoIndex().has_value();
        m_pictures.closePhoto();
        if (!m_panelOpen) return;
        // In front of the face, turned towards it, wherever the customer looks.
        glm::mat4 worldFromHead = m_locomotion->worldFromReference() * poseMatrix(head);
        glm::vec3 eye(worldFromHead[3]);
        glm::vec3 forward = -glm::vec3(worldFromHead[2]);
        forward.y = 0.0f;
        forward = glm::length(forward) > 1e-3f ? glm::normalize(forward) : glm::vec3(0.0f, 0.0f, -1.0f);
        glm::vec3 center = eye + forward * kPanelDistance - glm::vec3(0.0f, kPanelBelowEyes, 0.0f);
        // A panel with the viewer's yaw faces back at the viewer (yaw 0 faces +Z, the view looks down -Z).
        float viewerYaw = std::atan2(-forward.x, -forward.z);
        m_panelTransform = WorldPanel::panelTransform(center, viewerYaw, kPanelPitch, m_panel.sizeMetres());
    }

    // Measuring on (the panel goes, so the laser reaches the rooms) or off
    // (the trigger teleports and chooses again). Only where the model shows.
    void setMeasuring(bool on) {
        m_measure.tape().setMeasuring(on && m_pictures.modelVisible());
        if (m_measure.tape().measuring()) m_panelOpen = false;
    }

    // A or X: that hand measures.
    void toggleMeasuring(Hand hand) {
        setMeasuring(!m_measure.tape().measuring());
        m_movingHand = hand;
        m_presenter.pulse(hand, 0.2f, 0.03f);
    }

    // While measuring, the moving hand's laser (off the panel) snaps and
    // draws the live tape; its trigger sets an end, and so is no teleport.
    // A panorama ends measuring: no model to measure. False: not measuring.
    bool measureWithLaser(std::optional<Hand> panelHand) {
        TapeMeasure& tape = m_measure.tape();
        if (tape.measuring() && !m_pictures.modelVisible()) tape.setMeasuring(false);
        if (!tape.measuring()) return false;
        for (Hand hand : {Hand::Right, Hand::Left})
            if (!m_presenter.controller(hand).select) m_selectTaken[size_t(hand)] = false;
        const ControllerState& state = m_presenter.controller(m_movingHand);
        std::optional<LaserRay> laser;
        if (m_movingHand != panelHand && state.aim) {
            Ray ray = worldRay(m_locomotion->worldFromReference(), *state.aim);
            laser = LaserRay{ray.origin, ray.direction};
        }
        bool pressed = laser && state.selectPressed;
        if (pressed) m_selectTaken[size_t(m_movingHand)] = true;
        if (m_measure.point(laser, pressed)) m_presenter.pulse(m_movingHand, 0.3f, 0.03f);
        return true;
    }

    // The hand that last moved its stick or pressed select off the panel moves the customer.
    void updateMovingHand(std::optional<Hand> panelHand) {
        for (Hand hand : {Hand::Right, Hand::Left}) {
            if (hand == panelHand) continue;
            const ControllerState& state = m_presenter.controller(hand);
            if (glm::length(state.stick) > Locomotion::kStickCentre || state.selectPressed) m_movingHand = hand;
        }
    }

    Status recordPanel(Frame& frame, float dt, std::optional<glm::vec2> pointer, bool pressed) {
        if (!m_panelOpen) return ok();
        m_panel.beginFrame(dt, pointer, pressed);
        m_panel.fillPanelWindow();
        TourPanelContent content = panelContent("Point and pull the trigger to choose.\nStick forward: teleport. "
                                                "Left / right: turn.\nMenu button: hide this panel.");
        content.canMeasure = m_measure.tape().available() && m_pictures.modelVisible();
        content.measuring = m_measure.tape().measuring();
        content.hasMeasurements = !m_measure.tape().tapes().empty();
        content.constraint = m_measure.tape().constraint();
        TourPanelChoice choice = drawTourPanel(content, false);
        OH_TRY(m_panel.record(frame.commandBuffer, frame.slot));
        m_customerMovedThemselves = m_customerMovedThemselves || choice.place || choice.panorama ||
                                    choice.leavePanorama || choice.floorPoint;
        if (m_presenter.head() && m_locomotion) applyChoice(choice, *m_presenter.head());
        if (m_panelOpen) m_quads.push_back({m_panelTransform, m_panel.imageView(), 1.0f});
        return ok();
    }

    // The room label, after every other panel (it stays in front of them);
    // not while the menu panel is open, which says the same at its top.
    Status recordLabel(Frame& frame, float dt, const Pose& head, bool aiming) {
        LabelFrame labelFrame;
        labelFrame.dt = dt;
        labelFrame.head = head;
        labelFrame.worldFromReference = m_locomotion->worldFromReference();
        labelFrame.world = m_pictures.modelVisible() ? m_world : nullptr;
        labelFrame.panels = m_quads;
        labelFrame.aiming = aiming;
        OH_TRY(m_label.update(labelFrame, m_panelOpen ? LabelText{} : customerView(), frame.commandBuffer, frame.slot));
        if (std::optional<gfx::OverlayQuad> quad = m_label.quad()) m_quads.push_back(*quad);
        return ok();
    }

    void buildOverlays(std::optional<Hand> panelHand, const Pose& head) {
        m_pictures.addShapes(m_geometry);
        glm::mat3 headInWorldAxes = glm::mat3(m_locomotion->worldFromReference()) * glm::mat3_cast(head.orientation);
        m_marker.addShapes(m_geometry, headInWorld(head), -headInWorldAxes[2], headInWorldAxes[1]);
        bool modelVisible = m_pictures.modelVisible();
        glm::mat4 worldFromReference = m_locomotion->worldFromReference();
        for (Hand hand : {Hand::Left, Hand::Right}) {
            const ControllerState& state = m_presenter.controller(hand);
            if (state.grip) {
                glm::mat4 grip = worldFromReference * poseMatrix(*state.grip);
                m_geometry.addBox(grip * glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.0f, 0.03f)),
                                  glm::vec3(0.018f, 0.025f, 0.07f), kControllerColor);
            }
            if (!state.aim) continue;
            // The laser ends where it meets the panel or the rooms; inside a
            // panorama, where its hotspots hang around the head.
            Ray ray = worldRay(worldFromReference, *state.aim);
            float length = modelVisible ? kLaserRange : TourVisit::kHotspotDistance;
            float panelDistance = 0.0f;
            if (hand == panelHand && m_panel.hitPixels(m_panelTransform, ray.origin, ray.direction, &panelDistance)) {
                length = panelDistance;
            } else if (modelVisible && m_world) {
                if (auto hit = nav::raycast(*m_world, nav::RayQuery{ray.origin, ray.direction, kLaserRange}))
                    length = hit->distance;
            }
            glm::vec3 laser[2] = {ray.origin, ray.origin + ray.direction * length};
            m_geometry.addTube(laser, 0.002f, kLaserColor);
        }
        if (const auto& arc = m_locomotion->aimingArc()) {
            m_geometry.addTube(arc->points, 0.008f, arc->ok() ? kValidArc : kRefusedArc);
            if (arc->ok()) {
                glm::vec3 spot = arc->landing.feet + glm::vec3(0.0f, 0.01f, 0.0f);  // just above the floor
                glm::vec3 up(0.0f, 1.0f, 0.0f);
                m_geometry.addDisc(spot, up, 0.3f, kValidArc, 0.24f);
                float yaw = m_locomotion->arrivalYaw();
                m_geometry.addArrow(spot + glm::vec3(0.0f, 0.002f, 0.0f), glm::vec3(-std::sin(yaw), 0.0f, -std::cos(yaw)),
                                    0.45f, 0.2f, up, kValidArc);
            }
        }
        const float switchFade = std::max(m_leaveFade, m_arrivalFade);
        m_effects.fade = std::max({m_locomotion->fade(), m_pictures.screenFade(), switchFade});
        // Into and out of the loading space, its light; a teleport's or a picture's fade, black.
        m_effects.fadeColour = switchFade > 0.0f && switchFade >= m_effects.fade ? LoadingSpace::fadeColour()
                                                                                : glm::vec3(0.0f);
        m_effects.vignette = m_locomotion->vignette();
    }

    // One frame of the visit summary: where the customer stands and looks
    // (their head's direction, as far as it meets the model), the picture
    // they are shown, the tapes they completed since the last frame (the
    // caller counts them every frame, recording or not).
    void recordVisit(session::SessionRecord& record, float dt, const Pose& head) {
        record.showing(shownPicture());
        std::optional<glm::vec3> lookedAt;
        if (m_world && m_pictures.modelVisible()) {
            glm::vec3 forward = glm::mat3(m_locomotion->worldFromReference()) * (head.orientation * glm::vec3(0, 0, -1));
            if (auto hit = nav::raycast(*m_world, nav::RayQuery{headInWorld(head), forward, AgentMarker::kReach}))
                lookedAt = hit->point;
        }
        record.observe(dt, m_currentRoom, m_locomotion->feet().feet.y, lookedAt);
        std::span<const nav::Measurement> tapes = m_measure.tape().tapes().items();
        for (size_t i = std::min(m_tapesRecorded, tapes.size()); i < tapes.size(); ++i)
            record.measured(tapes[i], m_currentRoom);
    }

    // The listing picture the customer is shown (none: the model).
    std::optional<session::PictureRef> shownPicture() const {
        const TourVisit& visit = m_pictures.visit();
        if (std::optional<uint32_t> panorama = visit.panorama()) {
            std::span<const std::string> names = m_pictures.panoramaNames();
            return session::PictureRef{session::PictureKind::Panorama, *panorama,
                                       *panorama < names.size() ? names[*panorama] : std::to_string(*panorama + 1)};
        }
        std::optional<uint32_t> photo = m_pictures.openPhotoIndex() ? m_pictures.openPhotoIndex() : visit.photo();
        if (!photo) return std::nullopt;
        std::string name = std::to_string(*photo + 1);
        if (m_listing && *photo < m_listing->photos.size() && m_listing->photos[*photo].caption)
            name += ": " + *m_listing->photos[*photo].caption;
        return session::PictureRef{session::PictureKind::Photo, *photo, name};
    }

    std::string customerRoom() const { return m_currentRoom ? m_rooms.rooms()[*m_currentRoom].name : "-"; }

    // The room (inside a panorama, the panorama's name; empty: in none) and
    // the picture the customer looks at, numbered as the panel numbers photos:
    // "Kitchen" and "360° view", "Living room" and "photo 3".
    LabelText customerView() const {
        const TourVisit& visit = m_pictures.visit();
        std::optional<uint32_t> panorama = visit.panorama();
        std::span<const std::string> names = m_pictures.panoramaNames();
        LabelText view;
        if (panorama && *panorama < names.size()) view.place = names[*panorama];
        else if (m_currentRoom) view.place = m_rooms.rooms()[*m_currentRoom].name;
        if (panorama) {
            view.detail = "360\xC2\xB0 view";
            return view;
        }
        std::optional<uint32_t> photo = m_pictures.openPhotoIndex() ? m_pictures.openPhotoIndex() : visit.photo();
        if (photo) view.detail = "photo " + std::to_string(*photo + 1);
        return view;
    }

    // The agent's "Kitchen, 360° view", "Living room, photo 3" ("-, photo 3" outside the rooms).
    std::string customerLine() const {
        LabelText view = customerView();
        std::string line = view.place.empty() ? "-" : view.place;
        return view.detail.empty() ? line : line + ", " + view.detail;
    }

    XrPresenter& m_presenter;
    UiOverlay* m_mirrorUi;  // null without a mirror window
    WorldPanel& m_panel;
    HeadsetLabel& m_label;
    TourPictures& m_pictures;
    const PhotoGallery* m_gallery;  // null: no photos
    const PlanMinimap* m_minimap;   // null: no floor plan
    const XrTourOptions& m_options;
    const TourRequest& m_request;  // what a switch reads with (trusted keys), its input replaced
    const scene::Scene& m_scene;
    const nav::CollisionWorld* m_world;  // null: nothing to stand on, the model is only looked at
    const InputScript& m_script;  // the run's, across tours
    std::string m_modelName;
    const listing::Listing* m_listing;  // null: a bare model, no card
    nav::WalkerParams m_params;
    rooms::TourRooms m_rooms;
    std::optional<uint32_t> m_currentRoom;  // into m_rooms
    nav::CollisionWorld m_noWalls;  // what a tour of panoramas alone turns on
    std::optional<Locomotion> m_locomotion;
    std::optional<TourSpot> m_start;
    bool m_placed = false;
    Hand m_movingHand = Hand::Right;
    std::array<bool, 2> m_selectTaken{};  // per hand: its trigger chose a picture; not a teleport until released
    std::optional<Relocation> m_relocation;  // the pictures asked last frame
    bool m_arrivalJump = false;  // a jump to a photo's pose is under way: TourVisit::arrived() when done
    DisplayClock m_clock;

    bool m_panelOpen = false;
    glm::mat4 m_panelTransform{1.0f};
    bool m_showMirrorPanel = true;
    GuidedTour m_guided{0};                // over m_rooms, made with them
    std::optional<uint32_t> m_guidedStop;  // the agent's step, taken at the next frame, where the head is known
    bool m_customerMovedThemselves = false;  // since the guided tour's last advance()
    FrameTiming m_timing;

    bool m_agentRecentre = false;
    bool m_agentSeatedToggle = false;
    TourPanelChoice m_agentChoice;  // applied at the next frame, where the customer's head is known
    std::optional<XrMirror::Ray> m_agentPointer;  // the agent's click on the picture, likewise
    AgentMarker m_marker;
    std::optional<MirrorSession> m_session;  // made with the rooms
    size_t m_tapesRecorded = 0;  // the tape measure's tapes as of the last frame: later ones are new
    uint32_t m_seenRecentreRequests;  // the presenter's count when this tour began

    gfx::OverlayGeometry m_geometry;
    std::vector<gfx::OverlayQuad> m_quads;
    gfx::ScreenEffects m_effects;
    FrameCapture& m_capture;  // the run's, across tours
    // The tape measure: A or X, or the panel's "Measure".
    XrMeasure m_measure{m_presenter.context(), m_world, XrPresenter::kFramesInFlight};

    std::optional<TourArrival> m_arrival;  // from the loading space; a switch's timings logged at the first frame inside
    float m_arrivalFade;                   // 1 → 0: in from the loading space
    std::optional<TourSwitch> m_switchTo;  // leaving for that tour, already loading
    std::string m_switchTitle;
    float m_leaveFade = 0.0f;              // 0 → 1: out to the loading space
    bool m_reportedInside = false;         // to options.switches, once the customer stands inside
};

std::string mirrorTitle(const std::string& showing) {
    return "OpenHouse \xE2\x80\x94 " + showing + " (headset mirror)";
}

void setMirrorTitle(XrPresenter& presenter, const std::string& showing) {
    if (DesktopPresenter* mirror = presenter.mirror()) glfwSetWindowTitle(mirror->window(), mirrorTitle(showing).c_str());
}

// What points into one tour's assets (its pictures, photos and the panels
// showing them): made for each tour, gone before another takes its place.
struct TourViews {
    std::optional<PhotoGallery> gallery;  // first: the panels and the mirror's overlay hold its thumbnails
    std::optional<PlanMinimap> minimap;   // likewise its plan
    std::unique_ptr<WorldPanel> panel;
    std::unique_ptr<HeadsetLabel> label;
    std::unique_ptr<UiOverlay> mirrorUi;  // null without a mirror window
    std::optional<TourPictures> pictures;

    PhotoGallery* galleryOrNull() { return gallery ? &*gallery : nullptr; }
    std::vector<AtlasImages*> atlasPictures() {
        std::vector<AtlasImages*> pictures;
        if (gallery) pictures.push_back(&gallery->thumbnails());
        if (minimap) pictures.push_back(&minimap->picture());
        return pictures;
    }
};

Result<std::unique_ptr<TourViews>> makeTourViews(XrPresenter& presenter, TourAssets& tour) {
    gfx::GpuContext& context = presenter.context();
    auto views = std::make_unique<TourViews>();
    if (tour.bundle && tour.manifest) {
        auto loaded = PhotoGallery::load(*tour.bundle, *tour.manifest);
        if (!loaded) return loaded.error();
        views->gallery = std::move(loaded.value());
    }
    const rooms::TourRooms tourRooms = rooms::tourRooms(tour.scene, tour.walkable(), tour.rooms(), {});
    auto plan = loadTourPlan(tour, tourRooms.rooms());
    if (!plan) return plan.error();
    if (*plan) views->minimap.emplace(std::move(**plan));
    auto panel = WorldPanel::create(context, WorldPanelOptions{.pictures = views->atlasPictures()});
    if (!panel) return panel.error();
    views->panel = std::move(panel.value());
    auto label = HeadsetLabel::create(context, XrPresenter::kFramesInFlight);
    if (!label) return label.error();
    views->label = std::move(label.value());
    if (DesktopPresenter* mirror = presenter.mirror()) {
        auto overlay = createWindowOverlay(*mirror, views->atlasPictures());
        if (!overlay) return overlay.error();
        views->mirrorUi = std::move(overlay.value());
    }
    views->pictures.emplace(context, tour, MediaOptions{.framesInFlight = XrPresenter::kFramesInFlight});
    return views;
}

// What the whole run shares, across its tours.
struct XrRun {
    XrPresenter& presenter;
    const XrTourOptions& options;
    const InputScript& script;
    FrameCapture& capture;
    const LoadingSpace& space;
    VisitConsent consent;  // the customer's, for the visit summary: holds across the run's tours
};

// How one tour's loop ended: the run is over, or the customer left for another tour.
struct TourEnd {
    std::optional<TourSwitch> next;      // the tour on its way
    std::string title;                   // what to call it meanwhile
    glm::mat4 worldFromReference{1.0f};  // where the play area stood in the tour left
};

// One tour in the headset, until the run ends or the tour asks for another
// (printing the pose at the end of the run when asked).
Result<TourEnd> runTour(XrRun& run, TourAssets& tour, const TourRequest& request, std::optional<TourArrival> arrival) {
    XrPresenter& presenter = run.presenter;
    auto views = makeTourViews(presenter, tour);
    if (!views) return views.error();
    TourViews& made = **views;
    XrTour app(presenter, made.mirrorUi.get(), *made.panel, *made.label, request, run.options, tour, *made.pictures,
               made.galleryOrNull(), made.minimap ? &*made.minimap : nullptr, run.script, run.capture, run.consent,
               std::move(arrival));
    presenter.setMirrorOverlay([&app](VkCommandBuffer cmd, VkImageView view, VkExtent2D extent,
                                      VkImageUsageFlags usage) { return app.drawMirror(cmd, view, extent, usage); });
    auto stats = runAppLoop(presenter, *tour.renderer, tour.gpuScene, app);  // returns with the GPU idle
    presenter.setMirrorOverlay(nullptr);
    if (!stats) return stats.error();
    OH_TRY(app.finishSession());
    if (app.leftForSwitch()) return TourEnd{app.takeSwitch(), app.switchTitle(), app.worldFromReference()};
    if (request.printPose)
        std::printf("%s\n%s\n%s\n%s\n%s\n", app.poseLine().c_str(), app.roomLine().c_str(),
                    app.pictureLine().c_str(), app.labelLine().c_str(), app.pointerLine().c_str());
    return TourEnd{};
}

// The loading space until the switch arrives, fails and is given up, or the run ends.
Result<LoadingOutcome> runLoadingSpace(XrRun& run, TourAssets& tour, const TourRequest& current, TourEnd left,
                                       const std::string& previousTitle) {
    XrPresenter& presenter = run.presenter;
    gfx::GpuContext& context = presenter.context();
    // 1 m by 0.31 m at 1.3 m: a line of text 1.1° tall.
    auto panel = WorldPanel::create(context, WorldPanelOptions{.widthPixels = 1024,
                                                               .heightPixels = 320,
                                                               .widthMetres = 1.0f,
                                                               .framesInFlight = XrPresenter::kFramesInFlight,
                                                               .name = "loading panel"});
    if (!panel) return panel.error();
    std::unique_ptr<UiOverlay> mirrorUi;
    if (DesktopPresenter* mirror = presenter.mirror()) {
        auto overlay = createWindowOverlay(*mirror);
        if (!overlay) return overlay.error();
        mirrorUi = std::move(overlay.value());
    }
    LoadingSpaceContext loadingContext{presenter,
                                       mirrorUi.get(),
                                       **panel,
                                       run.space,
                                       run.capture,
                                       run.script,
                                       current,
                                       tour.renderer->materialSetLayout(),
                                       uint32_t(tour.gpuScene.instances().size()),
                                       left.worldFromReference,
                                       presenter.trackingFloor(),
                                       run.options.comfort.standingEyeHeight,
                                       previousTitle,
                                       run.options.switches};
    OH_LOG_INFO("switching to %s", displayPath(left.next->request().input).c_str());
    XrLoadingSpace loading(loadingContext, std::move(*left.next), left.title);
    presenter.setMirrorOverlay([&loading](VkCommandBuffer cmd, VkImageView view, VkExtent2D extent,
                                          VkImageUsageFlags usage) {
        return loading.drawMirror(cmd, view, extent, usage);
    });
    auto stats = runAppLoop(presenter, *tour.renderer, tour.gpuScene, loading);  // the old scene, all hidden
    presenter.setMirrorOverlay(nullptr);
    if (!stats) return stats.error();
    return loading.takeOutcome();
}

// Everything made with the presenter's GPU context lives in here, so it is
// gone before the caller counts validation messages. The presenter (session,
// mirror), the renderer and the environment live across tours; a switch
// (the input script's `tour`) fades out to the loading space, loads the next
// tour there and fades into it at its start, as a fresh start would place the
// customer.
int showTour(XrPresenter& presenter, const TourRequest& request, const XrTourOptions& options) {
    gfx::GpuContext& context = presenter.context();
    auto tour = loadTour(context, request, presenter.rendererOptions());
    if (!tour) return reportFailure(tour.error());
    if (Status depth = presenter.submitDepth((*tour)->renderer->depthFormat()); !depth)
        return reportFailure(depth.error());
    auto script = InputScript::parse(request.inputScript);
    if (!script) return reportFailure(script.error());
    auto space = LoadingSpace::create(context);
    if (!space) return reportFailure(space.error());
    FrameCapture capture(request, "openhouse-mirror");
    XrRun run{presenter, options, *script, capture, *space,
              VisitConsent{options.sessionSummary.has_value(), options.sessionSummary}};

    TourRequest current = request;
    std::optional<TourArrival> arrival;
    while (true) {
        auto ended = runTour(run, **tour, current, std::move(arrival));
        if (!ended) return reportFailure(ended.error());
        arrival.reset();
        if (!ended->next) break;
        setMirrorTitle(presenter, "loading " + ended->title);
        auto outcome = runLoadingSpace(run, **tour, current, std::move(*ended), (*tour)->title(current.input));
        if (!outcome) return reportFailure(outcome.error());
        if (outcome->kind == LoadingOutcome::Kind::Quit) {
            if (request.printPose) std::printf("xr no-pose\nroom -\npicture -\nlabel -\npointer -\n");  // never arrived
            break;
        }
        arrival = TourArrival{};  // back to the tour before: it fades in all the same
        if (outcome->kind == LoadingOutcome::Kind::Arrived) {
            arrival = TourArrival{true, outcome->requested, outcome->next->loadMilliseconds,
                                  outcome->next->uploadMilliseconds};
            adoptTour(**tour, std::move(*outcome->next));
            current = outcome->request;
        }
        setMirrorTitle(presenter, (*tour)->title(current.input));
    }
    const std::vector<float>& cpu = presenter.cpuMillisecondsPerFrame();
    if (options.printStats) {
        std::printf("headset frames %zu cpu-median-ms %.3f first-tracked-frame-s %.3f sessions %u reconnects %u\n",
                    cpu.size(), median(cpu), presenter.firstTrackedFrameSeconds().value_or(-1.0),
                    presenter.status().sessionsStarted, presenter.status().runtimeReconnects);
    }
    if (!cpu.empty())
        OH_LOG_INFO("%zu frames in the headset, CPU %.2f ms per frame (median)", cpu.size(), median(cpu));
    return kExitOk;
}

}  // namespace

int runXrTour(const TourRequest& request, const XrTourOptions& tourOptions, std::string& unavailable) {
    XrPresenterOptions options;
    options.mirrorTitle = mirrorTitle(displayPath(request.input.stem()));
    options.mirrorWidth = request.windowWidth;
    options.mirrorHeight = request.windowHeight;
    options.validation = gfx::validationRequested();
    options.retrySeconds = tourOptions.retrySeconds;
    options.viewPasses = tourOptions.viewPasses;
    auto presenter = XrPresenter::create(options);
    if (!presenter) {
        int code = presenter.error().exitCode;
        if (code == kExitNoXrRuntime || code == kExitNoHeadset) {
            unavailable = presenter.error().message;
            return code;
        }
        return reportFailure(presenter.error());
    }
    (*presenter)->setLaunchTime(request.launch);
    int result = showTour(**presenter, request, tourOptions);
    if (result != kExitOk) return result;
    if (uint32_t messages = (*presenter)->validationMessageCount()) {
        OH_LOG_ERROR("%u OpenXR validation message(s): see above", messages);
        return kExitValidation;
    }
    return validationExitCode((*presenter)->context());
}

}  // namespace oh::viewer
