// Click-to-glide target picking and the eased glide; see glide.h.
#include "navigation/glide.h"

#include <algorithm>
#include <cmath>

namespace oh::nav {
namespace {

glm::vec3 horizontal(const glm::vec3& v) { return glm::vec3(v.x, 0.0f, v.z); }

}  // namespace

std::optional<WalkerState> walkStraightTo(const CollisionWorld& world, const WalkerParams& params,
                                          const WalkerState& from, const glm::vec3& target, float maxDeviation) {
    constexpr float kStride = 0.1f;        // metres per simulated step (< radius: fine-grained)
    constexpr float kWalkSpeed = 1.5f;     // m/s; only sets dt, for falls off ledges
    constexpr float kArrived = 0.02f;      // metres
    const glm::vec3 line = horizontal(target - from.feet);
    const float length = glm::length(line);
    const glm::vec3 along = length > 0.0f ? line / length : glm::vec3(0.0f);
    WalkerState state = from;
    const int maxSteps = int(length / kStride) + 50;
    for (int i = 0; i < maxSteps; ++i) {
        const glm::vec3 toTarget = horizontal(target - state.feet);
        const float remaining = glm::length(toTarget);
        if (remaining < kArrived) break;
        const float stride = std::min(kStride, remaining);
        const WalkerState next = step(world, params, state, toTarget / remaining * stride, stride / kWalkSpeed);
        const glm::vec3 offset = horizontal(next.feet - from.feet);
        if (glm::length(offset - along * glm::dot(offset, along)) > maxDeviation) return std::nullopt;
        if (glm::length(horizontal(next.feet - state.feet)) < 0.1f * stride && next.grounded) return std::nullopt;  // blocked
        state = next;
    }
    // Let a walk off a ledge finish falling.
    for (int i = 0; i < 120 && !state.grounded; ++i) state = step(world, params, state, glm::vec3(0.0f), 1.0f / 60.0f);
    const bool arrived = state.grounded && glm::length(horizontal(target - state.feet)) < 2.0f * kArrived + 0.01f &&
                         std::abs(target.y - state.feet.y) < 0.1f;
    if (!arrived) return std::nullopt;
    return state;
}

GlideTarget pickGlideTarget(const CollisionWorld& world, const WalkerParams& params, const WalkerState& from,
                            const glm::vec3& rayOrigin, const glm::vec3& rayDirection, const GlideOptions& options) {
    GlideTarget target;
    const auto hit = raycast(world, RayQuery{rayOrigin, rayDirection, options.maxRayDistance});
    if (!hit) return target;
    if (hit->seeThrough || !walkable(hit->normal, params.maxSlopeDegrees)) {
        target.refusal = GlideRefusal::NotFloor;
        return target;
    }
    const auto standing = standOn(world, params, hit->point + glm::vec3(0.0f, 0.01f, 0.0f), 0.1f);
    if (!standing) {
        target.refusal = GlideRefusal::NoRoom;
        return target;
    }
    const auto arrived = walkStraightTo(world, params, from, standing->feet, options.maxDeviation);
    if (!arrived) {
        target.refusal = GlideRefusal::Unreachable;
        return target;
    }
    target.refusal = GlideRefusal::None;
    target.walker = *arrived;
    return target;
}

GlidePath planGlide(const glm::vec3& fromFeet, const glm::vec3& toFeet) {
    const float distance = glm::length(toFeet - fromFeet);
    return GlidePath{fromFeet, toFeet, std::clamp(0.5f + 0.1f * distance, 0.5f, 1.0f)};
}

glm::vec3 glidePosition(const GlidePath& path, float elapsed) {
    if (!(path.duration > 0.0f)) return path.to;
    const float x = std::clamp(elapsed / path.duration, 0.0f, 1.0f);
    const float eased = x * x * x * (x * (x * 6.0f - 15.0f) + 10.0f);
    return path.from + (path.to - path.from) * eased;
}

}  // namespace oh::nav
