// Headset locomotion without a headset: the teleport arc against synthetic
// rooms and the demo apartment (walls, glass, tables, stairs), and the
// Locomotion rules fed with made-up head, hand and stick poses (snap turn,
// teleport behind the fade, seated height, recentre, head in a wall).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include <glm/gtc/quaternion.hpp>

#include "nav_scene_builder.h"
#include "navigation/collision_world.h"
#include "navigation/teleport.h"
#include "navigation/walker.h"
#include "scene/gltf_import.h"
#include "viewer/xr/locomotion.h"

using namespace oh;
using namespace oh::nav;
using namespace oh::viewer;
using namespace oh::test;  // SceneBuilder, buildWorld, standAt

namespace {

constexpr float kDt = 1.0f / 90.0f;
constexpr float kG = 9.81f;

// One 12 x 10 m room, ceiling 3 m. A table (top 0.72..0.77) in the north-east,
// stairs of four 0.18 m steps up to a 0.72 m landing in the east, a 0.6 m
// ledge with no stairs in the south-west, and a full-height glass partition at
// x = -3 (z < -2) with more floor behind it.
scene::Scene room() {
    SceneBuilder b;
    b.box("Floor", {-6, -0.1f, -5}, {6, 0, 5});
    b.box("Ceiling", {-6, 3.0f, -5}, {6, 3.1f, 5});
    b.box("Wall/west", {-6.1f, 0, -5}, {-6, 3, 5});
    b.box("Wall/east", {6, 0, -5}, {6.1f, 3, 5});
    b.box("Wall/north", {-6, 0, -5.1f}, {6, 3, -5});
    b.box("Wall/south", {-6, 0, 5}, {6, 3, 5.1f});
    b.box("Wall/thick", {-1, 0, 3.5f}, {0, 3, 5});  // a 1 m thick pillar against the south wall
    b.box("Table/top", {3, 0.72f, -4}, {4.2f, 0.77f, -3.2f});
    for (float x : {3.0f, 4.15f})
        for (float z : {-4.0f, -3.25f}) b.box("Table/leg", {x, 0, z}, {x + 0.05f, 0.72f, z + 0.05f});
    for (int i = 0; i < 4; ++i) b.box("Stairs", {4.0f + 0.3f * float(i), 0, 1}, {6, 0.18f * float(i + 1), 5});
    b.box("Ledge", {-6, 0, 3}, {-4, 0.6f, 5});
    b.quad("Glass", {-3, 0, -5}, {-3, 3, -5}, {-3, 3, -2}, {-3, 0, -2}, true);
    return b.scene();
}

// The low launch direction that throws a projectile of `speed` from `origin`
// through `target` (the textbook ballistic angle).
glm::vec3 aimAt(const glm::vec3& origin, const glm::vec3& target, float speed = 7.0f) {
    const glm::vec2 flat(target.x - origin.x, target.z - origin.z);
    const float d = glm::length(flat), h = target.y - origin.y, v2 = speed * speed;
    const float root = v2 * v2 - kG * (kG * d * d + 2.0f * h * v2);
    REQUIRE(root >= 0.0f);
    const float pitch = std::atan((v2 - std::sqrt(root)) / (kG * d));
    const glm::vec2 across = flat / d * std::cos(pitch);
    return {across.x, std::sin(pitch), across.y};
}

Pose headPose(glm::vec3 position, float yawRadians) {
    return Pose{position, glm::angleAxis(yawRadians, glm::vec3(0, 1, 0))};
}

glm::vec3 toWorld(const Locomotion& loco, const glm::vec3& reference) {
    return glm::vec3(loco.playSpace().worldFromReference() * glm::vec4(reference, 1.0f));
}

float worldYaw(const Locomotion& loco, const Pose& pose) {
    const glm::vec3 forward = glm::mat3(loco.playSpace().worldFromReference()) * (pose.orientation * glm::vec3(0, 0, -1));
    return std::atan2(-forward.x, -forward.z);
}

float angleBetween(float a, float b) { return std::abs(std::remainder(a - b, 6.28318530718f)); }

// The hand's pose in the reference space that throws from world `origin` along world `direction`.
Pose aimPose(const Locomotion& loco, const glm::vec3& origin, const glm::vec3& direction) {
    const glm::mat4 referenceFromWorld = loco.referenceFromWorld();
    const glm::vec3 position(referenceFromWorld * glm::vec4(origin, 1.0f));
    const glm::vec3 along = glm::normalize(glm::mat3(referenceFromWorld) * direction);
    return Pose{position, glm::quatLookAt(along, glm::vec3(0, 1, 0))};
}

}  // namespace

