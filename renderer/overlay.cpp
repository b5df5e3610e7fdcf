#include "renderer/overlay.h"

#include <cmath>

namespace oh::gfx {
namespace {

constexpr uint32_t kTubeSides = 12;
constexpr uint32_t kDiscSegments = 48;
constexpr float kTwoPi = 6.28318531f;

// Any unit vector perpendicular to unit `axis`.
glm::vec3 anyPerpendicular(const glm::vec3& axis) {
    glm::vec3 helper = std::abs(axis.y) < 0.9f ? glm::vec3(0.0f, 1.0f, 0.0f) : glm::vec3(1.0f, 0.0f, 0.0f);
    return glm::normalize(glm::cross(axis, helper));
}

}  // namespace

void OverlayGeometry::clear() {
    vertices.clear();
    indices.clear();
}

void OverlayGeometry::addTwoSidedTriangle(uint32_t a, uint32_t b, uint32_t c) {
    indices.insert(indices.end(), {a, b, c, a, c, b});
}

void OverlayGeometry::addTube(std::span<const glm::vec3> polyline, float radius, const glm::vec4& color) {
    if (polyline.size() < 2) return;
    // Tangent per point (central differences); repeated points keep the previous tangent.
    std::vector<glm::vec3> tangents(polyline.size());
    glm::vec3 previous = polyline.back() - polyline.front();
    previous = glm::length(previous) > 0.0f ? glm::normalize(previous) : glm::vec3(0.0f, 0.0f, -1.0f);
    for (size_t i = 0; i < polyline.size(); ++i) {
        glm::vec3 along = polyline[std::min(i + 1, polyline.size() - 1)] - polyline[i == 0 ? 0 : i - 1];
        previous = glm::length(along) > 1e-7f ? glm::normalize(along) : previous;
        tangents[i] = previous;
    }
    // Rings around each point, the side vector carried along (parallel
    // transport) so the tube does not twist where the path turns.
    uint32_t first = uint32_t(vertices.size());
    glm::vec3 normal = anyPerpendicular(tangents[0]);
    for (size_t i = 0; i < polyline.size(); ++i) {
        glm::vec3 carried = normal - tangents[i] * glm::dot(normal, tangents[i]);
        normal = glm::length(carried) > 1e-6f ? glm::normalize(carried) : anyPerpendicular(tangents[i]);
        glm::vec3 binormal = glm::cross(tangents[i], normal);
        for (uint32_t side = 0; side < kTubeSides; ++side) {
            float angle = kTwoPi * float(side) / float(kTubeSides);
            glm::vec3 offset = radius * (std::cos(angle) * normal + std::sin(angle) * binormal);
            vertices.push_back({polyline[i] + offset, color});
        }
    }
    // Side walls: with binormal = tangent x normal, (a, b, d) winds
    // counter-clockwise seen from outside.
    for (uint32_t ring = 0; ring + 1 < polyline.size(); ++ring) {
        for (uint32_t side = 0; side < kTubeSides; ++side) {
            uint32_t a = first + ring * kTubeSides + side;
            uint32_t b = first + ring * kTubeSides + (side + 1) % kTubeSides;
            uint32_t c = b + kTubeSides, d = a + kTubeSides;
            indices.insert(indices.end(), {a, b, d, b, c, d});
        }
    }
    // End caps: fans facing back along the first tangent and forward along the last.
    uint32_t lastRing = first + uint32_t(polyline.size() - 1) * kTubeSides;
    uint32_t startCentre = uint32_t(vertices.size());
    vertices.push_back({polyline.front(), color});
    vertices.push_back({polyline.back(), color});
    for (uint32_t side = 0; side < kTubeSides; ++side) {
        uint32_t next = (side + 1) % kTubeSides;
        indices.insert(indices.end(), {startCentre, first + next, first + side});
        indices.insert(indices.end(), {startCentre + 1, lastRing + side, lastRing + next});
    }
}

void OverlayGeometry::addDisc(const glm::vec3& center, const glm::vec3& normal, float radius, const glm::vec4& color,
                              float innerRadius) {
    glm::vec3 axis = glm::normalize(normal);
    glm::vec3 u = anyPerpendicular(axis);
    glm::vec3 v = glm::cross(axis, u);
    uint32_t first = uint32_t(vertices.size());
    bool ring = innerRadius > 0.0f;
    if (!ring) vertices.push_back({center, color});
    uint32_t rim = uint32_t(vertices.size());
    for (uint32_t s = 0; s < kDiscSegments; ++s) {
        float angle = kTwoPi * float(s) / float(kDiscSegments);
        glm::vec3 direction = std::cos(angle) * u + std::sin(angle) * v;
        vertices.push_back({center + radius * direction, color});
        if (ring) vertices.push_back({center + innerRadius * direction, color});
    }
    for (uint32_t s = 0; s < kDiscSegments; ++s) {
        uint32_t next = (s + 1) % kDiscSegments;
        if (ring) {
            uint32_t outer = rim + 2 * s, inner = outer + 1;
            uint32_t outerNext = rim + 2 * next, innerNext = outerNext + 1;
            addTwoSidedTriangle(inner, outer, outerNext);
            addTwoSidedTriangle(inner, outerNext, innerNext);
        } else {
            addTwoSidedTriangle(first, rim + s, rim + next);
        }
    }
}

void OverlayGeometry::addBox(const glm::mat4& transform, const glm::vec3& halfExtents, const glm::vec4& color) {
    // A mirroring transform turns outward-facing windings inward.
    bool mirrored = glm::determinant(glm::mat3(transform)) < 0.0f;
    for (int axis = 0; axis < 3; ++axis) {
        for (float sign : {-1.0f, 1.0f}) {
            // Face across `axis`; u x v = +axis, so corners in (u, v) order
            // (-,-), (+,-), (+,+), (-,+) wind counter-clockwise seen from +axis.
            int uAxis = (axis + 1) % 3, vAxis = (axis + 2) % 3;
            uint32_t first = uint32_t(vertices.size());
            const float corners[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
            for (const auto& corner : corners) {
                glm::vec3 local(0.0f);
                local[axis] = sign * halfExtents[axis];
                local[uAxis] = corner[0] * halfExtents[uAxis];
                local[vAxis] = corner[1] * halfExtents[vAxis];
                vertices.push_back({glm::vec3(transform * glm::vec4(local, 1.0f)), color});
            }
            bool reverse = (sign < 0.0f) != mirrored;
            if (reverse)
                indices.insert(indices.end(), {first, first + 2, first + 1, first, first + 3, first + 2});
            else
                indices.insert(indices.end(), {first, first + 1, first + 2, first, first + 2, first + 3});
        }
    }
}

void OverlayGeometry::addArrow(const glm::vec3& base, const glm::vec3& direction, float length, float width,
                               const glm::vec3& up, const glm::vec4& color) {
    glm::vec3 upAxis = glm::normalize(up);
    glm::vec3 forward = direction - upAxis * glm::dot(direction, upAxis);
    forward = glm::length(forward) > 1e-6f ? glm::normalize(forward) : anyPerpendicular(upAxis);
    glm::vec3 side = glm::cross(forward, upAxis);
    float shaftLength = 0.55f * length, shaftHalf = 0.2f * width, headHalf = 0.5f * width;
    uint32_t first = uint32_t(vertices.size());
    const glm::vec3 points[] = {
        base - side * shaftHalf,                                   // 0 shaft, back
        base + side * shaftHalf,                                   // 1
        base + forward * shaftLength + side * shaftHalf,           // 2 shaft, front
        base + forward * shaftLength - side * shaftHalf,           // 3
        base + forward * shaftLength - side * headHalf,            // 4 head, wings
        base + forward * shaftLength + side * headHalf,            // 5
        base + forward * length,                                   // 6 tip
    };
    for (const glm::vec3& point : points) vertices.push_back({point, color});
    addTwoSidedTriangle(first + 0, first + 1, first + 2);
    addTwoSidedTriangle(first + 0, first + 2, first + 3);
    addTwoSidedTriangle(first + 4, first + 5, first + 6);
}

}  // namespace oh::gfx
