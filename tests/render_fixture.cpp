#include "render_fixture.h"

#include <map>
#include <memory>
#include <set>
#include <tuple>

#include <doctest/doctest.h>

#include "test_main.h"
#include "viewer/tour/default_view.h"

namespace oh::test {
namespace {
using RendererMap = std::map<std::tuple<uint32_t, uint32_t, uint32_t>, std::unique_ptr<gfx::HeadlessRenderer>>;
RendererMap& renderers() {
    static RendererMap map;
    return map;
}
}  // namespace

gfx::HeadlessRenderer& headlessRenderer(uint32_t width, uint32_t height, uint32_t viewCount) {
    if (renderers().empty()) runAtTestExit([] { renderers().clear(); });
    auto& slot = renderers()[{width, height, viewCount}];
    if (!slot) {
        gfx::HeadlessOptions options;
        options.size = {width, height};
        options.viewCount = viewCount;
        options.validation = true;
        auto created = gfx::HeadlessRenderer::create(options);
        if (!created) FAIL("cannot create a headless renderer: " << created.error().message);
        slot = std::move(created.value());
    }
    return *slot;
}

std::string assetPath(const std::string& relative) { return std::string(OH_ASSETS_DIR) + "/" + relative; }

gfx::View defaultView(const scene::Scene& scene, float aspect) {
    gfx::Viewpoint viewpoint = gfx::frameBounds(scene.bounds, viewer::kDefaultFovRadians, aspect);
    glm::vec2 range = gfx::depthRangeFor(scene.bounds, viewpoint.eye);
    return {viewpoint.viewMatrix(), gfx::perspective(viewer::kDefaultFovRadians, aspect, range.x, range.y)};
}

gfx::View viewFrom(const scene::Scene& scene, glm::vec3 eye, float yawDegrees, float pitchDegrees, float aspect) {
    gfx::Viewpoint viewpoint{eye, glm::radians(yawDegrees), glm::radians(pitchDegrees)};
    glm::vec2 range = gfx::depthRangeFor(scene.bounds, eye);
    return {viewpoint.viewMatrix(), gfx::perspective(viewer::kDefaultFovRadians, aspect, std::min(range.x, 0.05f), range.y)};
}

RgbaImage renderAsset(const std::string& relative, uint32_t width, uint32_t height, const gfx::View* view) {
    auto imported = gltf::importFile(assetPath(relative));
    if (!imported) FAIL("import failed: " << imported.error().message);
    gfx::HeadlessRenderer& headless = headlessRenderer(width, height);
    uint32_t messagesBefore = headless.context().validationMessageCount();
    auto gpuScene = headless.upload(imported->scene);
    if (!gpuScene) FAIL("upload failed: " << gpuScene.error().message);
    gfx::View chosen = view ? *view : defaultView(imported->scene, float(width) / float(height));
    auto images = headless.render(*gpuScene, std::span(&chosen, 1));
    if (!images) FAIL("render failed: " << images.error().message);
    CHECK_MESSAGE(headless.context().validationMessageCount() == messagesBefore,
                  "Vulkan validation messages while rendering " << relative);
    return std::move(images->front());
}

size_t distinctColours(const RgbaImage& image) {
    std::set<uint32_t> colours;
    for (size_t p = 0; p + 3 < image.pixels.size(); p += 4)
        colours.insert(uint32_t(image.pixels[p]) << 16 | uint32_t(image.pixels[p + 1]) << 8 | image.pixels[p + 2]);
    return colours.size();
}

}  // namespace oh::test
