#include "viewer/xr/xr_loading_space.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/file_io.h"
#include "core/log.h"
#include "viewer/xr/mirror_listings.h"
#include "viewer/xr/mirror_status.h"

namespace oh::viewer {
namespace {

constexpr float kFadeSeconds = 0.25f;    // into the loading space and out of it: as a teleport's comfort fade
constexpr float kPanelDistance = 1.3f;   // in front of the eyes, further than the menu: read, not touched
constexpr float kPanelBelowEyes = 0.15f;
constexpr float kPanelPitch = 0.1f;      // tilted a little up towards the eyes (radians)
// The progress bar creeps towards full with time (loadTourModel reports no
// bytes read): it shows that something is happening, not how much is left.
constexpr float kProgressSeconds = 2.0f;

glm::mat4 poseMatrix(const Pose& pose) {
    glm::mat4 matrix = glm::mat4_cast(pose.orientation);
    matrix[3] = glm::vec4(pose.position, 1.0f);
    return matrix;
}

}  // namespace

XrLoadingSpace::XrLoadingSpace(const LoadingSpaceContext& context, TourSwitch first, std::string title)
    : m_context(context),
      m_referenceFromWorld(glm::inverse(context.worldFromReference)),
      m_hidden(context.sceneInstances, 1),
      m_switch(std::move(first)),
      m_title(std::move(title)) {}

void XrLoadingSpace::report(StationReport::State state) const {
    if (m_context.switches) m_context.switches->report({state, m_title, m_error});
}

void XrLoadingSpace::startSwitch(const SwitchRequest& next) {
    TourRequest request = m_context.request;
    request.input = next.bundle;
    m_switch = TourSwitch::start(std::move(request));
    m_title = next.title.empty() ? displayPath(next.bundle.stem()) : next.title;
    m_error.clear();
    m_phase = Phase::Loading;
    report(StationReport::State::Loading);
}

void XrLoadingSpace::pollSwitch() {
    if (!m_switch) return;
    auto polled = m_switch->poll(m_context.presenter.context(), m_context.materialSetLayout);
    if (!polled) {
        m_error = polled.error().message;
        OH_LOG_ERROR("could not switch to %s: %s", m_title.c_str(), m_error.c_str());
        m_switch.reset();
        m_phase = Phase::Failed;
        report(StationReport::State::Failed);
        return;
    }
    if (!polled->has_value()) return;
    m_outcome.kind = LoadingOutcome::Kind::Arrived;
    m_outcome.next = std::move(**polled);
    m_outcome.request = m_switch->request();
    m_outcome.title = m_title;
    m_outcome.requested = m_switch->requested();
    m_switch.reset();
    m_phase = Phase::Leaving;
}

bool XrLoadingSpace::update() {
    if (m_phase == Phase::Leaving && m_fade >= 1.0f) return false;  // faded out: the next tour takes over
    if (counted() && m_context.capture.runOver()) return false;
    if (m_phase == Phase::Failed) {
        if (auto input = m_context.script.tourAt(m_context.capture.framesShown())) startSwitch({*input, {}});
        else if (m_context.switches)
            if (std::optional<SwitchRequest> request = m_context.switches->poll()) startSwitch(*request);
    }
    // Not before the space has faded in: a quick load still shows where the customer is going.
    if (m_phase == Phase::Loading && m_fade <= 0.0f) pollSwitch();
    if (m_context.mirrorUi) drawMirrorPanel();
    if (m_goBack && m_phase == Phase::Failed) {
        m_outcome.kind = LoadingOutcome::Kind::Back;
        m_phase = Phase::Leaving;
    }
    m_goBack = false;
    return true;
}

void XrLoadingSpace::drawMirrorPanel() {
    UiOverlay& ui = *m_context.mirrorUi;
    DesktopInput input = m_context.presenter.mirror()->input();
    // Only frames that count move a script on: waiting ones repeat its frame number.
    if (counted()) m_context.script.apply(m_context.capture.framesShown(), input);
    if (input.pressed(GLFW_KEY_F12)) m_context.capture.requestScreenshot();
    if (!ui.capturesKeyboard() && input.pressed(GLFW_KEY_B)) m_goBack = true;
    ui.beginFrame();
    drawMirrorStatus(m_context.presenter.status(), m_title, m_phase == Phase::Failed ? "the loading space" : "loading",
                     false);
    if (!m_context.request.showPanel) return;  // F1 / --no-overlay: the status line alone, as in a tour
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, 8.0f), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.85f);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                             ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##switching", nullptr, flags)) {
        if (m_phase != Phase::Failed) {
            ImGui::Text("Loading %s...", m_title.c_str());
        } else {
            ImGui::Text("Could not open %s", m_title.c_str());
            ImGui::PushTextWrapPos(io.DisplaySize.x * 0.8f);
            ImGui::TextUnformatted(m_error.c_str());
            ImGui::PopTextWrapPos();
            std::string back = "Back to " + m_context.previousTitle + " (B)";
            if (ImGui::Button(back.c_str())) m_goBack = true;
        }
    }
    ImGui::End();
    // After a failure the agent may choose another listing (while loading, the newest choice waits).
    if (m_phase == Phase::Failed && m_context.switches)
        if (auto listing = drawMirrorListings(m_context.switches->listings(), m_title))
            startSwitch({listing->bundle, listing->title});
}