// [SECTION] the teleport arc

TEST_CASE("the teleport arc lands on the floor spot the ballistic formula predicts") {
    const CollisionWorld world = buildWorld(room());
    const WalkerParams params;
    const WalkerState here = standAt(world, params, {0, 0, 0});
    const glm::vec3 hand(0.2f, 1.2f, 0.0f);
    for (const glm::vec3 target : {glm::vec3(2.0f, 0, 2.0f), glm::vec3(-2.5f, 0, -1.0f), glm::vec3(1.0f, 0, -4.0f)}) {
        CAPTURE(target);
        const TeleportArc arc = traceTeleportArc(world, params, here, hand, aimAt(hand, target));
        REQUIRE(arc.ok());
        CHECK(glm::length(arc.hitPoint - target) < 0.03f);
        CHECK(glm::length(glm::vec2(arc.landing.feet.x - target.x, arc.landing.feet.z - target.z)) < 0.03f);
        CHECK(arc.landing.feet.y == doctest::Approx(params.skin).epsilon(0.01));
        CHECK(arc.landing.grounded);
        CHECK(arc.points.front() == hand);
        CHECK(arc.points.back() == arc.hitPoint);
        CHECK(arc.hitNormal.y > 0.99f);
    }
}

TEST_CASE("an arc aimed at a wall stops at the wall and is refused") {
    const CollisionWorld world = buildWorld(room());
    const WalkerParams params;
    const WalkerState here = standAt(world, params, {0, 0, -3.5f});
    const glm::vec3 hand(0, 1.2f, -3.5f);
    const TeleportArc arc = traceTeleportArc(world, params, here, hand, {0, 0.3f, -1});
    CHECK(arc.refusal == TeleportRefusal::NotFloor);
    CHECK(arc.hitPoint.z == doctest::Approx(-5.0f).epsilon(0.001));
    for (const glm::vec3& p : arc.points) CHECK(p.z >= -5.0f - 1e-4f);
    // Straight up: the ceiling is no floor either.
    CHECK(traceTeleportArc(world, params, here, hand, {0, 1, 0}).refusal == TeleportRefusal::NotFloor);
}

TEST_CASE("an arc through a window is stopped by the glass, and an arc that falls short of anything hits nothing") {
    const CollisionWorld world = buildWorld(room());
    const WalkerParams params;
    const WalkerState here = standAt(world, params, {-1.0f, 0, -3.5f});
    const glm::vec3 hand(-1.0f, 1.2f, -3.5f);
    // Without the glass this would land on the floor behind it at x = -5.
    const TeleportArc arc = traceTeleportArc(world, params, here, hand, aimAt(hand, {-5.0f, 0, -3.5f}));
    CHECK(arc.refusal == TeleportRefusal::NotFloor);
    CHECK(arc.hitPoint.x == doctest::Approx(-3.0f).epsilon(0.001));
    for (const glm::vec3& p : arc.points) CHECK(p.x >= -3.0f - 1e-4f);

    TeleportOptions shortRange;
    shortRange.maxDistance = 1.0f;
    const TeleportArc clipped = traceTeleportArc(world, params, here, hand, {-1, 0.2f, 0}, shortRange);
    CHECK(clipped.refusal == TeleportRefusal::NothingHit);
    CHECK(glm::length(glm::vec2(clipped.points.back().x - hand.x, clipped.points.back().z - hand.z)) ==
          doctest::Approx(1.0f).epsilon(0.001));
}

