// Every glTF in ../shared/assets either renders (no validation message, not a
// blank frame) or is refused with one clear line naming the file and why.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "render_fixture.h"

namespace oh::test {
namespace {

std::vector<std::filesystem::path> allModels() {
    std::vector<std::filesystem::path> models;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(OH_ASSETS_DIR)) {
        std::string extension = entry.path().extension().string();
        if (entry.is_regular_file() && (extension == ".gltf" || extension == ".glb")) models.push_back(entry.path());
    }
    std::sort(models.begin(), models.end());
    return models;
}

// The only input here that cannot be shown: its textures exist only as KTX2/BasisU.
bool expectedToBeRefused(const std::filesystem::path& path) {
    return path.string().find("glTF-KTX-BasisU") != std::string::npos;
}

}  // namespace

TEST_SUITE("gpu") {

TEST_CASE("every model in the shared assets renders or is refused with a clear message") {
    std::vector<std::filesystem::path> models = allModels();
    REQUIRE(models.size() >= 70);
    gfx::HeadlessRenderer& headless = headlessRenderer(96, 72);
    for (const std::filesystem::path& path : models) {
        CAPTURE(path.string());
        auto imported = gltf::importFile(path);
        if (expectedToBeRefused(path)) {
            REQUIRE_FALSE(imported.has_value());
            const std::string& message = imported.error().message;
            CHECK(message.find(path.filename().string()) != std::string::npos);
            CHECK(message.find("KHR_texture_basisu") != std::string::npos);
            CHECK(message.find('\n') == std::string::npos);
            continue;
        }
        REQUIRE_MESSAGE(imported.has_value(), (imported ? "" : imported.error().message));
        uint32_t messagesBefore = headless.context().validationMessageCount();
        auto gpuScene = headless.upload(imported->scene);
        REQUIRE_MESSAGE(gpuScene.has_value(), (gpuScene ? "" : gpuScene.error().message));
        gfx::View view = defaultView(imported->scene, 96.0f / 72.0f);
        auto images = headless.render(*gpuScene, std::span(&view, 1));
        REQUIRE_MESSAGE(images.has_value(), (images ? "" : images.error().message));
        CHECK(headless.context().validationMessageCount() == messagesBefore);
        // The sky alone gives a smooth gradient of a few dozen colours; a model adds many more.
        CHECK(distinctColours(images->front()) > 60);
    }
}

}  // TEST_SUITE
}  // namespace oh::test
