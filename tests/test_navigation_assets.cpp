// Navigation on real interiors: the shared webxr samples (floor, start spot,
// walls that stop the walker) and the demo apartment and block that the build
// generates (scenes/, target demo_scenes). Timings go to stdout.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "navigation/collision_world.h"
#include "navigation/start_spot.h"
#include "navigation/walker.h"
#include "scene/gltf_import.h"

using namespace oh;
using namespace oh::nav;

namespace {

struct Loaded {
    scene::Scene scene;
    CollisionWorld world;
};

Loaded load(const std::string& path) {
    gltf::ImportOptions options;
    options.loadImages = false;
    auto imported = gltf::importFile(path, options);
    REQUIRE_MESSAGE(imported.has_value(), (imported.has_value() ? "" : imported.error().message));
    const auto start = std::chrono::steady_clock::now();
    auto world = buildCollisionWorld(imported->scene);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(world.has_value());
    std::printf("navigation: %s: %zu triangles, BVH built in %.2f ms\n",
                std::filesystem::path(path).filename().c_str(), world->triangles.size(), ms);
    return {std::move(imported->scene), std::move(world.value())};
}

const char* const kInteriors[] = {
    OH_ASSETS_DIR "/webxr-home-theater/home-theater.gltf",
    OH_ASSETS_DIR "/webxr-cube-room/cube-room.gltf",
    OH_ASSETS_DIR "/webxr-garage/garage.gltf",
};

bool inside(const CollisionWorld& world, const WalkerParams& params, const WalkerState& state) {
    Capsule capsule = walkerCapsule(params, state.feet);
    capsule.radius -= 1e-3f;
    return overlaps(world, capsule);
}

}  // namespace

TEST_CASE("each webxr interior has floor under the middle of the room, low in its bounds") {
    for (const char* path : kInteriors) {
        CAPTURE(path);
        const Loaded room = load(path);
        const scene::Aabb& b = room.scene.bounds;
        const auto floor = floorBelow(room.world, b.center(), b.size().y);
        REQUIRE(floor.has_value());
        CHECK(floor->point.y < b.min.y + 0.2f * b.size().y);
        // Room to stand: the ceiling (or roof) is well above eye height.
        const auto above = raycast(room.world, RayQuery{floor->point + glm::vec3(0, 0.05f, 0), {0, 1, 0}});
        REQUIRE(above.has_value());
        CHECK(above->distance > 2.0f);
    }
}

TEST_CASE("each webxr interior's start spot is inside the room at floor plus eye height, with clearance") {
    const WalkerParams params;
    for (const char* path : kInteriors) {
        CAPTURE(path);
        const Loaded room = load(path);
        const auto start = std::chrono::steady_clock::now();
        const auto spot = findStartSpot(room.world, params);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        REQUIRE_MESSAGE(spot.has_value(), (spot.has_value() ? "" : spot.error().message));
        std::printf("navigation: start spot (%.2f, %.2f, %.2f) found in %.1f ms\n", spot->walker.feet.x,
                    spot->walker.feet.y, spot->walker.feet.z, ms);
        const scene::Aabb& b = room.scene.bounds;
        const glm::vec3 feet = spot->walker.feet;
        CHECK(feet.x > b.min.x + 1.0f);
        CHECK(feet.x < b.max.x - 1.0f);
        CHECK(feet.z > b.min.z + 1.0f);
        CHECK(feet.z < b.max.z - 1.0f);
        const auto floor = floorBelow(room.world, feet + glm::vec3(0, 0.1f, 0), 0.5f);
        REQUIRE(floor.has_value());
        CHECK(feet.y == doctest::Approx(floor->point.y + params.skin).epsilon(0.01f));
        CHECK(floor->point.y < b.min.y + 0.2f * b.size().y);  // the floor, not furniture
        CHECK(spot->eye.y == doctest::Approx(floor->point.y + params.eyeHeight).epsilon(0.01f));
        CHECK(spot->clearance >= 0.75f);
        CHECK_FALSE(inside(room.world, params, spot->walker));
        // Nothing within arm's reach around the eye.
        for (int i = 0; i < 16; ++i) {
            const float a = 6.2831853f * float(i) / 16.0f;
            CHECK_FALSE(anyHit(room.world, RayQuery{spot->eye, {std::cos(a), 0, std::sin(a)}, 0.5f}));
        }
    }
}

