// RGBA8 images in memory, as PNG files and as JPEG files (listing photos and
// panoramas); encoding and decoding by stb_image / stb_image_write.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/result.h"

namespace oh {

// RGBA8, top row first. Colour values are sRGB-encoded wherever an image
// leaves the renderer.
struct RgbaImage {
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint8_t> pixels;  // width * height * 4
};

// Writes a PNG atomically (no half-written file on failure). Errors: kExitIo.
Status writePng(const std::filesystem::path& path, const RgbaImage& image);

// The quality listing pictures are written at: no visible blocking on walls
// and ceilings, about a seventh of the PNG's size.
constexpr int kJpegQuality = 92;

// Writes a baseline JPEG atomically; alpha is dropped (JPEG has none).
// `quality` 1..100 (clamped). Errors: kExitIo.
Status writeJpeg(const std::filesystem::path& path, const RgbaImage& image, int quality = kJpegQuality);

// Reads a PNG (any channel count, converted to RGBA8).
Result<RgbaImage> readPng(const std::filesystem::path& path);

// Places images side by side (equal heights), e.g. left and right eye.
RgbaImage sideBySide(const std::vector<RgbaImage>& images);

}  // namespace oh
