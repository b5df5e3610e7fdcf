// Golden-image tests: each model rendered on lavapipe with validation on,
// compared with tests/golden/<name>.png (tolerance metric; a diff image in
// build/test-output on failure). Regenerate with OPENHOUSE_UPDATE_GOLDENS=1
// and look at every changed image before committing it.
#include <doctest/doctest.h>

#include "image_compare.h"
#include "render_fixture.h"

namespace oh::test {
namespace {

constexpr uint32_t kWidth = 320;
constexpr uint32_t kHeight = 240;

void checkModel(const std::string& name, const std::string& relative) {
    RgbaImage image = renderAsset(relative, kWidth, kHeight);
    CHECK_MESSAGE(distinctColours(image) > 50, name << " rendered as a nearly blank image");
    GoldenResult result = checkGolden(name, image);
    CHECK_MESSAGE(result.passed, result.message);
}

struct GoldenCase {
    const char* name;
    const char* path;
};

const GoldenCase kSampleModels[] = {
    {"MetalRoughSpheresNoTextures", "MetalRoughSpheresNoTextures/glTF/MetalRoughSpheresNoTextures.gltf"},
    {"AlphaBlendModeTest", "AlphaBlendModeTest/glTF/AlphaBlendModeTest.gltf"},
    {"NormalTangentMirrorTest", "NormalTangentMirrorTest/glTF/NormalTangentMirrorTest.gltf"},
    {"TextureTransformTest", "TextureTransformTest/glTF/TextureTransformTest.gltf"},
    {"TextureCoordinateTest", "TextureCoordinateTest/glTF/TextureCoordinateTest.gltf"},
    {"OrientationTest", "OrientationTest/glTF/OrientationTest.gltf"},
    {"NegativeScaleTest", "NegativeScaleTest/glTF/NegativeScaleTest.gltf"},
    {"MultiUVTest", "MultiUVTest/glTF/MultiUVTest.gltf"},
    {"UnlitTest", "UnlitTest/glTF/UnlitTest.gltf"},
    {"EmissiveStrengthTest", "EmissiveStrengthTest/glTF/EmissiveStrengthTest.gltf"},
    {"TextureEncodingTest", "TextureEncodingTest/glTF/TextureEncodingTest.gltf"},
    {"LightsPunctualLamp", "LightsPunctualLamp/glTF/LightsPunctualLamp.gltf"},
    {"DamagedHelmet", "DamagedHelmet/glTF/DamagedHelmet.gltf"},
    {"BoxWithSpaces", "Box With Spaces/glTF/Box With Spaces.gltf"},
    {"UnicodeTest", "Unicode❤♻Test/glTF/Unicode❤♻Test.gltf"},
};

}  // namespace

TEST_SUITE("golden") {

TEST_CASE("sample models render like their golden images") {
    for (const GoldenCase& model : kSampleModels) {
        CAPTURE(model.path);
        checkModel(model.name, model.path);
    }
}

TEST_CASE("every BoxTextured variant renders the same textured box") {
    RgbaImage gltf = renderAsset("BoxTextured/glTF/BoxTextured.gltf", kWidth, kHeight);
    GoldenResult result = checkGolden("BoxTextured", gltf);
    CHECK_MESSAGE(result.passed, result.message);
    for (const char* variant : {"BoxTextured/glTF-Binary/BoxTextured.glb", "BoxTextured/glTF-Embedded/BoxTextured.gltf"}) {
        CAPTURE(variant);
        RgbaImage other = renderAsset(variant, kWidth, kHeight);
        ImageDifference difference = compareImages(other, gltf);
        CHECK(difference.sameSize);
        CHECK(difference.meanAbsoluteError < 0.5);
    }
}

TEST_CASE("the three interiors render like their golden images from inside") {
    struct Interior {
        const char* name;
        const char* path;
        float wallInset;   // 0: stand in the middle; else that fraction of the depth from the +Z wall
        float yawDegrees;  // turned left from -Z
    };
    const Interior interiors[] = {
        {"webxr-home-theater", "webxr-home-theater/home-theater.gltf", 0.15f, 0.0f},
        {"webxr-cube-room", "webxr-cube-room/cube-room.gltf", 0.15f, 0.0f},
        {"webxr-garage", "webxr-garage/garage.gltf", 0.0f, 45.0f},
    };
    for (const Interior& interior : interiors) {
        CAPTURE(interior.path);
        auto imported = gltf::importFile(assetPath(interior.path));
        REQUIRE_MESSAGE(imported.has_value(), (imported ? "" : imported.error().message));
        // Standing at eye height near one wall, looking across the room.
        const scene::Aabb& bounds = imported->scene.bounds;
        glm::vec3 eye = bounds.center();
        eye.y = std::min(bounds.min.y + 1.6f, bounds.center().y + bounds.size().y * 0.25f);
        if (interior.wallInset > 0.0f) eye.z = bounds.max.z - bounds.size().z * interior.wallInset;
        gfx::View view =
            viewFrom(imported->scene, eye, interior.yawDegrees, -8.0f, float(kWidth) / float(kHeight));
        RgbaImage image = renderAsset(interior.path, kWidth, kHeight, &view);
        CHECK_MESSAGE(distinctColours(image) > 50, interior.name << " rendered as a nearly blank image");
        GoldenResult result = checkGolden(interior.name, image);
        CHECK_MESSAGE(result.passed, result.message);
    }
}

TEST_CASE("the generated demo apartment renders like its golden image from inside the living room") {
    // Made by the build (openhouse-scene, target demo_scenes), not a shared asset.
    const std::string path = OH_BINARY_DIR "/scenes/demo-apartment.glb";
    auto imported = gltf::importFile(path);
    REQUIRE_MESSAGE(imported.has_value(), (imported ? "" : imported.error().message));
    gfx::HeadlessRenderer& headless = headlessRenderer(kWidth, kHeight);
    uint32_t messagesBefore = headless.context().validationMessageCount();
    auto gpuScene = headless.upload(imported->scene);
    REQUIRE_MESSAGE(gpuScene.has_value(), (gpuScene ? "" : gpuScene.error().message));
    // Standing by the south window, looking across the sofa and coffee table to the TV wall.
    gfx::View view = viewFrom(imported->scene, {4.6f, 1.6f, 6.6f}, 60.0f, -8.0f, float(kWidth) / float(kHeight));
    auto images = headless.render(*gpuScene, std::span(&view, 1));
    REQUIRE_MESSAGE(images.has_value(), (images ? "" : images.error().message));
    CHECK(headless.context().validationMessageCount() == messagesBefore);
    const RgbaImage& image = images->front();
    CHECK_MESSAGE(distinctColours(image) > 50, "the demo apartment rendered as a nearly blank image");
    GoldenResult result = checkGolden("demo-apartment-living", image);
    CHECK_MESSAGE(result.passed, result.message);
}

}  // TEST_SUITE
}  // namespace oh::test
