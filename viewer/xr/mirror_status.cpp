#include "viewer/xr/mirror_status.h"

#include <imgui.h>

namespace oh::viewer {

void drawMirrorStatus(const HeadsetStatus& status, const std::string& listing, const std::string& where,
                      bool seated) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 8.0f), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.75f);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                             ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##headset status", nullptr, flags)) {
        ImGui::Text("%s on %s: %s", status.systemName.c_str(), status.runtimeName.c_str(), status.message.c_str());
        if (status.phase == HeadsetStatus::Phase::Running)
            ImGui::Text("%.0f Hz, CPU %.2f ms per frame%s  |  %s  |  customer in: %s%s", status.displayHz,
                        status.cpuMilliseconds, status.focused ? "" : " (menu open)", listing.c_str(), where.c_str(),
                        seated ? "  |  seated" : "");
    }
    ImGui::End();
}

}  // namespace oh::viewer
