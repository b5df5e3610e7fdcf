// Headset locomotion; see locomotion.h.
//
// Everything moves the play space, never the tracked head: the head pose is
// the runtime's, and the only thing we may change is where the tracking space
// stands in the model (its origin and yaw). Snap turns rotate it about the
// head, jumps place it so the head (not the space's origin, which may be a
// metre or two away in room scale) ends over the target.
#include "viewer/xr/locomotion.h"

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace oh::viewer {
namespace {

constexpr float kTwoPi = 6.28318530718f;

// Rotation about +Y; positive turns -Z towards -X (counter-clockwise from above).
glm::vec3 rotateYaw(const glm::vec3& v, float radians) {
    const float c = std::cos(radians), s = std::sin(radians);
    return {c * v.x + s * v.z, v.y, -s * v.x + c * v.z};
}

float wrapAngle(float radians) { return radians - kTwoPi * std::floor((radians + 0.5f * kTwoPi) / kTwoPi); }

// The yaw a direction faces (0: -Z), or `fallback` when it points straight up or down.
float yawOf(const glm::vec3& direction, float fallback) {
    if (direction.x * direction.x + direction.z * direction.z < 1e-8f) return fallback;
    return std::atan2(-direction.x, -direction.z);
}

float approach(float value, float target, float ratePerSecond, float dt) {
    const float delta = ratePerSecond * dt;
    return value < target ? std::min(target, value + delta) : std::max(target, value - delta);
}

}  // namespace

// Looking straight down, the top of the head points the way the body faces.
float headYaw(const glm::quat& orientation) {
    const glm::vec3 forward = orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    const glm::vec3 up = orientation * glm::vec3(0.0f, 1.0f, 0.0f);
    if (forward.x * forward.x + forward.z * forward.z > 0.01f) return yawOf(forward, 0.0f);
    return yawOf(forward.y < 0.0f ? up : -up, 0.0f);
}

glm::mat4 PlaySpace::worldFromReference() const {
    return glm::rotate(glm::translate(glm::mat4(1.0f), origin), yawRadians, glm::vec3(0.0f, 1.0f, 0.0f));
}

glm::mat4 PlaySpace::referenceFromWorld() const {
    return glm::translate(glm::rotate(glm::mat4(1.0f), -yawRadians, glm::vec3(0.0f, 1.0f, 0.0f)), -origin);
}

Locomotion::Locomotion(const nav::CollisionWorld& world, const nav::WalkerParams& params, TrackingFloor floor,
                       ComfortSettings comfort)
    : m_world(world), m_params(params), m_floor(floor), m_comfort(comfort) {
    m_space.origin.y = heightOffset();
    m_feet.grounded = true;
}

// [SECTION] placing the play space

// Where the reference origin stands above the walker's feet: the eye height
// in LOCAL space (its y = 0 is the head), the seated raise in STAGE space.
float Locomotion::heightOffset() const {
    if (m_floor == TrackingFloor::HeadLevel) return m_comfort.standingEyeHeight;
    return m_seated ? std::max(0.0f, m_comfort.standingEyeHeight - m_seatedHeadHeight) : 0.0f;
}

glm::vec3 Locomotion::headInWorld(const Pose& head) const {
    return m_space.origin + rotateYaw(head.position, m_space.yawRadians);
}

void Locomotion::placeHead(const Spot& spot, const Pose& head) {
    m_space.yawRadians = wrapAngle(spot.yawRadians - headYaw(head.orientation));
    const glm::vec3 headOffset = rotateYaw(head.position, m_space.yawRadians);
    m_feetHeight = spot.feet.y;
    m_space.origin = glm::vec3(spot.feet.x - headOffset.x, m_feetHeight + heightOffset(), spot.feet.z - headOffset.z);
    m_feet = nav::WalkerState{glm::vec3(spot.feet.x, m_feetHeight, spot.feet.z), 0.0f, true};
    m_lastSpot = spot;
    // The walker fits at a jump target, so its standing eye is in the open:
    // a head that got where it is through a surface is still caught.
    m_safeHead = m_feet.feet + glm::vec3(0.0f, std::min(m_params.eyeHeight, m_params.height - m_params.radius), 0.0f);
}

void Locomotion::turnAboutHead(float radians, const Pose& head) {
    const glm::vec3 before = headInWorld(head);
    m_space.yawRadians = wrapAngle(m_space.yawRadians + radians);
    const glm::vec3 after = headInWorld(head);
    m_space.origin += glm::vec3(before.x - after.x, 0.0f, before.z - after.z);
}

void Locomotion::jumpTo(const glm::vec3& feet, float yawRadians, const Pose& head, bool immediate) {
    m_head = head;
    if (immediate) {
        placeHead(Spot{feet, yawRadians}, head);
        m_pendingJump.reset();
        return;
    }
    m_pendingJump = Spot{feet, yawRadians};
    m_pendingIsTeleport = false;
}

void Locomotion::setSeated(bool seated, const Pose& head) {
    m_seated = seated;
    m_seatedHeadHeight = head.position.y;
    m_space.origin.y = m_feetHeight + heightOffset();
}

void Locomotion::recentre(const Pose& head) { jumpTo(m_lastSpot.feet, m_lastSpot.yawRadians, head); }

void Locomotion::setComfort(const ComfortSettings& comfort) {
    m_comfort = comfort;
    m_space.origin.y = m_feetHeight + heightOffset();
}

// [SECTION] per frame

void Locomotion::update(const LocomotionInput& input) {
    const float dt = std::max(input.dt, 0.0f);
    m_head = input.head;
    if (glm::length(input.thumbstick) < kStickCentre) m_stickArmed = true;
    updateAiming(input);
    updateTurning(input);
    updateJumpFade(dt);
    const glm::vec3 head = headInWorld(m_head);
    m_feet.feet = glm::vec3(head.x, m_feetHeight, head.z);
    updateHeadFade();
    const bool smoothTurning = m_comfort.smoothTurn && m_aimSource == AimSource::None &&
                               std::abs(input.thumbstick.x) > kStickCentre;
    m_vignette = approach(m_vignette, m_comfort.vignette && smoothTurning ? 1.0f : 0.0f, 1.0f / kFadeInSeconds, dt);
}

void Locomotion::updateTurning(const LocomotionInput& input) {
    if (m_aimSource != AimSource::None) return;  // the stick turns the arrival direction instead
    const float x = input.thumbstick.x;
    if (m_comfort.smoothTurn) {
        // Dead zone below kStickCentre, then full speed at full deflection.
        const float beyond = std::max(0.0f, std::abs(x) - kStickCentre) / (1.0f - kStickCentre);
        const float rate = glm::radians(m_comfort.smoothTurnDegreesPerSecond) * beyond * (x > 0.0f ? -1.0f : 1.0f);
        if (beyond > 0.0f) turnAboutHead(rate * std::max(input.dt, 0.0f), input.head);
        return;
    }
    if (m_comfort.snapTurnDegrees <= 0.0f || !m_stickArmed) return;
    if (std::abs(x) < kStickEngage || std::abs(x) <= std::abs(input.thumbstick.y)) return;
    // Stick right turns right: clockwise from above, a negative yaw.
    turnAboutHead(glm::radians(m_comfort.snapTurnDegrees) * (x > 0.0f ? -1.0f : 1.0f), input.head);
    m_stickArmed = false;
    ++m_snapTurnCount;
}

void Locomotion::updateAiming(const LocomotionInput& input) {
    const glm::vec2 stick = input.thumbstick;
    const bool buttonPressed = input.teleportButton && !m_buttonWasDown;
    m_buttonWasDown = input.teleportButton;
    if (!input.teleportAllowed) {
        m_aimSource = AimSource::None;
        m_arc.reset();
        return;
    }

    bool release = false;
    switch (m_aimSource) {
    case AimSource::None:
        if (buttonPressed) {
            m_aimSource = AimSource::Button;
        } else if (m_stickArmed && stick.y > kStickEngage && stick.y >= std::abs(stick.x)) {
            m_aimSource = AimSource::Stick;
            m_stickArmed = false;
        } else {
            return;
        }
        m_arrivalTurn = 0.0f;
        break;
    case AimSource::Stick: release = glm::length(stick) < kStickCentre; break;
    case AimSource::Button: release = !input.teleportButton; break;
    }

    if (release) {
        if (m_arc && m_arc->ok()) {
            m_pendingJump = Spot{m_arc->landing.feet, m_arrivalYaw};
            m_pendingIsTeleport = true;
        }
        m_aimSource = AimSource::None;
        m_arc.reset();
        return;
    }

    // Like the Quest home: pushing the stick the other way turns where you
    // will face; the direction at release is noisy, so only a clear
    // deflection counts. A stick used so does not snap-turn until centred.
    if (glm::length(stick) > 0.5f) {
        m_arrivalTurn = std::atan2(-stick.x, stick.y);
        m_stickArmed = false;
    }
    if (!input.aim) {
        m_arc.reset();
        return;
    }
    const glm::vec3 origin = headInWorld(*input.aim);
    const glm::vec3 direction = rotateYaw(input.aim->orientation * glm::vec3(0.0f, 0.0f, -1.0f), m_space.yawRadians);
    m_arc = nav::traceTeleportArc(m_world, m_params, m_feet, origin, direction);
    const float headYawWorld = headYaw(input.head.orientation) + m_space.yawRadians;
    m_arrivalYaw = wrapAngle(yawOf(direction, headYawWorld) + m_arrivalTurn);
}

void Locomotion::updateJumpFade(float dt) {
    if (!m_pendingJump) {
        m_jumpFade = approach(m_jumpFade, 0.0f, 1.0f / kFadeInSeconds, dt);
        return;
    }
    m_jumpFade = approach(m_jumpFade, 1.0f, 1.0f / kFadeOutSeconds, dt);
    if (m_jumpFade < 1.0f) return;
    // Full black: this frame shows nothing, so the view may jump.
    placeHead(*m_pendingJump, m_head);
    if (m_pendingIsTeleport) ++m_teleportCount;
    m_pendingJump.reset();
}

// Near a surface the view darkens with the distance; through one (the path
// from the last open position crosses it) it is black, whatever the distance,
// since deep inside a thick wall no surface is near.
void Locomotion::updateHeadFade() {
    const glm::vec3 head = headInWorld(m_head);
    if (m_safeHead) {
        const glm::vec3 path = head - *m_safeHead;
        const float pathLength = glm::length(path);
        if (pathLength > 1e-5f && nav::anyHit(m_world, nav::RayQuery{*m_safeHead, path, pathLength})) {
            m_headFade = 1.0f;
            return;
        }
    }
    nav::contacts(m_world, nav::Capsule{head, head, kHeadFadeStart}, m_touching);
    float nearest = kHeadFadeStart;
    for (const nav::Contact& contact : m_touching) nearest = std::min(nearest, kHeadFadeStart - contact.depth);
    m_headFade = std::clamp((kHeadFadeStart - nearest) / (kHeadFadeStart - kHeadFadeFull), 0.0f, 1.0f);
    if (m_headFade < 1.0f) m_safeHead = head;
}

}  // namespace oh::viewer
