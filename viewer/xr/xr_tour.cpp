// The headset tour. XrTour is the AppDelegate: each frame it turns the
// controllers into locomotion (teleport arc, snap turn) or panel clicks, draws
// the controllers, lasers, arc and panel as overlays, and keeps the agent's
// mirror panel (status line, places to send the customer to) up to date. Both
// panels list the tour's rooms (tour/tour_rooms.h), say which one the customer
// is in and show the listing card.
//
// Controllers: stick forward aims a teleport (release to go; the stick's
// direction turns the arrival), stick left/right turns, the menu button shows
// the panel in front of the customer, the trigger clicks what the laser
// points at. Simple controllers: hold select to aim, release to go.
// The agent, on the mirror: click a place, R recentres, T toggles seated,
// N / P next / previous room, F1 hides the panel, F12 saves a screenshot.
#include "viewer/xr/xr_tour.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include "core/file_io.h"
#include "core/log.h"
#include "navigation/collision_world.h"
#include "navigation/walker.h"
#include "renderer/overlay.h"
#include "renderer/renderer.h"
#include "viewer/desktop/input_script.h"
#include "viewer/desktop/window_overlay.h"
#include "viewer/tour/app_loop.h"
#include "viewer/tour/frame_capture.h"
#include "viewer/tour/tour_assets.h"
#include "viewer/tour/tour_rooms.h"
#include "viewer/tour/tour_spots.h"
#include "viewer/tour/validation_exit.h"
#include "viewer/ui/tour_panel.h"
#include "viewer/ui/ui_overlay.h"
#include "viewer/ui/world_panel.h"
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

glm::mat4 poseMatrix(const Pose& pose) {
    glm::mat4 matrix = glm::mat4_cast(pose.orientation);
    matrix[3] = glm::vec4(pose.position, 1.0f);
    return matrix;
}

// Yaw of a pose's forward (-Z) about +Y (0: looking down -Z, positive: left).
float yawOf(const glm::quat& orientation) {
    glm::vec3 forward = orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    return std::atan2(-forward.x, -forward.z);
}

