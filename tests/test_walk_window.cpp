// Walking through the demo apartment in a real window (xvfb-run, lavapipe,
// validation on): scripted keys and clicks, checked against what the
// navigation module predicts for the same start and the same rays; and the
// tape measure, checked against the apartment's plan.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include <glm/gtc/constants.hpp>
#include <nlohmann/json.hpp>

#include "image_compare.h"
#include "navigation/collision_world.h"
#include "navigation/glide.h"
#include "navigation/measure.h"
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

// The faces of the walls of the plan's room around the eye
// (scenes/demo-apartment.json). The plan draws rooms along the walls' centre
// lines, so each face lies half its wall's thickness inside the polygon.
struct RoomFaces {
    std::string name;
    float west = 0.0f, east = 0.0f, north = 0.0f, south = 0.0f;  // x, x, z, z
};

RoomFaces planRoomAround(const glm::vec3& eye) {
    std::ifstream file(OH_TESTS_DIR "/../scenes/demo-apartment.json");
    REQUIRE(file.good());
    const nlohmann::json plan = nlohmann::json::parse(file);
    // The wall along x = `line` (axis 0) or z = `line` (axis 1) passing `at` on the other axis.
    auto thickness = [&](int axis, float line, float at) {
        for (const auto& wall : plan["walls"]) {
            const float a0 = wall["from"][axis], a1 = wall["to"][axis], b0 = wall["from"][1 - axis],
                        b1 = wall["to"][1 - axis];
            if (std::abs(a0 - line) < 1e-4f && std::abs(a1 - line) < 1e-4f && std::min(b0, b1) <= at &&
                at <= std::max(b0, b1))
                return wall.value("thickness", plan["wallThickness"].get<float>());
        }
        FAIL("no wall along " << (axis == 0 ? "x = " : "z = ") << line);
        return 0.0f;
    };
    for (const auto& room : plan["rooms"]) {
        glm::vec2 min(1e9f), max(-1e9f);
        for (const auto& p : room["polygon"]) {
            min = glm::min(min, glm::vec2(p[0].get<float>(), p[1].get<float>()));
            max = glm::max(max, glm::vec2(p[0].get<float>(), p[1].get<float>()));
        }
        if (eye.x < min.x || eye.x > max.x || eye.z < min.y || eye.z > max.y) continue;
        REQUIRE_MESSAGE(room["polygon"].size() == 4, "the start room is not a rectangle: no one wall-to-wall figure");
        RoomFaces faces{room["name"]};
        faces.west = min.x + thickness(0, min.x, eye.z) * 0.5f;
        faces.east = max.x - thickness(0, max.x, eye.z) * 0.5f;
        faces.north = min.y + thickness(1, min.y, eye.x) * 0.5f;
        faces.south = max.y - thickness(1, max.y, eye.x) * 0.5f;
        return faces;
    }
    FAIL("the start spot is in no room of the plan");
    return {};
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

TEST_CASE("M, then two clicks on facing walls, measures the start room wall to wall as the plan says, within 1 cm") {
    const Start& start = demoStart();
    constexpr glm::vec2 kWindow(640.0f, 400.0f);  // larger than the other cases: the screenshot is looked at
    const gfx::Viewpoint view{nav::eyePosition(start.params, start.spot.walker), start.yaw, 0.0f};
    const glm::mat4 viewProjection =
        gfx::perspective(viewer::kDefaultFovRadians, kWindow.x / kWindow.y, 0.05f, 50.0f) * view.viewMatrix();
    const RoomFaces room = planRoomAround(view.eye);

    // Across the view, between the walls on either side of it: both are in sight.
    const glm::vec3 forward = view.forward();
    const bool alongX = std::abs(forward.x) > std::abs(forward.z);
    const float faceA = alongX ? room.north : room.west, faceB = alongX ? room.south : room.east;
    auto onWall = [&](float face, float ahead, float height) {
        const float along = (alongX ? view.eye.x + forward.x * ahead : view.eye.z + forward.z * ahead);
        return alongX ? glm::vec3(along, height, face) : glm::vec3(face, height, along);
    };
    // The pixel (0.1 px, as the script takes it) whose ray (gfx::pixelRay) meets `target`.
    auto pixelOf = [&](const glm::vec3& target) {
        glm::vec4 clip = viewProjection * glm::vec4(target, 1.0f);
        glm::vec2 pixel = (glm::vec2(clip) / clip.w + 1.0f) * 0.5f * kWindow - 0.5f;
        return glm::round(pixel * 10.0f) / 10.0f;
    };
    // Picks as the viewer does: through the pixel, snapping within snapRadiusAt of the distance.
    auto pickAt = [&](glm::vec2 pixel) -> std::optional<nav::MeasurePoint> {
        const glm::vec3 ray = gfx::pixelRay(view, pixel, kWindow, viewer::kDefaultFovRadians);
        auto hit = nav::raycast(start.world, nav::RayQuery{view.eye, ray});
        if (!hit) return std::nullopt;
        nav::PickOptions options;
        options.snapRadius = nav::snapRadiusAt(hit->distance);
        return nav::pickMeasurePoint(start.world, view.eye, ray, options);
    };
    // A click on the wall's face itself (not furniture, a window or an edge),
    // in the window; slanted clicks, as a hand makes them.
    auto clickOn = [&](float face, float firstAhead, float height) -> std::optional<glm::vec2> {
        for (float ahead = firstAhead; ahead < 6.0f; ahead += 0.35f) {
            const glm::vec2 pixel = pixelOf(onWall(face, ahead, height));
            if (glm::any(glm::lessThan(pixel, glm::vec2(10.0f))) || glm::any(glm::greaterThan(pixel, kWindow - 10.0f)))
                continue;
            auto pick = pickAt(pixel);
            if (pick && pick->snap == nav::SnapKind::Surface &&
                std::abs((alongX ? pick->point.z : pick->point.x) - face) < 0.005f)
                return pixel;
        }
        return std::nullopt;
    };
    const std::optional<glm::vec2> first = clickOn(faceA, 1.5f, 1.45f), second = clickOn(faceB, 2.2f, 1.3f);
    REQUIRE_MESSAGE(first.has_value(), "no clear patch of the " << room.name << "'s first wall in view");
    REQUIRE_MESSAGE(second.has_value(), "no clear patch of the " << room.name << "'s second wall in view");
    const nav::Measurement expectedTape = nav::measureBetween(*pickAt(*first), *pickAt(*second));
    const float expected = std::abs(faceB - faceA);

    // M, two clicks, M again: the tape stays after measuring ends, and the
    // screenshot shows it without the status line or the pointer's ring.
    char script[160];
    std::snprintf(script, sizeof script, "press 0 M; click 1 %.1f %.1f; click 2 %.1f %.1f; press 3 M", first->x,
                  first->y, second->x, second->y);
    const std::string window = quoted(kDemo) + " --window 640x400 --no-overlay --frames 5 --screenshot ";
    const std::filesystem::path measured = freshOutput("walk-measure.png");
    const std::filesystem::path plain = freshOutput("walk-measure-none.png");
    Run run = openhouse(window + quoted(measured.string()) + " --input-script " + quoted(script) + " 2>&1");
    REQUIRE_MESSAGE(run.exitCode == 0, run.output);
    // "measured 360 cm wall to wall (square to the surface; 3.6000 m)"
    const std::regex line(R"(measured (\S+ c?m) (.+) \((.+); ([0-9.]+) m\))");
    std::smatch logged;
    REQUIRE_MESSAGE(std::regex_search(run.output, logged, line), "no measurement logged: " << run.output);
    const float metres = std::stof(logged[4].str());
    std::printf("measure: %s wall to wall %.2f cm (plan %.2f cm) logged as \"%s\"\n", room.name.c_str(),
                metres * 100.0f, expected * 100.0f, logged[0].str().c_str());
    CHECK(logged[2].str() == "wall to wall");
    CHECK(logged[3].str() == "square to the surface");
    CHECK(logged[1].str() == nav::formatLength(metres));  // the label says what was measured
    CHECK(std::abs(metres - expected) <= 0.01f);

    // The label sits on the tape's middle: there the picture differs from the same view without the tape.
    Run none = openhouse(window + quoted(plain.string()) + " --input-script 'press 0 M; press 3 M'");
    REQUIRE(none.exitCode == 0);
    const RgbaImage withTape = readImage(measured), without = readImage(plain);
    REQUIRE(withTape.width == without.width);
    REQUIRE(withTape.height == without.height);
    const glm::vec2 middle = pixelOf((expectedTape.from + expectedTape.to) * 0.5f);
    int changed = 0, light = 0, total = 0;
    for (int y = int(middle.y) - 8; y <= int(middle.y) + 8; ++y)
        for (int x = int(middle.x) - 24; x <= int(middle.x) + 24; ++x) {
            if (x < 0 || y < 0 || x >= int(withTape.width) || y >= int(withTape.height)) continue;
            const size_t i = (size_t(y) * withTape.width + size_t(x)) * 4;
            int difference = 0, darkest = 255;
            for (int c = 0; c < 3; ++c) {
                difference = std::max(difference, std::abs(int(withTape.pixels[i + c]) - int(without.pixels[i + c])));
                darkest = std::min(darkest, int(withTape.pixels[i + c]));
            }
            changed += difference > 40;
            light += darkest > 200;
            ++total;
        }
    CAPTURE(middle.x);
    CAPTURE(middle.y);
    CHECK(changed > total / 3);  // the pill and its text
    CHECK(light > total / 4);    // a light pill, with dark text on it
}

}  // TEST_SUITE
}  // namespace oh::test
