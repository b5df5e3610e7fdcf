// The tape measure (navigation/measure.h): picking with edge and corner
// snapping and the measuring rules on a synthetic box room built in code, and
// accuracy on the generated demo apartment against its plan
// (scenes/demo-apartment.json), picked the way a user would.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "nav_scene_builder.h"
#include "navigation/collision_world.h"
#include "navigation/geometry.h"
#include "navigation/measure.h"
#include "scene/gltf_import.h"

using namespace oh;
using namespace oh::nav;
using namespace oh::test;  // SceneBuilder, buildWorld

namespace {

// A 4.8 x 3.8 m room, 2.5 m high: interior x 0.1..4.9, z 0.1..3.9, y 0..2.5.
// The floor is two quads meeting at x = 2.5 (a seam, not an edge); the north
// wall is two boxes meeting at x = 2.5 (their end faces hide inside it); the
// other walls are single boxes, quads split by their diagonals.
scene::Scene boxRoom() {
    SceneBuilder b;
    b.quad("Floor/west", {0, 0, 0}, {2.5f, 0, 0}, {2.5f, 0, 4}, {0, 0, 4});
    b.quad("Floor/east", {2.5f, 0, 0}, {5, 0, 0}, {5, 0, 4}, {2.5f, 0, 4});
    b.box("Ceiling", {0, 2.5f, 0}, {5, 2.6f, 4});
    b.box("Wall/north-west", {0, 0, 0}, {2.5f, 2.5f, 0.1f});
    b.box("Wall/north-east", {2.5f, 0, 0}, {5, 2.5f, 0.1f});
    b.box("Wall/south", {0, 0, 3.9f}, {5, 2.5f, 4});
    b.box("Wall/west", {0, 0, 0.1f}, {0.1f, 2.5f, 3.9f});
    b.box("Wall/east", {4.9f, 0, 0.1f}, {5, 2.5f, 3.9f});
    return b.scene();
}

// Standing in the room, a little off its middle (not in line with the seams).
const glm::vec3 kEye{2.3f, 1.6f, 2.1f};

MeasurePoint pickAt(const CollisionWorld& world, const glm::vec3& eye, const glm::vec3& target, float snapRadius) {
    PickOptions options;
    options.snapRadius = snapRadius;
    const auto pick = pickMeasurePoint(world, eye, target - eye, options);
    REQUIRE(pick.has_value());
    return *pick;
}

void checkNear(const glm::vec3& got, const glm::vec3& want, float tolerance = 1e-3f) {
    CAPTURE(got.x);
    CAPTURE(got.y);
    CAPTURE(got.z);
    CHECK(glm::distance(got, want) <= tolerance);
}

// Whether some triangle of the world has an edge passing within 1 mm of `p`
// (so a test that expects no snap there is not vacuous).
bool someEdgeThrough(const CollisionWorld& world, const glm::vec3& p) {
    for (const auto& t : world.triangles) {
        const glm::vec3 corners[3] = {t.a, t.b, t.c};
        for (int e = 0; e < 3; ++e) {
            const ClosestPoints c = closestSegmentSegment(corners[e], corners[(e + 1) % 3], p, p);
            if (c.distanceSquared <= 1e-6f) return true;
        }
    }
    return false;
}

}  // namespace

// [SECTION] picking and snapping in the box room

TEST_CASE("a pick away from every edge lands on the surface where the ray hits, with its normal") {
    const CollisionWorld world = buildWorld(boxRoom());
    const MeasurePoint pick = pickAt(world, kEye, {0.1f, 1.6f, 1.0f}, 0.05f);
    CHECK(pick.snap == SnapKind::Surface);
    checkNear(pick.point, {0.1f, 1.6f, 1.0f});
    checkNear(pick.normal, {1, 0, 0});
}

TEST_CASE("a ray that meets nothing picks nothing") {
    const CollisionWorld world = buildWorld(boxRoom());
    CHECK_FALSE(pickMeasurePoint(world, {20, 1, 20}, {1, 0, 0}).has_value());
    PickOptions shortRange;
    shortRange.maxRayDistance = 1.0f;
    CHECK_FALSE(pickMeasurePoint(world, kEye, {-1, 0, 0}, shortRange).has_value());
}

