#include "viewer/desktop/orbit_camera.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/constants.hpp>

namespace oh::viewer {
namespace {

constexpr float kRadiansPerPixel = 0.005f;  // a 1280-pixel drag turns about one full circle
constexpr float kZoomPerNotch = 0.85f;
constexpr float kMaxPitch = 1.55f;           // just under 90 degrees
// Zoom limits relative to the model's size: close enough to look at a
// doorknob, far enough to see a whole building as a speck.
constexpr float kMinDistanceRatio = 0.01f;
constexpr float kMaxDistanceRatio = 50.0f;

}  // namespace

OrbitCamera::OrbitCamera(const scene::Aabb& bounds, float verticalFovRadians, float aspect)
    : m_bounds(bounds), m_fov(verticalFovRadians) {
    m_radius = bounds.empty() ? 1.0f : std::max(glm::length(bounds.size()) * 0.5f, 1e-3f);
    frameAll(aspect);
}

void OrbitCamera::frameAll(float aspect, float pitchRadians) {
    gfx::Viewpoint start = gfx::frameBounds(m_bounds, m_fov, aspect, pitchRadians);
    m_target = m_bounds.empty() ? glm::vec3(0.0f) : m_bounds.center();
    m_distance = std::max(glm::length(start.eye - m_target), 1e-3f);
    m_yaw = start.yawRadians;
    m_pitch = start.pitchRadians;
}

void OrbitCamera::rotate(glm::vec2 pixels) {
    m_yaw -= pixels.x * kRadiansPerPixel;
    m_pitch = std::clamp(m_pitch - pixels.y * kRadiansPerPixel, -kMaxPitch, kMaxPitch);
    // Keep the angle small so float precision does not drift after many turns.
    m_yaw = std::remainder(m_yaw, glm::two_pi<float>());
}

void OrbitCamera::pan(glm::vec2 pixels, float viewportHeight) {
    if (viewportHeight <= 0.0f) return;
    // World units per pixel at the target's depth.
    float scale = 2.0f * m_distance * std::tan(m_fov * 0.5f) / viewportHeight;
    gfx::Viewpoint current = viewpoint();
    glm::vec3 forward = current.forward();
    glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0.0f, 1.0f, 0.0f)));
    glm::vec3 up = glm::cross(right, forward);
    // Dragging right moves the scene right, i.e. the target left; +y is down on screen.
    m_target += (-right * pixels.x + up * pixels.y) * scale;
}

void OrbitCamera::zoom(float steps) {
    m_distance *= std::pow(kZoomPerNotch, steps);
    m_distance = std::clamp(m_distance, m_radius * kMinDistanceRatio, m_radius * kMaxDistanceRatio);
}

void OrbitCamera::lookFrom(const gfx::Viewpoint& viewpoint, float distance) {
    m_yaw = viewpoint.yawRadians;
    m_pitch = viewpoint.pitchRadians;
    m_distance = std::max(distance, m_radius * kMinDistanceRatio);
    m_target = viewpoint.eye + viewpoint.forward() * m_distance;
}

void OrbitCamera::frame(const scene::Aabb& bounds, float aspect) {
    if (bounds.empty()) return;
    gfx::Viewpoint framed = gfx::frameBounds(bounds, m_fov, aspect);
    float distance = glm::length(bounds.center() - framed.eye);
    gfx::Viewpoint current = viewpoint();
    current.eye = bounds.center() - current.forward() * distance;
    lookFrom(current, distance);
}

gfx::Viewpoint OrbitCamera::viewpoint() const {
    gfx::Viewpoint result;
    result.yawRadians = m_yaw;
    result.pitchRadians = m_pitch;
    result.eye = m_target - result.forward() * m_distance;
    return result;
}

}  // namespace oh::viewer
