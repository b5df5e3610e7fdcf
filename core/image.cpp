#include "core/image.h"

#include <algorithm>
#include <cstring>

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include "core/file_io.h"

namespace oh {

namespace {

Status checkWritable(const std::filesystem::path& path, const RgbaImage& image) {
    if (image.width == 0 || image.height == 0 || image.pixels.size() != size_t(image.width) * image.height * 4)
        return makeError(displayPath(path) + ": no image to write", kExitIo);
    return ok();
}

// stb_image_write's callback: collects the encoded bytes so the file can be
// written atomically in one go.
void appendBytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<uint8_t>*>(context);
    out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
}

}  // namespace

Status writePng(const std::filesystem::path& path, const RgbaImage& image) {
    OH_TRY(checkWritable(path, image));
    std::vector<uint8_t> encoded;
    if (!stbi_write_png_to_func(appendBytes, &encoded, int(image.width), int(image.height), 4, image.pixels.data(),
                                int(image.width * 4)))
        return makeError(displayPath(path) + ": PNG encoding failed", kExitIo);
    return writeFileAtomic(path, encoded);
}

Status writeJpeg(const std::filesystem::path& path, const RgbaImage& image, int quality) {
    OH_TRY(checkWritable(path, image));
    std::vector<uint8_t> encoded;
    // stb's JPEG writer reads 4-channel input and ignores the alpha channel.
    if (!stbi_write_jpg_to_func(appendBytes, &encoded, int(image.width), int(image.height), 4, image.pixels.data(),
                                std::clamp(quality, 1, 100)))
        return makeError(displayPath(path) + ": JPEG encoding failed", kExitIo);
    return writeFileAtomic(path, encoded);
}

Result<RgbaImage> readPng(const std::filesystem::path& path) {
    auto bytes = readFile(path, uint64_t(512) << 20);
    if (!bytes) return bytes.error();
    int width = 0, height = 0, channels = 0;
    if (!stbi_info_from_memory(bytes->data(), int(bytes->size()), &width, &height, &channels))
        return makeError(displayPath(path) + ": not a readable image (" + stbi_failure_reason() + ")");
    if (width <= 0 || height <= 0 || uint64_t(width) * uint64_t(height) > (uint64_t(1) << 28))
        return makeError(displayPath(path) + ": image dimensions out of range");
    stbi_uc* pixels = stbi_load_from_memory(bytes->data(), int(bytes->size()), &width, &height, &channels, 4);
    if (!pixels) return makeError(displayPath(path) + ": cannot decode (" + stbi_failure_reason() + ")");
    RgbaImage image;
    image.width = uint32_t(width);
    image.height = uint32_t(height);
    image.pixels.assign(pixels, pixels + size_t(width) * height * 4);
    stbi_image_free(pixels);
    return image;
}

RgbaImage sideBySide(const std::vector<RgbaImage>& images) {
    RgbaImage out;
    for (const RgbaImage& image : images) {
        out.width += image.width;
        out.height = std::max(out.height, image.height);
    }
    out.pixels.assign(size_t(out.width) * out.height * 4, 0);
    uint32_t x0 = 0;
    for (const RgbaImage& image : images) {
        for (uint32_t y = 0; y < image.height; ++y)
            std::memcpy(&out.pixels[(size_t(y) * out.width + x0) * 4], &image.pixels[size_t(y) * image.width * 4],
                        size_t(image.width) * 4);
        x0 += image.width;
    }
    return out;
}

}  // namespace oh
