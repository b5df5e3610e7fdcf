// Where a tour starts when the file names no camera: a standing spot inside
// the building, on the main floor (not a tabletop, not in a wall, not outside),
// with the eye at walker height and the view turned to the most open side.
// Not for files with cameras: the viewer uses those as they are.
#pragma once

#include <cstdint>

#include <glm/glm.hpp>

#include "core/result.h"
#include "navigation/collision_world.h"
#include "navigation/walker.h"

namespace oh::nav {

struct StartSpotOptions {
    // Floor samples are this far apart. Must stay below (doorway width −
    // walker diameter) or rooms behind narrow doors look disconnected.
    float cellSize = 0.25f;
    // Larger scenes are sampled coarser so the grid stays this many cells a side.
    uint32_t maxCellsPerAxis = 256;
    // "Indoors" is: a ceiling within this height above the floor and walls in
    // at least half of the directions around, or (no ceiling: roofless webxr
    // rooms) walls in all but one of eight directions. Metres.
    float maxCeilingHeight = 4.0f;
    float wallRange = 15.0f;
    // Openness is judged over a square this many metres each side of a spot.
    float openingRadius = 2.0f;
};

struct StartSpot {
    WalkerState walker;           // grounded, ready for step()
    glm::vec3 eye{0.0f};          // walker.feet + eye height
    glm::vec3 forward{0.0f, 0.0f, -1.0f};  // horizontal unit view direction
    float clearance = 0.0f;       // metres of walkable floor around the spot (grid estimate)
};

// Whether a visitor with feet at `feet` stands indoors, as `options` defines
// it. With `nearestWall`, also how far the nearest wall is at waist height
// in eight directions (options.wallRange when none is in reach).
bool standsIndoors(const CollisionWorld& world, const WalkerParams& params, const glm::vec3& feet,
                   const StartSpotOptions& options = {}, float* nearestWall = nullptr);

// Samples the floor on a grid, keeps spots where the walker stands indoors,
// joins neighbours a step apart into connected floors, and on the largest
// floor (the lowest of several alike: a block's ground floor) returns the spot
// with the most clearance and open floor around it: the middle of the biggest
// room, facing its widest open view. Error when
// nothing walkable is indoors, e.g. a single object such as a helmet: the
// caller then falls back to an orbit view.
Result<StartSpot> findStartSpot(const CollisionWorld& world, const WalkerParams& params,
                                const StartSpotOptions& options = {});

}  // namespace oh::nav
