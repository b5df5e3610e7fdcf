// The tour's floor plan as a picture, and where each storey lies in it: the
// plan the packer drew into the bundle, or one drawn now from a bare model's
// rooms (plan/). The minimap shows it (ui/plan_minimap.h); a point on the
// picture maps to a point on the storey's floor and back.
//
// Not for: drawing it with ImGui, acting on a click.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "bundle/manifest.h"
#include "core/image.h"
#include "core/result.h"
#include "navigation/walker.h"
#include "plan/plan_drawing.h"
#include "rooms/rooms.h"
#include "viewer/tour/tour_assets.h"

namespace oh::viewer {

struct TourPlan {
    RgbaImage picture;
    std::vector<plan::StoreyPlacement> storeys;  // lowest first

    // The storey whose floor is nearest below (or just above) height `y`.
    size_t storeyAt(float y) const;
    // The picture's pixel of a model point, on storey `storey`.
    glm::vec2 pixelOf(const glm::vec3& point, size_t storey) const;
    // The model point on storey `storey`'s floor at a pixel of the picture.
    glm::vec3 floorPointAt(glm::vec2 pixel, size_t storey) const;
};

// Where a visitor sent to a point of the plan stands: there, or as near as
// the walker fits within a metre (a click on a table stands beside it),
// facing the most open way (a click beside a wall does not stare at it).
struct PlanArrival {
    nav::WalkerState walker;
    float yawRadians = 0.0f;
};
std::optional<PlanArrival> arrivalAtPlanPoint(const nav::CollisionWorld& world, const nav::WalkerParams& params,
                                              const glm::vec3& floorPoint);

// The plan's picture no larger than it needs to be for a minimap.
inline constexpr uint32_t kMinimapPictureHeight = 1024;

// The tour's plan: the bundle's (decoded), else one drawn from `rooms` on the
// model's collision world. None: no plan (a listing of panoramas only, a
// model with nothing to walk on or no rooms), logged at info level. Errors: a
// damaged plan part in the bundle.
Result<std::optional<TourPlan>> loadTourPlan(const TourAssets& tour, std::span<const rooms::TourRoom> rooms);

}  // namespace oh::viewer