TEST_CASE("a pick within the snap radius of the wall-floor crease snaps onto it, from either face") {
    const CollisionWorld world = buildWorld(boxRoom());
    const MeasurePoint onFloor = pickAt(world, kEye, {0.13f, 0, 2.6f}, 0.05f);
    CHECK(onFloor.snap == SnapKind::Edge);
    checkNear(onFloor.point, {0.1f, 0, 2.6f});
    checkNear(onFloor.normal, {0, 1, 0});  // the surface the ray hit
    CHECK(std::abs(onFloor.edgeFrom.x - 0.1f) < 1e-4f);
    CHECK(std::abs(onFloor.edgeTo.x - 0.1f) < 1e-4f);

    const MeasurePoint onWall = pickAt(world, kEye, {0.1f, 0.03f, 2.6f}, 0.05f);
    CHECK(onWall.snap == SnapKind::Edge);
    checkNear(onWall.point, {0.1f, 0, 2.6f});
    checkNear(onWall.normal, {1, 0, 0});

    // Beyond the radius it stays on the surface.
    const MeasurePoint far = pickAt(world, kEye, {0.1f, 0.03f, 2.6f}, 0.02f);
    CHECK(far.snap == SnapKind::Surface);
}

TEST_CASE("a pick within the snap radius of the room's corner snaps to the corner, not the edges") {
    const CollisionWorld world = buildWorld(boxRoom());
    const MeasurePoint floorCorner = pickAt(world, kEye, {0.13f, 0, 0.14f}, 0.06f);
    CHECK(floorCorner.snap == SnapKind::Corner);
    checkNear(floorCorner.point, {0.1f, 0, 0.1f});

    const MeasurePoint ceilingCorner = pickAt(world, kEye, {4.88f, 2.47f, 3.9f}, 0.05f);
    CHECK(ceilingCorner.snap == SnapKind::Corner);
    checkNear(ceilingCorner.point, {4.9f, 2.5f, 3.9f});
}

TEST_CASE("a quad's diagonal and the seams between coplanar pieces are not edges") {
    const CollisionWorld world = buildWorld(boxRoom());
    // The west wall's inner face is one quad; both diagonals cross its centre.
    const glm::vec3 centre{0.1f, 1.25f, 2.0f};
    REQUIRE(someEdgeThrough(world, centre));
    const MeasurePoint diagonal = pickAt(world, kEye, centre, 0.08f);
    CHECK(diagonal.snap == SnapKind::Surface);
    checkNear(diagonal.point, centre);

    // The floor's two quads meet at x = 2.5.
    REQUIRE(someEdgeThrough(world, {2.5f, 0, 1.5f}));
    CHECK(pickAt(world, kEye, {2.52f, 0, 1.5f}, 0.05f).snap == SnapKind::Surface);

    // The north wall's two boxes meet at x = 2.5: a seam on the face, end
    // faces hidden inside; from the room it is flat wall.
    REQUIRE(someEdgeThrough(world, {2.5f, 1.2f, 0.1f}));
    CHECK(pickAt(world, kEye, {2.52f, 1.2f, 0.1f}, 0.05f).snap == SnapKind::Surface);

    // Where that seam meets the floor, the crease runs straight on: an edge, not a corner.
    const MeasurePoint crease = pickAt(world, kEye, {2.51f, 0, 0.13f}, 0.05f);
    CHECK(crease.snap == SnapKind::Edge);
    checkNear(crease.point, {2.51f, 0, 0.1f});
}

TEST_CASE("no snap radius means no snapping") {
    const CollisionWorld world = buildWorld(boxRoom());
    const MeasurePoint pick = pickAt(world, kEye, {0.13f, 0, 0.14f}, 0.0f);
    CHECK(pick.snap == SnapKind::Surface);
    checkNear(pick.point, {0.13f, 0, 0.14f});
}

TEST_CASE("a free-standing panel's rim is an edge (a boundary), and glass is a surface to measure to") {
    SceneBuilder b;
    b.quad("Floor", {-5, 0, -5}, {5, 0, -5}, {5, 0, 5}, {-5, 0, 5});
    b.quad("Pane", {-1, 0.5f, -2}, {1, 0.5f, -2}, {1, 2, -2}, {-1, 2, -2}, /*glass=*/true);
    const CollisionWorld world = buildWorld(b.scene());
    const glm::vec3 eye{0, 1.6f, 0};
    const MeasurePoint middle = pickAt(world, eye, {0.3f, 1.2f, -2}, 0.05f);
    CHECK(middle.snap == SnapKind::Surface);
    checkNear(middle.point, {0.3f, 1.2f, -2});
    checkNear(middle.normal, {0, 0, 1});
    const MeasurePoint rim = pickAt(world, eye, {0.3f, 1.98f, -2}, 0.05f);
    CHECK(rim.snap == SnapKind::Edge);
    checkNear(rim.point, {0.3f, 2, -2});
    const MeasurePoint corner = pickAt(world, eye, {0.97f, 1.97f, -2}, 0.05f);
    CHECK(corner.snap == SnapKind::Corner);
    checkNear(corner.point, {1, 2, -2});
}

