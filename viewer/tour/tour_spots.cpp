#include "viewer/tour/tour_spots.h"

#include <algorithm>
#include <cmath>

#include "navigation/start_spot.h"

namespace oh::viewer {

gfx::Viewpoint cameraViewpoint(const scene::Camera& camera) {
    glm::mat4 world = glm::inverse(gfx::cameraViewMatrix(camera));
    glm::vec3 forward = -glm::normalize(glm::vec3(world[2]));
    return gfx::Viewpoint{glm::vec3(world[3]), std::atan2(-forward.x, -forward.z),
                          std::asin(std::clamp(forward.y, -1.0f, 1.0f))};
}

std::optional<TourSpot> tourStart(const scene::Scene& scene, const nav::CollisionWorld& world,
                                  const nav::WalkerParams& params, std::string* why,
                                  const nav::StartSpot* packedStart) {
    if (!scene.cameras.empty()) {
        // The author chose this view: honour it, or show the model from it.
        gfx::Viewpoint view = cameraViewpoint(scene.cameras.front());
        if (auto standing = nav::standOn(world, params, view.eye, 3.0f))
            return TourSpot{*standing, view.yawRadians, view.pitchRadians};
        if (why) *why = "the file's first camera is not above a floor";
        return std::nullopt;
    }
    auto spot = packedStart ? Result<nav::StartSpot>(*packedStart) : nav::findStartSpot(world, params);
    if (!spot) {
        if (why) *why = spot.error().message;
        return std::nullopt;
    }
    return TourSpot{spot->walker, std::atan2(-spot->forward.x, -spot->forward.z), 0.0f};
}

std::optional<TourSpot> spotForPlace(const scene::Scene& scene, const nav::CollisionWorld& world,
                                     const nav::WalkerParams& params, const TourPlace& place, float currentYaw,
                                     std::span<const listing::Spot> rooms) {
    if (place.kind == TourPlace::Kind::Room) {
        if (place.index >= rooms.size()) return std::nullopt;
        const listing::Spot& room = rooms[place.index];
        glm::vec3 floor(float(room.position[0]), float(room.position[1]), float(room.position[2]));
        auto standing = nav::standOn(world, params, floor + glm::vec3(0.0f, 1.0f, 0.0f), 1.5f);
        if (!standing) return std::nullopt;
        // A listing's heading turns clockwise seen from above; yaw turns left.
        float yaw = room.heading ? -glm::radians(float(*room.heading)) : currentYaw;
        return TourSpot{*standing, yaw, 0.0f};
    }
    if (place.kind == TourPlace::Kind::Camera) {
        gfx::Viewpoint view = cameraViewpoint(scene.cameras[place.index]);
        if (auto standing = nav::standOn(world, params, view.eye, 3.0f))
            return TourSpot{*standing, view.yawRadians, view.pitchRadians};
        return std::nullopt;
    }
    // A room's floor: stand in its middle (a metre above it, so furniture
    // standing there is not mistaken for the floor).
    scene::Aabb bounds = scene::nodeBounds(scene, place.index);
    if (bounds.empty()) return std::nullopt;
    glm::vec3 above(bounds.center().x, bounds.min.y + 1.0f, bounds.center().z);
    auto standing = nav::standOn(world, params, above, 1.5f);
    if (!standing || std::abs(standing->feet.y - bounds.min.y) >= 0.3f) return std::nullopt;
    return TourSpot{*standing, currentYaw, 0.0f};
}

}  // namespace oh::viewer
