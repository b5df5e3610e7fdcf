#include "viewer/tour/tour_plan.h"

#include <cmath>

#include <glm/gtc/constants.hpp>

#include "core/log.h"
#include "plan/floor_plan.h"
#include "plan/plan_drawing.h"
#include "viewer/tour/picture_decode.h"

namespace oh::viewer {
namespace {

constexpr float kOnTheFlyPixelsPerMetre = 60.0f;  // as the packer draws it

// The picture as the packer drew it; the placements shrink with a smaller mip level.
plan::StoreyPlacement placementOf(const bundle::PlanStorey& storey, double scale) {
    return {.origin = glm::vec2(float(storey.originX * scale), float(storey.originY * scale)),
            .pixelsPerMetre = float(storey.pixelsPerMetre * scale),
            .floorY = float(storey.floorY),
            .min = glm::vec2(float(storey.minX), float(storey.minZ)),
            .max = glm::vec2(float(storey.maxX), float(storey.maxZ))};
}

}  // namespace

size_t TourPlan::storeyAt(float y) const {
    size_t best = 0;
    for (size_t i = 0; i < storeys.size(); ++i)
        if (storeys[i].floorY <= y + 0.5f) best = i;
    return best;
}

glm::vec2 TourPlan::pixelOf(const glm::vec3& point, size_t storey) const {
    const plan::StoreyPlacement& s = storeys[storey];
    return s.origin + glm::vec2(point.x, point.z) * s.pixelsPerMetre;
}

glm::vec3 TourPlan::floorPointAt(glm::vec2 pixel, size_t storey) const {
    const plan::StoreyPlacement& s = storeys[storey];
    const glm::vec2 metres = (pixel - s.origin) / s.pixelsPerMetre;
    return glm::vec3(metres.x, s.floorY, metres.y);
}

std::optional<PlanArrival> arrivalAtPlanPoint(const nav::CollisionWorld& world, const nav::WalkerParams& params,
                                              const glm::vec3& floorPoint) {
    constexpr float kSearchMetres = 1.0f;
    constexpr int kDirections = 24;
    auto standing = nav::standNear(world, params, floorPoint + glm::vec3(0.0f, 0.5f, 0.0f), 1.0f, kSearchMetres);
    if (!standing) return std::nullopt;
    PlanArrival arrival{*standing, 0.0f};
    const glm::vec3 eye = nav::eyePosition(params, *standing);
    float farthest = -1.0f;
    for (int i = 0; i < kDirections; ++i) {
        // Yaw turns left from -Z: the view looks along (-sin, 0, -cos).
        const float yaw = 2.0f * glm::pi<float>() * float(i) / float(kDirections);
        const nav::RayQuery ray{.origin = eye, .direction = {-std::sin(yaw), 0.0f, -std::cos(yaw)}, .maxDistance = 20.0f};
        const auto hit = nav::raycast(world, ray);
        const float distance = hit ? hit->distance : ray.maxDistance;
        if (distance > farthest) {
            farthest = distance;
            arrival.yawRadians = yaw;
        }
    }
    return arrival;
}

Result<std::optional<TourPlan>> loadTourPlan(const TourAssets& tour, std::span<const rooms::TourRoom> rooms) {
    if (tour.bundle && tour.manifest) {
        if (!tour.manifest->generatedPlan) return std::optional<TourPlan>();
        const bundle::GeneratedPlan& generated = *tour.manifest->generatedPlan;
        auto picture = decodePictureAtMost(*tour.bundle, generated.image, bundle::PartKind::GeneratedPlan,
                                           kMinimapPictureHeight);
        if (!picture) return picture.error();
        TourPlan plan;
        const double scale = double(picture->width) / double(generated.image.width);
        plan.picture = std::move(picture.value());
        for (const bundle::PlanStorey& storey : generated.storeys) plan.storeys.push_back(placementOf(storey, scale));
        return std::optional<TourPlan>(std::move(plan));
    }
    if (!tour.world || rooms.empty()) return std::optional<TourPlan>();
    std::vector<plan::RoomSeed> seeds;
    for (const rooms::TourRoom& room : rooms) seeds.push_back({.name = room.name, .floorPoint = room.floorPoint});
    auto made = plan::makeFloorPlan(*tour.world, seeds);
    if (!made) {
        OH_LOG_INFO("no floor plan: %s", made.error().message.c_str());
        return std::optional<TourPlan>();
    }
    plan::PlanPage page{.title = tour.scene.name, .pngPixelsPerMetre = kOnTheFlyPixelsPerMetre};
    plan::PlanPicture picture = plan::drawPlanPicture(*made, page);
    return std::optional<TourPlan>(TourPlan{{picture.width, picture.height, std::move(picture.rgba)},
                                            std::move(picture.storeys)});
}

}  // namespace oh::viewer
