// Collision world build (scene → world-space triangles → BVH) and queries.
#include "navigation/collision_world.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "navigation/geometry.h"
#include "scene/packed_vertex.h"

namespace oh::nav {
namespace {

bool ignored(const scene::Scene& scene, uint32_t node, const WorldOptions& options) {
    if (!options.ignoreNode) return false;
    // Bounded walk: a malformed parent chain cannot loop forever.
    for (size_t guard = 0; node != scene::kNone && node < scene.nodes.size() && guard <= scene.nodes.size(); ++guard) {
        if (options.ignoreNode(scene.nodes[node].name)) return true;
        node = scene.nodes[node].parent;
    }
    return false;
}

bool finite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

bool boxesOverlap(const glm::vec3& aMin, const glm::vec3& aMax, const glm::vec3& bMin, const glm::vec3& bMax) {
    return aMin.x <= bMax.x && aMax.x >= bMin.x && aMin.y <= bMax.y && aMax.y >= bMin.y && aMin.z <= bMax.z &&
           aMax.z >= bMin.z;
}

// Calls visit(triangleIndex) for every triangle whose leaf box meets the query
// box; visit returns false to stop early.
template <typename Visit>
void forEachInBox(const CollisionWorld& world, const glm::vec3& lo, const glm::vec3& hi, Visit&& visit) {
    if (world.nodes.empty()) return;
    uint32_t stack[2 * kBvhMaxDepth];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
        const BvhNode& node = world.nodes[stack[--top]];
        if (!boxesOverlap(node.min, node.max, lo, hi)) continue;
        if (node.leaf()) {
            for (uint32_t i = node.first; i < node.first + node.count; ++i) {
                const CollisionWorld::Triangle& t = world.triangles[i];
                const glm::vec3 tMin = glm::min(t.a, glm::min(t.b, t.c)), tMax = glm::max(t.a, glm::max(t.b, t.c));
                if (boxesOverlap(tMin, tMax, lo, hi) && !visit(i)) return;
            }
        } else {
            stack[top++] = node.first;
            stack[top++] = node.first + 1;
        }
    }
}

// Ray traversal, near child first; visit(triangleIndex, maxDistance&) may
// shrink maxDistance and returns false to stop.
template <typename Visit>
void forEachOnRay(const CollisionWorld& world, const glm::vec3& origin, const glm::vec3& direction,
                  float& maxDistance, Visit&& visit) {
    if (world.nodes.empty()) return;
    const glm::vec3 inverse = 1.0f / direction;
    if (!rayBox(origin, inverse, maxDistance, world.nodes[0].min, world.nodes[0].max)) return;
    uint32_t stack[2 * kBvhMaxDepth];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
        const BvhNode& node = world.nodes[stack[--top]];
        if (node.leaf()) {
            for (uint32_t i = node.first; i < node.first + node.count; ++i)
                if (!visit(i, maxDistance)) return;
            continue;
        }
        const BvhNode& left = world.nodes[node.first];
        const BvhNode& right = world.nodes[node.first + 1];
        const auto tLeft = rayBox(origin, inverse, maxDistance, left.min, left.max);
        const auto tRight = rayBox(origin, inverse, maxDistance, right.min, right.max);
        if (tLeft && tRight) {
            const bool leftFirst = *tLeft <= *tRight;
            stack[top++] = leftFirst ? node.first + 1 : node.first;  // far one waits
            stack[top++] = leftFirst ? node.first : node.first + 1;
        } else if (tLeft) {
            stack[top++] = node.first;
        } else if (tRight) {
            stack[top++] = node.first + 1;
        }
    }
}

glm::vec3 faceNormal(const CollisionWorld::Triangle& t) { return glm::normalize(glm::cross(t.b - t.a, t.c - t.a)); }

}  // namespace