TEST_CASE("walking from the start spot towards each wall stops before it, inside the room") {
    const WalkerParams params;
    for (const char* path : kInteriors) {
        CAPTURE(path);
        const Loaded room = load(path);
        const auto spot = findStartSpot(room.world, params);
        REQUIRE(spot.has_value());
        const scene::Aabb& b = room.scene.bounds;
        for (const glm::vec3 heading : {glm::vec3(1, 0, 0), glm::vec3(-1, 0, 0), glm::vec3(0, 0, 1), glm::vec3(0, 0, -1)}) {
            CAPTURE(heading.x);
            CAPTURE(heading.z);
            WalkerState s = spot->walker;
            glm::vec3 before = s.feet;
            // 20 s at a brisk 2 m/s is longer than any of these rooms.
            for (int i = 0; i < 1200; ++i) {
                if (i == 1140) before = s.feet;
                s = step(room.world, params, s, heading * (2.0f / 60.0f), 1.0f / 60.0f);
                REQUIRE_FALSE(inside(room.world, params, s));
            }
            CHECK(glm::length(s.feet - before) < 0.01f);  // stopped
            CHECK(s.grounded);
            CHECK(s.feet.x > b.min.x);
            CHECK(s.feet.x < b.max.x);
            CHECK(s.feet.z > b.min.z);
            CHECK(s.feet.z < b.max.z);
            CHECK(s.feet.y < b.min.y + 0.2f * b.size().y);
            // Something blocks the next 5 cm of the way.
            Capsule capsule = walkerCapsule(params, s.feet);
            capsule.radius += params.skin;
            CHECK(sweep(room.world, capsule, heading * 0.05f).has_value());
        }
    }
}

TEST_CASE("a single object (the damaged helmet) has no start spot") {
    const Loaded helmet = load(OH_ASSETS_DIR "/DamagedHelmet/glTF/DamagedHelmet.gltf");
    const auto spot = findStartSpot(helmet.world, WalkerParams{});
    REQUIRE_FALSE(spot.has_value());
    MESSAGE(spot.error().message);
}

TEST_CASE("walker steps cost microseconds in the furnished garage") {
    const WalkerParams params;
    const Loaded garage = load(OH_ASSETS_DIR "/webxr-garage/garage.gltf");
    const auto spot = findStartSpot(garage.world, params);
    REQUIRE(spot.has_value());
    WalkerState s = spot->walker;
    const auto start = std::chrono::steady_clock::now();
    constexpr int kSteps = 5000;
    for (int i = 0; i < kSteps; ++i) {
        // Wander in long arcs so the walker spends time against furniture and walls.
        const float a = 0.004f * float(i) * (1.0f + float(i / 1000));
        s = step(garage.world, params, s, glm::vec3(std::cos(a), 0, std::sin(a)) * (2.0f / 90.0f), 1.0f / 90.0f);
        REQUIRE_FALSE(inside(garage.world, params, s));
    }
    const double us =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / kSteps;
    std::printf("navigation: garage: %.1f us per walker step (90 Hz, 2 m/s, overlap check included)\n", us);
}

// [SECTION] the generated demo apartment (scenes/demo-apartment.json: floor at
// y = 0, north wall z = 0 with the entrance, hallway x 4..5.6 z 0..3.4, living
// room x 0..6 z 3.4..7.2, big south window at x 1.9..4.1 with a 0.5 m sill).

