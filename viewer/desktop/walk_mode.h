// WalkMode: the desktop's first-person walk through a model. WASD or the
// arrow keys walk at a person's pace (Shift: faster), dragging looks around,
// and a click on the floor glides there. Collisions, steps and gravity come
// from navigation/walker.h; this class turns input into moves and keeps the
// view direction.
//
// Plain maths over a CollisionWorld, no window: testable without a display.
#pragma once

#include <optional>

#include <glm/glm.hpp>

#include "navigation/collision_world.h"
#include "navigation/glide.h"
#include "navigation/walker.h"
#include "renderer/camera.h"

namespace oh::viewer {

struct WalkInput {
    glm::vec2 move{0.0f};        // x: strafe right, y: forward; each -1..1
    float turn = 0.0f;           // keyboard turning, -1 (right) .. 1 (left)
    bool fast = false;           // Shift
    glm::vec2 lookDrag{0.0f};    // pixels dragged this frame (+x right, +y down)
};

class WalkMode {
public:
    static constexpr float kWalkSpeed = 1.4f;         // m/s, an unhurried walk
    static constexpr float kFastSpeed = 3.0f;         // m/s
    static constexpr float kTurnSpeed = 1.6f;         // rad/s with the keyboard
    static constexpr float kRadiansPerPixel = 0.004f; // mouse look

    WalkMode(const nav::CollisionWorld& world, const nav::WalkerParams& params, const nav::WalkerState& start,
             float yawRadians, float pitchRadians = 0.0f);

    // Advances by `dt` seconds. Keyboard movement cancels a glide in progress.
    void update(float dt, const WalkInput& input);

    // Starts a glide to the floor the ray points at; returns why not if it can't.
    nav::GlideRefusal glideAlong(const glm::vec3& rayOrigin, const glm::vec3& rayDirection);
    bool gliding() const { return m_glide.has_value(); }

    // Glides to `target` (a walker standing there), turning on the way to
    // face `yawRadians` and `pitchRadians` on arrival: where a photo was
    // taken. Straight when a straight walk leads there, else at once.
    void glideTo(const nav::WalkerState& target, float yawRadians, float pitchRadians);

    // Puts the walker somewhere else at once (a place picked from a list).
    void placeAt(const nav::WalkerState& state, float yawRadians, float pitchRadians = 0.0f);

    gfx::Viewpoint viewpoint() const;
    const nav::WalkerState& walker() const { return m_walker; }
    const nav::WalkerParams& params() const { return m_params; }

private:
    const nav::CollisionWorld& m_world;
    nav::WalkerParams m_params;
    nav::WalkerState m_walker;
    float m_yaw = 0.0f;
    float m_pitch = 0.0f;
    glm::vec3 m_velocity{0.0f};  // smoothed horizontal velocity: no jolt when starting or stopping
    struct Glide {
        nav::GlidePath path;
        float elapsed = 0.0f;
        // glideTo's: where the view turns to and exactly where it ends.
        struct Arrival {
            nav::WalkerState walker;
            float fromYaw, toYaw, fromPitch, toPitch;
        };
        std::optional<Arrival> arrival;
    };
    std::optional<Glide> m_glide;
};

}  // namespace oh::viewer