TEST_CASE("a tabletop and a ledge are too high, the floor under a table has no room, and stairs are fine") {
    const CollisionWorld world = buildWorld(room());
    const WalkerParams params;
    const WalkerState here = standAt(world, params, {1.0f, 0, -3.6f});
    const glm::vec3 hand(1.0f, 1.2f, -3.6f);
    const TeleportArc table = traceTeleportArc(world, params, here, hand, aimAt(hand, {3.6f, 0.77f, -3.6f}));
    CHECK(table.refusal == TeleportRefusal::TooHigh);
    CHECK(table.hitPoint.y == doctest::Approx(0.77f).epsilon(0.001));

    const glm::vec3 lowHand(1.0f, 0.4f, -3.6f);  // a crouching user's hand, under the table's edge
    TeleportOptions gentle;
    gentle.launchSpeed = 5.0f;  // a flatter arc, that stays under the tabletop
    const TeleportArc under =
        traceTeleportArc(world, params, here, lowHand, aimAt(lowHand, {3.6f, 0, -3.6f}, gentle.launchSpeed), gentle);
    CHECK(under.refusal == TeleportRefusal::NoRoom);
    CHECK(under.hitPoint.y == doctest::Approx(0.0f).epsilon(0.001));

    const WalkerState west = standAt(world, params, {-4.5f, 0, 1.5f});
    const glm::vec3 westHand(-4.5f, 1.2f, 1.5f);
    CHECK(traceTeleportArc(world, params, west, westHand, aimAt(westHand, {-5.0f, 0.6f, 4.0f})).refusal ==
          TeleportRefusal::TooHigh);

    // Up the stairs onto the landing, 0.72 m up: the walk there climbs them.
    const WalkerState foot = standAt(world, params, {2.5f, 0, 3.0f});
    const glm::vec3 stairsHand(2.5f, 1.2f, 3.0f);
    const TeleportArc landing = traceTeleportArc(world, params, foot, stairsHand, aimAt(stairsHand, {5.5f, 0.72f, 3.0f}));
    REQUIRE(landing.ok());
    CHECK(landing.landing.feet.y == doctest::Approx(0.72f + params.skin).epsilon(0.01));
    CHECK(std::abs(landing.landing.feet.x - 5.5f) < 0.05f);
    // And back down from the landing to the floor.
    const glm::vec3 downHand(5.5f, 1.92f, 3.0f);
    CHECK(traceTeleportArc(world, params, landing.landing, downHand, aimAt(downHand, {2.5f, 0, 3.0f})).ok());
}

// [SECTION] Locomotion

TEST_CASE("snap turn keeps the head where it is and turns exactly 30 degrees, once per flick") {
    const CollisionWorld world = buildWorld(room());
    Locomotion loco(world, WalkerParams{}, TrackingFloor::RealFloor, ComfortSettings{});
    const Pose head = headPose({0.5f, 1.7f, -0.3f}, 0.4f);  // off the tracking origin, turned
    loco.jumpTo({0, 0, 0}, 1.0f, head, true);
    const glm::vec3 before = toWorld(loco, head.position);
    CHECK(worldYaw(loco, head) == doctest::Approx(1.0f));

    LocomotionInput input{kDt, head};
    input.thumbstick = {1.0f, 0.0f};  // right, held for a while
    for (int i = 0; i < 30; ++i) loco.update(input);
    CHECK(loco.snapTurnCount() == 1);
    CHECK(glm::length(toWorld(loco, head.position) - before) < 1e-4f);
    CHECK(angleBetween(worldYaw(loco, head), 1.0f - glm::radians(30.0f)) < 1e-4f);

    input.thumbstick = {0.1f, 0.0f};  // back near centre re-arms
    loco.update(input);
    input.thumbstick = {-0.9f, 0.1f};  // a flick left
    for (int i = 0; i < 10; ++i) loco.update(input);
    CHECK(loco.snapTurnCount() == 2);
    CHECK(angleBetween(worldYaw(loco, head), 1.0f) < 1e-4f);
    CHECK(glm::length(toWorld(loco, head.position) - before) < 1e-4f);
    CHECK(loco.fade() == 0.0f);
    CHECK(loco.teleportCount() == 0);
}