double median(std::vector<float> values) {
    if (values.empty()) return 0.0;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

class XrTour final : public AppDelegate {
public:
    XrTour(XrPresenter& presenter, UiOverlay* mirrorUi, WorldPanel& panel, const TourRequest& request,
           const XrTourOptions& options, const TourAssets& tour, InputScript script)
        : m_presenter(presenter),
          m_mirrorUi(mirrorUi),
          m_panel(panel),
          m_options(options),
          m_tour(tour),
          m_scene(tour.scene),
          m_world(tour.walkable()),
          m_script(std::move(script)),
          m_modelName(tour.title(request.input)),
          m_listing(tour.manifest && tour.manifest->listing ? &*tour.manifest->listing : nullptr),
          m_showMirrorPanel(request.showPanel),
          m_capture(request, "openhouse-mirror") {
        m_params.eyeHeight = options.comfort.standingEyeHeight;
        m_rooms = tourRooms(m_scene, m_world, tour.rooms(), m_params);
        if (m_world) {
            m_locomotion.emplace(*m_world, m_params, presenter.trackingFloor(), options.comfort);
            std::string why;
            m_start = tourStart(m_scene, *m_world, m_params, &why, tour.packedStart ? &*tour.packedStart : nullptr);
            if (!m_start) OH_LOG_INFO("no place to stand inside (%s): the model stands in front of you", why.c_str());
        }
    }

    bool update() override {
        if (m_capture.runOver()) return false;
        if (!m_mirrorUi) return true;
        DesktopInput input = m_presenter.mirror()->input();
        m_script.apply(m_capture.framesShown(), input);
        if (input.pressed(GLFW_KEY_F1)) m_showMirrorPanel = !m_showMirrorPanel;
        if (input.pressed(GLFW_KEY_F12)) m_capture.requestScreenshot();
        if (!m_mirrorUi->capturesKeyboard()) {
            if (input.pressed(GLFW_KEY_R)) m_agentRecentre = true;
            if (input.pressed(GLFW_KEY_T)) m_agentSeatedToggle = true;
            if (input.pressed(GLFW_KEY_N)) stepPlace(+1);
            if (input.pressed(GLFW_KEY_P)) stepPlace(-1);
        }
        m_mirrorUi->beginFrame();
        drawStatusLine();
        if (m_showMirrorPanel) {
            const char* help =
                "Click a place: the customer goes there\nR: recentre  T: seated\nN / P: next / previous room\n"
                "F1: panel  F12: screenshot";
            if (auto place = drawTourPanel(panelContent(help))) m_agentPlace = *place;
        }
        return true;
    }

    Status frameBegun(Frame& frame) override {
        const std::optional<Pose>& head = m_presenter.head();
        float dt = frameSeconds();
        m_geometry.clear();
        m_quads.clear();
        m_effects = {};
        if (!head || !m_locomotion) return recordPanel(frame, dt, std::nullopt, false);

        if (!m_placed) {
            if (m_start) m_locomotion->jumpTo(m_start->walker.feet, m_start->yawRadians, *head, true);
            if (m_options.startSeated) m_locomotion->setSeated(true, *head);
            m_placed = true;
        }
        applyAgentRequests(*head);

        // The panel takes the laser of whichever hand points at it; the
        // other hand (or that one, elsewhere) moves the customer.
        std::optional<glm::vec2> pointer;
        bool pointerPressed = false;
        std::optional<Hand> panelHand;
        glm::mat4 worldFromReference = m_locomotion->worldFromReference();
        for (Hand hand : {Hand::Right, Hand::Left}) {
            const ControllerState& state = m_presenter.controller(hand);
            if (state.menuPressed) togglePanel(*head);
            if (!m_panelOpen || !state.aim || panelHand) continue;
            auto [origin, direction] = worldRay(worldFromReference, *state.aim);
            if (auto hit = m_panel.hitPixels(m_panelTransform, origin, direction)) {
                pointer = hit;
                pointerPressed = state.select;
                panelHand = hand;
            }
        }
        updateMovingHand(panelHand);

        const ControllerState& moving = m_presenter.controller(m_movingHand);
        LocomotionInput locomotionInput;
        locomotionInput.dt = dt;
        locomotionInput.head = *head;
        if (panelHand != m_movingHand) {
            locomotionInput.aim = moving.aim;
            locomotionInput.thumbstick = moving.stick;
            locomotionInput.teleportButton = !moving.hasStick && moving.select;
        }
        uint32_t teleports = m_locomotion->teleportCount();
        m_locomotion->update(locomotionInput);
        if (m_locomotion->teleportCount() != teleports) m_presenter.pulse(m_movingHand, 0.4f, 0.05f);
        m_currentRoom = m_rooms.roomAt(m_locomotion->feet().feet);

        OH_TRY(recordPanel(frame, dt, pointer, pointerPressed));
        buildOverlays(panelHand);
        return ok();
    }

    glm::mat4 referenceFromWorld() const override {
        return m_locomotion ? m_locomotion->referenceFromWorld() : glm::mat4(1.0f);
    }

    gfx::FrameOverlays overlays() const override {
        gfx::FrameOverlays overlays;
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

    Status frameShown(Frame& frame) override { return m_capture.frameShown(frame); }

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
        glm::vec3 eye = glm::vec3(m_locomotion->worldFromReference() * glm::vec4(head->position, 1.0f));
        float yaw = m_locomotion->playSpace().yawRadians + yawOf(head->orientation);
        float degrees = std::remainder(glm::degrees(yaw), 360.0f);
        char line[240];
        std::snprintf(line, sizeof line,
                      "xr feet %.4f %.4f %.4f eye %.4f %.4f %.4f yaw %.1f seated %d teleports %u turns %u",
                      feet.feet.x, feet.feet.y, feet.feet.z, eye.x, eye.y, eye.z, degrees, int(m_locomotion->seated()),
                      m_locomotion->teleportCount(), m_locomotion->snapTurnCount());
        return line;
    }

    // "room Kitchen": the room the customer is in, as the panels say ("room -": none).
    std::string roomLine() const { return "room " + customerRoom(); }

private:
    struct Ray {
        glm::vec3 origin;
        glm::vec3 direction;
    };

    static Ray worldRay(const glm::mat4& worldFromReference, const Pose& aim) {
        glm::mat4 world = worldFromReference * poseMatrix(aim);
        return {glm::vec3(world[3]), glm::normalize(-glm::vec3(world[2]))};
    }

    // Seconds between the runtime's predicted display times: the motion the
    // customer sees, and exact in scripted runs.
    float frameSeconds() {
        std::optional<double> now = m_presenter.displayTimeSeconds();
        float dt = now && m_lastDisplayTime ? float(*now - *m_lastDisplayTime) : 0.0f;
        m_lastDisplayTime = now;
        return std::clamp(dt, 0.0f, 0.1f);  // a pause (headset off) is not a jump in time
    }

    void applyAgentRequests(const Pose& head) {
        if (m_presenter.recentreRequests() != m_seenRecentreRequests) {
            m_seenRecentreRequests = m_presenter.recentreRequests();
            m_locomotion->recentre(head);
        }
        if (m_agentRecentre) m_locomotion->recentre(head);
        if (m_agentSeatedToggle) m_locomotion->setSeated(!m_locomotion->seated(), head);
        m_agentRecentre = m_agentSeatedToggle = false;
        if (m_agentPlace) sendTo(*m_agentPlace, head);
        m_agentPlace.reset();
    }

    void sendTo(const TourPlace& place, const Pose& head) {
        float yaw = m_locomotion->playSpace().yawRadians + yawOf(head.orientation);
        if (auto spot = spotForPlace(m_scene, *m_world, m_params, place, yaw, m_rooms.rooms())) {
            m_locomotion->jumpTo(spot->walker.feet, spot->yawRadians, head);
            m_panelOpen = false;  // they are somewhere else now: the panel stays behind
        } else {
            OH_LOG_INFO("that place has no floor to stand on: the customer stays where they are");
        }
    }

    // Agent's N / P: the tour's next or previous room.
    void stepPlace(int direction) {
        if (m_rooms.empty()) return;
        int count = int(m_rooms.rooms().size());
        m_placeCursor = (m_placeCursor + count + direction) % count;
        m_agentPlace = TourPlace{TourPlace::Kind::Room, uint32_t(m_placeCursor)};
    }

    TourPanelContent panelContent(const char* help) const {
        return {m_modelName, &m_scene, m_rooms.rooms(), m_currentRoom, m_listing, m_timing, help};
    }

    void togglePanel(const Pose& head) {
        m_panelOpen = !m_panelOpen;
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
        std::optional<TourPlace> place =
            drawTourPanel(panelContent("Point and pull the trigger to choose a place.\nStick forward: teleport. "
                                       "Left / right: turn.\nMenu button: hide this panel."),
                          false);
        OH_TRY(m_panel.record(frame.commandBuffer, frame.slot));
        if (place && m_presenter.head()) sendTo(*place, *m_presenter.head());
        if (m_panelOpen) m_quads.push_back({m_panelTransform, m_panel.imageView(), 1.0f});
        return ok();
    }

    void buildOverlays(std::optional<Hand> panelHand) {
        glm::mat4 worldFromReference = m_locomotion->worldFromReference();
        for (Hand hand : {Hand::Left, Hand::Right}) {
            const ControllerState& state = m_presenter.controller(hand);
            if (state.grip) {
                glm::mat4 grip = worldFromReference * poseMatrix(*state.grip);
                m_geometry.addBox(grip * glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.0f, 0.03f)),
                                  glm::vec3(0.018f, 0.025f, 0.07f), kControllerColor);
            }
            if (!state.aim) continue;
            // The laser ends where it meets the panel or the rooms.
            Ray ray = worldRay(worldFromReference, *state.aim);
            float length = kLaserRange;
            float panelDistance = 0.0f;
            if (hand == panelHand && m_panel.hitPixels(m_panelTransform, ray.origin, ray.direction, &panelDistance))
                length = panelDistance;
            else if (auto hit = nav::raycast(*m_world, nav::RayQuery{ray.origin, ray.direction, kLaserRange}))
                length = hit->distance;
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
        m_effects.fade = m_locomotion->fade();
        m_effects.vignette = m_locomotion->vignette();
    }

    // The agent's one-line view of the headset, along the bottom of the mirror.
    void drawStatusLine() {
        const HeadsetStatus& status = m_presenter.status();
        ImGuiIO& io = ImGui::GetIO();
        ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 8.0f), ImGuiCond_Always,
                                ImVec2(0.5f, 1.0f));
        ImGui::SetNextWindowBgAlpha(0.75f);
        ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                 ImGuiWindowFlags_NoMove;
        if (ImGui::Begin("##headset status", nullptr, flags)) {
            ImGui::Text("%s on %s: %s", status.systemName.c_str(), status.runtimeName.c_str(), status.message.c_str());
            if (status.phase == HeadsetStatus::Phase::Running)
                ImGui::Text("%.0f Hz, CPU %.2f ms per frame%s  |  customer in: %s%s", status.displayHz,
                            status.cpuMilliseconds, status.focused ? "" : " (menu open)", customerRoom().c_str(),
                            m_locomotion && m_locomotion->seated() ? "  |  seated" : "");
        }
        ImGui::End();
    }

    std::string customerRoom() const { return m_currentRoom ? m_rooms.rooms()[*m_currentRoom].name : "-"; }

    XrPresenter& m_presenter;
    UiOverlay* m_mirrorUi;  // null without a mirror window
    WorldPanel& m_panel;
    const XrTourOptions& m_options;
    const TourAssets& m_tour;
    const scene::Scene& m_scene;
    const nav::CollisionWorld* m_world;  // null: nothing to stand on, the model is only looked at
    InputScript m_script;
    std::string m_modelName;
    const listing::Listing* m_listing;  // null: a bare model, no card
    nav::WalkerParams m_params;
    TourRooms m_rooms;
    std::optional<uint32_t> m_currentRoom;  // into m_rooms
    std::optional<Locomotion> m_locomotion;
    std::optional<TourSpot> m_start;
    bool m_placed = false;
    Hand m_movingHand = Hand::Right;
    std::optional<double> m_lastDisplayTime;

    bool m_panelOpen = false;
    glm::mat4 m_panelTransform{1.0f};
    bool m_showMirrorPanel = true;
    int m_placeCursor = -1;
    FrameTiming m_timing;

    bool m_agentRecentre = false;
    bool m_agentSeatedToggle = false;
    std::optional<TourPlace> m_agentPlace;
    uint32_t m_seenRecentreRequests = 0;

    gfx::OverlayGeometry m_geometry;
    std::vector<gfx::OverlayQuad> m_quads;
    gfx::ScreenEffects m_effects;
    FrameCapture m_capture;
};

