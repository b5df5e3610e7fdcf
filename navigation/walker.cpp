// Walker: step-up, collide-and-slide, step-down, per substep. See walker.h.
//
// Why this shape (the classic kinematic controller, cf. Quake's PM_SlideMove
// and the PhysX/Unreal character controllers):
//  - every movement is a capsule sweep, so no speed tunnels through a wall;
//  - the horizontal move happens `stepHeight` above the feet, so ledges below
//    that are passed over and taller ones are hit like walls;
//  - the step down afterwards snaps to the floor (stairs down, ramps) and
//    notices when there is none (walking off an edge → falling);
//  - sliding clips the move against each touched plane; two planes clip to
//    their crease and three stop the move, and a move is never allowed to
//    turn back against the wish, so corners neither trap nor jitter;
//  - a final overlap check pushes out of any residual penetration or, failing
//    that, keeps the previous position: the walker never ends inside geometry.
#include "navigation/walker.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace oh::nav {
namespace {

constexpr float kPi = 3.14159265358979f;
constexpr int kMaxSlideIterations = 4;
constexpr int kMaxSubsteps = 64;

float cosMaxSlope(const WalkerParams& params) { return std::cos(params.maxSlopeDegrees * kPi / 180.0f); }

// The capsule the sweeps use: `skin` fatter, so contacts stop that far away.
Capsule sweepCapsule(const WalkerParams& params, const glm::vec3& feet) {
    Capsule capsule = walkerCapsule(params, feet);
    capsule.radius += params.skin;
    return capsule;
}

// A surface the walker can stand on: walkable at the contact, or the edge or
// corner of a walkable face (the capsule's round bottom resting on a step's
// nosing) while the contact still pushes up at all. The round bottom then
// rolls over edges: up onto a step it has half passed, and down off a ledge
// by up to one radius before it falls, which makes stairs smooth.
bool supports(const SweepHit& hit, float cosSlope) {
    if (hit.normal.y >= cosSlope) return true;
    return hit.faceNormal.y >= cosSlope && hit.normal.y > 0.05f;
}

glm::vec3 horizontal(const glm::vec3& v) { return glm::vec3(v.x, 0.0f, v.z); }

struct SlideResult {
    glm::vec3 position;
    bool landed = false;  // stopped by a supporting surface (vertical slides only)
    bool wedged = false;  // the surfaces touched leave no way to go on
};

// Collide-and-slide of `move` from `feet`. Horizontal slides treat every
// non-floor contact as a vertical wall (no riding up edges or steep slopes);
// a walkable face touched flat on (a ramp) bends the move along it.
// Vertical slides stop on supporting floor and glance off anything else.
SlideResult slide(const CollisionWorld& world, const WalkerParams& params, glm::vec3 feet, const glm::vec3& move,
                  bool horizontalMove) {
    const float cosSlope = cosMaxSlope(params);
    glm::vec3 planes[kMaxSlideIterations];
    int planeCount = 0;
    glm::vec3 remaining = move;
    for (int iteration = 0; iteration < kMaxSlideIterations; ++iteration) {
        if (glm::dot(remaining, remaining) < 1e-12f) break;
        const auto hit = sweep(world, sweepCapsule(params, feet), remaining);
        if (!hit) {
            feet += remaining;
            remaining = glm::vec3(0.0f);
            break;
        }
        feet += remaining * hit->fraction;
        remaining *= 1.0f - hit->fraction;
        if (!horizontalMove && supports(*hit, cosSlope)) return {feet, true};

        glm::vec3 normal = hit->normal;
        if (horizontalMove) {
            const bool ramp = hit->faceNormal.y >= cosSlope && glm::dot(hit->normal, hit->faceNormal) > 0.99f;
            const glm::vec3 flat = horizontal(normal);
            if (!ramp && glm::dot(flat, flat) > 1e-8f) normal = glm::normalize(flat);
        }
        planes[planeCount++] = normal;
        remaining -= normal * std::min(0.0f, glm::dot(remaining, normal));
        for (int j = 0; j + 1 < planeCount; ++j) {
            if (glm::dot(remaining, planes[j]) >= -1e-6f) continue;
            // Into an earlier plane: only the crease of the two is free.
            glm::vec3 crease = glm::cross(planes[j], normal);
            const float creaseLength = glm::length(crease);
            if (creaseLength < 1e-4f) {
                remaining = glm::vec3(0.0f);
                break;
            }
            crease /= creaseLength;
            remaining = crease * glm::dot(remaining, crease);
            for (int k = 0; k + 1 < planeCount; ++k)
                if (k != j && glm::dot(remaining, planes[k]) < -1e-6f) remaining = glm::vec3(0.0f);
            break;
        }
        // Never back against the wish: in a corner this is what stops the
        // ping-pong between the two walls.
        if (glm::dot(remaining, move) <= 0.0f) remaining = glm::vec3(0.0f);
        if (glm::dot(remaining, remaining) < 1e-12f) return {feet, false, true};
    }
    return {feet, false, glm::dot(remaining, remaining) >= 1e-12f};
}

// Pushes `feet` out of any surface closer than the capsule radius. False when
// that does not settle (squeezed between surfaces closer than the diameter).
bool depenetrate(const CollisionWorld& world, const WalkerParams& params, glm::vec3& feet) {
    std::vector<Contact> found;
    for (int iteration = 0; iteration < 8; ++iteration) {
        contacts(world, walkerCapsule(params, feet), found);
        if (found.empty()) return true;
        const Contact& deepest =
            *std::max_element(found.begin(), found.end(), [](const Contact& a, const Contact& b) { return a.depth < b.depth; });
        feet += deepest.normal * (deepest.depth + params.skin);
    }
    // Allow what the sweeps themselves leave (their tolerance is 0.1 mm).
    Capsule shrunk = walkerCapsule(params, feet);
    shrunk.radius -= 1e-3f;
    return !overlaps(world, shrunk);
}

enum class Footing { Ground, TooHigh, None };

struct Stride {
    glm::vec3 feet;
    Footing footing = Footing::None;
};

// One stride: up by `lift` (less under a low ceiling), slide, and back down by
// what was lifted plus a step. Ground more than a step above where the stride
// began does not count: that would ratchet up furniture by its edges.
Stride stride(const CollisionWorld& world, const WalkerParams& params, const glm::vec3& start, const glm::vec3& move,
              float lift) {
    glm::vec3 feet = start;
    float raised = 0.0f;
    if (lift > 0.0f) {
        const auto up = sweep(world, sweepCapsule(params, feet), glm::vec3(0.0f, lift, 0.0f));
        raised = up ? lift * up->fraction : lift;
        feet.y += raised;
    }
    feet = slide(world, params, feet, move, true).position;

    const float drop = raised + params.stepHeight + params.skin;
    const auto down = sweep(world, sweepCapsule(params, feet), glm::vec3(0.0f, -drop, 0.0f));
    if (down && supports(*down, cosMaxSlope(params))) {
        feet.y -= drop * down->fraction;
        const bool reachable = down->point.y <= start.y + params.stepHeight + params.skin;
        return {feet, reachable ? Footing::Ground : Footing::TooHigh};
    }
    // Off an edge (or onto something too steep to stand on): back to the
    // height we walked at, and let gravity take over.
    feet.y -= down ? std::min(raised, drop * down->fraction) : raised;
    return {feet, Footing::None};
}

WalkerState substep(const CollisionWorld& world, const WalkerParams& params, const WalkerState& state,
                    const glm::vec3& move, float dt) {
    WalkerState next = state;
    glm::vec3 feet = state.feet;
    if (state.grounded) {
        Stride result = stride(world, params, feet, move, params.stepHeight + params.skin);
        // The raised stride found no footing it may use (too high up, or a
        // steep surface it cannot come down past): walk at floor level
        // instead, which also starts any fall from floor level.
        if (result.footing != Footing::Ground) result = stride(world, params, feet, move, 0.0f);
        feet = result.feet;
        next.grounded = result.footing == Footing::Ground;
        next.verticalSpeed = 0.0f;
    } else {
        next.verticalSpeed = std::max(state.verticalSpeed - params.gravity * dt, -params.maxFallSpeed);
        feet = slide(world, params, feet, move, true).position;
        const SlideResult fall = slide(world, params, feet, glm::vec3(0.0f, next.verticalSpeed * dt, 0.0f), false);
        feet = fall.position;
        // Wedged between steep surfaces (a V between cushions) is resting too.
        if (fall.landed || fall.wedged) {
            next.grounded = true;
            next.verticalSpeed = 0.0f;
        }
    }
    if (!depenetrate(world, params, feet)) {
        next = state;
        next.verticalSpeed = 0.0f;
        return next;
    }
    next.feet = feet;
    return next;
}

}  // namespace

