#include "table/picture_strip.h"

#include <algorithm>

namespace oh::table {

size_t stepPage(size_t page, int step, size_t pages) {
    const long long count = (long long)pages;
    return size_t((((long long)page + step) % count + count) % count);
}

std::optional<ImVec4> drawPictureStrip(const CardPhotos& pictures, size_t& page) {
    const size_t pages = pictures.pageCount();
    if (pages == 0) return std::nullopt;
    page = std::min(page, pages - 1);
    const bool plan = pictures.isFloorPlan(page);
    const float width = ImGui::GetContentRegionAvail().x, height = width * 0.66f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    // A plan's lines read best on white, as on paper; a photo still loading waits on grey.
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + width, at.y + height),
                                              plan ? IM_COL32_WHITE : IM_COL32(235, 235, 238, 255), 6.0f);
    ImGui::Dummy(ImVec2(width, height));
    if (pages > 1) {
        if (ImGui::ArrowButton("##previous", ImGuiDir_Left)) page = stepPage(page, -1, pages);
        ImGui::SameLine();
    }
    if (plan) ImGui::TextUnformatted("Floor plan");
    else ImGui::Text("Photo %zu of %zu", page + 1, pictures.photoCount());
    if (pages > 1) {
        ImGui::SameLine();
        if (ImGui::ArrowButton("##next", ImGuiDir_Right)) page = stepPage(page, +1, pages);
    }
    if (pictures.photoCount() > 0 && pictures.hasFloorPlan()) {
        const char* other = plan ? "Photos" : "Floor plan";
        const float buttonWidth = ImGui::CalcTextSize(other).x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SameLine(ImGui::GetContentRegionMax().x - buttonWidth);
        if (ImGui::Button(other)) page = plan ? 0 : pictures.photoCount();
    }
    return ImVec4(at.x, at.y, at.x + width, at.y + height);
}

}  // namespace oh::table