// Everything made with the presenter's GPU context lives in here, so it is
// gone before the caller counts validation messages.
int showTour(XrPresenter& presenter, const TourRequest& request, const XrTourOptions& options) {
    gfx::GpuContext& context = presenter.context();
    auto tour = loadTour(context, request, presenter.rendererOptions());
    if (!tour) return reportFailure(tour.error());
    gfx::Renderer& renderer = *(*tour)->renderer;
    if (Status depth = presenter.submitDepth(renderer.depthFormat()); !depth) return reportFailure(depth.error());
    auto panel = WorldPanel::create(context, WorldPanelOptions{});
    if (!panel) return reportFailure(panel.error());

    std::unique_ptr<UiOverlay> mirrorUi;
    if (DesktopPresenter* mirror = presenter.mirror()) {
        auto overlay = createWindowOverlay(*mirror);
        if (!overlay) return reportFailure(overlay.error());
        mirrorUi = std::move(overlay.value());
    }
    auto script = InputScript::parse(request.inputScript);
    if (!script) return reportFailure(script.error());

    XrTour app(presenter, mirrorUi.get(), **panel, request, options, **tour, std::move(script.value()));
    presenter.setMirrorOverlay([&app](VkCommandBuffer cmd, VkImageView view, VkExtent2D extent,
                                      VkImageUsageFlags usage) { return app.drawMirror(cmd, view, extent, usage); });
    auto stats = runAppLoop(presenter, renderer, (*tour)->gpuScene, app);  // returns with the GPU idle
    presenter.setMirrorOverlay(nullptr);
    if (!stats) return reportFailure(stats.error());
    if (request.printPose) std::printf("%s\n%s\n", app.poseLine().c_str(), app.roomLine().c_str());
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
    options.mirrorTitle = "OpenHouse \xE2\x80\x94 " + displayPath(request.input.stem()) + " (headset mirror)";
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
