#include "viewer/ui/photo_gallery.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include <imgui.h>

#include "texture/texture_encode.h"

namespace oh::viewer {
namespace {

// The narrowest caption (pixels) worth putting beside a thumbnail.
constexpr float kMinCaptionWidth = 100.0f;

// The block format of a packed picture; photos are BC7 or, when tiny, RGBA8.
std::optional<texture::BlockFormat> blockFormatOf(scene::PixelFormat format) {
    switch (format) {
    case scene::PixelFormat::Rgba8: return texture::BlockFormat::Rgba8;
    case scene::PixelFormat::Bc7: return texture::BlockFormat::Bc7;
    default: return std::nullopt;
    }
}

}  // namespace

Result<RgbaImage> decodePictureAtMost(const bundle::BundleReader& bundle, const bundle::ImagePart& part,
                                      bundle::PartKind kind, uint32_t height) {
    auto bytes = bundle.part(part.part, kind);
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

Result<PhotoGallery> PhotoGallery::load(const bundle::BundleReader& bundle, const bundle::Manifest& manifest) {
    PhotoGallery gallery;
    for (size_t i = 0; i < manifest.photos.size(); ++i) {
        auto thumbnail = decodePictureAtMost(bundle, manifest.photos[i].thumbnail, bundle::PartKind::PhotoThumbnail,
                                             kThumbnailHeight);
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
    // ImGui makes the atlas as wide as its glyphs need (512 pixels for one
    // font), stacks the thumbnails under them and rounds the height up to a
    // power of two: 500 photos would need 32768 rows, past what GPUs allow
    // (lavapipe and many others: 16384). Wide enough to stay about square,
    // and only as tall as it is filled, it holds them in 4096 x 2500.
    uint64_t area = 0;
    for (const Photo& photo : m_photos) area += uint64_t(photo.thumbnail.width + 1) * (photo.thumbnail.height + 1);
    int width = 512;
    while (width < 4096 && uint64_t(width) * uint64_t(width) < area) width *= 2;
    atlas.TexDesiredWidth = std::max(atlas.TexDesiredWidth, width);
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;

    AtlasRects entry{&atlas, {}};
    for (const Photo& photo : m_photos)
        entry.rects.push_back(atlas.AddCustomRectRegular(int(photo.thumbnail.width), int(photo.thumbnail.height)));
    m_atlases.push_back(std::move(entry));
}

void PhotoGallery::copyInto(ImFontAtlas& atlas, bool targetEncodesSrgb) const {
    unsigned char* pixels = nullptr;
    int atlasWidth = 0, atlasHeight = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &atlasWidth, &atlasHeight);
    const std::vector<int>* rects = rectsIn(atlas);
    if (!rects) return;
    // Per channel byte: itself, or decoded to linear light (alpha stays).
    std::array<uint8_t, 256> channel;
    for (int level = 0; level < 256; ++level) {
        double c = level / 255.0;
        double linear = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
        channel[size_t(level)] = targetEncodesSrgb ? uint8_t(std::lround(linear * 255.0)) : uint8_t(level);
    }
    for (size_t i = 0; i < m_photos.size(); ++i) {
        const Photo& photo = m_photos[i];
        const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex((*rects)[i]);
        if (!rect || !rect->IsPacked()) continue;
        for (uint32_t y = 0; y < photo.thumbnail.height; ++y) {
            uint8_t* out = pixels + (size_t(rect->Y + y) * size_t(atlasWidth) + rect->X) * 4;
            const uint8_t* in = photo.thumbnail.pixels.data() + size_t(y) * photo.thumbnail.width * 4;
            for (uint32_t x = 0; x < photo.thumbnail.width * 4; ++x) out[x] = x % 4 == 3 ? in[x] : channel[in[x]];
        }
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
    // A panel too narrow for two (the desktop's) puts each caption beside
    // its thumbnail, where it reads in a line or two rather than a narrow column.
    const bool captionBeside = columns == 1 && available >= cellWidth + kMinCaptionWidth;
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
