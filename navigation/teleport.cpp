// The teleport arc; see teleport.h.
#include "navigation/teleport.h"

#include <algorithm>
#include <cmath>

#include "navigation/glide.h"

namespace oh::nav {
namespace {

// How far the stairs check's straight walk may be pushed sideways: as for a
// glide click, enough to slide past a doorframe or a banister.
constexpr float kMaxWalkDeviation = 0.1f;

// A cheap necessary condition for the straight walk, which saves its
// milliseconds on most refusals (a sofa seat, a bed, a coffee table): stride
// by stride along the line, following the floor, a capsule thinner than the
// walker's by the walk's allowed deviation, spanning the body from step height
// to the top of the head, must pass freely. What it meets, the walker could
// only get past by leaving the line by more than that deviation.
bool bodyLineClear(const CollisionWorld& world, const WalkerParams& params, const WalkerState& from,
                   const glm::vec3& target) {
    constexpr float kSpacing = 0.1f;  // metres: the simulated walk's stride
    const float core = params.radius - kMaxWalkDeviation - 0.01f;
    if (core <= 0.0f) return true;
    const glm::vec3 line(target.x - from.feet.x, 0.0f, target.z - from.feet.z);
    const int strides = int(std::ceil(glm::length(line) / kSpacing));
    const glm::vec3 move = line / float(std::max(strides, 1));
    float floor = from.feet.y - params.skin;
    glm::vec3 position = from.feet;
    for (int i = 0; i < strides; ++i) {
        const float bottom = floor + params.stepHeight + params.skin;
        const float top = floor + params.height;
        if (top - bottom < 2.0f * core) return true;  // a walker too short to tell; the walk decides
        const Capsule body{glm::vec3(position.x, bottom + core, position.z), glm::vec3(position.x, top - core, position.z),
                           core};
        if (sweep(world, body, move)) return false;
        position += move;
        const auto below =
            raycast(world, RayQuery{glm::vec3(position.x, bottom, position.z), glm::vec3(0.0f, -1.0f, 0.0f), bottom - target.y + 1.0f});
        if (!below) return true;  // a drop: the walk decides
        floor = below->point.y;
    }
    return true;
}

// Where a floor hit leaves the walker: standing on the floor there, if the
// capsule fits; then reachable if it is within a step of the current floor or
// a straight walk gets there (stairs, a ramp).
TeleportRefusal landOn(const CollisionWorld& world, const WalkerParams& params, const WalkerState& from,
                       const RayHit& hit, WalkerState& landing) {
    if (hit.seeThrough || !walkable(hit.normal, params.maxSlopeDegrees)) return TeleportRefusal::NotFloor;
    const auto standing = standOn(world, params, hit.point + glm::vec3(0.0f, 0.01f, 0.0f), 0.1f);
    if (!standing) return TeleportRefusal::NoRoom;
    landing = *standing;
    if (std::abs(standing->feet.y - from.feet.y) <= params.stepHeight + params.skin) return TeleportRefusal::None;
    if (!bodyLineClear(world, params, from, standing->feet)) return TeleportRefusal::TooHigh;
    const auto walked = walkStraightTo(world, params, from, standing->feet, kMaxWalkDeviation);
    if (!walked) return TeleportRefusal::TooHigh;
    landing = *walked;
    return TeleportRefusal::None;
}

}  // namespace

TeleportArc traceTeleportArc(const CollisionWorld& world, const WalkerParams& params, const WalkerState& from,
                             const glm::vec3& origin, const glm::vec3& direction, const TeleportOptions& options) {
    TeleportArc arc;
    arc.points.push_back(origin);
    const float length = glm::length(direction);
    if (!(length > 0.0f) || !(options.timeStep > 0.0f)) return arc;
    const glm::vec3 velocity = direction / length * options.launchSpeed;
    const glm::vec3 gravity(0.0f, -options.gravity, 0.0f);
    auto positionAt = [&](float t) { return origin + velocity * t + 0.5f * gravity * t * t; };
    auto reach = [&](const glm::vec3& p) { return glm::length(glm::vec2(p.x - origin.x, p.z - origin.z)); };

    const int segments = std::max(1, int(std::ceil(options.maxSeconds / options.timeStep)));
    arc.points.reserve(size_t(segments) + 1);
    glm::vec3 previous = origin;
    for (int i = 1; i <= segments; ++i) {
        glm::vec3 next = positionAt(std::min(float(i) * options.timeStep, options.maxSeconds));
        // Clip the last segment at the reach limit (the horizontal speed is
        // constant, so the reach is linear along a segment).
        bool last = i == segments;
        const float reachNext = reach(next);
        if (reachNext > options.maxDistance) {
            const float reachPrevious = reach(previous);
            next = previous + (next - previous) * ((options.maxDistance - reachPrevious) / (reachNext - reachPrevious));
            last = true;
        }
        const glm::vec3 segment = next - previous;
        const float segmentLength = glm::length(segment);
        if (segmentLength > 0.0f) {
            if (const auto hit = raycast(world, RayQuery{previous, segment, segmentLength})) {
                arc.points.push_back(hit->point);
                arc.hitPoint = hit->point;
                arc.hitNormal = hit->normal;
                arc.refusal = landOn(world, params, from, *hit, arc.landing);
                return arc;
            }
        }
        arc.points.push_back(next);
        if (last) break;
        previous = next;
    }
    return arc;
}

}  // namespace oh::nav
