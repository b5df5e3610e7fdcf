#include "viewer/xr/mirror_listings.h"

#include <imgui.h>

namespace oh::viewer {

std::optional<ListingChoice> drawMirrorListings(std::span<const ListingChoice> listings, const std::string& shown) {
    std::optional<ListingChoice> chosen;
    ImGuiIO& io = ImGui::GetIO();
    // Top right, clear of the tour panel on the left and the status line at the bottom.
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 8.0f, 8.0f), ImGuiCond_FirstUseEver, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(300.0f, io.DisplaySize.y * 0.5f), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Listings")) {
        if (listings.empty()) ImGui::TextDisabled("No listings in the station's folder.");
        for (size_t i = 0; i < listings.size(); ++i) {
            const ListingChoice& listing = listings[i];
            ImGui::PushID(int(i));
            if (ImGui::Selectable(listing.title.c_str(), listing.title == shown) && listing.title != shown)
                chosen = listing;
            ImGui::PopID();
        }
    }
    ImGui::End();
    return chosen;
}

}  // namespace oh::viewer
