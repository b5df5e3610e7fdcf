#include "viewer/tour/picture_decode.h"

#include <algorithm>

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

}  // namespace oh::viewer
