// The headset's teleport target: a projectile arc from the controller that
// stops at the first surface it meets (walls, furniture, window glass) and
// lands only on walkable floor where the standing walker fits and which the
// walker could reach on foot from where it stands without climbing (stairs
// yes, tabletops and ledges no). Plain maths over the CollisionWorld: the
// arc's points are for drawing; the fade and the jump are the caller's
// (viewer/xr/locomotion.h).
#pragma once

#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "navigation/collision_world.h"
#include "navigation/walker.h"

namespace oh::nav {

enum class TeleportRefusal : uint8_t {
    None,        // a valid landing
    NothingHit,  // the arc ends (time or distance) before it meets anything
    NotFloor,    // it meets a wall, a ceiling, glass or a steep surface
    NoRoom,      // floor, but the standing capsule does not fit there (under a table)
    TooHigh,     // more than a step above or below, and no straight walk gets there (a tabletop, a ledge)
};

struct TeleportOptions {
    float launchSpeed = 7.0f;         // m/s along the aim direction
    float gravity = 9.81f;            // m/s², pulls the arc down (−Y)
    float maxSeconds = 2.0f;          // flight time simulated at most
    float timeStep = 1.0f / 60.0f;    // seconds per straight segment (chord error g·dt²/8: 0.3 mm)
    float maxDistance = 12.0f;        // metres of horizontal reach from the origin
};

struct TeleportArc {
    std::vector<glm::vec3> points;  // the parabola from the controller to where it stops (hit or end), for drawing
    TeleportRefusal refusal = TeleportRefusal::NothingHit;
    WalkerState landing;            // where the walker stands, when ok()
    glm::vec3 hitPoint{0.0f}, hitNormal{0.0f};  // where the arc met geometry (if it did); normal faces the arc
    bool ok() const { return refusal == TeleportRefusal::None; }
};

// The arc thrown from `origin` (world) along `direction` (any length) for a
// walker now standing at `from`. Costs one short ray per segment plus, for a
// landing more than a step up or down, a simulated walk (glide.h's).
TeleportArc traceTeleportArc(const CollisionWorld& world, const WalkerParams& params, const WalkerState& from,
                             const glm::vec3& origin, const glm::vec3& direction, const TeleportOptions& options = {});

}  // namespace oh::nav
