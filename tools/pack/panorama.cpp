// Equirectangular panoramas to cube maps: panorama.h's face table walked
// texel by texel (two faces computed, four by symmetry), bilinear sampling of
// the panorama, and a preview cube averaged in linear light.
#include "tools/pack/panorama.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "core/file_io.h"
#include "tools/pack/photo_input.h"

namespace oh::pack {
namespace {

constexpr double kPi = 3.14159265358979323846;
// A 360° panorama is twice as wide as it is high; cameras and stitchers are
// off by a few pixels at most.
constexpr int64_t kAspectToleranceDivisor = 100;  // 1%

struct Direction {
    double x, y, z;
};

// Where a direction falls on the equirect, in pixels with pixel centres on
// whole numbers; x may leave [0, width) and wraps.
struct EquirectPoint {
    double x, y;
};

EquirectPoint equirectPoint(const RgbaImage& equirect, Direction d) {
    double longitude = std::atan2(d.x, -d.z);
    double latitude = std::atan2(d.y, std::sqrt(d.x * d.x + d.z * d.z));
    return {(longitude / (2 * kPi) + 0.5) * equirect.width - 0.5, (0.5 - latitude / kPi) * equirect.height - 0.5};
}

// Bilinear in the stored (sRGB-encoded) values: the panorama is decoded at
// the faces' own resolution, so this is close to 1:1 and the encoding's curve
// does not show. Columns wrap (longitude ±180° are neighbours), rows clamp
// (nothing lies beyond a pole).
void sampleEquirect(const RgbaImage& equirect, EquirectPoint point, uint8_t* out) {
    double fx = std::floor(point.x);
    double fy = std::floor(point.y);
    double ax = point.x - fx;
    double ay = point.y - fy;
    int64_t width = equirect.width;
    int64_t maxRow = int64_t(equirect.height) - 1;
    int64_t x0 = ((int64_t(fx) % width) + width) % width;
    int64_t x1 = (x0 + 1) % width;
    int64_t y0 = std::clamp<int64_t>(int64_t(fy), 0, maxRow);
    int64_t y1 = std::clamp<int64_t>(int64_t(fy) + 1, 0, maxRow);
    auto texel = [&](int64_t x, int64_t y) { return &equirect.pixels[size_t((y * width + x) * 4)]; };
    const uint8_t* p00 = texel(x0, y0);
    const uint8_t* p10 = texel(x1, y0);
    const uint8_t* p01 = texel(x0, y1);
    const uint8_t* p11 = texel(x1, y1);
    for (int c = 0; c < 4; ++c) {
        double top = p00[c] * (1 - ax) + p10[c] * ax;
        double bottom = p01[c] * (1 - ax) + p11[c] * ax;
        out[c] = uint8_t(std::clamp(top * (1 - ay) + bottom * ay + 0.5, 0.0, 255.0));
    }
}

// The trigonometry is the cost, so it is done for two faces of panorama.h's
// table and the other four follow by symmetry:
//   - the side faces are the forward face (-Z) turned about +Y: texel (s, t)
//     of +X, +Z and -X shows the direction of -Z's (s, t) with longitude
//     +90°, +180° and +270°, the same equirect point moved right by a
//     quarter, a half and three quarters of the width;
//   - the up face (+Y) is the down face (-Y) mirrored: +Y's row size-1-t
//     shows -Y's row t with latitude negated, the same x and the mirrored y.
struct SideFace {
    CubeFace face;
    double turns;  // of longitude from forward
};
constexpr SideFace kSideFaces[] = {{CubeFace::NegativeZ, 0.0},
                                   {CubeFace::PositiveX, 0.25},
                                   {CubeFace::PositiveZ, 0.5},
                                   {CubeFace::NegativeX, 0.75}};

// Row t of the four side faces and of -Y, and row size-1-t of +Y.
void resampleRow(const RgbaImage& equirect, uint32_t t, std::array<RgbaImage, kCubeFaceCount>& faces) {
    uint32_t size = faces[0].width;
    double tc = 2.0 * (t + 0.5) / size - 1.0;
    size_t row = size_t(t) * size * 4;
    size_t mirroredRow = size_t(size - 1 - t) * size * 4;
    double lastRow = double(equirect.height) - 1.0;
    auto texelOf = [&](CubeFace face, size_t rowStart, uint32_t s) {
        return &faces[uint32_t(face)].pixels[rowStart + size_t(s) * 4];
    };
    for (uint32_t s = 0; s < size; ++s) {
        double sc = 2.0 * (s + 0.5) / size - 1.0;
        EquirectPoint forward = equirectPoint(equirect, {-sc, -tc, -1});  // -Z
        for (const SideFace& side : kSideFaces)
            sampleEquirect(equirect, {forward.x + side.turns * equirect.width, forward.y},
                           texelOf(side.face, row, s));
        EquirectPoint down = equirectPoint(equirect, {sc, -1, -tc});  // -Y
        sampleEquirect(equirect, down, texelOf(CubeFace::NegativeY, row, s));
        sampleEquirect(equirect, {down.x, lastRow - down.y}, texelOf(CubeFace::PositiveY, mirroredRow, s));
    }
}

// Calls rowFn(row) for every row in [0, rowCount) on all cores. Each row is
// written by exactly one call, so the result does not depend on scheduling.
template <typename RowFn>
void forEachRowInParallel(uint32_t rowCount, const RowFn& rowFn) {
    uint32_t threadCount = std::clamp<uint32_t>(std::thread::hardware_concurrency(), 1, rowCount);
    std::vector<std::thread> threads;
    for (uint32_t t = 0; t < threadCount; ++t)
        threads.emplace_back([&, t] {
            for (uint32_t row = t; row < rowCount; row += threadCount) rowFn(row);
        });
    for (std::thread& thread : threads) thread.join();
}

std::array<RgbaImage, kCubeFaceCount> blankFaces(uint32_t size) {
    std::array<RgbaImage, kCubeFaceCount> faces;
    for (RgbaImage& face : faces) face = RgbaImage{size, size, std::vector<uint8_t>(size_t(size) * size * 4)};
    return faces;
}

std::array<RgbaImage, kCubeFaceCount> resampleFaces(const RgbaImage& equirect, uint32_t size) {
    auto faces = blankFaces(size);
    forEachRowInParallel(size, [&](uint32_t t) { resampleRow(equirect, t, faces); });
    return faces;
}

// [SECTION] Preview by area averaging in linear light

// Averaging sRGB-encoded values darkens edges and highlights; averaging
// light does not. Alpha is coverage, already linear.
const std::array<double, 256>& srgbToLinear() {
    static const std::array<double, 256> table = [] {
        std::array<double, 256> values{};
        for (int i = 0; i < 256; ++i) {
            double c = i / 255.0;
            values[size_t(i)] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
        }
        return values;
    }();
    return table;
}

uint8_t linearToSrgb8(double linear) {
    double c = linear <= 0.0031308 ? linear * 12.92 : 1.055 * std::pow(linear, 1.0 / 2.4) - 0.055;
    return uint8_t(std::clamp(c * 255.0 + 0.5, 0.0, 255.0));
}

// Each preview texel averages its block x block square of face texels
// (block = faceSize / previewSize, exact for the power-of-two sizes of
// cubeSizesFor; otherwise the last rows and columns are left out).
void averageInto(const RgbaImage& face, RgbaImage& preview) {
    const auto& toLinear = srgbToLinear();
    uint32_t block = face.width / preview.width;
    double count = double(block) * block;
    for (uint32_t py = 0; py < preview.height; ++py) {
        for (uint32_t px = 0; px < preview.width; ++px) {
            double sum[4] = {0, 0, 0, 0};
            for (uint32_t y = py * block; y < (py + 1) * block; ++y) {
                const uint8_t* texel = &face.pixels[(size_t(y) * face.width + px * block) * 4];
                for (uint32_t x = 0; x < block; ++x, texel += 4) {
                    for (int c = 0; c < 3; ++c) sum[c] += toLinear[texel[c]];
                    sum[3] += texel[3];
                }
            }
            uint8_t* out = &preview.pixels[(size_t(py) * preview.width + px) * 4];
            for (int c = 0; c < 3; ++c) out[c] = linearToSrgb8(sum[c] / count);
            out[3] = uint8_t(sum[3] / count + 0.5);
        }
    }
}

std::array<RgbaImage, kCubeFaceCount> previewFaces(const std::array<RgbaImage, kCubeFaceCount>& faces,
                                                   uint32_t size) {
    auto preview = blankFaces(size);
    for (uint32_t face = 0; face < kCubeFaceCount; ++face) averageInto(faces[face], preview[face]);
    return preview;
}

// |width - 2 height| <= 1% of 2 height, in integers so 1% is exactly 1%.
bool isTwoToOne(uint32_t width, uint32_t height) {
    int64_t twiceHeight = 2 * int64_t(height);
    return std::abs(int64_t(width) - twiceHeight) * kAspectToleranceDivisor <= twiceHeight;
}

}  // namespace

CubeSizes cubeSizesFor(uint32_t equirectWidth, const PanoramaOptions& options) {
    uint32_t face = std::bit_floor(std::min(options.maxFaceSize, equirectWidth / 4));
    uint32_t preview = std::bit_floor(std::min(options.previewFaceSize, face));
    if (face == 0 || preview == 0) return {};
    return {face, preview};
}

Result<CubeMap> resampleToCube(const RgbaImage& equirect, const CubeSizes& sizes) {
    if (equirect.width == 0 || equirect.height == 0 ||
        equirect.pixels.size() != size_t(equirect.width) * equirect.height * 4)
        return makeError("panorama: the equirect image is empty or its pixel buffer does not match its size");
    if (sizes.previewFaceSize == 0 || sizes.previewFaceSize > sizes.faceSize)
        return makeError("panorama: cube faces of " + std::to_string(sizes.faceSize) + " pixels with a preview of " +
                         std::to_string(sizes.previewFaceSize) + " (needs 1 <= preview <= face)");
    CubeMap cube;
    cube.faces = resampleFaces(equirect, sizes.faceSize);
    cube.preview = previewFaces(cube.faces, sizes.previewFaceSize);
    return cube;
}

Result<CubeMap> equirectToCube(const std::filesystem::path& path, const PanoramaOptions& options) {
    if (options.maxFaceSize == 0 || options.previewFaceSize == 0)
        return makeError(displayPath(path) + ": panorama face sizes must be at least 1 pixel");
    auto info = probeImage(path);
    if (!info) return info.error();
    std::string measured = std::to_string(info->width) + "x" + std::to_string(info->height);
    if (!isTwoToOne(info->width, info->height))
        return makeError(displayPath(path) +
                         ": a 360° panorama must be twice as wide as it is high (2:1); this one is " + measured);
    CubeSizes sizes = cubeSizesFor(info->width, options);
    if (sizes.faceSize == 0)
        return makeError(displayPath(path) + ": a " + measured + " panorama is too small for a cube map");
    auto equirect = loadPhoto(path, PhotoLoadOptions{4 * sizes.faceSize});
    if (!equirect) return equirect.error();
    return resampleToCube(*equirect, sizes);
}

}  // namespace oh::pack
