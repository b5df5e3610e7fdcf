#include "viewer/ui/plan_minimap.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>

namespace oh::viewer {
namespace {

constexpr float kWindowPlanWidth = 460.0f;  // pixels: the plan's labels read at about 10 px
constexpr float kMinWindowPlanWidth = 160.0f;
constexpr float kViewConeDegrees = 70.0f;
constexpr float kViewConeLength = 1.6f;  // metres on the plan
constexpr ImU32 kVisitorColour = IM_COL32(226, 74, 51, 255);
constexpr ImU32 kConeColour = IM_COL32(226, 74, 51, 70);

ImVec2 lerp(const ImVec2& a, const ImVec2& b, float tx, float ty) {
    return ImVec2(a.x + (b.x - a.x) * tx, a.y + (b.y - a.y) * ty);
}

}  // namespace

PlanMinimap::PlanMinimap(TourPlan plan) : m_plan(std::move(plan)) { m_picture.add(m_plan.picture); }

std::optional<glm::vec3> PlanMinimap::draw(const glm::vec3& feet, float yawRadians, float maxWidth) const {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    auto uv = m_picture.uvIn(atlas, 0);
    if (!uv || m_plan.storeys.empty()) {
        ImGui::TextDisabled("The plan could not be shown.");
        return std::nullopt;
    }
    const size_t storey = m_plan.storeyAt(feet.y);
    const plan::StoreyPlacement& s = m_plan.storeys[storey];
    // The part of the picture that shows this storey, in picture pixels.
    const glm::vec2 lo = m_plan.pixelOf({s.min.x, 0.0f, s.min.y}, storey);
    const glm::vec2 hi = m_plan.pixelOf({s.max.x, 0.0f, s.max.y}, storey);
    const glm::vec2 picture(float(m_plan.picture.width), float(m_plan.picture.height));
    const float scale = std::min(1.0f, std::max(maxWidth, 80.0f) / (hi.x - lo.x));
    const ImVec2 size((hi.x - lo.x) * scale, (hi.y - lo.y) * scale);
    const ImVec2 uv0 = lerp(uv->min, uv->max, lo.x / picture.x, lo.y / picture.y);
    const ImVec2 uv1 = lerp(uv->min, uv->max, hi.x / picture.x, hi.y / picture.y);
    const ImVec2 corner = ImGui::GetCursorScreenPos();
    ImGui::Image(atlas.TexID, size, uv0, uv1);
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);

    auto screenOf = [&](const glm::vec3& point) {
        const glm::vec2 pixel = (m_plan.pixelOf(point, storey) - lo) * scale;
        return ImVec2(corner.x + pixel.x, corner.y + pixel.y);
    };
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.PushClipRect(corner, ImVec2(corner.x + size.x, corner.y + size.y), true);
    // The way the visitor faces: a fan, then the dot over it.
    const ImVec2 at = screenOf(feet);
    const float metres = s.pixelsPerMetre * scale;
    const float half = glm::radians(kViewConeDegrees * 0.5f);
    draw.PathLineTo(at);
    for (int i = 0; i <= 12; ++i) {
        const float yaw = yawRadians - half + 2.0f * half * float(i) / 12.0f;
        draw.PathLineTo(ImVec2(at.x - std::sin(yaw) * kViewConeLength * metres,
                               at.y - std::cos(yaw) * kViewConeLength * metres));
    }
    draw.PathFillConvex(kConeColour);
    draw.AddCircleFilled(at, 6.5f, IM_COL32(255, 255, 255, 255));
    draw.AddCircleFilled(at, 5.0f, kVisitorColour);
    if (hovered) {
        const ImVec2 mouse = ImGui::GetMousePos();
        draw.AddCircle(mouse, 0.3f * metres, IM_COL32(40, 40, 44, 200), 24, 2.0f);
        ImGui::SetTooltip("Go here");
    }
    draw.PopClipRect();

    if (!clicked) return std::nullopt;
    const ImVec2 mouse = ImGui::GetMousePos();
    const glm::vec2 pixel = lo + glm::vec2(mouse.x - corner.x, mouse.y - corner.y) / scale;
    return m_plan.floorPointAt(pixel, storey);
}

std::optional<glm::vec3> drawPlanWindow(const PlanMinimap& minimap, const glm::vec3& feet, float yawRadians,
                                        float reservedLeft) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // As wide as reads well, but never over what the left side holds (the tour panel) in a small window.
    const float margins = 12.0f * 2.0f + 2.0f * ImGui::GetStyle().WindowPadding.x;
    const float width = std::clamp(display.x - reservedLeft - margins, kMinWindowPlanWidth, kWindowPlanWidth);
    ImGui::SetNextWindowPos(ImVec2(display.x - 12.0f, display.y - 12.0f), ImGuiCond_FirstUseEver, ImVec2(1.0f, 1.0f));
    std::optional<glm::vec3> chosen;
    if (ImGui::Begin("Floor plan", nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                         ImGuiWindowFlags_NoScrollbar))
        chosen = minimap.draw(feet, yawRadians, width);
    ImGui::End();
    return chosen;
}

}  // namespace oh::viewer
