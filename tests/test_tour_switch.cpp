// Switching tours (viewer/tour/tour_switch.h): the next tour read on a worker
// thread while the caller goes on, its scene uploaded on the caller's thread
// and adopted in place of the current tour's, the renderer and lighting
// kept; failures named; and the input script's `tour` verb that asks for a
// switch in scripted runs. Lavapipe, validation on. The headset's side (the
// loading space, fades, every frame drawn) is in test_xr_tour.cpp.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "render_fixture.h"
#include "viewer/desktop/input_script.h"
#include "viewer/tour/tour_switch.h"

namespace oh::test {
namespace {

// Polls like a frame loop (a frame every 5 ms) until the switch is done or 60 s have passed.
Result<std::optional<viewer::NextTour>> finish(viewer::TourSwitch& next, gfx::HeadlessRenderer& headless,
                                               int* framesWaited = nullptr) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    int frames = 0;
    while (true) {
        auto polled = next.poll(headless.context(), headless.renderer().materialSetLayout());
        if (!polled || polled->has_value() || std::chrono::steady_clock::now() > deadline) {
            if (framesWaited) *framesWaited = frames;
            return polled;
        }
        ++frames;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

viewer::TourRequest requestFor(const std::string& asset) {
    viewer::TourRequest request;
    request.input = assetPath(asset);
    return request;
}

TEST_CASE("an input script's tour verb names the tour to switch to at its frame, spaces in the path and all") {
    auto script = viewer::InputScript::parse("press 3 N; tour 12 listings/Mäkelänkatu 52 A 7.tour ; tour 20 b.tour");
    REQUIRE(script);
    CHECK_FALSE(script->tourAt(11));
    CHECK(script->tourAt(12) == std::filesystem::path("listings/Mäkelänkatu 52 A 7.tour"));
    CHECK(script->tourAt(20) == std::filesystem::path("b.tour"));
    CHECK_FALSE(script->tourAt(13));
    CHECK_FALSE(viewer::InputScript::parse("tour 5"));        // no path
    CHECK_FALSE(viewer::InputScript::parse("tour x a.tour"));  // no frame
}

TEST_CASE("a tour switch reads the next tour while the caller goes on, then takes the current tour's place, "
          "keeping its renderer and lighting") {
    gfx::HeadlessRenderer& headless = headlessRenderer(64, 64);
    auto tour = viewer::loadTour(headless.context(), requestFor("Box/glTF-Binary/Box.glb"), gfx::RendererOptions{});
    REQUIRE_MESSAGE(tour, (tour ? "" : tour.error().message));
    const gfx::Renderer* renderer = (*tour)->renderer.get();
    uint64_t oldScene = (*tour)->gpuScene.id();

    viewer::TourSwitch next = viewer::TourSwitch::start(requestFor("Duck/glTF-Binary/Duck.glb"));
    CHECK(next.request().input == assetPath("Duck/glTF-Binary/Duck.glb"));
    auto arrived = finish(next, headless);
    REQUIRE_MESSAGE(arrived, (arrived ? "" : arrived.error().message));
    REQUIRE(arrived->has_value());
    viewer::NextTour& duck = **arrived;
    CHECK(duck.loadMilliseconds > 0.0);
    CHECK(duck.uploadMilliseconds > 0.0);
    CHECK(duck.gpuScene.instances().size() == duck.model.scene.instances.size());
    // Spent: a second poll says so instead of uploading again.
    CHECK_FALSE(next.poll(headless.context(), headless.renderer().materialSetLayout()));

    size_t duckInstances = duck.gpuScene.instances().size();
    bool duckWalkable = duck.model.world.has_value();
    viewer::adoptTour(**tour, std::move(duck));
    CHECK((*tour)->renderer.get() == renderer);
    CHECK((*tour)->gpuScene.id() != oldScene);
    CHECK((*tour)->gpuScene.instances().size() == duckInstances);
    CHECK((*tour)->title(assetPath("Duck/glTF-Binary/Duck.glb")) == "Duck.glb");
    CHECK(((*tour)->walkable() != nullptr) == duckWalkable);  // its collision world came with it
    CHECK(headless.context().validationMessageCount() == 0);
}

TEST_CASE("a switch to a missing file, or to a glTF model where only signed bundles are trusted, fails naming it") {
    gfx::HeadlessRenderer& headless = headlessRenderer(64, 64);
    viewer::TourRequest missing;
    missing.input = "no-such-listing.tour";
    viewer::TourSwitch toMissing = viewer::TourSwitch::start(missing);
    auto failed = finish(toMissing, headless);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().message == "no-such-listing.tour: file not found");

    viewer::TourRequest untrusted = requestFor("Box/glTF-Binary/Box.glb");
    untrusted.trustedKeys = {"branch.pub"};
    viewer::TourSwitch toUntrusted = viewer::TourSwitch::start(untrusted);
    auto refused = finish(toUntrusted, headless);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("Box.glb: refused: only signed tour bundles open with --trust") !=
          std::string::npos);
}

}  // namespace
}  // namespace oh::test
