// A floor plan made from the model itself, as geometry in metres: each storey
// seen from above with everything cut at 1.2 m over its floor (walls,
// window glass, door gaps and tall furniture in section; floors and what
// stands on them in a height map below), and its rooms with names and
// areas. The packer stores it drawn in the bundle; the viewer draws it as a
// minimap; `openhouse-pack plan` prints it (plan_drawing.h draws it).
//
// Plan coordinates: x is the model's x, y is the model's z (so the model's
// -Z, the listing's heading 0, is up on paper).
//
// Not for: drawing (plan_drawing.h), finding the rooms (rooms/rooms.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "navigation/collision_world.h"
#include "rooms/rooms.h"

namespace oh::plan {

// A room to name on the plan: where it is and, when the listing says, its area.
struct RoomSeed {
    std::string name;
    glm::vec3 floorPoint{0.0f};        // on its floor
    std::optional<double> listedArea;  // m², from the listing
};

// The listing's spots with their areas when the rooms are the listing's
// (same order); else the rooms found from the floors, without areas.
std::vector<RoomSeed> roomSeeds(const rooms::TourRooms& rooms, std::span<const std::optional<double>> listedAreas);

struct PlanOptions {
    float cutHeight = 1.2f;  // metres above each floor
    float cellSize = 0.01f;  // metres per height-map cell (made coarser for very large models)
};

// A closed outline or an open line of the section, in plan coordinates.
struct Outline {
    std::vector<glm::vec2> points;
    bool closed = false;
};

// What one solid (a scene instance) leaves in the section: its outlines.
// Furniture's close into loops, filled even-odd; a wall's often do not (its
// faces stop where another wall joins it), so walls are filled from
// Storey::walls instead.
struct Section {
    std::vector<Outline> outlines;
    bool structure = false;  // floor-to-ceiling (a wall); else furniture, a frame
};

struct PlanRoom {
    std::string name;
    glm::vec2 labelAt{0.0f};  // plan coordinates
    double area = 0.0;        // m²
    bool areaListed = false;  // from the listing, else measured from the floor
};

// What lies below the cut, seen from above, one cell per `cellSize`: the
// highest surface's height over the storey's floor; NaN where nothing is.
struct HeightMap {
    glm::vec2 origin{0.0f};  // plan coordinates of cell (0, 0)'s corner
    float cellSize = 0.01f;
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<float> heights;  // row-major, row 0 at origin.y (north)
    std::vector<uint8_t> walls;  // per cell: 1 inside a wall at the cut
    float at(uint32_t x, uint32_t y) const { return heights[size_t(y) * width + x]; }
    bool wallAt(uint32_t x, uint32_t y) const { return walls[size_t(y) * width + x] != 0; }
};

struct Storey {
    float floorY = 0.0f;    // the model's height of its floor
    float ceilingY = 0.0f;  // of its ceiling (floorY + 2.6 when none was found)
    std::vector<Section> sections;
    std::vector<std::pair<glm::vec2, glm::vec2>> glass;  // window panes in section
    HeightMap below;
    std::vector<PlanRoom> rooms;
    glm::vec2 min{0.0f}, max{0.0f};  // what the plan shows, plan coordinates
};

struct FloorPlan {
    std::vector<Storey> storeys;  // lowest first
};

// The plan of a walkable model. Errors (kExitBadInput): no rooms to draw
// ("no floor to stand on"), nothing cut at the rooms' height.
Result<FloorPlan> makeFloorPlan(const nav::CollisionWorld& world, std::span<const RoomSeed> rooms,
                                const PlanOptions& options = {});

}  // namespace oh::plan
