#include "viewer/ui/tour_panel.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include <imgui.h>

namespace oh::viewer {
namespace {

bool containsIgnoringCase(const std::string& text, const char* needle) {
    if (!*needle) return true;
    auto lower = [](unsigned char c) { return char(std::tolower(c)); };
    std::string haystack(text.size(), '\0'), pattern(needle);
    std::transform(text.begin(), text.end(), haystack.begin(), lower);
    std::transform(pattern.begin(), pattern.end(), pattern.begin(), lower);
    return haystack.find(pattern) != std::string::npos;
}

// Named nodes that have meshes at or below them (exporters leave empty
// "Camera" or "Lamp" helpers that are no place to go).
std::vector<uint32_t> namedPlaces(const scene::Scene& scene) {
    std::vector<bool> holdsGeometry(scene.nodes.size(), false);
    for (const scene::MeshInstance& instance : scene.instances)
        for (uint32_t node = instance.node; node < scene.nodes.size() && !holdsGeometry[node];
             node = scene.nodes[node].parent)
            holdsGeometry[node] = true;
    std::vector<uint32_t> places;
    for (uint32_t i = 0; i < scene.nodes.size(); ++i)
        if (holdsGeometry[i] && !scene.nodes[i].name.empty()) places.push_back(i);
    return places;
}

}  // namespace

std::optional<TourPlace> drawTourPanel(const std::string& modelName, const scene::Scene& scene,
                                       std::span<const listing::Spot> rooms, const FrameTiming& timing,
                                       const char* controlsHelp, TourPanelState& state,
                                       bool placeWindow) {
    std::optional<TourPlace> jump;
    if (placeWindow) {
        ImGui::SetNextWindowPos(ImVec2(12.0f, 12.0f), ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize(ImVec2(300.0f, 0.0f), ImGuiCond_FirstUseEver);
    }
    if (!ImGui::Begin("OpenHouse", nullptr, ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::End();
        return jump;
    }
    ImGui::TextUnformatted(modelName.c_str());
    ImGui::Separator();
    ImGui::Text("%.1f ms per frame (%.0f fps), CPU %.2f ms", timing.frameMilliseconds,
                timing.frameMilliseconds > 0.0 ? 1000.0 / timing.frameMilliseconds : 0.0, timing.cpuMilliseconds);
    ImGui::Text("%u draw calls, %llu triangles", timing.stats.drawCalls,
                static_cast<unsigned long long>(timing.stats.triangles));
    ImGui::Text("%u of %zu objects visible", timing.stats.visibleInstances, scene.instances.size());

    if (!rooms.empty() && ImGui::CollapsingHeader("Rooms", ImGuiTreeNodeFlags_DefaultOpen)) {
        for (uint32_t i = 0; i < rooms.size(); ++i) {
            ImGui::PushID(int(i));
            if (ImGui::Selectable(rooms[i].name.c_str())) jump = TourPlace{TourPlace::Kind::Room, i};
            ImGui::PopID();
        }
    }
    if (!scene.cameras.empty() && ImGui::CollapsingHeader("Cameras", ImGuiTreeNodeFlags_DefaultOpen)) {
        for (uint32_t i = 0; i < scene.cameras.size(); ++i) {
            ImGui::PushID(int(i));
            if (ImGui::Selectable(scene.cameras[i].name.c_str())) jump = TourPlace{TourPlace::Kind::Camera, i};
            ImGui::PopID();
        }
    }
    // A listing's rooms say where to go; the model's own named parts stay folded away then.
    if (ImGui::CollapsingHeader("Places", rooms.empty() ? ImGuiTreeNodeFlags_DefaultOpen : 0)) {
        ImGui::SetNextItemWidth(-1.0f);
        ImGui::InputTextWithHint("##filter", "filter", state.filter, sizeof state.filter);
        ImGui::BeginChild("places", ImVec2(0.0f, 180.0f), true);
        // Only the visible rows are laid out: an apartment block has thousands of nodes.
        if (!state.placesFound) {
            state.places = namedPlaces(scene);
            state.placesFound = true;
        }
        std::vector<uint32_t> matches;
        for (uint32_t i : state.places)
            if (containsIgnoringCase(scene.nodes[i].name, state.filter)) matches.push_back(i);
        ImGuiListClipper clipper;
        clipper.Begin(int(matches.size()));
        while (clipper.Step()) {
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                uint32_t i = matches[size_t(row)];
                ImGui::PushID(int(i));
                if (ImGui::Selectable(scene.nodes[i].name.c_str())) jump = TourPlace{TourPlace::Kind::Node, i};
                ImGui::PopID();
            }
        }
        ImGui::EndChild();
    }
    ImGui::TextDisabled("%s", controlsHelp);
    ImGui::End();
    return jump;
}

}  // namespace oh::viewer
