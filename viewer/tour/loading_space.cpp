#include "viewer/tour/loading_space.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace oh::viewer {
namespace {

constexpr uint32_t kFaceSize = 32;  // a smooth gradient needs no more: the sampler blends between texels

// sRGB colours, as a designer would pick them: a pale sky, a warm light
// horizon, a soft grey-blue floor — light enough that the space never
// reads as a black screen, dim enough not to glare.
const glm::vec3 kAbove(0.66f, 0.75f, 0.86f);
const glm::vec3 kHorizon(0.90f, 0.87f, 0.82f);
const glm::vec3 kBelow(0.40f, 0.43f, 0.48f);
const glm::vec4 kInnerRing(0.98f, 0.96f, 0.90f, 0.85f);
const glm::vec4 kOuterRing(0.98f, 0.96f, 0.90f, 0.45f);

// The colour towards elevation `up` (-1 straight down .. 1 straight up).
glm::vec3 gradient(float up) {
    if (up >= 0.0f) return glm::mix(kHorizon, kAbove, std::sqrt(std::min(up, 1.0f)));
    return glm::mix(kHorizon, kBelow, std::min(-up * 2.5f, 1.0f));
}

// The up component of the direction through texel (x, y) of cube face
// `face` (Vulkan's order +X -X +Y -Y +Z -Z; each face's v runs down).
float texelUp(uint32_t face, uint32_t x, uint32_t y) {
    float u = (float(x) + 0.5f) / kFaceSize * 2.0f - 1.0f;
    float v = (float(y) + 0.5f) / kFaceSize * 2.0f - 1.0f;
    glm::vec3 direction;
    switch (face) {
        case 2: direction = {u, 1.0f, v}; break;    // +Y: straight up at its centre
        case 3: direction = {u, -1.0f, -v}; break;  // -Y
        default: direction = {u, -v, 1.0f}; break;  // the sides: only their height matters here
    }
    return glm::normalize(direction).y;
}

}  // namespace

Result<LoadingSpace> LoadingSpace::create(gfx::GpuContext& context) {
    std::vector<uint8_t> pixels;
    pixels.reserve(size_t(6) * kFaceSize * kFaceSize * 4);
    for (uint32_t face = 0; face < 6; ++face)
        for (uint32_t y = 0; y < kFaceSize; ++y)
            for (uint32_t x = 0; x < kFaceSize; ++x) {
                glm::vec3 colour = gradient(texelUp(face, x, y));
                for (int c = 0; c < 3; ++c) pixels.push_back(uint8_t(std::lround(colour[c] * 255.0f)));
                pixels.push_back(255);
            }
    gfx::PackedImageDesc desc{.format = scene::PixelFormat::Rgba8,
                              .width = kFaceSize,
                              .height = kFaceSize,
                              .mipLevels = 1,
                              .cube = true,
                              .srgb = true};
    auto cube = gfx::GpuTexture::upload(context, desc, pixels, "loading space");
    if (!cube) return cube.error();
    LoadingSpace space;
    space.m_cube = std::move(cube.value());
    return space;
}

glm::vec3 LoadingSpace::fadeColour() {
    // sRGB to linear light (IEC 61966-2-1), as the sampler decodes the cube.
    auto linear = [](float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); };
    return {linear(kHorizon.r), linear(kHorizon.g), linear(kHorizon.b)};
}

void LoadingSpace::addFloor(gfx::OverlayGeometry& geometry, const glm::vec3& feet) {
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    glm::vec3 onFloor = feet + glm::vec3(0.0f, 0.01f, 0.0f);  // just above it, never z-fighting
    geometry.addDisc(onFloor, up, 0.45f, kInnerRing, 0.41f);  // where the feet are
    geometry.addDisc(onFloor, up, 1.2f, kOuterRing, 1.17f);   // a room's worth of space around them
    geometry.addDisc(onFloor, up, 3.0f, kOuterRing, 2.96f);   // and one seen without looking down
}

}  // namespace oh::viewer
