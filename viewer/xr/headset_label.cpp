#include "viewer/xr/headset_label.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include <glm/gtc/constants.hpp>

namespace oh::viewer {
namespace {

// The image: one line of ProggyClean on a rounded plate that fills it. The
// plate is as wide as its text (the image shows only that part of the layout,
// stretched across: WorldPanel::showLeftPart) and the quad as wide in the
// world, so nothing around the plate hides what lies behind it. Up to some
// thirty characters fit; longer names are cut short.
constexpr float kPaddingX = 22.0f, kPaddingY = 12.0f;  // around the text, in the plate
constexpr uint32_t kWidthPixels = 512;
constexpr uint32_t kHeightPixels = uint32_t(WorldPanel::kFontPixels + 2.0f * kPaddingY);
const ImVec4 kDetailColour(0.72f, 0.75f, 0.80f, 1.0f);
const char* const kSeparator = " \xC2\xB7 ";  // a middle dot (Latin-1: in the panel's font)

constexpr float kFollowPerSecond = 5.0f;  // catching up: the gap shrinks by e every 0.2 s
constexpr float kCaughtUpDegrees = 1.0f;
constexpr float kClearance = 0.05f;  // metres kept in front of what it would sink into

// At kDistance: a font line spans kLineDegrees.
float metresPerPixel() {
    return HeadsetLabel::kDistance * std::tan(glm::radians(HeadsetLabel::kLineDegrees)) / WorldPanel::kFontPixels;
}

// Where a ray (unit direction) meets a panel's -1..1 square from either side, in metres.
std::optional<float> panelDistance(const gfx::OverlayQuad& panel, const glm::vec3& origin, const glm::vec3& direction) {
    glm::mat4 panelFromWorld = glm::inverse(panel.worldFromQuad);
    glm::vec3 localOrigin(panelFromWorld * glm::vec4(origin, 1.0f));
    glm::vec3 localDirection(panelFromWorld * glm::vec4(direction, 0.0f));
    if (std::abs(localDirection.z) < 1e-6f) return std::nullopt;
    float t = -localOrigin.z / localDirection.z;  // the same parameter along the world ray (affine map)
    glm::vec3 hit = localOrigin + t * localDirection;
    if (!(t > 0.0f) || std::abs(hit.x) > 1.0f || std::abs(hit.y) > 1.0f) return std::nullopt;
    return t;
}

// `text` cut at a character boundary and ended with "..." so it is at most
// `width` pixels wide in the current font (unchanged when it fits).
std::string fitted(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    std::string cut = text;
    while (!cut.empty()) {
        cut.pop_back();
        while (!cut.empty() && (uint8_t(cut.back()) & 0xC0) == 0x80) cut.pop_back();  // a UTF-8 continuation
        if (cut.empty()) break;
        if ((uint8_t(cut.back()) & 0xC0) == 0xC0) continue;  // a lead byte left alone: drop it too
        if (ImGui::CalcTextSize((cut + "...").c_str()).x <= width) return cut + "...";
    }
    return "...";
}

}  // namespace

Result<std::unique_ptr<HeadsetLabel>> HeadsetLabel::create(gfx::GpuContext& context, uint32_t framesInFlight) {
    WorldPanelOptions options;
    options.widthPixels = kWidthPixels;
    options.heightPixels = kHeightPixels;
    options.widthMetres = float(kWidthPixels) * metresPerPixel();
    options.framesInFlight = framesInFlight;
    options.transparent = true;
    options.name = "headset room label";
    auto panel = WorldPanel::create(context, options);
    if (!panel) return panel.error();
    return std::unique_ptr<HeadsetLabel>(new HeadsetLabel(std::move(panel.value())));
}

Status HeadsetLabel::update(const LabelFrame& frame, const LabelText& text, VkCommandBuffer cmd, uint32_t frameSlot) {
    if (text.place.empty()) {
        m_yaw.reset();
        m_shown.clear();
        m_opacity = 0.0f;
        return ok();
    }
    float fade = frame.dt / kFadeSeconds;
    m_opacity = std::clamp(m_opacity + (frame.aiming ? -fade : fade), 0.0f, 1.0f);
    m_panel->beginFrame(frame.dt, std::nullopt, false);
    drawPlate(text);
    OH_TRY(m_panel->record(cmd, frameSlot));
    follow(frame);
    return ok();
}

std::optional<gfx::OverlayQuad> HeadsetLabel::quad() const {
    if (m_shown.empty() || m_opacity <= 0.0f) return std::nullopt;
    return gfx::OverlayQuad{m_transform, m_panel->imageView(), m_opacity};
}

// Body-locked: the yaw in the reference space, so teleports and snap turns
// (which move the reference space) carry the label along at once.
void HeadsetLabel::follow(const LabelFrame& frame) {
    float headYawNow = headYaw(frame.head.orientation);
    if (!m_yaw) {
        m_yaw = headYawNow;
        m_following = false;
    }
    float gap = std::remainder(headYawNow - *m_yaw, glm::two_pi<float>());
    if (std::abs(gap) > glm::radians(kFollowAfterDegrees)) m_following = true;
    if (m_following) {
        float step = gap * std::min(1.0f, frame.dt * kFollowPerSecond);
        *m_yaw += step;
        if (std::abs(gap - step) < glm::radians(kCaughtUpDegrees)) m_following = false;
    }

    float yaw = *m_yaw, pitch = -glm::radians(kBelowHorizonDegrees);
    glm::vec3 direction(-std::sin(yaw) * std::cos(pitch), std::sin(pitch), -std::cos(yaw) * std::cos(pitch));
    glm::vec3 right(std::cos(yaw), 0.0f, -std::sin(yaw));
    glm::vec3 eye = frame.head.position;
    glm::vec3 centre = eye + direction * kDistance;
    glm::vec3 halfAcross = right * (0.5f * m_plateWidthPixels * metresPerPixel());
    // Rigid: the reference space only moves and turns.
    glm::mat3 turn(frame.worldFromReference);
    auto toWorld = [&](const glm::vec3& point) { return glm::vec3(frame.worldFromReference * glm::vec4(point, 1.0f)); };
    float nearer = clearDistance(frame, toWorld(eye), toWorld(centre), turn * halfAcross);

    glm::vec2 size = glm::vec2(m_plateWidthPixels, float(kHeightPixels)) * metresPerPixel() * nearer;
    m_transform = frame.worldFromReference *
                  WorldPanel::panelTransform(eye + direction * kDistance * nearer, yaw, -pitch, size);
}

// The fraction of kDistance the label can stand at: rays from the eye to its
// middle and both ends of its plate, stopped by the model's surfaces and the
// panels, with kClearance to spare; 1 when nothing is in the way.
float HeadsetLabel::clearDistance(const LabelFrame& frame, const glm::vec3& eye, const glm::vec3& centre,
                                  const glm::vec3& across) const {
    float fraction = 1.0f;
    for (const glm::vec3& target : {centre, centre - across, centre + across}) {
        glm::vec3 ray = target - eye;
        float length = glm::length(ray);
        glm::vec3 direction = ray / length;
        float reach = length + kClearance;
        auto closer = [&](float distance) { fraction = std::min(fraction, (distance - kClearance) / length); };
        if (frame.world) {
            if (auto hit = nav::raycast(*frame.world, nav::RayQuery{eye, direction, reach})) closer(hit->distance);
        }
        for (const gfx::OverlayQuad& panel : frame.panels)
            if (auto distance = panelDistance(panel, eye, direction); distance && *distance < reach) closer(*distance);
    }
    return std::max(fraction, kNearestDistance / kDistance);
}

void HeadsetLabel::drawPlate(const LabelText& text) {
    float room = float(kWidthPixels) - 2.0f * kPaddingX;
    std::string detail = text.detail.empty() ? std::string() : kSeparator + text.detail;
    std::string place = fitted(text.place, room - ImGui::CalcTextSize(detail.c_str()).x);
    ImVec2 plate(std::ceil(ImGui::CalcTextSize((place + detail).c_str()).x) + 2.0f * kPaddingX,
                 float(kHeightPixels));
    m_plateWidthPixels = plate.x;
    m_shown = place + detail;
    m_panel->showLeftPart(plate.x);

    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f), ImGuiCond_Always);
    ImGui::SetNextWindowSize(plate, ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(kPaddingX, kPaddingY));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.5f * plate.y);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoNav |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;
    if (ImGui::Begin("##room label", nullptr, flags)) {
        ImGui::TextUnformatted(place.c_str());
        if (!detail.empty()) {
            ImGui::SameLine(0.0f, 0.0f);
            ImGui::PushStyleColor(ImGuiCol_Text, kDetailColour);
            ImGui::TextUnformatted(detail.c_str());
            ImGui::PopStyleColor();
        }
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
}

}  // namespace oh::viewer
