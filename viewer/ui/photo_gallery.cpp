#include "viewer/ui/photo_gallery.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include <imgui.h>

#include "viewer/tour/picture_decode.h"

namespace oh::viewer {
namespace {

// The narrowest caption (pixels) worth putting beside a thumbnail.
constexpr float kMinCaptionWidth = 100.0f;

}  // namespace

Result<PhotoGallery> PhotoGallery::load(const bundle::BundleReader& bundle, const bundle::Manifest& manifest) {
    PhotoGallery gallery;
    for (size_t i = 0; i < manifest.photos.size(); ++i) {
        auto thumbnail = decodePictureAtMost(bundle, manifest.photos[i].thumbnail, bundle::PartKind::PhotoThumbnail,
                                             kThumbnailHeight);
        if (!thumbnail) return thumbnail.error();
        gallery.m_thumbnails.add(std::move(thumbnail.value()));
        Photo photo;
        if (manifest.listing && i < manifest.listing->photos.size()) {
            const listing::Photo& listed = manifest.listing->photos[i];
            photo.caption = listed.caption.value_or("");
            photo.room = listed.room.value_or("");
        }
        gallery.m_photos.push_back(std::move(photo));
    }
    // Rooms in the order the listing first names them, photos without one last.
    for (uint32_t i = 0; i < gallery.m_photos.size(); ++i) {
        const std::string& name = gallery.m_photos[i].room;
        auto room = std::find_if(gallery.m_rooms.begin(), gallery.m_rooms.end(),
                                 [&](const Room& r) { return r.name == name; });
        if (room == gallery.m_rooms.end()) room = gallery.m_rooms.insert(gallery.m_rooms.end(), Room{name, {}});
        room->photos.push_back(i);
    }
    std::stable_partition(gallery.m_rooms.begin(), gallery.m_rooms.end(),
                          [](const Room& room) { return !room.name.empty(); });
    return gallery;
}

std::optional<uint32_t> PhotoGallery::draw(std::optional<uint32_t> current) const {
    std::optional<uint32_t> chosen;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float cellWidth = float(kThumbnailHeight) * 4.0f / 3.0f;
    const float available = ImGui::GetContentRegionAvail().x;
    const int columns = std::max(1, int((available + style.ItemSpacing.x) / (cellWidth + style.ItemSpacing.x)));
    // A panel too narrow for two (the desktop's) puts each caption beside
    // its thumbnail, where it reads in a line or two rather than a narrow column.
    const bool captionBeside = columns == 1 && available >= cellWidth + kMinCaptionWidth;
    for (const Room& room : m_rooms) {
        ImGui::TextDisabled("%s", room.name.empty() ? "Other photos" : room.name.c_str());
        for (size_t k = 0; k < room.photos.size(); ++k) {
            uint32_t index = room.photos[k];
            const Photo& photo = m_photos[index];
            const RgbaImage& thumbnail = m_thumbnails.image(index);
            if (k % size_t(columns) != 0) ImGui::SameLine();
            ImGui::BeginGroup();
            ImGui::PushID(int(index));
            // Fitted into a 4:3 cell, so portrait and landscape photos line up.
            float scale = std::min(cellWidth / float(thumbnail.width), float(kThumbnailHeight) / float(thumbnail.height));
            ImVec2 size(float(thumbnail.width) * scale, float(thumbnail.height) * scale);
            bool framed = current == index;
            if (framed) ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[ImGuiCol_ButtonActive]);
            bool clicked = false;
            if (auto uv = m_thumbnails.uvIn(atlas, index)) {
                clicked = ImGui::ImageButton(atlas.TexID, size, uv->min, uv->max, 2);
            } else {
                clicked = ImGui::Button("photo", ImVec2(size.x + 4.0f, size.y + 4.0f));
            }
            if (framed) ImGui::PopStyleColor();
            if (clicked) chosen = index;
            if (!photo.caption.empty()) {
                if (captionBeside) ImGui::SameLine();
                ImGui::PushTextWrapPos(captionBeside ? 0.0f : ImGui::GetCursorPosX() + cellWidth);
                ImGui::TextUnformatted(photo.caption.c_str());
                ImGui::PopTextWrapPos();
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", photo.caption.c_str());
            }
            ImGui::PopID();
            ImGui::EndGroup();
        }
    }
    return chosen;
}

}  // namespace oh::viewer
