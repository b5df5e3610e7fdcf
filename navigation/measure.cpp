// Tape-measure picking (ray hit, edge and corner snapping) and measuring.
#include "navigation/measure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "navigation/geometry.h"

namespace oh::nav {
namespace {

// Two triangles touch a point (and so share an edge there) when they pass
// within this of it: exporters weld vertices only approximately, and soups
// repeat positions instead of sharing indices.
constexpr float kTouch = 1e-3f;
// Feature-ness is tested this far inside an edge, away from its end vertex,
// where other triangles of a fan would muddle which faces meet along it.
constexpr float kStep = 4e-3f;
// Faces that bend less than 20 degrees across an edge are one smooth surface
// (a tessellated curve, a slightly warped wall); more is a crease.
const float kSmoothCos = std::cos(glm::radians(20.0f));
// A line lies in a face's plane when it is within 2 degrees of it.
const float kInPlaneSin = std::sin(glm::radians(2.0f));
// An edge or corner is visible when nothing blocks the line of sight to it
// short of this distance before it (the edge's own faces touch the very end).
constexpr float kSightMargin = 5e-3f;
// How far along an edge leaving a corner it must be visible to count.
constexpr float kCornerSight = 0.02f;
// Square to the surface: normals opposite within 5 degrees.
const float kParallelCos = std::cos(glm::radians(5.0f));
const float kParallelSin = std::sin(glm::radians(5.0f));

struct Face {
    glm::vec3 a, b, c;
    glm::vec3 normal;  // unit; orientation is meaningless (soups have untrusted winding)
};

// The triangles within `radius` of `centre`.
std::vector<Face> facesNear(const CollisionWorld& world, const glm::vec3& centre, float radius) {
    std::vector<Face> faces;
    std::vector<uint32_t> near;
    trianglesNear(world, centre, radius, near);
    for (uint32_t i : near) {
        const CollisionWorld::Triangle& t = world.triangles[i];
        if (glm::distance(closestPointOnTriangle(centre, t.a, t.b, t.c), centre) > radius) continue;
        faces.push_back({t.a, t.b, t.c, glm::normalize(glm::cross(t.b - t.a, t.c - t.a))});
    }
    return faces;
}

glm::vec3 closestOnSegment(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b) {
    const glm::vec3 ab = b - a;
    const float t = glm::clamp(glm::dot(p - a, ab) / glm::dot(ab, ab), 0.0f, 1.0f);
    return a + ab * t;
}

// Where a face that ends on a line extends to, seen in the cross-section
// across the line: its direction away from the line, as an angle measured
// from the direction towards the eye.
struct Flap {
    glm::vec3 away;
    float angle;  // radians in (-pi, pi]; 0: straight towards the eye
};

// Whether the line through `p` along unit `direction` is a feature edge at p,
// as seen from `eye`: some face that ends on it, visible there, has no face
// continuing it within 20 degrees on the other side. Each face containing the
// line either ends on it (lies on one side: it adds one flap) or runs across
// it (a bigger coplanar triangle under a T-junction: two opposite flaps).
// The diagonal of a quad has its two halves opposite each other: no feature.
// A box edge (90 degrees), a thin fin folded back (0) or a lone boundary: feature.
//
// Visibility matters because soups keep hidden faces: two boxes stacked end
// to end (a wall built in pieces) have end faces inside the wall, on the seam
// line, that nothing continues. In the cross-section the line of sight from a
// point just off the line on a face runs towards the eye, and crosses every
// flap whose angle lies between the face's and the eye's: a face with such a
// flap in the way is hidden near the line and cannot make it an edge.
bool isFeatureAt(const std::vector<Face>& faces, const glm::vec3& p, const glm::vec3& direction,
                 const glm::vec3& eye) {
    glm::vec3 towardsEye = eye - p;
    towardsEye -= direction * glm::dot(towardsEye, direction);
    const bool alongSight = glm::length(towardsEye) < 1e-4f;  // looking down the line: all visible
    const glm::vec3 u = alongSight ? glm::vec3(0.0f) : glm::normalize(towardsEye);
    const glm::vec3 v = glm::cross(direction, u);
    auto flap = [&](const glm::vec3& away) {
        return Flap{away, alongSight ? 0.0f : std::atan2(glm::dot(away, v), glm::dot(away, u))};
    };

    // More than a few faces never meet along one line in a real model; beyond
    // these bounds the extra ones are ignored rather than allocated for.
    Flap ending[32], across[64];
    int endingCount = 0, acrossCount = 0;
    for (const Face& f : faces) {
        if (std::abs(glm::dot(f.normal, direction)) > kInPlaneSin) continue;  // meets the line at a point only
        if (glm::distance(closestPointOnTriangle(p, f.a, f.b, f.c), p) > kTouch) continue;
        const glm::vec3 away = glm::normalize(glm::cross(f.normal, direction));
        const float sa = glm::dot(f.a - p, away), sb = glm::dot(f.b - p, away), sc = glm::dot(f.c - p, away);
        const float most = std::max(sa, std::max(sb, sc)), least = std::min(sa, std::min(sb, sc));
        if (most > kTouch && least < -kTouch) {
            if (acrossCount < 63) {
                across[acrossCount++] = flap(away);
                across[acrossCount++] = flap(-away);
            }
        } else if (most > kTouch || least < -kTouch) {
            if (endingCount < 32) ending[endingCount++] = flap(most > kTouch ? away : -away);
        }
    }

    constexpr float kPi = 3.14159265f, kSameAngle = 0.02f;  // ~1 degree: coincident faces do not hide each other
    auto blocks = [&](const Flap& face, const Flap& other) {
        if (face.angle > kPi - kSameAngle || face.angle < -kPi + kSameAngle)  // seen from straight behind
            return std::abs(other.angle) < kPi - kSameAngle;
        return (other.angle > 0.0f) == (face.angle > 0.0f) && std::abs(other.angle) < std::abs(face.angle) - kSameAngle;
    };
    for (int i = 0; i < endingCount; ++i) {
        bool hidden = false, continued = false;
        for (int j = 0; j < endingCount; ++j) {
            if (j == i) continue;
            hidden = hidden || (!alongSight && blocks(ending[i], ending[j]));
            continued = continued || glm::dot(ending[i].away, ending[j].away) < -kSmoothCos;
        }
        for (int j = 0; j < acrossCount; ++j) {
            hidden = hidden || (!alongSight && blocks(ending[i], across[j]));
            continued = continued || glm::dot(ending[i].away, across[j].away) < -kSmoothCos;
        }
        if (!hidden && !continued) return true;
    }
    return false;
}

bool visibleFrom(const CollisionWorld& world, const glm::vec3& eye, const glm::vec3& point) {
    const float distance = glm::distance(eye, point);
    if (distance <= kSightMargin) return true;
    return !anyHit(world, RayQuery{eye, point - eye, distance - kSightMargin});
}

// Whether `v` is a corner: visible feature edges leave it in directions that
// do not all lie on one straight line running through it. A vertex that only
// splits a straight feature line (where a wall's quads meet along the floor)
// is not. Edges leaving into hidden places (under a wall standing on the
// floor) do not count: a little way along (2 cm) they must be in sight.
bool isCornerAt(const CollisionWorld& world, const std::vector<Face>& faces, const glm::vec3& v,
                const glm::vec3& eye) {
    std::vector<glm::vec3> tested, features;
    auto consider = [&](const glm::vec3& direction, float room) {
        for (const glm::vec3& seen : tested)
            if (glm::dot(seen, direction) > 0.9995f) return;
        tested.push_back(direction);
        if (isFeatureAt(faces, v + direction * std::min(kStep, room * 0.5f), direction, eye) &&
            visibleFrom(world, eye, v + direction * std::min(kCornerSight, room * 0.5f)))
            features.push_back(direction);
    };
    for (const Face& f : faces) {
        if (glm::distance(closestPointOnTriangle(v, f.a, f.b, f.c), v) > kTouch) continue;
        const glm::vec3 corners[3] = {f.a, f.b, f.c};
        for (int e = 0; e < 3; ++e) {
            const glm::vec3 &a = corners[e], &b = corners[(e + 1) % 3];
            if (glm::distance(closestOnSegment(v, a, b), v) > kTouch) continue;
            const glm::vec3 along = glm::normalize(b - a);
            const float toA = glm::distance(v, a), toB = glm::distance(v, b);
            if (toA > kTouch) consider(-along, toA);  // the edge runs on from v towards a
            if (toB > kTouch) consider(along, toB);
        }
    }
    if (features.empty()) return false;
    const glm::vec3 line = features[0];
    bool straight = true, back = false;
    for (const glm::vec3& d : features) {
        const float c = glm::dot(d, line);
        straight = straight && std::abs(c) > kSmoothCos;
        back = back || c < -kSmoothCos;
    }
    return !(straight && back);
}

}  // namespace

float snapRadiusAt(float rayLength) { return glm::clamp(0.015f * rayLength, 0.01f, 0.08f); }

std::optional<MeasurePoint> pickMeasurePoint(const CollisionWorld& world, const glm::vec3& rayOrigin,
                                             const glm::vec3& rayDirection, const PickOptions& options) {
    const auto hit = raycast(world, RayQuery{rayOrigin, rayDirection, options.maxRayDistance});
    if (!hit) return std::nullopt;
    MeasurePoint pick;
    pick.point = hit->point;
    pick.normal = hit->normal;
    const float radius = options.snapRadius;
    if (!(radius > 0.0f)) return pick;

    // Every triangle that a snap candidate, or a test point a step along an
    // edge from one, could touch.
    const std::vector<Face> faces = facesNear(world, hit->point, radius + kStep + 2.0f * kTouch);

    // Corners first: a corner within reach is what one aims at near one.
    std::vector<glm::vec3> vertices;
    for (const Face& f : faces)
        for (const glm::vec3& v : {f.a, f.b, f.c}) {
            if (glm::distance(v, hit->point) > radius) continue;
            const bool seen = std::any_of(vertices.begin(), vertices.end(),
                                          [&](const glm::vec3& w) { return glm::distance(v, w) <= kTouch; });
            if (!seen) vertices.push_back(v);
        }
    std::sort(vertices.begin(), vertices.end(), [&](const glm::vec3& l, const glm::vec3& r) {
        return glm::distance(l, hit->point) < glm::distance(r, hit->point);
    });
    for (const glm::vec3& v : vertices)
        if (isCornerAt(world, faces, v, rayOrigin) && visibleFrom(world, rayOrigin, v)) {
            pick.point = v;
            pick.snap = SnapKind::Corner;
            return pick;
        }

    float nearest = radius;
    for (const Face& f : faces) {
        const glm::vec3 corners[3] = {f.a, f.b, f.c};
        for (int e = 0; e < 3; ++e) {
            const glm::vec3 &a = corners[e], &b = corners[(e + 1) % 3];
            const glm::vec3 q = closestOnSegment(hit->point, a, b);
            const float distance = glm::distance(q, hit->point);
            if (distance > nearest || (pick.snap == SnapKind::Edge && distance == nearest)) continue;
            const float length = glm::distance(a, b);
            const glm::vec3 along = (b - a) / length;
            // Test a little inside the edge when q is at its end (see kStep).
            const float inset = std::min(kStep, length * 0.5f);
            const float at = glm::clamp(glm::dot(q - a, along), inset, length - inset);
            if (!isFeatureAt(faces, a + along * at, along, rayOrigin) || !visibleFrom(world, rayOrigin, q)) continue;
            nearest = distance;
            pick.point = q;
            pick.snap = SnapKind::Edge;
            pick.edgeFrom = a;
            pick.edgeTo = b;
        }
    }
    return pick;
}

Measurement measureBetween(const MeasurePoint& first, const MeasurePoint& second, MeasureConstraint constraint) {
    const glm::vec3 p = first.point, q = second.point, n = second.normal;
    const bool facing = second.snap == SnapKind::Surface && glm::dot(first.normal, n) <= -kParallelCos &&
                        glm::dot(q - p, first.normal) > 0.0f && glm::dot(p - q, n) > 0.0f;
    // Foot of the perpendicular from the first point on the second plane.
    const glm::vec3 foot = p - n * glm::dot(p - q, n);

    Measurement m;
    m.from = p;
    m.constraint = constraint;
    switch (constraint) {
        case MeasureConstraint::Free:
            m.rule = facing ? MeasureRule::SquareToSurface : MeasureRule::Straight;
            m.to = facing ? foot : q;
            break;
        case MeasureConstraint::Horizontal:
            m.rule = facing && std::abs(n.y) <= kParallelSin ? MeasureRule::SquareToSurface : MeasureRule::Level;
            m.to = m.rule == MeasureRule::SquareToSurface ? foot : q;
            m.to.y = p.y;
            break;
        case MeasureConstraint::Vertical:
            m.rule = facing && std::abs(n.y) >= kParallelCos ? MeasureRule::SquareToSurface : MeasureRule::Plumb;
            m.to = glm::vec3(p.x, m.rule == MeasureRule::SquareToSurface ? foot.y : q.y, p.z);
            break;
    }
    m.metres = glm::distance(m.from, m.to);
    return m;
}

std::string formatLength(float metres, char decimalPoint) {
    // Negative and non-finite lengths cannot come from measureBetween; show them as 0.
    const long long centimetres = std::isfinite(metres) && metres > 0.0f ? std::llround(double(metres) * 100.0) : 0;
    char text[48];
    if (centimetres < 1000)
        std::snprintf(text, sizeof text, "%lld cm", centimetres);
    else
        std::snprintf(text, sizeof text, "%lld%c%02lld m", centimetres / 100, decimalPoint, centimetres % 100);
    return text;
}

}  // namespace oh::nav
