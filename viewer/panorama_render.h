// 360°x180° equirectangular panoramas for listings, made from six cube faces
// that the ordinary renderer draws (so a panorama has the same lighting,
// exposure and anti-aliasing as a photo from the same spot), resampled to the
// equirectangular image on the CPU. Not a renderer of its own: it only says
// which six views to draw and how to stitch what comes back.
//
// The equirectangular convention, which listing viewers rely on:
//   - the centre column (longitude 0) is the panorama's forward direction,
//     the model's -Z axis turned left by the yaw (as `openhouse render --yaw`);
//   - longitude increases to the right: clockwise seen from above, so the
//     image's right half shows what is on the viewer's right;
//   - the top row is straight up, the bottom row straight down;
//   - the first and last columns meet behind the viewer (a seamless wrap).
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include <glm/glm.hpp>

#include "core/image.h"
#include "renderer/renderer.h"

namespace oh::viewer {

constexpr uint32_t kCubeFaceCount = 6;

// Vulkan guarantees 2D images of at least 4096 pixels a side on every device
// (the minimum of maxImageDimension2D), so a face never exceeds that.
constexpr uint32_t kMaxCubeFaceSize = 4096;

// The cube-face size that keeps the panorama's detail at its equator: about
// a quarter of the equirectangular width (four faces go round), rounded up to
// a multiple of 8, between 8 and kMaxCubeFaceSize.
uint32_t cubeFaceSize(uint32_t equirectWidth);

// The six face views for a panorama at `eye` whose forward direction is -Z
// turned `yawRadians` left, in the order cubeToEquirect expects. Each face is
// square, `faceSize` pixels a side, and sees a little more than 90° so that the
// pixel centres on its border lie exactly on the cube's edges: neighbouring
// faces then share those samples and the stitch has no seam.
// `depthRange` is (near, far) in metres.
std::array<gfx::View, kCubeFaceCount> cubeFaceViews(glm::vec3 eye, float yawRadians, glm::vec2 depthRange,
                                                    uint32_t faceSize);

// Resamples six renders of cubeFaceViews (each faceSize x faceSize, same
// order) to a `width` x `height` equirectangular image with bilinear
// filtering. `faces` must all have the same square size of at least 2 pixels.
RgbaImage cubeToEquirect(std::span<const RgbaImage, kCubeFaceCount> faces, uint32_t width, uint32_t height);

}  // namespace oh::viewer
