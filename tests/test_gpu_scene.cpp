// GPU scene lifetime: what an upload takes, unloading gives back.
#include <doctest/doctest.h>

#include "render_fixture.h"

namespace oh::test {

TEST_SUITE("gpu") {

TEST_CASE("unloading a scene gives back all of its GPU memory, load after load") {
    auto imported = gltf::importFile(assetPath("DamagedHelmet/glTF/DamagedHelmet.gltf"));
    REQUIRE(imported.has_value());
    gfx::HeadlessRenderer& headless = headlessRenderer(64, 64);
    // The renderer allocates its MSAA attachments at its first frame: the
    // baseline is taken after one load-render-unload cycle.
    uint64_t baseline = 0;
    for (int cycle = 0; cycle < 4; ++cycle) {
        CAPTURE(cycle);
        gfx::UploadStats stats;
        {
            auto scene = headless.upload(imported->scene, &stats);
            REQUIRE(scene.has_value());
            // Five 2048x2048 RGBA8 textures with full mip chains: at least 5 * 16 MiB * 4/3.
            CHECK(stats.textureBytes >= uint64_t(5) * 2048 * 2048 * 4 * 4 / 3);
            CHECK(gfx::liveDeviceMemoryBytes() >= baseline + stats.textureBytes + stats.geometryBytes);
            gfx::View view = defaultView(imported->scene, 1.0f);
            REQUIRE(headless.render(*scene, std::span(&view, 1)).has_value());
        }
        if (cycle == 0) baseline = gfx::liveDeviceMemoryBytes();
        CHECK(gfx::liveDeviceMemoryBytes() == baseline);
    }
    CHECK(headless.context().validationMessageCount() == 0);
}

}  // TEST_SUITE
}  // namespace oh::test
