// Walk mode's character controller: a vertical capsule that slides along
// walls and furniture, climbs steps, follows the floor down stairs and ramps,
// falls off edges and never flies. One call per frame; no state beyond the
// plain WalkerState the caller keeps. Not a physics engine: nothing pushes
// the walker except its own move and gravity.
#pragma once

#include <optional>

#include <glm/glm.hpp>

#include "navigation/collision_world.h"

namespace oh::nav {

struct WalkerParams {
    float radius = 0.2f;          // metres
    float height = 1.75f;         // feet to top of head; > 2 * radius
    float eyeHeight = 1.6f;       // feet to eyes; <= height
    float stepHeight = 0.25f;     // the highest ledge walked up without a jump
    float maxSlopeDegrees = 35.0f;  // steeper surfaces are walls, not floor
    float gravity = 9.81f;        // m/s²
    float maxFallSpeed = 30.0f;   // m/s
    // Gap kept between the capsule and every surface, so a resting walker is
    // never "touching" (and the next sweep never starts inside). Metres.
    float skin = 0.005f;
};

struct WalkerState {
    glm::vec3 feet{0.0f};        // bottom of the capsule; rests `skin` above the floor
    float verticalSpeed = 0.0f;  // m/s, negative while falling
    bool grounded = false;       // standing on walkable floor
};

// The capsule of a walker standing with its feet at `feet`.
Capsule walkerCapsule(const WalkerParams& params, const glm::vec3& feet);

inline glm::vec3 eyePosition(const WalkerParams& params, const WalkerState& state) {
    return state.feet + glm::vec3(0.0f, params.eyeHeight, 0.0f);
}

// Whether a surface with this (unit) normal is floor.
bool walkable(const glm::vec3& normal, float maxSlopeDegrees);

// Advances the walker by one frame. `desiredMove` is this frame's wanted
// displacement in metres; its vertical part is ignored (no flying). The result
// never overlaps geometry deeper than the skin: if the move cannot be made
// safely, the walker stays where it was. dt is in seconds (gravity).
WalkerState step(const CollisionWorld& world, const WalkerParams& params, const WalkerState& state,
                 const glm::vec3& desiredMove, float dt);

struct FloorHit {
    glm::vec3 point{0.0f};
    glm::vec3 normal{0.0f};  // upward
    uint32_t instance = 0;
    uint32_t node = 0;
};

// The walkable floor straight below `point`, within `maxDrop` metres: the first
// surface a downward ray meets, if it is walkable (a steep surface or nothing
// there gives none). A table under the point is "floor" here; start_spot.h
// and glide.h decide whether it is reachable.
std::optional<FloorHit> floorBelow(const CollisionWorld& world, const glm::vec3& point, float maxDrop,
                                   float maxSlopeDegrees = 35.0f);

// A grounded walker standing on the floor below `point` (within maxDrop), or
// none when there is no floor or the capsule does not fit there.
std::optional<WalkerState> standOn(const CollisionWorld& world, const WalkerParams& params, const glm::vec3& point,
                                   float maxDrop);

// standOn at `point`, else at the nearest place around it within `radius`
// (rings 10 cm apart, 16 points each) where the walker fits: a photo's
// camera held over the corner of a sofa is stood in front of it.
std::optional<WalkerState> standNear(const CollisionWorld& world, const WalkerParams& params, const glm::vec3& point,
                                     float maxDrop, float radius);

}  // namespace oh::nav
