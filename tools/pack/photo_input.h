// The packer's photo input: listing photos (camera JPEG, phone HEIC, PNG, WebP,
// TIFF) probed and decoded through libvips into upright sRGB RGBA8 pixels at
// the size the bundle needs. Not for writing images, nor for textures of 3D
// models (scene/ decodes those).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/image.h"
#include "core/result.h"

namespace oh::pack {

// The sizes the packer stores each listing photo at (long edge, pixels): the
// display copy the viewer shows full screen, and the thumbnail of the gallery.
inline constexpr uint32_t kDisplayLongEdge = 2048;
inline constexpr uint32_t kThumbnailLongEdge = 320;

// Images refused before any pixel is decoded, so a hostile or absurd file
// cannot exhaust memory. A 16384x8192 panorama (134 megapixels) is accepted.
inline constexpr uint32_t kMaxImageSide = 32768;
inline constexpr uint64_t kMaxImagePixels = 300'000'000;

struct ImageInfo {
    uint32_t width = 0;   // as shown, i.e. after the EXIF orientation is applied
    uint32_t height = 0;
    std::string format;   // the decoder: "jpeg", "png", "webp", "tiff" or "heif" (HEIC and AVIF)
    bool hasExifOrientation = false;  // an orientation tag other than "upright": loading turns the pixels
};

struct PhotoLoadOptions {
    // The decoded image's longer side is at most this many pixels (at least 1).
    // Smaller images keep their size: photos are never enlarged.
    uint32_t maxLongEdge = kDisplayLongEdge;
};

// Reads what the file says about itself (size, format, orientation) without
// decoding pixels. Refuses, with a one-line message naming the file and exit
// code kExitBadInput: a missing file, a folder, a file no allowed decoder
// recognises, and sizes of zero or beyond kMaxImageSide / kMaxImagePixels.
// Thread-safe.
Result<ImageInfo> probeImage(const std::filesystem::path& path);

// Decodes a photo for the bundle: turned upright by its EXIF orientation (a
// portrait phone photo comes out portrait), converted from its embedded ICC
// profile to sRGB (no profile: taken as sRGB), as RGBA8 with alpha 255 where
// the file has none, and shrunk (shrink-on-load where the format allows, then
// Lanczos) so the long edge is min(maxLongEdge, its own). The short edge is
// round(short * longTarget / long), at least 1, so sizes are exact and
// predictable. Everything probeImage refuses is refused here too, before
// decoding; truncated or corrupt data is an error (JPEG warnings included),
// never a half-grey image. Errors: one line naming the file, kExitBadInput.
// Thread-safe.
Result<RgbaImage> loadPhoto(const std::filesystem::path& path, const PhotoLoadOptions& options = {});

}  // namespace oh::pack