TEST_CASE("the demo apartment's start spot is on the floor of the living room or hallway") {
    const WalkerParams params;
    const Loaded flat = load(OH_BINARY_DIR "/scenes/demo-apartment.glb");
    const auto spot = findStartSpot(flat.world, params);
    REQUIRE_MESSAGE(spot.has_value(), (spot.has_value() ? "" : spot.error().message));
    const glm::vec3 f = spot->walker.feet;
    CAPTURE(f.x);
    CAPTURE(f.z);
    const bool living = f.x > 0.2f && f.x < 5.8f && f.z > 3.6f && f.z < 7.0f;
    const bool hallway = f.x > 4.2f && f.x < 5.4f && f.z > 0.2f && f.z < 3.2f;
    CHECK((living || hallway));
    CHECK(f.y < 0.03f);  // the floor (or the 1 cm rug), not furniture
    CHECK(spot->clearance >= 0.5f);
    CHECK_FALSE(inside(flat.world, params, spot->walker));
}

TEST_CASE("the demo apartment's doors are passable and its window glass is not") {
    const WalkerParams params;
    const Loaded flat = load(OH_BINARY_DIR "/scenes/demo-apartment.glb");
    auto standAt = [&](glm::vec3 p) {
        const auto state = standOn(flat.world, params, p + glm::vec3(0, 1.0f, 0), 1.5f);
        REQUIRE(state.has_value());
        return *state;
    };
    auto walk = [&](WalkerState s, glm::vec3 velocity, float seconds) {
        for (int i = 0; i < int(seconds * 60.0f); ++i) {
            s = step(flat.world, params, s, velocity / 60.0f, 1.0f / 60.0f);
            REQUIRE_FALSE(inside(flat.world, params, s));
        }
        return s;
    };
    // Hallway → living room through the middle wall's door (x 4.35..5.25 at z 3.4).
    const WalkerState living = walk(standAt({4.8f, 0, 1.7f}), {0, 0, 1.2f}, 3.0f);
    CHECK(living.feet.z > 4.2f);
    // Hallway → bedroom through the door at z 2.2..3.0 in the wall x = 4.
    const WalkerState bedroom = walk(standAt({4.8f, 0, 2.6f}), {-1.2f, 0, 0}, 2.0f);
    CHECK(bedroom.feet.x < 3.5f);

    // The big south window (mullion at x = 3): a ray meets glass, and glass is
    // solid to the walker.
    const auto pane = raycast(flat.world, RayQuery{{2.4f, 1.4f, 6.0f}, {0, 0, 1}, 3.0f});
    REQUIRE(pane.has_value());
    CHECK(pane->seeThrough);
    CHECK(pane->point.z == doctest::Approx(7.2f).epsilon(0.02f));
    CHECK(overlaps(flat.world, Capsule{pane->point + glm::vec3(0, -0.3f, 0), pane->point + glm::vec3(0, 0.3f, 0), 0.1f}));
    const WalkerState atWindow = walk(standAt({3.0f, 0, 6.0f}), {0, 0, 1.2f}, 3.0f);
    CHECK(atWindow.feet.z < 7.2f - 0.125f - params.radius + 0.01f);
}

#ifdef NDEBUG
TEST_CASE("the generated 40-apartment block (over a million triangles) gets a collision world and a start spot") {
    const Loaded block = load(OH_BINARY_DIR "/scenes/apartment-block.glb");  // prints the build time
    CHECK(block.world.triangles.size() > 1000000);
    const auto spotStart = std::chrono::steady_clock::now();
    const auto spot = findStartSpot(block.world, WalkerParams{});
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - spotStart).count();
    REQUIRE(spot.has_value());
    std::printf("navigation: apartment block: start spot at height %.2f found in %.0f ms\n", spot->walker.feet.y, ms);
    CHECK(spot->walker.feet.y < block.scene.bounds.max.y - 2.0f);  // in an apartment, not on the roof
}
#endif
