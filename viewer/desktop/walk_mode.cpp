#include "viewer/desktop/walk_mode.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/constants.hpp>

namespace oh::viewer {
namespace {

// Looking further up or down than this only shows ceiling or floor, and
// straight up would leave "forward" undefined.
constexpr float kMaxPitch = 1.3f;
// Velocity follows the keys within about 0.15 s: quick, but not a jolt.
constexpr float kVelocityResponse = 12.0f;
// Longer frames (a hitch, a debugger) are simulated as this long, so one slow
// frame never becomes one giant step.
constexpr float kMaxStep = 0.05f;

}  // namespace

WalkMode::WalkMode(const nav::CollisionWorld& world, const nav::WalkerParams& params, const nav::WalkerState& start,
                   float yawRadians, float pitchRadians)
    : m_world(world), m_params(params), m_walker(start), m_yaw(yawRadians),
      m_pitch(std::clamp(pitchRadians, -kMaxPitch, kMaxPitch)) {}

void WalkMode::update(float dt, const WalkInput& input) {
    dt = std::clamp(dt, 0.0f, kMaxStep);
    // Drag the world: moving the mouse right turns the view left, as in web tours.
    m_yaw += input.lookDrag.x * kRadiansPerPixel + input.turn * kTurnSpeed * dt;
    m_pitch = std::clamp(m_pitch + input.lookDrag.y * kRadiansPerPixel, -kMaxPitch, kMaxPitch);

    glm::vec2 move = input.move;
    if (glm::length(move) > 1.0f) move = glm::normalize(move);
    if (move != glm::vec2(0.0f)) m_glide.reset();

    if (m_glide) {
        m_glide->elapsed += dt;
        glm::vec3 target = nav::glidePosition(m_glide->path, m_glide->elapsed);
        // The glide was checked when it started; stepping keeps gravity and
        // collisions honest if the floor under the line differs.
        m_walker = nav::step(m_world, m_params, m_walker, target - m_walker.feet, dt);
        if (const auto& arrival = m_glide->arrival) {
            // The view turns with the same easing as the glide moves.
            float t = std::clamp(m_glide->elapsed / m_glide->path.duration, 0.0f, 1.0f);
            float eased = t * t * t * (t * (t * 6.0f - 15.0f) + 10.0f);
            m_yaw = arrival->fromYaw + (arrival->toYaw - arrival->fromYaw) * eased;
            m_pitch = arrival->fromPitch + (arrival->toPitch - arrival->fromPitch) * eased;
            if (t >= 1.0f) m_walker = arrival->walker;
        }
        if (m_glide->elapsed >= m_glide->path.duration) m_glide.reset();
        m_velocity = glm::vec3(0.0f);
        return;
    }

    glm::vec3 forward(-std::sin(m_yaw), 0.0f, -std::cos(m_yaw));
    glm::vec3 right(std::cos(m_yaw), 0.0f, -std::sin(m_yaw));
    float speed = input.fast ? kFastSpeed : kWalkSpeed;
    glm::vec3 wanted = (forward * move.y + right * move.x) * speed;
    m_velocity += (wanted - m_velocity) * std::min(1.0f, kVelocityResponse * dt);
    if (glm::length(m_velocity) < 1e-3f && wanted == glm::vec3(0.0f)) m_velocity = glm::vec3(0.0f);
    m_walker = nav::step(m_world, m_params, m_walker, m_velocity * dt, dt);
}

nav::GlideRefusal WalkMode::glideAlong(const glm::vec3& rayOrigin, const glm::vec3& rayDirection) {
    nav::GlideTarget target = nav::pickGlideTarget(m_world, m_params, m_walker, rayOrigin, rayDirection);
    if (!target.ok()) return target.refusal;
    m_glide = Glide{nav::planGlide(m_walker.feet, target.walker.feet), 0.0f, std::nullopt};
    return nav::GlideRefusal::None;
}

void WalkMode::glideTo(const nav::WalkerState& target, float yawRadians, float pitchRadians) {
    pitchRadians = std::clamp(pitchRadians, -kMaxPitch, kMaxPitch);
    constexpr float kMaxDeviation = 0.1f;
    if (!nav::walkStraightTo(m_world, m_params, m_walker, target.feet, kMaxDeviation)) {
        placeAt(target, yawRadians, pitchRadians);
        return;
    }
    // The shorter way round.
    float toYaw = m_yaw + std::remainder(yawRadians - m_yaw, glm::two_pi<float>());
    m_glide = Glide{nav::planGlide(m_walker.feet, target.feet), 0.0f,
                    Glide::Arrival{target, m_yaw, toYaw, m_pitch, pitchRadians}};
    m_velocity = glm::vec3(0.0f);
}

void WalkMode::placeAt(const nav::WalkerState& state, float yawRadians, float pitchRadians) {
    m_walker = state;
    m_yaw = yawRadians;
    m_pitch = std::clamp(pitchRadians, -kMaxPitch, kMaxPitch);
    m_velocity = glm::vec3(0.0f);
    m_glide.reset();
}

gfx::Viewpoint WalkMode::viewpoint() const {
    return gfx::Viewpoint{nav::eyePosition(m_params, m_walker), m_yaw, m_pitch};
}

}  // namespace oh::viewer
