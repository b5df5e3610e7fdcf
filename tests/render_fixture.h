// Shared set-up for GPU tests: one headless renderer per (size, views) with
// Vulkan validation on, reused across test cases, and helpers to import a
// test asset and frame it the way `openhouse render` does by default.
#pragma once

#include <string>
#include <vector>

#include "renderer/camera.h"
#include "renderer/headless.h"
#include "scene/gltf_import.h"

namespace oh::test {

// Validation is on; the returned renderer lives until the process exits.
gfx::HeadlessRenderer& headlessRenderer(uint32_t width, uint32_t height, uint32_t viewCount = 1);

// Path of an asset under ../shared/assets.
std::string assetPath(const std::string& relative);

// The default framing of `openhouse render` (50 degree vertical fov).
gfx::View defaultView(const scene::Scene& scene, float aspect);

// A view from `eye`, turned `yawDegrees` left from -Z and `pitchDegrees` up.
gfx::View viewFrom(const scene::Scene& scene, glm::vec3 eye, float yawDegrees, float pitchDegrees, float aspect);

// Imports `relative`, uploads it and renders it with `view`. Fails the
// current test (doctest REQUIRE) on any error or validation message.
RgbaImage renderAsset(const std::string& relative, uint32_t width, uint32_t height,
                      const gfx::View* view = nullptr);

// Number of distinct colours (a blank or single-colour frame has very few).
size_t distinctColours(const RgbaImage& image);

}  // namespace oh::test
