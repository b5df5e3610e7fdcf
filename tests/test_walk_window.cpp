// Walking through the demo apartment in a real window (xvfb-run, lavapipe,
// validation on): scripted keys and clicks, checked against what the
// navigation module predicts for the same start and the same rays.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

#include <glm/gtc/constants.hpp>

#include "image_compare.h"
#include "navigation/collision_world.h"
#include "navigation/glide.h"
#include "navigation/start_spot.h"
#include "navigation/walker.h"
#include "openhouse_runner.h"
#include "renderer/camera.h"
#include "scene/gltf_import.h"
#include "viewer/desktop/walk_mode.h"
#include "viewer/tour/default_view.h"

namespace oh::test {
namespace {

const std::string kDemo = std::string(OH_BINARY_DIR) + "/scenes/demo-apartment.glb";
constexpr float kWidth = 320.0f, kHeight = 200.0f;

// What the viewer computes at start, computed here the same way.
struct Start {
    scene::Scene scene;
    nav::CollisionWorld world;
    nav::WalkerParams params;
    nav::StartSpot spot;
    float yaw = 0.0f;
};

const Start& demoStart() {
    static Start start = [] {
        Start s;
        gltf::ImportOptions options;
        options.loadImages = false;
        auto imported = gltf::importFile(kDemo, options);
        REQUIRE_MESSAGE(imported.has_value(), (imported ? "" : imported.error().message));
        s.scene = std::move(imported->scene);
        auto world = nav::buildCollisionWorld(s.scene);
        REQUIRE(world.has_value());
        s.world = std::move(world.value());
        auto spot = nav::findStartSpot(s.world, s.params);
        REQUIRE_MESSAGE(spot.has_value(), (spot ? "" : spot.error().message));
        s.spot = spot.value();
        s.yaw = std::atan2(-s.spot.forward.x, -s.spot.forward.z);
        return s;
    }();
    return start;
}

struct Pose {
    std::string mode;
    glm::vec3 eye{0.0f};
    float yawDegrees = 0.0f;
};

// Runs the demo in a small window with `script` for `frames` frames and reads the final pose.
Pose walk(const std::string& script, int frames) {
    Run run = openhouse(quoted(kDemo) + " --window 320x200 --no-overlay --print-pose --frames " +
                        std::to_string(frames) + " --input-script " + quoted(script));
    REQUIRE_MESSAGE(run.exitCode == 0, "openhouse exited with " << run.exitCode);
    Pose pose;
    std::istringstream line(run.output);
    std::string yawWord;
    REQUIRE_MESSAGE(bool(line >> pose.mode >> pose.eye.x >> pose.eye.y >> pose.eye.z >> yawWord >> pose.yawDegrees),
                    "no pose printed: " << run.output);
    return pose;
}

}  // namespace

TEST_SUITE("window") {

TEST_CASE("the demo apartment opens standing inside at eye height, showing the expected room") {
    const Start& start = demoStart();
    std::filesystem::path screenshot = freshOutput("walk-start.png");
    Run run = openhouse(quoted(kDemo) + " --window 320x200 --no-overlay --print-pose --frames 2 --screenshot " +
                        quoted(screenshot.string()));
    REQUIRE(run.exitCode == 0);
    CHECK(run.output.rfind("walk ", 0) == 0);
    Pose pose = walk("", 1);
    CHECK(pose.mode == "walk");
    CHECK(glm::length(pose.eye - start.spot.eye) < 0.01f);
    CHECK(pose.eye.y - start.spot.walker.feet.y == doctest::Approx(start.params.eyeHeight).epsilon(0.01));
    GoldenResult golden = checkGolden("window-demo-start", readImage(screenshot));
    CHECK_MESSAGE(golden.passed, golden.message);
}

TEST_CASE("walking forward into a wall stops at the wall, on the floor") {
    const Start& start = demoStart();
    // Turn to face a wall squarely (so the walker stops rather than slides):
    // of the walls met in the four quarter directions, the first that a
    // head-on sweep reaches within 4 m.
    std::optional<std::pair<float, float>> choice;  // yaw, distance
    auto capsule = nav::walkerCapsule(start.params, start.spot.walker.feet);
    for (int quarter = 0; quarter < 4 && !choice; ++quarter) {
        float yaw = start.yaw + float(quarter) * glm::half_pi<float>();
        auto hit = nav::sweep(start.world, capsule, glm::vec3(-std::sin(yaw), 0.0f, -std::cos(yaw)) * 4.0f);
        if (!hit || std::abs(hit->faceNormal.y) > 0.1f) continue;
        glm::vec3 facing = -glm::normalize(glm::vec3(hit->faceNormal.x, 0.0f, hit->faceNormal.z));
        auto square = nav::sweep(start.world, capsule, facing * 4.0f);
        if (square && glm::dot(square->faceNormal, -facing) > 0.999f && glm::dot(square->normal, -facing) > 0.999f &&
            square->fraction * 4.0f > 0.3f)
            choice = std::make_pair(std::atan2(-facing.x, -facing.z), square->fraction * 4.0f);
    }
    REQUIRE_MESSAGE(choice.has_value(), "no wall can be faced squarely within 4 m of the start spot");
    // (No structured bindings: clang cannot capture them in doctest's CAPTURE.)
    const float yaw = choice->first;
    const float distance = choice->second;
    glm::vec3 direction(-std::sin(yaw), 0.0f, -std::cos(yaw));
    float turn = std::remainder(yaw - start.yaw, glm::two_pi<float>());
    float dragPixels = turn / viewer::WalkMode::kRadiansPerPixel;
    int walkFrames = int(std::ceil((distance / viewer::WalkMode::kWalkSpeed + 1.0f) * 60.0f));
    char script[128];
    std::snprintf(script, sizeof script, "drag 0 %.3f 0; hold W 1 %d", dragPixels, 1 + walkFrames);
    Pose pose = walk(script, walkFrames + 2);

    glm::vec3 expectedFeet = start.spot.walker.feet + direction * distance;
    glm::vec3 feet = pose.eye - glm::vec3(0.0f, start.params.eyeHeight, 0.0f);
    CAPTURE(distance);
    CHECK(glm::length(glm::vec2(feet.x - expectedFeet.x, feet.z - expectedFeet.z)) < 0.05f);
    // The drag turned the view by exactly the quarter turns asked for.
    float turned = std::remainder(glm::radians(pose.yawDegrees) - yaw, glm::two_pi<float>());
    CHECK(std::abs(turned) < 0.002f);
    CHECK(pose.eye.y == doctest::Approx(start.spot.eye.y).epsilon(0.005));
}

TEST_CASE("a click on the floor glides there; a click on a wall is refused") {
    const Start& start = demoStart();
    auto rayAt = [](const gfx::Viewpoint& view, glm::vec2 pixel) {
        return gfx::pixelRay(view, pixel, {kWidth, kHeight}, viewer::kDefaultFovRadians);
    };
    // Turn (by eighths) until the lower half of the view shows floor that can
    // be glided to, and take the first such pixel.
    struct FloorClick {
        float turn;
        glm::vec2 pixel;
        nav::GlideTarget target;
    };
    std::optional<FloorClick> floorClick;
    for (int eighth = 0; eighth < 8 && !floorClick; ++eighth) {
        float turn = float(eighth) * glm::quarter_pi<float>();
        gfx::Viewpoint view{start.spot.eye, start.yaw + turn, 0.0f};
        for (float y = kHeight - 6.0f; y > kHeight * 0.52f && !floorClick; y -= 6.0f) {
            for (float x = kWidth * 0.1f; x <= kWidth * 0.9f && !floorClick; x += 8.0f) {
                nav::GlideTarget target = nav::pickGlideTarget(start.world, start.params, start.spot.walker,
                                                               view.eye, rayAt(view, {x, y}));
                if (target.ok() && glm::length(target.walker.feet - start.spot.walker.feet) > 0.5f)
                    floorClick = FloorClick{turn, {x, y}, target};
            }
        }
    }
    REQUIRE_MESSAGE(floorClick.has_value(), "no floor to glide to in any direction from the start spot");
    char script[96];
    std::snprintf(script, sizeof script, "drag 0 %.3f 0; click 1 %.1f %.1f",
                  floorClick->turn / viewer::WalkMode::kRadiansPerPixel, floorClick->pixel.x, floorClick->pixel.y);
    Pose glided = walk(script, 90);  // a glide lasts at most 1 s (60 frames)
    glm::vec3 feet = glided.eye - glm::vec3(0.0f, start.params.eyeHeight, 0.0f);
    CHECK(glm::length(feet - floorClick->target.walker.feet) < 0.02f);

    // Straight ahead at eye level is a wall, a window or furniture, not floor.
    gfx::Viewpoint view{start.spot.eye, start.yaw, 0.0f};
    glm::vec2 ahead(kWidth * 0.5f, kHeight * 0.5f);
    nav::GlideTarget wall =
        nav::pickGlideTarget(start.world, start.params, start.spot.walker, view.eye, rayAt(view, ahead));
    REQUIRE_FALSE(wall.ok());
    std::snprintf(script, sizeof script, "click 1 %.1f %.1f", ahead.x, ahead.y);
    Pose stayed = walk(script, 30);
    CHECK(glm::length(stayed.eye - start.spot.eye) < 0.01f);
}

TEST_CASE("Tab shows the dollhouse from above and a click on a floor drops back inside") {
    const Start& start = demoStart();
    Pose dollhouse = walk("press 0 TAB", 3);
    CHECK(dollhouse.mode == "dollhouse");
    CHECK(dollhouse.eye.y > start.scene.bounds.max.y);  // above the apartment, looking in

    // The middle of the dollhouse view is a floor of the apartment (ceilings are hidden).
    Pose dropped = walk("press 0 TAB; click 2 160 100", 4);
    CHECK(dropped.mode == "walk");
    CHECK(dropped.eye.y == doctest::Approx(start.spot.eye.y).epsilon(0.005));  // standing on the floor
    CHECK(start.scene.bounds.min.x < dropped.eye.x);
    CHECK(dropped.eye.x < start.scene.bounds.max.x);
    CHECK(start.scene.bounds.min.z < dropped.eye.z);
    CHECK(dropped.eye.z < start.scene.bounds.max.z);
}

}  // TEST_SUITE
}  // namespace oh::test
