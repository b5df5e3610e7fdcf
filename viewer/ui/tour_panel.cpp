#include "viewer/ui/tour_panel.h"

#include <imgui.h>

#include <cfloat>
#include <utility>

#include "viewer/ui/listing_card.h"

namespace oh::viewer {
namespace {

// Below this width the places and the card go one under the other.
constexpr float kSideBySideWidth = 700.0f;
// A window the panel places itself (the desktop's, the mirror's).
constexpr float kPanelWidth = 340.0f;
constexpr float kPanelLeft = 12.0f;

std::optional<TourPlace> drawPlaces(const TourPanelContent& content, bool folding) {
    std::optional<TourPlace> jump;
    const scene::Scene& scene = *content.scene;
    if (!content.rooms.empty() &&
        (!folding || ImGui::CollapsingHeader("Rooms", ImGuiTreeNodeFlags_DefaultOpen))) {
        if (!folding) ImGui::TextDisabled("Rooms");
        for (uint32_t i = 0; i < content.rooms.size(); ++i) {
            ImGui::PushID(int(i));
            if (ImGui::Selectable(content.rooms[i].name.c_str(), content.currentRoom == i))
                jump = TourPlace{TourPlace::Kind::Room, i};
            ImGui::PopID();
        }
    }
    if (!scene.cameras.empty() &&
        (!folding || ImGui::CollapsingHeader("Cameras", ImGuiTreeNodeFlags_DefaultOpen))) {
        if (!folding) ImGui::TextDisabled("Cameras");
        for (uint32_t i = 0; i < scene.cameras.size(); ++i) {
            ImGui::PushID(int(content.rooms.size() + i));
            if (ImGui::Selectable(scene.cameras[i].name.c_str())) jump = TourPlace{TourPlace::Kind::Camera, i};
            ImGui::PopID();
        }
    }
    return jump;
}

void drawStatistics(const TourPanelContent& content) {
    const FrameTiming& timing = content.timing;
    ImGui::TextDisabled("%.1f ms per frame (%.0f fps), CPU %.2f ms", timing.frameMilliseconds,
                        timing.frameMilliseconds > 0.0 ? 1000.0 / timing.frameMilliseconds : 0.0,
                        timing.cpuMilliseconds);
    ImGui::TextDisabled("%u draw calls, %llu triangles", timing.stats.drawCalls,
                        static_cast<unsigned long long>(timing.stats.triangles));
    ImGui::TextDisabled("%u of %zu objects visible", timing.stats.visibleInstances, content.scene->instances.size());
}

// The places and the card: side by side on a wide panel, folding on a narrow one.
std::optional<TourPlace> drawApartment(const TourPanelContent& content) {
    std::optional<TourPlace> jump;
    bool sideBySide = content.listing && ImGui::GetContentRegionAvail().x >= kSideBySideWidth;
    if (sideBySide && ImGui::BeginTable("places and card", 2)) {
        ImGui::TableSetupColumn("places", ImGuiTableColumnFlags_WidthStretch, 0.32f);
        ImGui::TableSetupColumn("card", ImGuiTableColumnFlags_WidthStretch, 0.68f);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        jump = drawPlaces(content, false);
        // The headset's panel: what a customer reads; the agent's mirror shows the frame rate.
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", content.controlsHelp);
        ImGui::PopTextWrapPos();
        ImGui::TableNextColumn();
        drawListingCard(*content.listing);
        ImGui::EndTable();
    } else {
        jump = drawPlaces(content, true);
        if (content.listing && ImGui::CollapsingHeader("The apartment", ImGuiTreeNodeFlags_DefaultOpen))
            drawListingCard(*content.listing);
        ImGui::PushTextWrapPos(0.0f);
        drawStatistics(content);
        ImGui::TextDisabled("%s", content.controlsHelp);
        ImGui::PopTextWrapPos();
    }
    return jump;
}

}  // namespace

std::string currentRoomLine(std::span<const rooms::TourRoom> rooms, std::optional<uint32_t> currentRoom) {
    if (!currentRoom || *currentRoom >= rooms.size()) return {};
    return "You are in: " + rooms[*currentRoom].name;
}

TourPanelChoice drawTourPanel(const TourPanelContent& content, bool placeWindow) {
    TourPanelChoice choice;
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoFocusOnAppearing;
    if (placeWindow) {
        // As tall as what it shows (the card unfolded or not), at a width the card's lines wrap to.
        ImGui::SetNextWindowPos(ImVec2(kPanelLeft, 12.0f), ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSizeConstraints(ImVec2(kPanelWidth, 0.0f), ImVec2(kPanelWidth, FLT_MAX));
        flags |= ImGuiWindowFlags_AlwaysAutoResize;
    }
    if (!ImGui::Begin("OpenHouse", nullptr, flags)) {
        ImGui::End();
        return choice;
    }
    ImGui::TextWrapped("%s", content.title.c_str());
    if (content.currentPanorama && *content.currentPanorama < content.panoramas.size()) {
        ImGui::Text("360\xC2\xB0 view: %s", content.panoramas[*content.currentPanorama].c_str());
        if (content.canLeavePanorama) {
            ImGui::SameLine();
            choice.leavePanorama = ImGui::SmallButton("Back to the 3D model");
        }
    } else if (std::string line = currentRoomLine(content.rooms, content.currentRoom); !line.empty()) {
        ImGui::TextUnformatted(line.c_str());
        if (content.canMeasure) ImGui::SameLine(0.0f, 24.0f);  // on the room's line: the layout below stays
    }
    if (content.canMeasure) {
        choice.toggleMeasuring = ImGui::SmallButton(content.measuring ? "Stop measuring" : "Measure");
        if (content.hasMeasurements) {
            ImGui::SameLine();
            choice.clearMeasurements = ImGui::SmallButton("Clear measurements");
        }
        // The desktop's H and V: the tape's level or plumb part only. A line
        // of its own, only while measuring (the panel is closed as measuring starts).
        if (content.measuring) {
            using nav::MeasureConstraint;
            ImGui::TextUnformatted("Tape:");
            for (auto [constraint, label] : {std::pair{MeasureConstraint::Free, "Free"},
                                             std::pair{MeasureConstraint::Horizontal, "Level"},
                                             std::pair{MeasureConstraint::Vertical, "Plumb"}}) {
                ImGui::SameLine(0.0f, 16.0f);
                if (ImGui::RadioButton(label, content.constraint == constraint)) choice.constraint = constraint;
            }
        }
    }
    if (content.openPhoto) {
        ImGui::TextDisabled("Photo %u of %zu", *content.openPhoto + 1, content.gallery ? content.gallery->size() : 0);
        ImGui::SameLine();
        choice.closePhoto = ImGui::SmallButton("Close photo");
    }
    ImGui::Separator();

    bool hasGallery = content.gallery && !content.gallery->empty();
    const bool planTab = content.minimap && !placeWindow;
    bool tabs = (hasGallery || !content.panoramas.empty() || planTab) && ImGui::BeginTabBar("tour");
    if (!tabs || ImGui::BeginTabItem("The apartment")) {
        choice.place = drawApartment(content);
        if (tabs) ImGui::EndTabItem();
    }
    if (tabs && hasGallery && ImGui::BeginTabItem("Photos")) {
        choice.photo = content.gallery->draw(content.openPhoto);
        ImGui::EndTabItem();
    }
    if (tabs && !content.panoramas.empty() && ImGui::BeginTabItem("360\xC2\xB0 views")) {
        for (uint32_t i = 0; i < content.panoramas.size(); ++i) {
            ImGui::PushID(int(i));
            if (ImGui::Selectable(content.panoramas[i].c_str(), content.currentPanorama == i)) choice.panorama = i;
            ImGui::PopID();
        }
        ImGui::EndTabItem();
    }
    if (tabs && planTab && ImGui::BeginTabItem("Floor plan")) {
        choice.floorPoint = content.minimap->draw(content.visitorFeet, content.visitorYawRadians,
                                                  ImGui::GetContentRegionAvail().x);
        ImGui::EndTabItem();
    }
    if (tabs) ImGui::EndTabBar();
    ImGui::End();
    if (content.minimap && placeWindow)
        choice.floorPoint = drawPlanWindow(*content.minimap, content.visitorFeet, content.visitorYawRadians,
                                           kPanelLeft + kPanelWidth);
    return choice;
}

}  // namespace oh::viewer
