#include "viewer/ui/atlas_images.h"

#include <array>
#include <cmath>

namespace oh::viewer {

uint32_t AtlasImages::add(RgbaImage image) {
    m_images.push_back(std::move(image));
    return uint32_t(m_images.size() - 1);
}

const std::vector<int>* AtlasImages::rectsIn(const ImFontAtlas& atlas) const {
    for (const AtlasRects& entry : m_atlases)
        if (entry.atlas == &atlas) return &entry.rects;
    return nullptr;
}

void AtlasImages::reserveIn(ImFontAtlas& atlas) {
    // ImGui makes the atlas as wide as its glyphs need (512 pixels for one
    // font), stacks the pictures under them and rounds the height up to a
    // power of two: 500 thumbnails would need 32768 rows, past what GPUs
    // allow (lavapipe and many others: 16384). Wide enough to stay about
    // square, and only as tall as it is filled, they fit in 4096 x 2500.
    uint64_t area = 0;
    int widest = 0;
    for (const RgbaImage& image : m_images) {
        area += uint64_t(image.width + 1) * (image.height + 1);
        widest = std::max(widest, int(image.width) + 1);
    }
    int width = 512;
    while (width < 4096 && (uint64_t(width) * uint64_t(width) < area || width < widest)) width *= 2;
    atlas.TexDesiredWidth = std::max(atlas.TexDesiredWidth, width);
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;

    AtlasRects entry{&atlas, {}};
    for (const RgbaImage& image : m_images)
        entry.rects.push_back(atlas.AddCustomRectRegular(int(image.width), int(image.height)));
    m_atlases.push_back(std::move(entry));
}

void AtlasImages::copyInto(ImFontAtlas& atlas, bool targetEncodesSrgb) const {
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
    for (size_t i = 0; i < m_images.size(); ++i) {
        const RgbaImage& image = m_images[i];
        const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex((*rects)[i]);
        if (!rect || !rect->IsPacked()) continue;
        for (uint32_t y = 0; y < image.height; ++y) {
            uint8_t* out = pixels + (size_t(rect->Y + y) * size_t(atlasWidth) + rect->X) * 4;
            const uint8_t* in = image.pixels.data() + size_t(y) * image.width * 4;
            for (uint32_t x = 0; x < image.width * 4; ++x) out[x] = x % 4 == 3 ? in[x] : channel[in[x]];
        }
    }
}

std::optional<AtlasImages::Uv> AtlasImages::uvIn(ImFontAtlas& atlas, uint32_t index) const {
    const std::vector<int>* rects = rectsIn(atlas);
    if (!rects || index >= rects->size()) return std::nullopt;
    const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex((*rects)[index]);
    if (!rect || !rect->IsPacked()) return std::nullopt;
    Uv uv;
    atlas.CalcCustomRectUV(rect, &uv.min, &uv.max);
    return uv;
}

}  // namespace oh::viewer
