#include "viewer/xr/mirror_guided_tour.h"

#include <cfloat>
#include <cmath>
#include <string>

#include <imgui.h>

namespace oh::viewer {

std::optional<uint32_t> drawGuidedTour(GuidedTour& tour, std::span<const rooms::TourRoom> stops) {
    std::optional<uint32_t> move;
    // Along the top, beside the tour panel (top left, 340 px wide) and clear
    // of the Listings window (top right) and the floor plan (bottom right).
    ImGui::SetNextWindowPos(ImVec2(364.0f, 12.0f), ImGuiCond_FirstUseEver);
    // Wide enough for the paused line, so the window keeps its size as autoplay pauses and goes on.
    ImGui::SetNextWindowSizeConstraints(ImVec2(320.0f, 0.0f), ImVec2(FLT_MAX, FLT_MAX));
    if (ImGui::Begin("Guided tour", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::Button("Previous")) move = tour.previous();
        ImGui::SameLine();
        if (ImGui::Button("Next")) move = tour.next();
        ImGui::SameLine();
        bool autoplay = tour.autoplay();
        if (ImGui::Checkbox("Autoplay", &autoplay)) move = tour.setAutoplay(autoplay);
        if (tour.paused()) {
            ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "Paused: the customer is exploring");
            ImGui::SameLine();
            if (ImGui::SmallButton("Resume")) move = tour.resume();
        } else if (tour.autoplay()) {
            ImGui::Text("%.0f s left at this stop", std::ceil(tour.secondsLeft()));
        } else {
            ImGui::TextDisabled("Autoplay: %.0f s at each stop", tour.dwellSeconds());
        }
        ImGui::Separator();
        for (uint32_t i = 0; i < stops.size(); ++i) {
            std::string label = std::to_string(i + 1) + ". " + stops[i].name;
            if (tour.dwellAt(i) != tour.dwellSeconds())  // the listing gives this stop a stay of its own
                label += "  (" + std::to_string(int(std::lround(tour.dwellAt(i)))) + " s)";
            label += "##stop" + std::to_string(i);
            if (ImGui::Selectable(label.c_str(), tour.current() == i)) move = tour.goTo(i);
        }
    }
    ImGui::End();
    return move;
}

}  // namespace oh::viewer
