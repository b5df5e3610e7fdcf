// The listing's photos as a gallery in the tour panel, on the desktop and on
// the headset's panel alike: thumbnails with their captions, grouped by room
// in the listing's order. Choosing one returns it; the tour decides what
// that does (open it large, or glide to where it was taken).
//
// The thumbnails live in Dear ImGui's font atlas (atlas_images.h); 200
// photos take some 15 MB of it.
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
#include "viewer/ui/atlas_images.h"

struct ImFontAtlas;

namespace oh::viewer {

class PhotoGallery {
public:
    // The thumbnails are decoded from the bundle at this height at most.
    static constexpr uint32_t kThumbnailHeight = 120;

    // Decodes each photo's thumbnail (a BC7 level of about kThumbnailHeight
    // from its `photos/N/thumbnail` part). Errors: a damaged part.
    static Result<PhotoGallery> load(const bundle::BundleReader& bundle, const bundle::Manifest& manifest);

    bool empty() const { return m_photos.empty(); }
    size_t size() const { return m_photos.size(); }

    // The thumbnails, to put in each ImGui context's atlas (one per photo, in order).
    AtlasImages& thumbnails() { return m_thumbnails; }

    // Draws the gallery into the current ImGui window (whose atlas the
    // thumbnails were reserved in and copied into), `current` framed.
    // Returns the photo clicked, if any.
    std::optional<uint32_t> draw(std::optional<uint32_t> current) const;

private:
    struct Photo {
        std::string caption;
        std::string room;  // empty: not in a named room
    };
    struct Room {
        std::string name;
        std::vector<uint32_t> photos;
    };

    std::vector<Photo> m_photos;
    std::vector<Room> m_rooms;  // in the order the listing first names them; unnamed last
    AtlasImages m_thumbnails;  // per photo
};

}  // namespace oh::viewer