TEST_CASE("an edge hidden behind the surface the ray hits does not capture the pick") {
    SceneBuilder b;
    b.quad("Floor", {-5, 0, -5}, {5, 0, -5}, {5, 0, 5}, {-5, 0, 5});
    // A 3 cm board with a panel hanging from its underside: a click on the
    // board's top is 3 cm from the panel's top edge, which cannot be seen.
    b.box("Board", {-1, 1.0f, -2}, {1, 1.03f, -1});
    b.quad("Hidden", {-1, 1.0f, -1.5f}, {1, 1.0f, -1.5f}, {1, 0.6f, -1.5f}, {-1, 0.6f, -1.5f});
    const CollisionWorld world = buildWorld(b.scene());
    const MeasurePoint pick = pickAt(world, {0, 2.5f, -1.5f}, {0.2f, 1.03f, -1.52f}, 0.05f);
    CHECK(pick.snap == SnapKind::Surface);
}

// [SECTION] measuring rules

TEST_CASE("free, horizontal and vertical measurements between a floor point and a wall point") {
    const CollisionWorld world = buildWorld(boxRoom());
    const MeasurePoint floor = pickAt(world, kEye, {1, 0, 1}, 0.02f);
    const MeasurePoint wall = pickAt(world, kEye, {4.9f, 1.2f, 3.0f}, 0.02f);
    REQUIRE(floor.snap == SnapKind::Surface);
    REQUIRE(wall.snap == SnapKind::Surface);

    const Measurement free = measureBetween(floor, wall);
    CHECK(free.rule == MeasureRule::Straight);
    CHECK(free.metres == doctest::Approx(std::sqrt(3.9f * 3.9f + 1.2f * 1.2f + 2.0f * 2.0f)).epsilon(1e-4));
    checkNear(free.from, {1, 0, 1});
    checkNear(free.to, {4.9f, 1.2f, 3.0f});

    const Measurement level = measureBetween(floor, wall, MeasureConstraint::Horizontal);
    CHECK(level.rule == MeasureRule::Level);
    CHECK(level.metres == doctest::Approx(std::sqrt(3.9f * 3.9f + 2.0f * 2.0f)).epsilon(1e-4));
    checkNear(level.to, {4.9f, 0, 3.0f});  // level at the first point's height

    const Measurement plumb = measureBetween(floor, wall, MeasureConstraint::Vertical);
    CHECK(plumb.rule == MeasureRule::Plumb);
    CHECK(plumb.metres == doctest::Approx(1.2f).epsilon(1e-4));
    checkNear(plumb.to, {1, 1.2f, 1});  // straight up from the first point
}

TEST_CASE("wall to wall and floor to ceiling read square to the surface from slanted clicks") {
    const CollisionWorld world = buildWorld(boxRoom());
    const MeasurePoint west = pickAt(world, kEye, {0.1f, 1.5f, 1.0f}, 0.03f);
    const MeasurePoint east = pickAt(world, kEye, {4.9f, 1.8f, 2.7f}, 0.03f);
    const Measurement across = measureBetween(west, east);
    CHECK(across.rule == MeasureRule::SquareToSurface);
    CHECK(across.metres == doctest::Approx(4.8f).epsilon(1e-4));
    checkNear(across.to, {4.9f, 1.5f, 1.0f});  // the foot of the perpendicular from the first click
    // Level between facing walls: the same; plumb: only the clicks' height difference.
    CHECK(measureBetween(west, east, MeasureConstraint::Horizontal).rule == MeasureRule::SquareToSurface);
    CHECK(measureBetween(west, east, MeasureConstraint::Horizontal).metres == doctest::Approx(4.8f).epsilon(1e-4));
    CHECK(measureBetween(west, east, MeasureConstraint::Vertical).rule == MeasureRule::Plumb);
    CHECK(measureBetween(west, east, MeasureConstraint::Vertical).metres == doctest::Approx(0.3f).epsilon(1e-3));

    const MeasurePoint floor = pickAt(world, kEye, {1.5f, 0, 2.9f}, 0.03f);
    const MeasurePoint ceiling = pickAt(world, kEye, {3.2f, 2.5f, 1.4f}, 0.03f);
    const Measurement height = measureBetween(floor, ceiling);
    CHECK(height.rule == MeasureRule::SquareToSurface);
    CHECK(height.metres == doctest::Approx(2.5f).epsilon(1e-4));
    checkNear(height.to, {1.5f, 2.5f, 2.9f});
    CHECK(measureBetween(floor, ceiling, MeasureConstraint::Vertical).rule == MeasureRule::SquareToSurface);
    CHECK(measureBetween(floor, ceiling, MeasureConstraint::Horizontal).rule == MeasureRule::Level);
}

