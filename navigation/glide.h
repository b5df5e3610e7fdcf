// Click-to-glide: which floor spot a click (a ray from the eye through the
// pixel) asks for, and a comfortable path there. The target must be floor the
// walker could walk to in a straight line from where it stands: walls,
// ceilings, glass, tabletops and spots without room to stand are refused, with
// the reason (for the cursor's look). The headset's teleport arc
// (teleport.h) reuses the straight walk to tell stairs from tabletops.
#pragma once

#include <cstdint>
#include <optional>

#include <glm/glm.hpp>

#include "navigation/collision_world.h"
#include "navigation/walker.h"

namespace oh::nav {

enum class GlideRefusal : uint8_t {
    None,         // a valid target
    NothingHit,   // the ray meets nothing within range
    NotFloor,     // it meets a wall, a ceiling, glass or a steep surface
    NoRoom,       // floor, but the standing capsule does not fit there (under a table)
    Unreachable,  // a straight walk there is blocked or climbs too high (a tabletop)
};

struct GlideTarget {
    GlideRefusal refusal = GlideRefusal::NothingHit;
    WalkerState walker;  // when refusal == None: where the walker will stand
    bool ok() const { return refusal == GlideRefusal::None; }
};

struct GlideOptions {
    float maxRayDistance = 30.0f;  // metres
    // How far the straight walk may be pushed sideways (sliding past a
    // doorframe) before the straight glide line would cut through something.
    float maxDeviation = 0.1f;
};

// The floor spot the ray (origin, direction; any length) picks for a walker now
// standing at `from`. Costs one ray plus a simulated walk (~1 ms for 10 m).
GlideTarget pickGlideTarget(const CollisionWorld& world, const WalkerParams& params, const WalkerState& from,
                            const glm::vec3& rayOrigin, const glm::vec3& rayDirection, const GlideOptions& options = {});

// Walks a walker from `from` straight towards `target` (feet) with the real
// controller (step()); the grounded walker at the target when it arrives
// without being pushed more than `maxDeviation` metres off the line, blocked,
// or left more than a few centimetres from it (too high: a tabletop). Costs
// ~0.1 ms per metre.
std::optional<WalkerState> walkStraightTo(const CollisionWorld& world, const WalkerParams& params,
                                          const WalkerState& from, const glm::vec3& target, float maxDeviation);

struct GlidePath {
    glm::vec3 from{0.0f};  // feet positions
    glm::vec3 to{0.0f};
    float duration = 0.0f;  // seconds
};

// A straight glide taking 0.5 s for short hops up to 1 s from 5 m on.
GlidePath planGlide(const glm::vec3& fromFeet, const glm::vec3& toFeet);

// Feet position `elapsed` seconds into the glide (clamped to the ends). The
// easing is the quintic smootherstep: velocity and acceleration are zero at
// both ends and continuous between, so there is no jolt at start or stop (VR
// comfort); peak speed is 1.875 × distance / duration.
glm::vec3 glidePosition(const GlidePath& path, float elapsed);

}  // namespace oh::nav