TEST_CASE("smooth turn turns about the head at its set speed with the vignette on") {
    const CollisionWorld world = buildWorld(room());
    ComfortSettings comfort;
    comfort.smoothTurn = true;
    Locomotion loco(world, WalkerParams{}, TrackingFloor::RealFloor, comfort);
    const Pose head = headPose({0.3f, 1.7f, 0.2f}, 0.0f);
    loco.jumpTo({0, 0, 0}, 0.0f, head, true);
    const glm::vec3 before = toWorld(loco, head.position);
    LocomotionInput input{kDt, head};
    input.thumbstick = {-1.0f, 0.0f};
    for (int i = 0; i < 90; ++i) loco.update(input);  // one second, full left
    CHECK(worldYaw(loco, head) == doctest::Approx(glm::radians(90.0f)).epsilon(0.01));
    CHECK(glm::length(toWorld(loco, head.position) - before) < 1e-4f);
    CHECK(loco.vignette() == 1.0f);
    CHECK(loco.snapTurnCount() == 0);
    input.thumbstick = {};
    for (int i = 0; i < 30; ++i) loco.update(input);
    CHECK(loco.vignette() == 0.0f);
}

TEST_CASE("a teleport puts the head over the landing spot facing the chosen yaw, jumping only at full black") {
    const CollisionWorld world = buildWorld(room());
    const WalkerParams params;
    Locomotion loco(world, params, TrackingFloor::RealFloor, ComfortSettings{});
    const Pose head = headPose({-0.4f, 1.65f, 0.6f}, 0.3f);
    loco.jumpTo({0, 0, 0}, 0.0f, head, true);
    const glm::vec3 handWorld = toWorld(loco, head.position) + glm::vec3(0.2f, -0.4f, 0);
    const glm::vec3 target(2.0f, 0, -2.5f);
    const glm::vec3 direction = aimAt(handWorld, target);

    LocomotionInput input{kDt, head, aimPose(loco, handWorld, direction)};
    input.thumbstick = {0.0f, 1.0f};  // forward: aim
    loco.update(input);
    REQUIRE(loco.aimingArc().has_value());
    REQUIRE(loco.aimingArc()->ok());
    CHECK(glm::length(loco.aimingArc()->hitPoint - target) < 0.03f);
    const float aimYaw = std::atan2(-direction.x, -direction.z);
    CHECK(angleBetween(loco.arrivalYaw(), aimYaw) < 1e-3f);
    input.thumbstick = {1.0f, 0.0f};  // stick to the right: arrive facing right of the aim, no snap turn
    for (int i = 0; i < 10; ++i) loco.update(input);
    CHECK(loco.snapTurnCount() == 0);
    const float chosenYaw = loco.arrivalYaw();
    CHECK(angleBetween(chosenYaw, aimYaw - glm::radians(90.0f)) < 1e-3f);
    const glm::vec3 landing = loco.aimingArc()->landing.feet;

    input.thumbstick = {};  // release
    const glm::vec3 before = toWorld(loco, head.position);
    bool jumped = false;
    for (int i = 0; i < 60; ++i) {
        loco.update(input);
        const bool moved = glm::length(toWorld(loco, head.position) - before) > 1e-4f;
        if (moved && !jumped) CHECK(loco.fade() == 1.0f);  // the frame that jumps is black
        if (!moved) CHECK(loco.fade() < 1.0f);
        jumped = jumped || moved;
    }
    REQUIRE(jumped);
    CHECK_FALSE(loco.aimingArc().has_value());
    CHECK(loco.teleportCount() == 1);
    CHECK(loco.fade() == 0.0f);
    const glm::vec3 eye = toWorld(loco, head.position);
    CHECK(glm::length(glm::vec2(eye.x - landing.x, eye.z - landing.z)) < 1e-3f);
    CHECK(eye.y == doctest::Approx(landing.y + 1.65f));
    CHECK(angleBetween(worldYaw(loco, head), chosenYaw) < 1e-3f);
    CHECK(glm::length(loco.feet().feet - landing) < 1e-3f);
}

