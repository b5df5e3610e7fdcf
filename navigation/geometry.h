// Exact closest-point and intersection tests between the few shapes the
// walk-through needs: points, segments (capsule axes), rays and triangles.
// Pure maths on glm vectors, no allocation, no scene knowledge; the BVH
// queries in collision_world.cpp call these per candidate triangle.
// Triangles are two-sided everywhere: interior models are often single-sided
// walls with untrustworthy winding, and a capsule may touch either face.
#pragma once

#include <optional>

#include <glm/glm.hpp>

namespace oh::nav {

// Closest point to `p` on triangle (a, b, c). The triangle must not be
// degenerate (the collision world drops zero-area triangles on build).
glm::vec3 closestPointOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, const glm::vec3& c);

struct ClosestPoints {
    glm::vec3 first;   // on the first shape named in the function
    glm::vec3 second;  // on the second
    float distanceSquared = 0.0f;
};

// Closest points between segments p0-p1 and q0-q1 (either may be a point).
ClosestPoints closestSegmentSegment(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& q0,
                                    const glm::vec3& q1);

// Closest points between segment p0-p1 (may be a point) and triangle (a, b, c);
// distance 0 with both points at the crossing when the segment pierces it.
ClosestPoints closestSegmentTriangle(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& a,
                                     const glm::vec3& b, const glm::vec3& c);

// Ray/triangle (Möller–Trumbore), both faces: the distance along the unit
// `direction` when the hit lies in [0, maxDistance].
std::optional<float> rayTriangle(const glm::vec3& origin, const glm::vec3& direction, float maxDistance,
                                 const glm::vec3& a, const glm::vec3& b, const glm::vec3& c);

// Ray/box slab test with a precomputed 1/direction: entry distance, or none
// when the ray misses the box or enters it beyond maxDistance.
std::optional<float> rayBox(const glm::vec3& origin, const glm::vec3& inverseDirection, float maxDistance,
                            const glm::vec3& boxMin, const glm::vec3& boxMax);

struct SweepContact {
    float t = 0.0f;    // fraction of the move at first contact, in [0, 1]
    glm::vec3 normal;  // unit, from the triangle towards the capsule axis
    glm::vec3 point;   // contact point on the triangle
};

// First time a capsule (axis a0-a1, radius `radius`) moved by `move` comes
// within `radius` of the triangle. A capsule already touching or overlapping
// reports t = 0 only while the move brings it closer; moving away or along the
// surface is free, so a resting capsule can always leave a contact.
//
// Why this works: the distance between a translating convex shape and a fixed
// convex shape is a convex function of t, and its slope is dot(move, normal).
// Newton steps on a convex decreasing function approach the first root from
// below, so they never step past a contact (no tunnelling), and a non-negative
// slope proves the shapes will not get any closer.
std::optional<SweepContact> sweepCapsuleTriangle(const glm::vec3& a0, const glm::vec3& a1, float radius,
                                                 const glm::vec3& move, const glm::vec3& ta, const glm::vec3& tb,
                                                 const glm::vec3& tc);

}  // namespace oh::nav