Capsule walkerCapsule(const WalkerParams& params, const glm::vec3& feet) {
    const float r = params.radius;
    return Capsule{feet + glm::vec3(0.0f, r, 0.0f), feet + glm::vec3(0.0f, std::max(r, params.height - r), 0.0f), r};
}

bool walkable(const glm::vec3& normal, float maxSlopeDegrees) {
    return normal.y >= std::cos(maxSlopeDegrees * kPi / 180.0f);
}

WalkerState step(const CollisionWorld& world, const WalkerParams& params, const WalkerState& state,
                 const glm::vec3& desiredMove, float dt) {
    const glm::vec3 move = horizontal(desiredMove);
    dt = std::max(dt, 0.0f);
    // Substeps keep gravity and step-down frame-rate independent (a long
    // frame must not walk across a gap without falling into it); the sweeps,
    // not the substeps, are what stop tunnelling.
    const float length = glm::length(move);
    const int byDistance = int(std::ceil(length / (0.5f * params.radius)));
    const int byTime = int(std::ceil(dt * 60.0f - 1e-3f));
    const int substeps = std::clamp(std::max(byDistance, byTime), 1, kMaxSubsteps);
    WalkerState current = state;
    for (int i = 0; i < substeps; ++i) current = substep(world, params, current, move / float(substeps), dt / float(substeps));
    return current;
}

