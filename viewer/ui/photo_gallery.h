// The listing's photos as a gallery in the tour panel, on the desktop and on
// the headset's panel alike: thumbnails with their captions, grouped by room
// in the listing's order. Choosing one returns it; the tour decides what
// that does (open it large, or glide to where it was taken).
//
// The thumbnails live in Dear ImGui's font atlas: the Vulkan backend of
// ImGui 1.86 draws every command with that one texture (it ignores
// ImTextureID), so each thumbnail is a rectangle reserved in the atlas before
// it is built and filled after. 200 photos take some 15 MB of it.
//
// Not for: the photo opened large (tour/photo_panel.h), the GPU photos (tour/tour_media.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "core/image.h"
#include "core/result.h"

struct ImFontAtlas;

namespace oh::viewer {

// A listing picture from its bundle as RGBA: the first mip level of `part`
// (of `kind`) no taller than `height`, else its smallest. Errors: a damaged
// or missing part, a format that is no picture's.
Result<RgbaImage> decodePictureAtMost(const bundle::BundleReader& bundle, const bundle::ImagePart& part,
                                      bundle::PartKind kind, uint32_t height);

class PhotoGallery {
public:
    // The thumbnails are decoded from the bundle at this height at most.
    static constexpr uint32_t kThumbnailHeight = 120;

    // Decodes each photo's thumbnail (a BC7 level of about kThumbnailHeight
    // from its `photos/N/thumbnail` part). Errors: a damaged part.
    static Result<PhotoGallery> load(const bundle::BundleReader& bundle, const bundle::Manifest& manifest);

    bool empty() const { return m_photos.empty(); }
    size_t size() const { return m_photos.size(); }

    // Reserves each thumbnail's rectangle: call before `atlas` is built.
    // Each ImGui context (the window's overlay, the headset's panel) has an
    // atlas of its own; the gallery keeps its rectangles in each.
    void reserveIn(ImFontAtlas& atlas);
    // Copies the thumbnails into the built atlas's RGBA texture data: call
    // after the build and before the atlas is uploaded. ImGui's colours are
    // sRGB values written as they are; `targetEncodesSrgb`: the atlas is drawn
    // into an sRGB image (the desktop's swapchain), which would encode the
    // thumbnails' sRGB bytes a second time and wash them out, so they are
    // stored decoded to linear light and come out as they were.
    void copyInto(ImFontAtlas& atlas, bool targetEncodesSrgb) const;

    // Draws the gallery into the current ImGui window (whose atlas it was
    // reserved in and copied into), `current` framed.
    // Returns the photo clicked, if any.
    std::optional<uint32_t> draw(std::optional<uint32_t> current) const;

private:
    struct Photo {
        RgbaImage thumbnail;
        std::string caption;
        std::string room;  // empty: not in a named room
    };
    struct AtlasRects {
        const ImFontAtlas* atlas = nullptr;
        std::vector<int> rects;  // per photo
    };
    const std::vector<int>* rectsIn(const ImFontAtlas& atlas) const;
    struct Room {
        std::string name;
        std::vector<uint32_t> photos;
    };

    std::vector<Photo> m_photos;
    std::vector<Room> m_rooms;  // in the order the listing first names them; unnamed last
    std::vector<AtlasRects> m_atlases;
};

}  // namespace oh::viewer