Result<CollisionWorld> buildCollisionWorld(const scene::Scene& scene, const WorldOptions& options) {
    CollisionWorld world;
    std::vector<CollisionWorld::Triangle> triangles;
    std::vector<uint32_t> instanceOf;
    std::vector<uint8_t> seeThrough;
    triangles.reserve(scene.triangleCount());
    world.nodeOfInstance.reserve(scene.instances.size());

    std::vector<glm::vec3> positions;
    for (uint32_t i = 0; i < scene.instances.size(); ++i) {
        const scene::MeshInstance& instance = scene.instances[i];
        world.nodeOfInstance.push_back(instance.node);
        if (instance.mesh >= scene.meshes.size() || ignored(scene, instance.node, options)) continue;
        for (const scene::Primitive& primitive : scene.meshes[instance.mesh].primitives) {
            const bool glass = primitive.material < scene.materials.size() &&
                               scene.materials[primitive.material].alphaMode == scene::AlphaMode::Blend;
            positions.resize(primitive.vertexCount());
            for (size_t v = 0; v < positions.size(); ++v) {
                glm::vec3 position = primitive.vertices.empty()
                                         ? scene::unpackVertex(primitive.packed[v], primitive.dequantization).position
                                         : primitive.vertices[v].position;
                positions[v] = glm::vec3(instance.world * glm::vec4(position, 1.0f));
            }
            for (size_t k = 0; k + 2 < primitive.indices.size(); k += 3) {
                const uint32_t i0 = primitive.indices[k], i1 = primitive.indices[k + 1], i2 = primitive.indices[k + 2];
                if (i0 >= positions.size() || i1 >= positions.size() || i2 >= positions.size()) continue;
                const CollisionWorld::Triangle t{positions[i0], positions[i1], positions[i2]};
                if (!finite(t.a) || !finite(t.b) || !finite(t.c)) continue;
                // Below ~1 mm² a triangle is a sliver that no query needs, and
                // its normal would be noise.
                if (glm::length(glm::cross(t.b - t.a, t.c - t.a)) <= 2e-6f) continue;
                triangles.push_back(t);
                instanceOf.push_back(i);
                seeThrough.push_back(glass ? 1 : 0);
            }
        }
    }
    if (triangles.empty())
        return makeError("collision: '" + scene.name + "' has no triangles to walk on or collide with");
    if (triangles.size() >= size_t(UINT32_MAX))
        return makeError("collision: '" + scene.name + "' has more triangles than the collision index supports");

    std::vector<BvhBox> boxes(triangles.size());
    for (size_t i = 0; i < triangles.size(); ++i) {
        const auto& t = triangles[i];
        boxes[i] = {glm::min(t.a, glm::min(t.b, t.c)), glm::max(t.a, glm::max(t.b, t.c))};
    }
    Bvh bvh = buildBvh(boxes);
    world.nodes = std::move(bvh.nodes);
    world.triangles.resize(triangles.size());
    world.instanceOf.resize(triangles.size());
    world.seeThrough.resize(triangles.size());
    for (size_t i = 0; i < bvh.order.size(); ++i) {
        world.triangles[i] = triangles[bvh.order[i]];
        world.instanceOf[i] = instanceOf[bvh.order[i]];
        world.seeThrough[i] = seeThrough[bvh.order[i]];
    }
    world.bounds.min = world.nodes[0].min;
    world.bounds.max = world.nodes[0].max;
    return world;
}

std::string checkCollisionWorld(const CollisionWorld& world, const scene::Scene& scene) {
    const size_t triangles = world.triangles.size();
    if (world.instanceOf.size() != triangles || world.seeThrough.size() != triangles)
        return "per-triangle arrays of different lengths";
    if (world.nodeOfInstance.size() != scene.instances.size()) return "instance table does not match the scene";
    for (uint32_t node : world.nodeOfInstance)
        if (node >= scene.nodes.size()) return "an instance's node does not exist";
    for (size_t i = 0; i < triangles; ++i)
        if (world.instanceOf[i] >= world.nodeOfInstance.size() || world.seeThrough[i] > 1)
            return "triangle " + std::to_string(i) + " has a bad instance or flag";
    if (world.nodes.empty()) return triangles == 0 ? std::string() : "triangles without a BVH";
    // Children after their parent (as buildBvh lays them out) makes depth one
    // forward pass and rules out cycles.
    std::vector<uint8_t> depth(world.nodes.size(), 0);
    for (size_t i = 0; i < world.nodes.size(); ++i) {
        const BvhNode& node = world.nodes[i];
        if (node.leaf()) {
            if (node.first > triangles || node.count > triangles - node.first)
                return "BVH node " + std::to_string(i) + " covers triangles that do not exist";
            continue;
        }
        if (node.first <= i || node.first >= world.nodes.size() - 1)
            return "BVH node " + std::to_string(i) + " has children out of order";
        if (depth[i] + 1 >= kBvhMaxDepth) return "BVH deeper than " + std::to_string(kBvhMaxDepth);
        depth[node.first] = std::max<uint8_t>(depth[node.first], depth[i] + 1);
        depth[node.first + 1] = std::max<uint8_t>(depth[node.first + 1], depth[i] + 1);
    }
    return {};
}

std::optional<RayHit> raycast(const CollisionWorld& world, const RayQuery& ray) {
    const float length = glm::length(ray.direction);
    if (!(length > 0.0f)) return std::nullopt;
    const glm::vec3 direction = ray.direction / length;
    float maxDistance = ray.maxDistance;
    uint32_t best = UINT32_MAX;
    forEachOnRay(world, ray.origin, direction, maxDistance, [&](uint32_t i, float& limit) {
        if (ray.throughSeeThrough && world.seeThrough[i]) return true;
        const auto& t = world.triangles[i];
        if (const auto distance = rayTriangle(ray.origin, direction, limit, t.a, t.b, t.c)) {
            limit = *distance;
            best = i;
        }
        return true;
    });
    if (best == UINT32_MAX) return std::nullopt;
    RayHit hit;
    hit.distance = maxDistance;
    hit.point = ray.origin + direction * maxDistance;
    hit.normal = faceNormal(world.triangles[best]);
    if (glm::dot(hit.normal, direction) > 0.0f) hit.normal = -hit.normal;
    hit.instance = world.instanceOf[best];
    hit.node = world.nodeOfInstance[hit.instance];
    hit.seeThrough = world.seeThrough[best] != 0;
    return hit;
}