TEST_CASE("a refused target shows its arc and teleports nothing; the button aims and teleports too") {
    const CollisionWorld world = buildWorld(room());
    Locomotion loco(world, WalkerParams{}, TrackingFloor::RealFloor, ComfortSettings{});
    const Pose head = headPose({0, 1.7f, 0}, 0.0f);
    loco.jumpTo({1.0f, 0, -3.6f}, 0.0f, head, true);
    const glm::vec3 hand(1.0f, 1.2f, -3.6f);

    LocomotionInput input{kDt, head, aimPose(loco, hand, aimAt(hand, {3.6f, 0.77f, -3.6f}))};  // the table
    input.teleportButton = true;
    loco.update(input);
    REQUIRE(loco.aimingArc().has_value());
    CHECK(loco.aimingArc()->refusal == TeleportRefusal::TooHigh);
    CHECK(loco.aimingArc()->points.size() > 10);
    const glm::vec3 before = toWorld(loco, head.position);
    input.teleportButton = false;
    for (int i = 0; i < 60; ++i) loco.update(input);
    CHECK(loco.teleportCount() == 0);
    CHECK(loco.fade() == 0.0f);
    CHECK(glm::length(toWorld(loco, head.position) - before) < 1e-6f);

    input.aim = aimPose(loco, hand, aimAt(hand, {1.0f, 0, -1.0f}));
    input.teleportButton = true;
    loco.update(input);
    REQUIRE(loco.aimingArc().has_value());
    CHECK(loco.aimingArc()->ok());
    input.thumbstick = {-1.0f, 0.0f};  // arrive facing left of the aim; letting go of the button does not snap too
    loco.update(input);
    input.teleportButton = false;
    for (int i = 0; i < 60; ++i) loco.update(input);
    CHECK(loco.teleportCount() == 1);
    CHECK(loco.snapTurnCount() == 0);
    CHECK(angleBetween(worldYaw(loco, head), glm::radians(-90.0f)) < 1e-3f);  // aimed along +z, turned left: +x
    CHECK(std::abs(toWorld(loco, head.position).z + 1.0f) < 0.03f);
}

TEST_CASE("seated mode raises the eye to standing height; head-level tracking already stands there") {
    const CollisionWorld world = buildWorld(room());
    ComfortSettings comfort;
    comfort.standingEyeHeight = 1.62f;
    Locomotion stage(world, WalkerParams{}, TrackingFloor::RealFloor, comfort);
    const Pose sitting = headPose({0, 1.1f, 0}, 0.0f);
    stage.jumpTo({2.5f, 0, 3.0f}, 0.0f, sitting, true);
    CHECK(toWorld(stage, sitting.position).y == doctest::Approx(1.1f));
    stage.setSeated(true, sitting);
    CHECK(stage.seated());
    CHECK(toWorld(stage, sitting.position).y == doctest::Approx(1.62f));
    // Still seated after a jump up the stairs: standing height above the landing.
    stage.jumpTo({5.5f, 0.72f, 3.0f}, 0.0f, sitting, true);
    CHECK(toWorld(stage, sitting.position).y == doctest::Approx(0.72f + 1.62f));
    stage.setSeated(false, sitting);
    CHECK(toWorld(stage, sitting.position).y == doctest::Approx(0.72f + 1.1f));

    Locomotion local(world, WalkerParams{}, TrackingFloor::HeadLevel, comfort);
    const Pose start = headPose({0, 0, 0}, 0.0f);
    local.jumpTo({2.5f, 0, 3.0f}, 0.0f, start, true);
    CHECK(toWorld(local, start.position).y == doctest::Approx(1.62f));
    // referenceFromWorld is the exact inverse, offsets included.
    const glm::mat4 roundTrip = local.referenceFromWorld() * local.playSpace().worldFromReference();
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) CHECK(roundTrip[c][r] == doctest::Approx(c == r ? 1.0f : 0.0f));
}

