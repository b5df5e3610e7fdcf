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

}  // namespace

TEST_SUITE("gpu") {

TEST_CASE("both eyes of a multiview pass match single-view renders and differ by the IPD's parallax") {
    auto imported = gltf::importFile(assetPath("BoxTextured/glTF/BoxTextured.gltf"));
    REQUIRE(imported.has_value());
    const float fov = glm::radians(60.0f), distance = 4.0f, ipd = 0.25f;
    glm::vec3 target = imported->scene.bounds.center();
    gfx::Viewpoint head{target + glm::vec3(0.0f, 0.0f, distance), 0.0f, 0.0f};
    glm::mat4 projection = gfx::perspective(fov, 1.0f, 0.1f, 50.0f);
    auto [left, right] = gfx::stereoEyeViews(head.viewMatrix(), ipd);
    gfx::View eyes[2] = {{left, projection}, {right, projection}};

    gfx::HeadlessRenderer& stereo = headlessRenderer(kSize, kSize, 2);
    uint32_t messagesBefore = stereo.context().validationMessageCount();
    auto stereoScene = stereo.upload(imported->scene);
    REQUIRE(stereoScene.has_value());
    auto pair = stereo.render(*stereoScene, eyes);
    REQUIRE(pair.has_value());
    REQUIRE(pair->size() == 2);
    CHECK(stereo.context().validationMessageCount() == messagesBefore);

    gfx::HeadlessRenderer& mono = headlessRenderer(kSize, kSize, 1);
    auto monoScene = mono.upload(imported->scene);
    REQUIRE(monoScene.has_value());
    for (int eye = 0; eye < 2; ++eye) {
        CAPTURE(eye);
        auto single = mono.render(*monoScene, std::span(&eyes[eye], 1));
        REQUIRE(single.has_value());
        ImageDifference difference = compareImages((*pair)[size_t(eye)], single->front());
        CHECK(difference.sameSize);
        CHECK(difference.meanAbsoluteError < 0.5);
    }

    // The box is nearer than infinity, so the left eye sees it further right.
    // Its front face sits about distance - 0.5 m away; the centroid of the
    // whole box, a little further.
    double leftX = objectCentreX((*pair)[0]), rightX = objectCentreX((*pair)[1]);
    REQUIRE(leftX > 0.0);
    REQUIRE(rightX > 0.0);
    double focalPixels = (kSize * 0.5) / std::tan(fov * 0.5);
    double expected = focalPixels * ipd / double(distance - 0.25f);
    CHECK((leftX - rightX) == doctest::Approx(expected).epsilon(0.15));
    CHECK(compareImages((*pair)[0], (*pair)[1]).meanAbsoluteError > 1.0);
}

}  // TEST_SUITE
}  // namespace oh::test
