// Stereo: both eyes come out of one multiview pass, each identical to a
// single-view render of that eye, and apart by the parallax the IPD predicts.
#include <doctest/doctest.h>

#include <cmath>

#include "image_compare.h"
#include "render_fixture.h"

namespace oh::test {
namespace {

constexpr uint32_t kSize = 256;

// Horizontal centre of the pixels that differ from the top-left (sky) pixel's row colour.
double objectCentreX(const RgbaImage& image) {
    double sum = 0.0, count = 0.0;
    for (uint32_t y = 0; y < image.height; ++y) {
        const uint8_t* rowStart = &image.pixels[size_t(y) * image.width * 4];
        for (uint32_t x = 0; x < image.width; ++x) {
            const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
            int difference = std::abs(p[0] - rowStart[0]) + std::abs(p[1] - rowStart[1]) + std::abs(p[2] - rowStart[2]);
            if (difference > 30) {
                sum += x;
                count += 1.0;
            }
        }
    }
    return count > 0 ? sum / count : -1.0;
}

struct StereoShot {
    gfx::View eyes[2];
    float fov, distance, ipd;
};

StereoShot boxShot(const scene::Scene& scene) {
    StereoShot shot{{}, glm::radians(60.0f), 4.0f, 0.25f};
    glm::vec3 target = scene.bounds.center();
    gfx::Viewpoint head{target + glm::vec3(0.0f, 0.0f, shot.distance), 0.0f, 0.0f};
    glm::mat4 projection = gfx::perspective(shot.fov, 1.0f, 0.1f, 50.0f);
    auto [left, right] = gfx::stereoEyeViews(head.viewMatrix(), shot.ipd);
    shot.eyes[0] = {left, projection};
    shot.eyes[1] = {right, projection};
    return shot;
}

// Renders `eyes` as a stereo pair with `stereo` and each eye alone with a
// single-view renderer; the pair must match the singles.
std::vector<RgbaImage> renderPairAndCompare(gfx::HeadlessRenderer& stereo, const scene::Scene& scene,
                                            const gfx::View (&eyes)[2]) {
    uint32_t messagesBefore = stereo.context().validationMessageCount();
    auto stereoScene = stereo.upload(scene);
    REQUIRE(stereoScene.has_value());
    auto pair = stereo.render(*stereoScene, eyes);
    REQUIRE(pair.has_value());
    REQUIRE(pair->size() == 2);
    CHECK(stereo.context().validationMessageCount() == messagesBefore);

    gfx::HeadlessRenderer& mono = headlessRenderer(kSize, kSize, 1);
    auto monoScene = mono.upload(scene);
    REQUIRE(monoScene.has_value());
    for (int eye = 0; eye < 2; ++eye) {
        CAPTURE(eye);
        auto single = mono.render(*monoScene, std::span(&eyes[eye], 1));
        REQUIRE(single.has_value());
        ImageDifference difference = compareImages((*pair)[size_t(eye)], single->front());
        CHECK(difference.sameSize);
        CHECK(difference.meanAbsoluteError < 0.5);
    }
    return std::move(pair.value());
}

}  // namespace

TEST_SUITE("gpu") {

TEST_CASE("both eyes of a stereo frame match single-view renders and differ by the IPD's parallax") {
    auto imported = gltf::importFile(assetPath("BoxTextured/glTF/BoxTextured.gltf"));
    REQUIRE(imported.has_value());
    StereoShot shot = boxShot(imported->scene);
    std::vector<RgbaImage> pair = renderPairAndCompare(headlessRenderer(kSize, kSize, 2), imported->scene, shot.eyes);

    // The box is nearer than infinity, so the left eye sees it further right.
    // Its front face is about distance - 0.5 m away; its centroid a little further.
    double leftX = objectCentreX(pair[0]), rightX = objectCentreX(pair[1]);
    REQUIRE(leftX > 0.0);
    REQUIRE(rightX > 0.0);
    double focalPixels = (kSize * 0.5) / std::tan(shot.fov * 0.5);
    double expected = focalPixels * shot.ipd / double(shot.distance - 0.25f);
    CHECK((leftX - rightX) == doctest::Approx(expected).epsilon(0.15));
    CHECK(compareImages(pair[0], pair[1]).meanAbsoluteError > 1.0);
}

TEST_CASE("a single multiview pass draws both eyes like single-view renders") {
    // Forced multiview, on a model that stays inside the view: lavapipe's
    // multiview is only wrong for primitives that need clipping.
    gfx::HeadlessOptions options;
    options.size = {kSize, kSize};
    options.viewCount = 2;
    options.validation = true;
    options.viewPasses = gfx::RendererOptions::ViewPasses::Multiview;
    auto multiview = gfx::HeadlessRenderer::create(options);
    REQUIRE(multiview.has_value());
    CHECK_FALSE((*multiview)->renderer().passPerView());
    auto imported = gltf::importFile(assetPath("BoxTextured/glTF/BoxTextured.gltf"));
    REQUIRE(imported.has_value());
    StereoShot shot = boxShot(imported->scene);
    renderPairAndCompare(**multiview, imported->scene, shot.eyes);
}

TEST_CASE("stereo inside a room, where walls cross the view's edges, matches single-view renders") {
    auto imported = gltf::importFile(assetPath("webxr-home-theater/home-theater.gltf"));
    REQUIRE(imported.has_value());
    gfx::Viewpoint head{{0.0f, 1.2f, 2.5f}, 0.0f, 0.0f};
    glm::mat4 projection = gfx::perspective(glm::radians(90.0f), 1.0f, 0.05f, 50.0f);
    auto [left, right] = gfx::stereoEyeViews(head.viewMatrix(), 0.063f);
    gfx::View eyes[2] = {{left, projection}, {right, projection}};
    renderPairAndCompare(headlessRenderer(kSize, kSize, 2), imported->scene, eyes);
}

}  // TEST_SUITE
}  // namespace oh::test