TEST_CASE("recentre brings the view back over the last spot, facing its way, behind a fade") {
    const CollisionWorld world = buildWorld(room());
    Locomotion loco(world, WalkerParams{}, TrackingFloor::RealFloor, ComfortSettings{});
    loco.jumpTo({1.0f, 0, 1.0f}, 2.0f, headPose({0, 1.7f, 0}, 0.0f), true);
    // The user walks 1.5 m around the room and turns away.
    const Pose wandered = headPose({1.2f, 1.7f, -0.9f}, -1.2f);
    LocomotionInput input{kDt, wandered};
    loco.update(input);
    CHECK(glm::length(glm::vec2(loco.feet().feet.x - 1.0f, loco.feet().feet.z - 1.0f)) > 1.0f);
    loco.recentre(wandered);
    for (int i = 0; i < 60; ++i) loco.update(input);
    const glm::vec3 eye = toWorld(loco, wandered.position);
    CHECK(glm::length(glm::vec2(eye.x - 1.0f, eye.z - 1.0f)) < 1e-4f);
    CHECK(angleBetween(worldYaw(loco, wandered), 2.0f) < 1e-4f);
    CHECK(loco.fade() == 0.0f);
    CHECK(loco.teleportCount() == 0);
}

TEST_CASE("jumpTo places the head, not the tracking origin, over the spot: at once or at full black") {
    const CollisionWorld world = buildWorld(room());
    Locomotion loco(world, WalkerParams{}, TrackingFloor::RealFloor, ComfortSettings{});
    const Pose head = headPose({1.5f, 1.7f, -1.0f}, 2.5f);
    loco.jumpTo({-2.0f, 0, 1.0f}, -0.5f, head, true);
    CHECK(glm::length(toWorld(loco, head.position) - glm::vec3(-2.0f, 1.7f, 1.0f)) < 1e-4f);
    CHECK(angleBetween(worldYaw(loco, head), -0.5f) < 1e-4f);
    CHECK(glm::length(loco.feet().feet - glm::vec3(-2.0f, 0, 1.0f)) < 1e-4f);

    loco.jumpTo({2.0f, 0, 2.0f}, 1.0f, head);
    LocomotionInput input{kDt, head};
    loco.update(input);
    CHECK(loco.fade() > 0.0f);
    CHECK(loco.fade() < 1.0f);
    CHECK(glm::length(toWorld(loco, head.position) - glm::vec3(-2.0f, 1.7f, 1.0f)) < 1e-4f);
    for (int i = 0; i < 8; ++i) loco.update(input);  // 0.1 s: full black, jumped
    CHECK(loco.fade() == 1.0f);
    CHECK(glm::length(toWorld(loco, head.position) - glm::vec3(2.0f, 1.7f, 2.0f)) < 1e-4f);
    for (int i = 0; i < 14; ++i) loco.update(input);  // 0.15 s back
    CHECK(loco.fade() == 0.0f);
}

