#include "scene/image_decode.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>

#include <stb_image.h>
#include <stb_image_resize.h>
#include <webp/decode.h>

namespace oh::image {
namespace {

enum class Format { Unknown, Png, Jpeg, WebP };

Format sniff(std::span<const uint8_t> b) {
    static constexpr uint8_t kPng[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (b.size() >= 8 && std::memcmp(b.data(), kPng, 8) == 0) return Format::Png;
    if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return Format::Jpeg;
    if (b.size() >= 12 && std::memcmp(b.data(), "RIFF", 4) == 0 && std::memcmp(b.data() + 8, "WEBP", 4) == 0)
        return Format::WebP;
    return Format::Unknown;
}

Status checkSize(uint64_t width, uint64_t height, const DecodeLimits& limits) {
    if (width == 0 || height == 0) return makeError("image header has a zero width or height");
    if (width > kMaxImageSide || height > kMaxImageSide || width * height > limits.maxPixels)
        return makeError("image header claims " + std::to_string(width) + "x" + std::to_string(height) +
                         " pixels, more than the limit (" + std::to_string(kMaxImageSide) + " per side, " +
                         std::to_string(limits.maxPixels) + " in all)");
    return ok();
}

struct StbiFree {
    void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

Status decodeStb(std::span<const uint8_t> bytes, Format format, const DecodeLimits& limits, scene::Image& out) {
    const char* kind = format == Format::Png ? "PNG" : "JPEG";
    // PNG: read IHDR ourselves first; stb_image's own size refusal says only "corrupt".
    if (format == Format::Png && bytes.size() >= 24 && std::memcmp(bytes.data() + 12, "IHDR", 4) == 0) {
        auto be32 = [&](size_t at) {
            return uint32_t(bytes[at]) << 24 | uint32_t(bytes[at + 1]) << 16 | uint32_t(bytes[at + 2]) << 8 | bytes[at + 3];
        };
        OH_TRY(checkSize(be32(16), be32(20), limits));
    }
    int width = 0, height = 0, channels = 0;
    int length = int(bytes.size());
    if (!stbi_info_from_memory(bytes.data(), length, &width, &height, &channels))
        return makeError(std::string("corrupt ") + kind + " header");
    OH_TRY(checkSize(uint64_t(width), uint64_t(height), limits));
    // stbi_load_* converts 16-bit PNGs to 8 bits per channel on its own.
    std::unique_ptr<stbi_uc, StbiFree> pixels(stbi_load_from_memory(bytes.data(), length, &width, &height, &channels, 4));
    if (!pixels) {
        const char* reason = stbi_failure_reason();
        return makeError(std::string("corrupt ") + kind + " data" + (reason ? std::string(" (") + reason + ")" : ""));
    }
    out.width = uint32_t(width);
    out.height = uint32_t(height);
    out.pixels.assign(pixels.get(), pixels.get() + size_t(width) * size_t(height) * 4);
    return ok();
}

Status decodeWebP(std::span<const uint8_t> bytes, const DecodeLimits& limits, scene::Image& out) {
    int width = 0, height = 0;
    if (!WebPGetInfo(bytes.data(), bytes.size(), &width, &height)) return makeError("corrupt WebP header");
    OH_TRY(checkSize(uint64_t(width), uint64_t(height), limits));
    out.width = uint32_t(width);
    out.height = uint32_t(height);
    out.pixels.resize(size_t(width) * size_t(height) * 4);
    // Decode straight into our buffer: no intermediate copy.
    if (!WebPDecodeRGBAInto(bytes.data(), bytes.size(), out.pixels.data(), out.pixels.size(), width * 4)) {
        out.pixels.clear();
        return makeError("corrupt WebP data");
    }
    return ok();
}

void downsample(scene::Image& image, uint32_t maxDimension) {
    uint32_t largest = std::max(image.width, image.height);
    if (maxDimension == 0 || largest <= maxDimension) return;
    double scale = double(maxDimension) / double(largest);
    uint32_t width = std::max(1u, uint32_t(image.width * scale + 0.5));
    uint32_t height = std::max(1u, uint32_t(image.height * scale + 0.5));
    std::vector<uint8_t> resized(size_t(width) * height * 4);
    // Filtered in stored values (the colour space is not known here); fine for
    // the preview-sized reductions this option is for.
    stbir_resize_uint8(image.pixels.data(), int(image.width), int(image.height), 0, resized.data(), int(width),
                       int(height), 0, 4);
    image.width = width;
    image.height = height;
    image.pixels = std::move(resized);
}

}  // namespace

Status decodeImage(std::span<const uint8_t> bytes, const DecodeLimits& limits, scene::Image& out) {
    if (bytes.empty()) return makeError("image data is empty");
    if (bytes.size() > size_t(std::numeric_limits<int>::max())) return makeError("image data is larger than 2 GiB");
    Format format = sniff(bytes);
    Status status = ok();
    switch (format) {
        case Format::Png:
        case Format::Jpeg: status = decodeStb(bytes, format, limits, out); break;
        case Format::WebP: status = decodeWebP(bytes, limits, out); break;
        case Format::Unknown: return makeError("not a PNG, JPEG or WebP image");
    }
    if (!status) return status;
    downsample(out, limits.maxDimension);
    return ok();
}

}  // namespace oh::image