TEST_CASE("surfaces that do not face each other, or a snapped second point, measure point to point") {
    const CollisionWorld world = buildWorld(boxRoom());
    const MeasurePoint west = pickAt(world, kEye, {0.1f, 1.5f, 1.0f}, 0.03f);
    // Another point on the same wall: parallel, but not facing.
    const MeasurePoint sameWall = pickAt(world, kEye, {0.1f, 1.0f, 3.0f}, 0.03f);
    CHECK(measureBetween(west, sameWall).rule == MeasureRule::Straight);
    CHECK(measureBetween(west, sameWall).metres == doctest::Approx(std::sqrt(0.25f + 4.0f)).epsilon(1e-4));
    // The east wall's crease with the floor, snapped: measured to as it is.
    const MeasurePoint crease = pickAt(world, kEye, {4.9f, 0.02f, 2.7f}, 0.05f);
    REQUIRE(crease.snap == SnapKind::Edge);
    const Measurement toCrease = measureBetween(west, crease);
    CHECK(toCrease.rule == MeasureRule::Straight);
    checkNear(toCrease.to, {4.9f, 0, 2.7f});
    // Walls 10 degrees off parallel are not "facing".
    MeasurePoint tilted = pickAt(world, kEye, {4.9f, 1.8f, 2.7f}, 0.03f);
    tilted.normal = glm::vec3(-std::cos(glm::radians(10.0f)), 0, std::sin(glm::radians(10.0f)));
    CHECK(measureBetween(west, tilted).rule == MeasureRule::Straight);
}

TEST_CASE("lengths read in whole centimetres below 10 m and in metres with two decimals from 10 m") {
    CHECK(formatLength(0.0f) == "0 cm");
    CHECK(formatLength(0.874f) == "87 cm");
    CHECK(formatLength(3.799f) == "380 cm");
    CHECK(formatLength(3.8f) == "380 cm");
    CHECK(formatLength(9.994f) == "999 cm");
    CHECK(formatLength(9.996f) == "10.00 m");
    CHECK(formatLength(12.454f) == "12.45 m");
    CHECK(formatLength(12.454f, ',') == "12,45 m");
    CHECK(formatLength(-1.0f) == "0 cm");
    CHECK(formatLength(std::nanf("")) == "0 cm");
}

TEST_CASE("the snap radius grows with distance between 1 and 8 cm") {
    CHECK(snapRadiusAt(0.3f) == doctest::Approx(0.01f));
    CHECK(snapRadiusAt(2.0f) == doctest::Approx(0.03f));
    CHECK(snapRadiusAt(20.0f) == doctest::Approx(0.08f));
}

TEST_CASE("a measurement list keeps measurements in order until the last is removed or all are cleared") {
    MeasurementList list;
    CHECK(list.empty());
    list.removeLast();  // harmless when empty
    Measurement a, b;
    a.metres = 1.0f;
    b.metres = 2.0f;
    list.add(a);
    list.add(b);
    REQUIRE(list.size() == 2);
    CHECK(list.items()[0].metres == 1.0f);
    CHECK(list.items()[1].metres == 2.0f);
    list.removeLast();
    REQUIRE(list.size() == 1);
    CHECK(list.items()[0].metres == 1.0f);
    list.clear();
    CHECK(list.empty());
}

// [SECTION] the generated demo apartment against its plan

namespace {

// The plan's facts the expectations come from (scenes/demo-apartment.json).
struct Plan {
    nlohmann::json json;

