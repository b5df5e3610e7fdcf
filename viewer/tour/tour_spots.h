// Where a tour puts the visitor: its starting spot, and the spot each place
// of the tour panel (a camera of the file, a room) stands them on. One
// answer for the desktop walk-through and the headset alike.
//
// Not for: moving there (walk_mode.h on the desktop, locomotion.h in a headset).
#pragma once

#include <optional>
#include <span>
#include <string>

#include "navigation/collision_world.h"
#include "navigation/start_spot.h"
#include "navigation/walker.h"
#include "renderer/camera.h"
#include "scene/scene.h"
#include "rooms/rooms.h"

namespace oh::viewer {

// A place of the tour to go to: one of the file's cameras, or one of its
// rooms (tour_rooms.h). The panels list them; spotForPlace says where to stand.
struct TourPlace {
    enum class Kind { Camera, Room } kind = Kind::Camera;
    uint32_t index = 0;  // into Scene::cameras or rooms::TourRooms::rooms()
};

struct TourSpot {
    nav::WalkerState walker;  // standing on the floor
    float yawRadians = 0.0f;  // facing (0: down -Z, positive: turned left)
    float pitchRadians = 0.0f;
};

// The viewpoint of a glTF camera (yaw and pitch of its -Z axis).
gfx::Viewpoint cameraViewpoint(const scene::Camera& camera);

// The file's first camera, standing on the floor under it; with no camera,
// `packedStart` (the spot a tour bundle's packer found) or else the start
// spot search (navigation/start_spot.h). None, with the reason in `why`, when
// there is nowhere to stand (a single object, a camera in the air).
std::optional<TourSpot> tourStart(const scene::Scene& scene, const nav::CollisionWorld& world,
                                  const nav::WalkerParams& params, std::string* why = nullptr,
                                  const nav::StartSpot* packedStart = nullptr);

// A panel place: a camera's floor spot facing its way, or a room's floor
// point (`rooms`) facing its heading, else keeping `currentYaw`. None when
// the place has no floor to stand on (an object, a camera in the air): show
// it from outside instead.
std::optional<TourSpot> spotForPlace(const scene::Scene& scene, const nav::CollisionWorld& world,
                                     const nav::WalkerParams& params, const TourPlace& place, float currentYaw,
                                     std::span<const rooms::TourRoom> rooms);

}  // namespace oh::viewer