TEST_CASE("a head leaning into a wall or a thick pillar fades to black, and back out it clears") {
    const CollisionWorld world = buildWorld(room());
    Locomotion loco(world, WalkerParams{}, TrackingFloor::RealFloor, ComfortSettings{});
    loco.jumpTo({-0.5f, 0, 2.5f}, 0.0f, headPose({0, 1.7f, 0}, 0.0f), true);
    // The reference space now has its origin under the head, yaw 0: a
    // reference offset is a world offset.
    auto headAt = [&](float x, float z) {
        LocomotionInput input{kDt, headPose({x, 1.7f, z}, 0.0f)};
        loco.update(input);
        return loco.fade();
    };
    CHECK(headAt(0, 0) == 0.0f);
    CHECK(headAt(0, 0.5f) == 0.0f);    // 0.5 m from the pillar's face (z = 3.5)
    CHECK(headAt(0, 0.93f) > 0.0f);    // 7 cm from it: darkening
    CHECK(headAt(0, 0.93f) < 1.0f);
    CHECK(headAt(0, 1.5f) == 1.0f);    // 0.5 m deep inside: no surface near, still black
    CHECK(headAt(0, 1.0f) == 1.0f);    // just inside the face
    CHECK(headAt(0, 0.5f) == 0.0f);    // out again
    CHECK(headAt(6.5f, 0) == 1.0f);    // through the thin east wall, to the outside
    CHECK(headAt(0, 0) == 0.0f);
}

// [SECTION] the demo apartment

TEST_CASE("in the demo apartment an arc goes through the hallway door to the living room and not through a window") {
    gltf::ImportOptions options;
    options.loadImages = false;
    auto imported = gltf::importFile(OH_BINARY_DIR "/scenes/demo-apartment.glb", options);
    REQUIRE_MESSAGE(imported.has_value(), (imported.has_value() ? "" : imported.error().message));
    const CollisionWorld world = buildWorld(imported->scene);
    const WalkerParams params;

    const WalkerState hallway = standAt(world, params, {4.8f, 0, 1.7f});
    const glm::vec3 hand(4.8f, 1.2f, 1.7f);
    const glm::vec3 living(4.8f, 0, 6.2f);
    const TeleportArc door = traceTeleportArc(world, params, hallway, hand, aimAt(hand, living));
    REQUIRE(door.ok());
    CHECK(glm::length(glm::vec2(door.landing.feet.x - living.x, door.landing.feet.z - living.z)) < 0.03f);

    // The big south window (glass x 1.9..4.1, y 0.5..2.4, at z = 7.2).
    const WalkerState inside = standAt(world, params, {3.0f, 0, 6.0f});
    const glm::vec3 windowHand(3.0f, 1.3f, 6.0f);
    const TeleportArc window = traceTeleportArc(world, params, inside, windowHand, {0, 0.1f, 1});
    CHECK(window.refusal == TeleportRefusal::NotFloor);
    CHECK(window.hitPoint.z == doctest::Approx(7.2f).epsilon(0.02f));
    CHECK(window.hitPoint.z < 7.2f + 0.15f);

    // Cost: arcs in every direction from the living room.
    std::mt19937 random(7);
    std::uniform_real_distribution<float> yaw(0.0f, 6.2831853f), pitch(-0.6f, 0.9f);
    std::vector<double> microseconds;
    int landed = 0;
    for (int i = 0; i < 2000; ++i) {
        const float y = yaw(random), p = pitch(random);
        const glm::vec3 direction(-std::sin(y) * std::cos(p), std::sin(p), -std::cos(y) * std::cos(p));
        const auto start = std::chrono::steady_clock::now();
        const TeleportArc arc = traceTeleportArc(world, params, inside, windowHand, direction);
        microseconds.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        landed += arc.ok();
    }
    std::sort(microseconds.begin(), microseconds.end());
    const double median = microseconds[microseconds.size() / 2];
    const double p99 = microseconds[microseconds.size() * 99 / 100];
    std::printf("locomotion: teleport arc in the demo apartment: median %.1f us, 99th percentile %.1f us, max %.1f us "
                "(%d of %zu land)\n",
                median, p99, microseconds.back(), landed, microseconds.size());
    CHECK(landed > 100);
#ifdef NDEBUG
    CHECK(median < 1000.0);
#endif
}