bool anyHit(const CollisionWorld& world, const RayQuery& ray) {
    const float length = glm::length(ray.direction);
    if (!(length > 0.0f)) return false;
    const glm::vec3 direction = ray.direction / length;
    float maxDistance = ray.maxDistance;
    bool found = false;
    forEachOnRay(world, ray.origin, direction, maxDistance, [&](uint32_t i, float& limit) {
        if (ray.throughSeeThrough && world.seeThrough[i]) return true;
        const auto& t = world.triangles[i];
        found = rayTriangle(ray.origin, direction, limit, t.a, t.b, t.c).has_value();
        return !found;
    });
    return found;
}

void trianglesNear(const CollisionWorld& world, const glm::vec3& centre, float radius, std::vector<uint32_t>& out) {
    out.clear();
    forEachInBox(world, centre - glm::vec3(radius), centre + glm::vec3(radius), [&](uint32_t i) {
        out.push_back(i);
        return true;
    });
}

bool overlaps(const CollisionWorld& world, const Capsule& capsule) {
    const glm::vec3 pad(capsule.radius);
    const glm::vec3 lo = glm::min(capsule.a, capsule.b) - pad, hi = glm::max(capsule.a, capsule.b) + pad;
    const float radiusSquared = capsule.radius * capsule.radius;
    bool found = false;
    forEachInBox(world, lo, hi, [&](uint32_t i) {
        const auto& t = world.triangles[i];
        found = closestSegmentTriangle(capsule.a, capsule.b, t.a, t.b, t.c).distanceSquared < radiusSquared;
        return !found;
    });
    return found;
}

void contacts(const CollisionWorld& world, const Capsule& capsule, std::vector<Contact>& out) {
    out.clear();
    const glm::vec3 pad(capsule.radius);
    const glm::vec3 lo = glm::min(capsule.a, capsule.b) - pad, hi = glm::max(capsule.a, capsule.b) + pad;
    const glm::vec3 middle = (capsule.a + capsule.b) * 0.5f;
    forEachInBox(world, lo, hi, [&](uint32_t i) {
        const auto& t = world.triangles[i];
        const ClosestPoints closest = closestSegmentTriangle(capsule.a, capsule.b, t.a, t.b, t.c);
        const float distance = std::sqrt(closest.distanceSquared);
        if (distance >= capsule.radius) return true;
        glm::vec3 normal;
        if (distance > 1e-6f) {
            normal = (closest.first - closest.second) / distance;
        } else {
            // The axis crosses the face: leave towards the side the capsule's middle is on.
            normal = faceNormal(t);
            if (glm::dot(middle - t.a, normal) < 0.0f) normal = -normal;
        }
        out.push_back({normal, capsule.radius - distance});
        return true;
    });
}

std::optional<SweepHit> sweep(const CollisionWorld& world, const Capsule& capsule, const glm::vec3& move) {
    if (glm::dot(move, move) <= 0.0f) return std::nullopt;
    const glm::vec3 pad(capsule.radius);
    const glm::vec3 start = glm::min(capsule.a, capsule.b), end = glm::max(capsule.a, capsule.b);
    const glm::vec3 lo = glm::min(start, start + move) - pad, hi = glm::max(end, end + move) + pad;
    // Contacts within the sweep tolerance (0.1 mm) of each other count as a tie.
    const float tie = 2e-4f / glm::length(move);
    std::optional<SweepHit> best;
    forEachInBox(world, lo, hi, [&](uint32_t i) {
        const auto& t = world.triangles[i];
        // Only the part of the move before the best contact so far matters.
        const float limit = best ? std::min(1.0f, best->fraction + tie) : 1.0f;
        const auto contact = sweepCapsuleTriangle(capsule.a, capsule.b, capsule.radius, move * limit, t.a, t.b, t.c);
        if (!contact) return true;
        const float fraction = contact->t * limit;
        glm::vec3 face = faceNormal(t);
        if (glm::dot(face, contact->normal) < 0.0f) face = -face;
        // On a tie (an edge shared by a floor and a riser) the floor-like face
        // wins, so standing on an edge counts as standing.
        if (best && (fraction > best->fraction + tie ||
                     (fraction > best->fraction - tie && face.y <= best->faceNormal.y)))
            return true;
        SweepHit hit;
        hit.fraction = fraction;
        hit.normal = contact->normal;
        hit.point = contact->point;
        hit.faceNormal = face;
        hit.instance = world.instanceOf[i];
        hit.node = world.nodeOfInstance[hit.instance];
        best = hit;
        return true;
    });
    return best;
}

}  // namespace oh::nav
