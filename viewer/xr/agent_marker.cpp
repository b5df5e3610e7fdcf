#include "viewer/xr/agent_marker.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/constants.hpp>

namespace oh::viewer {
namespace {

// Magenta: unlike anything else in the tour (markers white and blue, the
// highlight amber, the tape orange, the teleport arc cyan), so "the agent's"
// reads at a glance; linear values, straight alpha.
const glm::vec4 kMarkerColour{1.0f, 0.12f, 0.55f, 0.95f};
const glm::vec4 kCueColour{1.0f, 0.12f, 0.55f, 1.0f};
constexpr float kLift = 0.015f;            // off the surface, so the ring never fights it for depth
constexpr float kPulseSeconds = 1.2f;      // one swell of the ring: calm, but a movement the eye catches
constexpr float kPinFrom = 0.45f, kPinTo = 0.08f;  // the pin, metres out along the surface's normal
constexpr float kCueDistance = 0.5f;       // in front of the eye: nearer than any wall the walker allows
constexpr float kCueOffCentreDegrees = 22.0f;
constexpr float kMinDegrees = 2.5f;        // the ring's least angular radius: a marker across the room still catches the eye

// Any unit vector square to `v` (unit).
glm::vec3 squareTo(const glm::vec3& v) {
    glm::vec3 other = std::abs(v.y) < 0.9f ? glm::vec3(0.0f, 1.0f, 0.0f) : glm::vec3(1.0f, 0.0f, 0.0f);
    return glm::normalize(glm::cross(v, other));
}

}  // namespace

void AgentMarker::pointAt(const glm::vec3& origin, const glm::vec3& direction, const nav::CollisionWorld* world,
                          bool modelVisible) {
    glm::vec3 along = glm::normalize(direction);
    if (!modelVisible) {
        m_marker = Marker{origin + along * kPanoramaDistance, -along};
        m_seconds = 0.0f;
        return;
    }
    std::optional<nav::RayHit> hit;
    if (world) hit = nav::raycast(*world, nav::RayQuery{origin, along, kReach});
    if (!hit) {
        m_marker.reset();
        return;
    }
    if (m_marker && glm::length(hit->point - m_marker->point) < kClearRadius) {
        m_marker.reset();  // the agent clicked their marker: done with it
        return;
    }
    m_marker = Marker{hit->point, hit->normal};
    m_seconds = 0.0f;
}

void AgentMarker::update(float dt) {
    if (m_marker && dt > 0.0f) m_seconds = std::fmod(m_seconds + dt, kPulseSeconds);
}

bool AgentMarker::outsideView(const glm::vec3& eye, const glm::vec3& forward) const {
    if (!m_marker) return false;
    glm::vec3 toMarker = m_marker->point - eye;
    float distance = glm::length(toMarker);
    if (distance < 1e-4f) return false;
    float cosine = glm::dot(toMarker / distance, glm::normalize(forward));
    return cosine < std::cos(glm::radians(kCueBeyondDegrees));
}

void AgentMarker::addShapes(gfx::OverlayGeometry& shapes, const glm::vec3& eye, const glm::vec3& forward,
                            const glm::vec3& up) const {
    if (!m_marker) return;
    const glm::vec3& normal = m_marker->normal;
    glm::vec3 toEye = eye - m_marker->point;
    // Across the room it grows, so it never looks smaller than kMinDegrees across.
    float scale = std::max(1.0f, glm::length(toEye) * std::tan(glm::radians(kMinDegrees)) / kRingRadius);
    float swell = 0.5f - 0.5f * std::cos(glm::two_pi<float>() * m_seconds / kPulseSeconds);
    glm::vec3 onSurface = m_marker->point + normal * kLift;
    float ring = kRingRadius * scale;
    shapes.addDisc(onSurface, normal, ring * (1.0f + 0.3f * swell), kMarkerColour, ring * 0.72f);
    shapes.addDisc(onSurface, normal, ring * 0.22f, kMarkerColour);
    // The pin points into the surface, flat towards the eye so it reads as an arrow.
    glm::vec3 facing = toEye - normal * glm::dot(toEye, normal);
    facing = glm::length(facing) > 1e-3f ? glm::normalize(facing) : squareTo(normal);
    shapes.addArrow(m_marker->point + normal * (kPinFrom * scale), -normal, (kPinFrom - kPinTo) * scale, 0.09f * scale,
                    facing, kMarkerColour);

    if (!outsideView(eye, forward)) return;
    // The cue: the way to the marker seen in the plane of the view, an arrow
    // off the centre that way. Straight behind, it points to the right.
    glm::vec3 ahead = glm::normalize(forward);
    glm::vec3 toMarker = m_marker->point - eye;
    glm::vec3 way = toMarker - ahead * glm::dot(toMarker, ahead);
    glm::vec3 right = glm::normalize(glm::cross(ahead, up));
    way = glm::length(way) > 1e-3f * glm::length(toMarker) ? glm::normalize(way) : right;
    glm::vec3 centre = eye + ahead * kCueDistance;
    glm::vec3 base = centre + way * (kCueDistance * std::tan(glm::radians(kCueOffCentreDegrees)));
    shapes.addArrow(base, way, 0.07f, 0.05f, ahead, kCueColour);
}

}  // namespace oh::viewer