Status XrLoadingSpace::frameBegun(Frame& frame) {
    float dt = m_clock.tick(m_context.presenter.displayTimeSeconds());
    m_fade = std::clamp(m_fade + (m_phase == Phase::Leaving ? dt : -dt) / kFadeSeconds, 0.0f, 1.0f);
    m_geometry.clear();
    m_quads.clear();
    const std::optional<Pose>& head = m_context.presenter.head();
    if (!head) return ok();  // nothing to place by yet: the surround alone
    glm::mat4 worldFromHead = m_context.worldFromReference * poseMatrix(*head);
    glm::vec3 eye(worldFromHead[3]);
    // The floor under the head: the real floor in a stage, one standing eye height below a head-level space.
    glm::vec3 feetInReference(head->position.x, 0.0f, head->position.z);
    if (m_context.trackingFloor == TrackingFloor::HeadLevel) feetInReference.y = -m_context.standingEyeHeight;
    LoadingSpace::addFloor(m_geometry, glm::vec3(m_context.worldFromReference * glm::vec4(feetInReference, 1.0f)));
    if (!m_panelTransform) {
        // In front of the face, upright, turned towards it; then it stays, as a sign in a room does.
        glm::vec3 forward = -glm::vec3(worldFromHead[2]);
        forward.y = 0.0f;
        forward = glm::length(forward) > 1e-3f ? glm::normalize(forward) : glm::vec3(0.0f, 0.0f, -1.0f);
        glm::vec3 center = eye + forward * kPanelDistance - glm::vec3(0.0f, kPanelBelowEyes, 0.0f);
        float viewerYaw = std::atan2(-forward.x, -forward.z);  // a panel with the viewer's yaw faces the viewer
        m_panelTransform = WorldPanel::panelTransform(center, viewerYaw, kPanelPitch, m_context.panel.sizeMetres());
    }
    OH_TRY(recordPanel(frame, dt));
    m_quads.push_back({*m_panelTransform, m_context.panel.imageView(), 1.0f});
    return ok();
}

Status XrLoadingSpace::recordPanel(Frame& frame, float dt) {
    WorldPanel& panel = m_context.panel;
    panel.beginFrame(dt, std::nullopt, false);
    panel.fillPanelWindow();
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##loading", nullptr, flags)) {
        ImGui::Dummy(ImVec2(0.0f, 12.0f));
        if (m_phase == Phase::Failed) {
            ImGui::Text("Could not open %s", m_title.c_str());
            ImGui::Dummy(ImVec2(0.0f, 8.0f));
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", m_error.c_str());
            ImGui::PopTextWrapPos();
            ImGui::Dummy(ImVec2(0.0f, 8.0f));
            ImGui::TextUnformatted("Your agent will choose another listing in a moment.");
        } else {
            ImGui::Text("Loading %s...", m_title.c_str());
            ImGui::Dummy(ImVec2(0.0f, 12.0f));
            float seconds = m_switch ? float(std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                                           m_switch->requested())
                                                 .count())
                                     : kProgressSeconds * 4.0f;
            float progress = m_phase == Phase::Leaving ? 1.0f : 0.9f * (1.0f - std::exp(-seconds / kProgressSeconds));
            ImGui::ProgressBar(progress, ImVec2(-1.0f, 0.0f), "");
            ImGui::Dummy(ImVec2(0.0f, 12.0f));
            ImGui::TextDisabled("You will stand inside in a moment. Please stay where you are.");
        }
    }
    ImGui::End();
    return panel.record(frame.commandBuffer, frame.slot);
}

gfx::FrameOverlays XrLoadingSpace::overlays() const {
    gfx::FrameOverlays overlays;
    overlays.panorama = m_context.space.backdrop();
    overlays.geometry = &m_geometry;
    overlays.quads = m_quads;
    overlays.effects.fade = m_fade;
    overlays.effects.fadeColour = LoadingSpace::fadeColour();
    return overlays;
}

Status XrLoadingSpace::frameRecorded(Frame& frame, const gfx::FrameStats& stats) {
    (void)stats;
    frame.captureRequested = m_context.capture.wantsCapture();
    return ok();
}

Status XrLoadingSpace::frameShown(Frame& frame) { return m_context.capture.frameShown(frame, counted()); }

Status XrLoadingSpace::drawMirror(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent,
                                  VkImageUsageFlags usage) {
    return m_context.mirrorUi ? m_context.mirrorUi->record(cmd, view, extent, usage) : ok();
}

}  // namespace oh::viewer
