// Closest points and intersections; see geometry.h for the contracts.
#include "navigation/geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace oh::nav {

glm::vec3 closestPointOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, const glm::vec3& c) {
    // Walk the Voronoi regions of the vertices, then the edges, then the face,
    // using only dot products (no normal needed, so slivers stay stable).
    const glm::vec3 ab = b - a, ac = c - a, ap = p - a;
    const float d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
    if (d1 <= 0.0f && d2 <= 0.0f) return a;

    const glm::vec3 bp = p - b;
    const float d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
    if (d3 >= 0.0f && d4 <= d3) return b;

    const float vc = d1 * d4 - d3 * d2;
    if (vc <= 0.0f && d1 >= 0.0f && d3 <= 0.0f) return a + ab * (d1 / (d1 - d3));

    const glm::vec3 cp = p - c;
    const float d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
    if (d6 >= 0.0f && d5 <= d6) return c;

    const float vb = d5 * d2 - d1 * d6;
    if (vb <= 0.0f && d2 >= 0.0f && d6 <= 0.0f) return a + ac * (d2 / (d2 - d6));

    const float va = d3 * d6 - d5 * d4;
    if (va <= 0.0f && (d4 - d3) >= 0.0f && (d5 - d6) >= 0.0f)
        return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));

    const float denominator = 1.0f / (va + vb + vc);
    return a + ab * (vb * denominator) + ac * (vc * denominator);
}

ClosestPoints closestSegmentSegment(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& q0,
                                    const glm::vec3& q1) {
    // Minimise |p0 + s d1 - (q0 + t d2)|² over s, t in [0, 1]: solve the
    // unclamped system, clamp s, recompute t, and re-clamp s when t clamps.
    const glm::vec3 d1 = p1 - p0, d2 = q1 - q0, r = p0 - q0;
    const float a = glm::dot(d1, d1), e = glm::dot(d2, d2), f = glm::dot(d2, r);
    constexpr float kTiny = 1e-12f;
    float s = 0.0f, t = 0.0f;
    if (a <= kTiny && e <= kTiny) {
        s = t = 0.0f;
    } else if (a <= kTiny) {
        t = std::clamp(f / e, 0.0f, 1.0f);
    } else {
        const float c = glm::dot(d1, r);
        if (e <= kTiny) {
            s = std::clamp(-c / a, 0.0f, 1.0f);
        } else {
            const float b = glm::dot(d1, d2);
            const float denominator = a * e - b * b;  // >= 0; 0 when parallel
            s = denominator > kTiny * a * e ? std::clamp((b * f - c * e) / denominator, 0.0f, 1.0f) : 0.0f;
            t = (b * s + f) / e;
            if (t < 0.0f) {
                t = 0.0f;
                s = std::clamp(-c / a, 0.0f, 1.0f);
            } else if (t > 1.0f) {
                t = 1.0f;
                s = std::clamp((b - c) / a, 0.0f, 1.0f);
            }
        }
    }
    ClosestPoints out;
    out.first = p0 + d1 * s;
    out.second = q0 + d2 * t;
    const glm::vec3 delta = out.first - out.second;
    out.distanceSquared = glm::dot(delta, delta);
    return out;
}

ClosestPoints closestSegmentTriangle(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& a,
                                     const glm::vec3& b, const glm::vec3& c) {
    // A segment piercing the face is at distance 0. Otherwise the closest pair
    // has one point on the triangle's boundary or at a segment endpoint, so
    // the minimum over the two endpoints and the three edges is exact.
    const glm::vec3 normal = glm::cross(b - a, c - a);
    const float s0 = glm::dot(p0 - a, normal), s1 = glm::dot(p1 - a, normal);
    if ((s0 <= 0.0f && s1 >= 0.0f) || (s0 >= 0.0f && s1 <= 0.0f)) {
        if (s0 != s1) {
            const glm::vec3 x = p0 + (p1 - p0) * (s0 / (s0 - s1));
            if (glm::dot(glm::cross(b - a, x - a), normal) >= 0.0f &&
                glm::dot(glm::cross(c - b, x - b), normal) >= 0.0f &&
                glm::dot(glm::cross(a - c, x - c), normal) >= 0.0f)
                return ClosestPoints{x, x, 0.0f};
        }
    }
    ClosestPoints best;
    best.distanceSquared = std::numeric_limits<float>::max();
    auto consider = [&best](const ClosestPoints& candidate) {
        if (candidate.distanceSquared < best.distanceSquared) best = candidate;
    };
    for (const glm::vec3* endpoint : {&p0, &p1}) {
        const glm::vec3 q = closestPointOnTriangle(*endpoint, a, b, c);
        const glm::vec3 delta = *endpoint - q;
        consider(ClosestPoints{*endpoint, q, glm::dot(delta, delta)});
    }
    consider(closestSegmentSegment(p0, p1, a, b));
    consider(closestSegmentSegment(p0, p1, b, c));
    consider(closestSegmentSegment(p0, p1, c, a));
    return best;
}

