#include "viewer/ui/photo_gallery.h"

#include <algorithm>
#include <cstring>

#include <imgui.h>

#include "texture/texture_encode.h"

namespace oh::viewer {
namespace {

// The block format of a packed picture; photos are BC7 or, when tiny, RGBA8.
std::optional<texture::BlockFormat> blockFormatOf(scene::PixelFormat format) {
    switch (format) {
    case scene::PixelFormat::Rgba8: return texture::BlockFormat::Rgba8;
    case scene::PixelFormat::Bc7: return texture::BlockFormat::Bc7;
    default: return std::nullopt;
    }
}

// The first mip level of `part` no taller than `height` (the last if none is).
Result<RgbaImage> decodeAtMost(const bundle::BundleReader& bundle, const bundle::ImagePart& part, uint32_t height) {
    auto bytes = bundle.part(part.part, bundle::PartKind::PhotoThumbnail);
    if (!bytes) return bytes.error();
    auto format = blockFormatOf(part.format);
    if (!format) return makeError(bundle.displayName() + ": part '" + part.part + "' is not a picture format");
    uint64_t offset = 0;
    uint32_t width = part.width, levelHeight = part.height;
    for (uint32_t level = 0; level < part.mipLevels; ++level) {
        uint64_t size = scene::mipLevelBytes(part.format, width, levelHeight);
        if (offset + size > bytes->size())
            return makeError(bundle.displayName() + ": part '" + part.part + "' is shorter than its mip levels");
        if (levelHeight <= height || level + 1 == part.mipLevels)
            return texture::decodeBlocks(*format, width, levelHeight, bytes->subspan(offset, size));
        offset += size;
        width = std::max(width / 2, 1u);
        levelHeight = std::max(levelHeight / 2, 1u);
    }
    return makeError(bundle.displayName() + ": part '" + part.part + "' has no mip levels");
}

}  // namespace

Result<PhotoGallery> PhotoGallery::load(const bundle::BundleReader& bundle, const bundle::Manifest& manifest) {
    PhotoGallery gallery;
    for (size_t i = 0; i < manifest.photos.size(); ++i) {
        auto thumbnail = decodeAtMost(bundle, manifest.photos[i].thumbnail, kThumbnailHeight);
        if (!thumbnail) return thumbnail.error();
        Photo photo;
        photo.thumbnail = std::move(thumbnail.value());
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

const std::vector<int>* PhotoGallery::rectsIn(const ImFontAtlas& atlas) const {
    for (const AtlasRects& entry : m_atlases)
        if (entry.atlas == &atlas) return &entry.rects;
    return nullptr;
}

void PhotoGallery::reserveIn(ImFontAtlas& atlas) {
    AtlasRects entry{&atlas, {}};
    for (const Photo& photo : m_photos)
        entry.rects.push_back(atlas.AddCustomRectRegular(int(photo.thumbnail.width), int(photo.thumbnail.height)));
    m_atlases.push_back(std::move(entry));
}

void PhotoGallery::copyInto(ImFontAtlas& atlas) const {
    unsigned char* pixels = nullptr;
    int atlasWidth = 0, atlasHeight = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &atlasWidth, &atlasHeight);
    const std::vector<int>* rects = rectsIn(atlas);
    if (!rects) return;
    for (size_t i = 0; i < m_photos.size(); ++i) {
        const Photo& photo = m_photos[i];
        const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex((*rects)[i]);
        if (!rect || !rect->IsPacked()) continue;
        for (uint32_t y = 0; y < photo.thumbnail.height; ++y)
            std::memcpy(pixels + (size_t(rect->Y + y) * size_t(atlasWidth) + rect->X) * 4,
                        photo.thumbnail.pixels.data() + size_t(y) * photo.thumbnail.width * 4,
                        size_t(photo.thumbnail.width) * 4);
    }
}

std::optional<uint32_t> PhotoGallery::draw(std::optional<uint32_t> current) const {
    std::optional<uint32_t> chosen;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const std::vector<int>* rects = rectsIn(atlas);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float cellWidth = float(kThumbnailHeight) * 4.0f / 3.0f;
    const float available = ImGui::GetContentRegionAvail().x;
    const int columns = std::max(1, int((available + style.ItemSpacing.x) / (cellWidth + style.ItemSpacing.x)));
    for (const Room& room : m_rooms) {
        ImGui::TextDisabled("%s", room.name.empty() ? "Other photos" : room.name.c_str());
        for (size_t k = 0; k < room.photos.size(); ++k) {
            uint32_t index = room.photos[k];
            const Photo& photo = m_photos[index];
            const ImFontAtlasCustomRect* rect = rects ? atlas.GetCustomRectByIndex((*rects)[index]) : nullptr;
            if (k % size_t(columns) != 0) ImGui::SameLine();
            ImGui::BeginGroup();
            ImGui::PushID(int(index));
            // Fitted into a 4:3 cell, so portrait and landscape photos line up.
            float scale = std::min(cellWidth / float(photo.thumbnail.width),
                                   float(kThumbnailHeight) / float(photo.thumbnail.height));
            ImVec2 size(float(photo.thumbnail.width) * scale, float(photo.thumbnail.height) * scale);
            bool framed = current == index;
            if (framed) ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[ImGuiCol_ButtonActive]);
            bool clicked = false;
            if (rect && rect->IsPacked()) {
                ImVec2 uv0, uv1;
                atlas.CalcCustomRectUV(rect, &uv0, &uv1);
                clicked = ImGui::ImageButton(atlas.TexID, size, uv0, uv1, 2);
            } else {
                clicked = ImGui::Button("photo", ImVec2(size.x + 4.0f, size.y + 4.0f));
            }
            if (framed) ImGui::PopStyleColor();
            if (clicked) chosen = index;
            if (!photo.caption.empty()) {
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + cellWidth);
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