std::optional<FloorHit> floorBelow(const CollisionWorld& world, const glm::vec3& point, float maxDrop,
                                   float maxSlopeDegrees) {
    const auto hit = raycast(world, RayQuery{point, glm::vec3(0.0f, -1.0f, 0.0f), maxDrop});
    if (!hit || !walkable(hit->normal, maxSlopeDegrees)) return std::nullopt;
    return FloorHit{hit->point, hit->normal, hit->instance, hit->node};
}

std::optional<WalkerState> standOn(const CollisionWorld& world, const WalkerParams& params, const glm::vec3& point,
                                   float maxDrop) {
    const auto floor = floorBelow(world, point, maxDrop, params.maxSlopeDegrees);
    if (!floor) return std::nullopt;
    // Start a little above the floor (a 35° slope under the round bottom
    // needs ~4 cm) and let the capsule settle onto it.
    constexpr float kHover = 0.05f;
    const glm::vec3 start = floor->point + glm::vec3(0.0f, kHover, 0.0f);
    if (overlaps(world, walkerCapsule(params, start))) return std::nullopt;
    const float drop = kHover + params.skin + 0.01f;
    const auto down = sweep(world, sweepCapsule(params, start), glm::vec3(0.0f, -drop, 0.0f));
    WalkerState state;
    state.feet = down ? start - glm::vec3(0.0f, drop * down->fraction, 0.0f) : start;
    state.grounded = down && supports(*down, cosMaxSlope(params));
    if (!state.grounded) return std::nullopt;
    return state;
}

std::optional<WalkerState> standNear(const CollisionWorld& world, const WalkerParams& params, const glm::vec3& point,
                                     float maxDrop, float radius) {
    if (auto standing = standOn(world, params, point, maxDrop)) return standing;
    constexpr float kRingStep = 0.1f;
    constexpr int kPointsPerRing = 16;
    for (float ring = kRingStep; ring <= radius + 1e-4f; ring += kRingStep)
        for (int i = 0; i < kPointsPerRing; ++i) {
            float angle = 2.0f * kPi * float(i) / float(kPointsPerRing);
            glm::vec3 around = point + glm::vec3(std::cos(angle), 0.0f, std::sin(angle)) * ring;
            if (auto standing = standOn(world, params, around, maxDrop)) return standing;
        }
    return std::nullopt;
}

}  // namespace oh::nav
