// Pictures drawn through Dear ImGui's font atlas: the Vulkan backend of
// ImGui 1.86 draws every command with that one texture (it ignores
// ImTextureID), so each picture is a rectangle reserved in the atlas before
// it is built and filled after. The gallery's thumbnails and the minimap's
// plan live there. Each ImGui context (the window's overlay, the headset's
// panel) has an atlas of its own; the rectangles are kept per atlas.
//
// Not for: pictures on the GPU as textures (tour/tour_media.h).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <imgui.h>

#include "core/image.h"

namespace oh::viewer {

class AtlasImages {
public:
    // Before reserveIn. Returns the picture's index.
    uint32_t add(RgbaImage image);
    const RgbaImage& image(uint32_t index) const { return m_images[index]; }
    size_t size() const { return m_images.size(); }

    // Reserves each picture's rectangle: call before `atlas` is built.
    void reserveIn(ImFontAtlas& atlas);
    // Copies the pictures into the built atlas's RGBA texture data: call
    // after the build and before the atlas is uploaded. ImGui's colours are
    // sRGB values written as they are; `targetEncodesSrgb`: the atlas is drawn
    // into an sRGB image (the desktop's swapchain), which would encode the
    // pictures' sRGB bytes a second time and wash them out, so they are
    // stored decoded to linear light and come out as they were.
    void copyInto(ImFontAtlas& atlas, bool targetEncodesSrgb) const;

    struct Uv {
        ImVec2 min, max;
    };
    // Where picture `index` lies in `atlas` (non-const: ImGui 1.86 looks rectangles up so); none when it
    // was not reserved or packed there.
    std::optional<Uv> uvIn(ImFontAtlas& atlas, uint32_t index) const;

private:
    struct AtlasRects {
        const ImFontAtlas* atlas = nullptr;
        std::vector<int> rects;  // per picture
    };
    const std::vector<int>* rectsIn(const ImFontAtlas& atlas) const;

    std::vector<RgbaImage> m_images;
    std::vector<AtlasRects> m_atlases;
};

}  // namespace oh::viewer
