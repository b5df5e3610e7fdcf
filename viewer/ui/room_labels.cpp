#include "viewer/ui/room_labels.h"

#include <imgui.h>

namespace oh::viewer {
namespace {

// A little above the floor, so the plate does not sink into a rug.
constexpr float kLabelHeight = 0.1f;
const ImU32 kPlate = IM_COL32(12, 14, 18, 200);
const ImU32 kCurrentPlate = IM_COL32(38, 90, 180, 230);
const ImU32 kText = IM_COL32(245, 245, 245, 255);

}  // namespace

void drawRoomLabels(std::span<const rooms::TourRoom> rooms, std::optional<uint32_t> current,
                    const glm::mat4& viewProjection) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    ImVec2 display = ImGui::GetIO().DisplaySize;
    ImVec2 padding(6.0f, 3.0f);
    for (uint32_t i = 0; i < rooms.size(); ++i) {
        glm::vec4 clip = viewProjection * glm::vec4(rooms[i].floorPoint + glm::vec3(0.0f, kLabelHeight, 0.0f), 1.0f);
        if (clip.w <= 1e-4f) continue;  // behind the camera
        glm::vec2 ndc = glm::vec2(clip) / clip.w;
        if (ndc.x < -1.0f || ndc.x > 1.0f || ndc.y < -1.0f || ndc.y > 1.0f) continue;
        // Vulkan clip space: y grows downwards, as window pixels do.
        ImVec2 centre((ndc.x + 1.0f) * 0.5f * display.x, (ndc.y + 1.0f) * 0.5f * display.y);
        const char* name = rooms[i].name.c_str();
        ImVec2 size = ImGui::CalcTextSize(name);
        ImVec2 min(centre.x - size.x * 0.5f, centre.y - size.y * 0.5f);
        draw->AddRectFilled(ImVec2(min.x - padding.x, min.y - padding.y),
                            ImVec2(min.x + size.x + padding.x, min.y + size.y + padding.y),
                            current == i ? kCurrentPlate : kPlate, 4.0f);
        draw->AddText(min, kText, name);
    }
}

}  // namespace oh::viewer