    // The room's polygon bounds in plan coordinates (x, z): rooms are drawn
    // along wall centre lines.
    glm::vec4 roomBounds(const std::string& name) const {  // min x, min z, max x, max z
        for (const auto& room : json["rooms"])
            if (room["name"] == name) {
                glm::vec4 b(1e9f, 1e9f, -1e9f, -1e9f);
                for (const auto& p : room["polygon"]) {
                    b.x = std::min(b.x, p[0].get<float>());
                    b.y = std::min(b.y, p[1].get<float>());
                    b.z = std::max(b.z, p[0].get<float>());
                    b.w = std::max(b.w, p[1].get<float>());
                }
                return b;
            }
        FAIL("no room " << name << " in the plan");
        return {};
    }

    // The thickness of the wall running along x = coordinate (axis 0) or
    // z = coordinate (axis 1) past `at` on the other axis: its own
    // "thickness", else the plan's wallThickness.
    float wallThickness(int axis, float coordinate, float at) const {
        for (const auto& wall : json["walls"]) {
            const float a0 = wall["from"][axis], a1 = wall["to"][axis];
            const float b0 = wall["from"][1 - axis], b1 = wall["to"][1 - axis];
            if (std::abs(a0 - coordinate) > 1e-4f || std::abs(a1 - coordinate) > 1e-4f) continue;
            if (at < std::min(b0, b1) || at > std::max(b0, b1)) continue;
            return wall.value("thickness", json["wallThickness"].get<float>());
        }
        FAIL("no wall along " << (axis == 0 ? "x = " : "z = ") << coordinate << " at " << at);
        return 0.0f;
    }
};

Plan readPlan() {
    std::ifstream file(OH_TESTS_DIR "/../scenes/demo-apartment.json");
    REQUIRE(file.good());
    return Plan{nlohmann::json::parse(file)};
}

CollisionWorld demoApartment() {
    gltf::ImportOptions options;
    options.loadImages = false;
    auto imported = gltf::importFile(OH_BINARY_DIR "/scenes/demo-apartment.glb", options);
    REQUIRE_MESSAGE(imported.has_value(), (imported.has_value() ? "" : imported.error().message));
    return buildWorld(imported->scene);
}

// Picks as the UI does: a ray from the eye through the target, the snap
// radius scaled with the distance. The target is where the plan says the
// surface is; the ray goes on until whatever the model has there.
MeasurePoint userPick(const CollisionWorld& world, const glm::vec3& eye, const glm::vec3& target) {
    PickOptions options;
    options.snapRadius = snapRadiusAt(glm::distance(eye, target));
    const auto pick = pickMeasurePoint(world, eye, target - eye, options);
    REQUIRE(pick.has_value());
    CHECK(pick->snap == SnapKind::Surface);  // the targets are chosen well away from edges
    return *pick;
}

void report(const char* what, const Measurement& m, float expected, const MeasurePoint& a, const MeasurePoint& b) {
    std::printf("measure: %-28s %7.2f cm (plan %7.2f cm, %s; clicks %.2f cm apart) \"%s\"\n", what, m.metres * 100.0f,
                expected * 100.0f, m.rule == MeasureRule::SquareToSurface ? "square to the surface" : "not square",
                glm::distance(a.point, b.point) * 100.0f, formatLength(m.metres).c_str());
}

}  // namespace

