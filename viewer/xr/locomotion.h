// Locomotion: comfortable movement in the headset, as plain maths over the
// collision world (no OpenXR, no window: the XR presenter feeds it poses and
// controller state, and draws what it says). The user walks physically inside
// the tracking space; this class decides where that space stands in the model:
//  - teleport: aim an arc (stick forward or a held button), turn the arrival
//    direction with the stick, release to jump there behind a short black fade;
//  - snap turn (or smooth turn, with a tunnel vignette) about the head;
//  - seated mode raises the view to standing eye height;
//  - recentre over the last spot jumped to;
//  - the view fades to black when the head goes into a wall or furniture, so
//    nobody peeks through walls by leaning.
// Not for the desktop's walk mode (walk_mode.h), nor for drawing the arc.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "navigation/collision_world.h"
#include "navigation/teleport.h"
#include "navigation/walker.h"

namespace oh::viewer {

struct Pose {  // in the tracking reference space
    glm::vec3 position{0.0f};
    glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};
};

// Where a head looks, as a yaw about +Y (0: down -Z, positive: turned left),
// in the space its orientation is given in; looking straight up or down too.
float headYaw(const glm::quat& orientation);

enum class TrackingFloor {
    RealFloor,  // STAGE: y = 0 is the real floor
    HeadLevel,  // LOCAL: y = 0 is where the head started
};

// Where the tracking space stands in the model.
struct PlaySpace {
    glm::vec3 origin{0.0f};   // world position of the reference space's origin
    float yawRadians = 0.0f;  // its rotation about +Y (positive: counter-clockwise seen from above)
    glm::mat4 worldFromReference() const;
    glm::mat4 referenceFromWorld() const;
};

struct ComfortSettings {
    float snapTurnDegrees = 30.0f;  // 30 or 45 typical; 0 disables snap turn
    bool smoothTurn = false;        // the stick turns continuously instead of snapping
    float smoothTurnDegreesPerSecond = 90.0f;
    bool vignette = true;            // tunnel vignette during artificial motion
    float standingEyeHeight = 1.6f;  // seated mode raises the view to this; HeadLevel assumes it
};

struct LocomotionInput {  // one frame; poses in the reference space
    float dt = 0.0f;      // seconds since the last update
    Pose head;
    std::optional<Pose> aim;  // the teleporting hand's aim pose (points down its -Z); none if untracked
    // That hand's stick: forward (y > 0.7) starts aiming, back near centre
    // teleports; while aiming its direction turns the arrival yaw, otherwise
    // left/right snaps or smooth-turns.
    glm::vec2 thumbstick{0.0f};
    bool teleportButton = false;  // simple controllers: held = aim, release = teleport
    // False inside a 360° panorama, which shows one spot only: the stick and
    // button aim nothing (an arc being aimed is dropped), turning stays.
    bool teleportAllowed = true;
};

class Locomotion {
public:
    static constexpr float kFadeOutSeconds = 0.1f;  // to black before a jump
    static constexpr float kFadeInSeconds = 0.15f;  // back after it
    static constexpr float kStickEngage = 0.7f;     // deflection that starts aiming or snaps
    static constexpr float kStickCentre = 0.3f;     // below this the stick is back at centre
    // The head fades to black as it comes within kHeadFadeStart metres of a
    // surface, fully at kHeadFadeFull (the eye's near plane is ~5 cm).
    static constexpr float kHeadFadeStart = 0.12f;
    static constexpr float kHeadFadeFull = 0.04f;

    // `world` must outlive this object.
    Locomotion(const nav::CollisionWorld& world, const nav::WalkerParams& params, TrackingFloor floor,
               ComfortSettings comfort);

    // Places the user's head above `feet` (world, a walker's feet) facing
    // `yawRadians`, given where the head is now in the reference space. With
    // a fade (the jump happens at full black, during update()) unless immediate.
    void jumpTo(const glm::vec3& feet, float yawRadians, const Pose& head, bool immediate = false);
    void update(const LocomotionInput& input);
    // Raises the view so the head is at standingEyeHeight (RealFloor only;
    // HeadLevel already assumes standing height). `head`: the seated head now.
    void setSeated(bool seated, const Pose& head);
    bool seated() const { return m_seated; }
    // The view goes back over the last spot jumped or teleported to, facing
    // its direction (with a fade).
    void recentre(const Pose& head);
    void setComfort(const ComfortSettings& comfort);

    const PlaySpace& playSpace() const { return m_space; }
    glm::mat4 referenceFromWorld() const { return m_space.referenceFromWorld(); }  // height offsets included
    glm::mat4 worldFromReference() const { return m_space.worldFromReference(); }
    // While aiming: the arc and its landing, for drawing; none otherwise.
    const std::optional<nav::TeleportArc>& aimingArc() const { return m_arc; }
    // While aiming: the world yaw the user will face on arrival (the stick's
    // direction turns it), for the landing marker's arrow.
    float arrivalYaw() const { return m_arrivalYaw; }
    // 0..1 black: teleport jumps (kFadeOutSeconds out, jump, kFadeInSeconds
    // in) and the head inside or at geometry.
    float fade() const { return std::max(m_jumpFade, m_headFade); }
    float vignette() const { return m_vignette; }  // 0..1 tunnel strength (smooth turn)
    // A jump (jumpTo without `immediate`, a teleport, a recentre) waits for full black.
    bool jumpPending() const { return m_pendingJump.has_value(); }
    const nav::WalkerState& feet() const { return m_feet; }  // the floor spot under the head
    uint32_t teleportCount() const { return m_teleportCount; }
    uint32_t snapTurnCount() const { return m_snapTurnCount; }

private:
    struct Spot {
        glm::vec3 feet{0.0f};
        float yawRadians = 0.0f;
    };
    enum class AimSource { None, Stick, Button };

    float heightOffset() const;
    glm::vec3 headInWorld(const Pose& head) const;
    void placeHead(const Spot& spot, const Pose& head);
    void turnAboutHead(float radians, const Pose& head);
    void updateTurning(const LocomotionInput& input);
    void updateAiming(const LocomotionInput& input);
    void updateJumpFade(float dt);
    void updateHeadFade();

    const nav::CollisionWorld& m_world;
    nav::WalkerParams m_params;
    TrackingFloor m_floor;
    ComfortSettings m_comfort;

    PlaySpace m_space;
    float m_feetHeight = 0.0f;  // world y of the walker's feet on the floor the play space stands on
    bool m_seated = false;
    float m_seatedHeadHeight = 0.0f;  // the head's reference-space height when seated mode began
    nav::WalkerState m_feet;
    Spot m_lastSpot;
    Pose m_head;  // the latest head pose (for a jump applied at full black)

    AimSource m_aimSource = AimSource::None;
    bool m_buttonWasDown = false;
    bool m_stickArmed = true;  // the stick has been back at centre since its last snap or aim
    std::optional<nav::TeleportArc> m_arc;
    float m_arrivalTurn = 0.0f;  // the stick's turn of the arrival yaw, relative to the aim
    float m_arrivalYaw = 0.0f;

    std::optional<Spot> m_pendingJump;
    bool m_pendingIsTeleport = false;
    float m_jumpFade = 0.0f;
    float m_headFade = 0.0f;
    // The last head position in the open (none before the first jump): a head
    // reached from there through a surface is inside something.
    std::optional<glm::vec3> m_safeHead;
    std::vector<nav::Contact> m_touching;  // scratch for the head's contacts
    float m_vignette = 0.0f;

    uint32_t m_teleportCount = 0;
    uint32_t m_snapTurnCount = 0;
};

}  // namespace oh::viewer
