// Image decoding for glTF import: PNG and JPEG (stb_image) and WebP (libwebp)
// to RGBA8. The header is read first and absurd dimensions are refused before
// any pixel memory is allocated. Not for KTX2/Basis (refused as unknown).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/result.h"
#include "scene/scene.h"

namespace oh::image {

constexpr uint32_t kMaxImageSide = 16384;

struct DecodeLimits {
    uint64_t maxPixels = uint64_t(kMaxImageSide) * kMaxImageSide;  // width * height, checked from the header
    uint32_t maxDimension = 0;  // downsample so neither side exceeds this (0: keep)
};

// Decodes `bytes` into out.pixels (width * height * 4, top row first); out.name is
// left alone. 16-bit PNGs become 8-bit. The error message is one line without
// a file prefix ("not a PNG, JPEG or WebP image"); the caller adds context.
Status decodeImage(std::span<const uint8_t> bytes, const DecodeLimits& limits, scene::Image& out);

}  // namespace oh::image
