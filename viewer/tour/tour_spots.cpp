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
                                     std::span<const rooms::TourRoom> rooms) {
    if (place.kind == TourPlace::Kind::Room) {
        if (place.index >= rooms.size()) return std::nullopt;
        const rooms::TourRoom& room = rooms[place.index];
        auto standing = nav::standOn(world, params, room.floorPoint + glm::vec3(0.0f, 1.0f, 0.0f), 1.5f);
        if (!standing) return std::nullopt;
        return TourSpot{*standing, room.yawRadians.value_or(currentYaw), 0.0f};
    }
    gfx::Viewpoint view = cameraViewpoint(scene.cameras[place.index]);
    if (auto standing = nav::standOn(world, params, view.eye, 3.0f))
        return TourSpot{*standing, view.yawRadians, view.pitchRadians};
    return std::nullopt;
}

}  // namespace oh::viewer
