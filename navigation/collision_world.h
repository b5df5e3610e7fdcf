// The walk-through's static collision geometry: every triangle of a scene, in
// world space, in one BVH, with the queries the walker, the start-spot search
// and click-to-glide need (rays, capsule overlap and sweep). Built once per
// loaded scene; immutable afterwards, so queries may run on any thread.
// Not for rendering or picking materials: it keeps positions only.
//
// Surfaces are two-sided (interior models have single-sided walls and
// untrusted winding). Window glass — any material with alpha mode BLEND — is
// solid for the capsule (you cannot walk through a window) and, by default,
// for rays too: a glide ray that lands on glass lands on a wall and is
// refused, rather than gliding to a floor outside that walking cannot reach.
// Rays may opt to pass through it (RayQuery::throughSeeThrough), e.g. for a
// line-of-sight check.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "navigation/bvh.h"
#include "scene/scene.h"

namespace oh::nav {

struct WorldOptions {
    // Geometry is left out when this returns true for the instance's node or
    // any of its ancestors (so a group node "Ceiling/..." hides its children).
    // E.g. drop ceilings for a dollhouse view; empty: keep everything.
    std::function<bool(std::string_view nodeName)> ignoreNode;
};

// A capsule: the segment a-b swept by a sphere of `radius` (a == b: a sphere).
struct Capsule {
    glm::vec3 a{0.0f};
    glm::vec3 b{0.0f};
    float radius = 0.0f;
};

struct RayQuery {
    glm::vec3 origin{0.0f};
    glm::vec3 direction{0.0f, -1.0f, 0.0f};  // need not be unit length
    float maxDistance = 1e30f;               // along the normalised direction
    bool throughSeeThrough = false;          // true: glass does not stop the ray
};

struct RayHit {
    glm::vec3 point{0.0f};
    glm::vec3 normal{0.0f};     // unit face normal, facing the ray's origin
    float distance = 0.0f;      // metres from the origin
    uint32_t instance = 0;      // index into Scene::instances
    uint32_t node = 0;          // index into Scene::nodes
    bool seeThrough = false;    // the surface is glass (alpha BLEND)
};

struct SweepHit {
    float fraction = 0.0f;       // of the move, at first contact
    glm::vec3 normal{0.0f};      // contact normal, from the surface towards the capsule
    glm::vec3 faceNormal{0.0f};  // the touched triangle's normal, on the capsule's side
    glm::vec3 point{0.0f};       // contact point on the surface
    uint32_t instance = 0;
    uint32_t node = 0;
};

struct Contact {
    glm::vec3 normal{0.0f};  // push-out direction for the capsule
    float depth = 0.0f;      // how far inside `radius` the surface is
};

// Plain data; fill it with buildCollisionWorld. Members are read by the query
// functions below, not meant to be edited.
struct CollisionWorld {
    struct Triangle {
        glm::vec3 a, b, c;
    };
    std::vector<Triangle> triangles;    // in BVH leaf order
    std::vector<uint32_t> instanceOf;   // per triangle: Scene::instances index
    std::vector<uint8_t> seeThrough;    // per triangle: 1 for glass
    std::vector<uint32_t> nodeOfInstance;
    std::vector<BvhNode> nodes;
    scene::Aabb bounds;
};

// All instances' triangles in world space. Zero-area and non-finite triangles
// are dropped (they cannot be touched). Errors: nothing left to collide with.
Result<CollisionWorld> buildCollisionWorld(const scene::Scene& scene, const WorldOptions& options = {});

// Whether `world` can be queried safely alongside `scene`: per-triangle
// arrays of one length, instance and node indices that exist, a BVH whose
// children come after their parent, whose leaves stay inside the triangles
// and whose depth fits the traversal stacks. For a world read from a file
// (a tour bundle). Empty when sound, else the first problem.
std::string checkCollisionWorld(const CollisionWorld& world, const scene::Scene& scene);

// Nearest hit along the ray, if any.
std::optional<RayHit> raycast(const CollisionWorld& world, const RayQuery& ray);

// Whether anything blocks the ray (cheaper than raycast: stops at the first hit).
bool anyHit(const CollisionWorld& world, const RayQuery& ray);

// The triangles (indices into world.triangles) whose bounds meet the box
// of half-size `radius` about `centre`, appended to `out` (cleared first).
// For queries near a point, e.g. the edges around a measuring pick.
void trianglesNear(const CollisionWorld& world, const glm::vec3& centre, float radius, std::vector<uint32_t>& out);

// Whether any surface comes closer than capsule.radius to the capsule's axis.
bool overlaps(const CollisionWorld& world, const Capsule& capsule);

// Every surface closer than capsule.radius, one contact per triangle,
// appended to `out` (cleared first). For depenetration.
void contacts(const CollisionWorld& world, const Capsule& capsule, std::vector<Contact>& out);

// First contact of `capsule` moved by `move` (see sweepCapsuleTriangle for how
// touching contacts are treated). None: the whole move is free.
std::optional<SweepHit> sweep(const CollisionWorld& world, const Capsule& capsule, const glm::vec3& move);

}  // namespace oh::nav