TEST_CASE("the demo apartment's rooms measure as the plan says, within 1 cm, from slanted clicks at eye height") {
    const Plan plan = readPlan();
    const CollisionWorld world = demoApartment();
    constexpr float kEyeHeight = 1.6f;

    // Wall faces lie half a wall's thickness inside the room's polygon (the
    // generator centres walls on the polygon's lines).
    const glm::vec4 bedroom = plan.roomBounds("bedroom");
    const float bedWest = bedroom.x + plan.wallThickness(0, bedroom.x, 1.0f) * 0.5f;
    const float bedEast = bedroom.z - plan.wallThickness(0, bedroom.z, 1.0f) * 0.5f;
    const float bedNorth = bedroom.y + plan.wallThickness(1, bedroom.y, 1.0f) * 0.5f;
    const float bedSouth = bedroom.w - plan.wallThickness(1, bedroom.w, 1.0f) * 0.5f;
    CHECK(bedEast - bedWest == doctest::Approx(3.80f).epsilon(1e-4));  // the figure the issue quotes

    // Standing at the foot of the bed. The targets avoid the window (west,
    // z 1.1..2.3), the wardrobe (east, z < 1.98), the door (east, z 2.2..3.0)
    // and the bed, and are never level with the eye or square to the wall.
    const glm::vec3 bedEye{2.0f, kEyeHeight, 0.8f};
    {
        const MeasurePoint west = userPick(world, bedEye, {bedWest, 1.45f, 0.6f});
        const MeasurePoint east = userPick(world, bedEye, {bedEast, 1.5f, 3.15f});
        const Measurement m = measureBetween(west, east);
        report("bedroom width (west-east)", m, bedEast - bedWest, west, east);
        CHECK(m.rule == MeasureRule::SquareToSurface);
        CHECK(std::abs(m.metres - (bedEast - bedWest)) <= 0.01f);
    }
    {
        const MeasurePoint north = userPick(world, bedEye, {0.7f, 1.5f, bedNorth});
        const MeasurePoint south = userPick(world, bedEye, {3.3f, 1.7f, bedSouth});
        const Measurement m = measureBetween(north, south);
        report("bedroom depth (north-south)", m, bedSouth - bedNorth, north, south);
        CHECK(m.rule == MeasureRule::SquareToSurface);
        CHECK(std::abs(m.metres - (bedSouth - bedNorth)) <= 0.01f);
    }

    // The ceilings are flat at wallHeight over each room's polygon and the
    // floors at y = 0 (tools/scene_generator/apartment.cpp, addFloorAndCeiling:
    // the ceiling is not lowered by the slab, which sits above it).
    const float height = plan.json["wallHeight"].get<float>();
    {
        const MeasurePoint floor = userPick(world, bedEye, {2.9f, 0.0f, 0.3f});  // beside the rug and the wardrobe
        const MeasurePoint ceiling = userPick(world, bedEye, {3.0f, height, 1.0f});  // clear of the lamp
        const Measurement m = measureBetween(floor, ceiling);
        report("bedroom floor to ceiling", m, height, floor, ceiling);
        CHECK(m.rule == MeasureRule::SquareToSurface);
        CHECK(std::abs(m.metres - height) <= 0.01f);
    }

    // The living room, standing south of the sofa: west wall between the
    // sideboard and the window (z 5.8..6.8), east wall south of the kitchen door.
    const glm::vec4 living = plan.roomBounds("living");
    const float livWest = living.x + plan.wallThickness(0, living.x, 5.0f) * 0.5f;
    const float livEast = living.z - plan.wallThickness(0, living.z, 5.0f) * 0.5f;
    const glm::vec3 livingEye{3.0f, kEyeHeight, 6.2f};
    {
        const MeasurePoint west = userPick(world, livingEye, {livWest, 1.5f, 5.55f});
        const MeasurePoint east = userPick(world, livingEye, {livEast, 1.4f, 6.3f});
        const Measurement m = measureBetween(west, east);
        report("living room width", m, livEast - livWest, west, east);
        CHECK(m.rule == MeasureRule::SquareToSurface);
        CHECK(std::abs(m.metres - (livEast - livWest)) <= 0.01f);
    }
}

TEST_CASE("on the demo apartment's wall, the seam where the pieces around a window meet is not an edge") {
    const CollisionWorld world = demoApartment();
    // The bedroom's west wall (inner face x = 0.125) is built of quads around
    // its window (z 1.1..2.3, sill 0.9): below the sill, the piece under the
    // window and the full-height piece beside it meet along z = 1.1.
    const glm::vec3 seam{0.125f, 0.5f, 1.1f};
    REQUIRE(someEdgeThrough(world, seam));
    const glm::vec3 eye{2.0f, 1.6f, 0.8f};
    PickOptions options;
    options.snapRadius = 0.05f;
    const auto pick = pickMeasurePoint(world, eye, glm::vec3(0.125f, 0.5f, 1.13f) - eye, options);
    REQUIRE(pick.has_value());
    CHECK(pick->snap == SnapKind::Surface);
    CHECK(pick->point.x == doctest::Approx(0.125f).epsilon(1e-3));
    // Above the sill the same line is the window's reveal: a real edge.
    const auto reveal = pickMeasurePoint(world, eye, glm::vec3(0.125f, 0.6f + 0.8f, 1.07f) - eye, options);
    REQUIRE(reveal.has_value());
    CHECK(reveal->snap == SnapKind::Edge);
    CHECK(reveal->point.z == doctest::Approx(1.1f).epsilon(2e-3));

    // What a pick near edges costs (the UI picks every frame while aiming).
    constexpr int kPicks = 200;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kPicks; ++i)
        (void)pickMeasurePoint(world, eye, glm::vec3(0.125f, 1.4f, 1.04f + 0.0005f * float(i)) - eye, options);
    const double us =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / kPicks;
    std::printf("measure: %.1f us per pick beside a window reveal (5 cm snap radius)\n", us);
}