std::optional<float> rayTriangle(const glm::vec3& origin, const glm::vec3& direction, float maxDistance,
                                 const glm::vec3& a, const glm::vec3& b, const glm::vec3& c) {
    const glm::vec3 e1 = b - a, e2 = c - a;
    const glm::vec3 p = glm::cross(direction, e2);
    const float determinant = glm::dot(e1, p);
    // Relative threshold: rays grazing the plane carry no useful hit.
    if (std::abs(determinant) <= 1e-12f * glm::dot(e1, e1) * glm::dot(e2, e2) + 1e-30f) return std::nullopt;
    const float inverse = 1.0f / determinant;
    const glm::vec3 s = origin - a;
    const float u = glm::dot(s, p) * inverse;
    if (u < 0.0f || u > 1.0f) return std::nullopt;
    const glm::vec3 q = glm::cross(s, e1);
    const float v = glm::dot(direction, q) * inverse;
    if (v < 0.0f || u + v > 1.0f) return std::nullopt;
    const float t = glm::dot(e2, q) * inverse;
    if (t < 0.0f || t > maxDistance) return std::nullopt;
    return t;
}

std::optional<float> rayBox(const glm::vec3& origin, const glm::vec3& inverseDirection, float maxDistance,
                            const glm::vec3& boxMin, const glm::vec3& boxMax) {
    const glm::vec3 t0 = (boxMin - origin) * inverseDirection;
    const glm::vec3 t1 = (boxMax - origin) * inverseDirection;
    const glm::vec3 near = glm::min(t0, t1), far = glm::max(t0, t1);
    // fmax/fmin drop the NaN of 0 * inf (origin on a slab of an axis-parallel ray).
    const float enter = std::fmax(std::fmax(near.x, near.y), std::fmax(near.z, 0.0f));
    const float exit = std::fmin(std::fmin(far.x, far.y), std::fmin(far.z, maxDistance));
    if (enter > exit) return std::nullopt;
    return enter;
}

std::optional<SweepContact> sweepCapsuleTriangle(const glm::vec3& a0, const glm::vec3& a1, float radius,
                                                 const glm::vec3& move, const glm::vec3& ta, const glm::vec3& tb,
                                                 const glm::vec3& tc) {
    constexpr float kTolerance = 1e-4f;  // metres: contact accepted this close to `radius`
    constexpr float kGraze = 2e-4f;      // metres: a contact must go this deep to count
    constexpr int kMaxIterations = 24;
    const float moveLength = glm::length(move);
    if (moveLength <= 0.0f) return std::nullopt;
    const glm::vec3 faceNormal = glm::normalize(glm::cross(tb - ta, tc - ta));

    // Cheap cull: the swept capsule stays on one side of the triangle's plane,
    // farther than a contact could count (distance to a plane is linear along
    // the move, so the four end points bound it).
    {
        const float d0 = glm::dot(a0 - ta, faceNormal), d1 = glm::dot(a1 - ta, faceNormal);
        const float d2 = d0 + glm::dot(move, faceNormal), d3 = d1 + glm::dot(move, faceNormal);
        const float margin = radius - 0.5f * kGraze;
        if (std::min({d0, d1, d2, d3}) > margin || std::max({d0, d1, d2, d3}) < -margin) return std::nullopt;
    }

    struct Probe {
        float gap;    // distance - radius
        float slope;  // d(distance)/dt
        glm::vec3 normal, point;
    };
    auto probe = [&](float t) {
        const glm::vec3 offset = move * t;
        const ClosestPoints closest = closestSegmentTriangle(a0 + offset, a1 + offset, ta, tb, tc);
        const float distance = std::sqrt(closest.distanceSquared);
        // At distance 0 the axis touches the face: push back against the move.
        const glm::vec3 normal = distance > 1e-6f ? (closest.first - closest.second) / distance
                                                  : (glm::dot(faceNormal, move) > 0.0f ? -faceNormal : faceNormal);
        return Probe{distance - radius, glm::dot(move, normal), normal, closest.second};
    };
    const float flat = -1e-7f * moveLength;  // slopes above this do not approach

    // First contact: Newton from the left on the convex gap(t).
    float t = 0.0f;
    Probe contact = probe(t);
    int iteration = 0;
    for (; iteration < kMaxIterations && contact.gap > kTolerance; ++iteration) {
        if (contact.slope >= flat) return std::nullopt;  // convex: never closer
        t += contact.gap / -contact.slope;
        if (t > 1.0f) return std::nullopt;
        contact = probe(t);
    }
    if (contact.gap <= kTolerance && contact.slope >= 0.0f) return std::nullopt;  // touching, leaving

    // A graze (the gap only just reaches zero and opens again, e.g. a capsule
    // slid down past a ledge it rests against) is no contact: keep going and
    // see whether the move really gets kGraze deeper. Newton on gap + kGraze
    // overshoots the minimum when there is no such root.
    float deeper = t;
    for (int k = 0; k < kMaxIterations; ++k) {
        const Probe p = probe(deeper);
        const float gap = p.gap + kGraze;
        if (gap <= kTolerance) break;  // it does: a real contact at t
        if (p.slope >= flat) return std::nullopt;
        deeper += gap / -p.slope;
        if (deeper > 1.0f) return std::nullopt;
    }
    // (If either loop ran out of iterations, stopping at t is early, never late.)
    return SweepContact{t, contact.normal, contact.point};
}

}  // namespace oh::nav
