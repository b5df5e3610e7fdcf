// 360° equirectangular panoramas to cube maps for the tour's sky and room
// photos: decoded through photo_input (orientation, ICC, shrink on load),
// resampled to the six faces of a Vulkan cube map plus a small preview cube.
// Not for encoding the faces (texture/ does that) nor for listing photos.
//
// Directions and faces. World axes are the renderer's: +Y up, and the camera
// looks down -Z, so the panorama's centre is "forward" = -Z.
//   - An equirect pixel at u = (x + 0.5) / width, v = (y + 0.5) / height sees
//     longitude lon = 2π(u - 0.5) and latitude lat = π(0.5 - v): the image
//     centre (lon 0) is -Z, lon +90° (three quarters across) is +X, the
//     left/right edges (±180°) are +Z, the top row is +Y, the bottom row -Y.
//     Direction d = (sin lon · cos lat, sin lat, -cos lon · cos lat).
//     This is the panorama as seen from inside: turning right in the tour
//     pans right across the photo.
//   - Faces come in Vulkan's layer order +X, -X, +Y, -Y, +Z, -Z, each in the
//     Vulkan/OpenGL cube-map orientation (Vulkan spec, "Cube Map Face
//     Selection"): for face texel column s and row t (row 0 first in memory),
//     sc = 2(s + 0.5)/size - 1 and tc = 2(t + 0.5)/size - 1, the texel shows
//     direction
//         +X: ( 1, -tc, -sc)   -X: (-1, -tc,  sc)
//         +Y: (sc,   1,  tc)   -Y: (sc,  -1, -tc)
//         +Z: (sc, -tc,   1)   -Z: (-sc, -tc, -1)
//     so sampling the uploaded cube with a world direction returns the
//     panorama's colour for that direction. (Seen from inside, faces look
//     mirrored; that is the convention, not a bug.)
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>

#include "core/image.h"
#include "core/result.h"

namespace oh::pack {

enum class CubeFace : uint32_t { PositiveX, NegativeX, PositiveY, NegativeY, PositiveZ, NegativeZ };
inline constexpr uint32_t kCubeFaceCount = 6;

struct PanoramaOptions {
    uint32_t maxFaceSize = 2048;
    uint32_t previewFaceSize = 64;
};

// The face sizes a panorama `equirectWidth` pixels wide gets:
//   faceSize = the largest power of two <= min(maxFaceSize, equirectWidth / 4)
// (a face spans 90° of longitude, so a quarter of the width keeps the
// panorama's own resolution at the horizon and never enlarges it), and
//   previewFaceSize = the largest power of two <= min(options.previewFaceSize, faceSize),
// so each preview texel averages a whole square of face texels. Both are 0
// when the panorama is narrower than 4 pixels or an option is 0.
struct CubeSizes {
    uint32_t faceSize = 0;
    uint32_t previewFaceSize = 0;
};
CubeSizes cubeSizesFor(uint32_t equirectWidth, const PanoramaOptions& options);

struct CubeMap {
    std::array<RgbaImage, kCubeFaceCount> faces;    // faceSize², indexed by CubeFace
    std::array<RgbaImage, kCubeFaceCount> preview;  // previewFaceSize², same order
};

// Resamples an equirectangular RGBA8 image to a cube: bilinear, wrapping
// across the ±180° seam and clamped at the poles, then each preview texel the
// average of its square of face texels in linear light. Deterministic: the
// same input gives the same bytes whatever the thread count. Needs
// 1 <= previewFaceSize <= faceSize and a non-empty equirect (its aspect is
// not checked here); otherwise an error. Uses all cores.
Result<CubeMap> resampleToCube(const RgbaImage& equirect, const CubeSizes& sizes);

// Loads a 360° panorama file and makes its cube. Refuses, naming the file:
// what loadPhoto refuses, and a panorama whose width is not twice its height
// within 1% (the message gives the measured size). Decodes at 4 * faceSize
// pixels wide only (shrink on load), so a 16K panorama costs what the cube
// needs. Errors exit with kExitBadInput.
Result<CubeMap> equirectToCube(const std::filesystem::path& path, const PanoramaOptions& options = {});

}  // namespace oh::pack
