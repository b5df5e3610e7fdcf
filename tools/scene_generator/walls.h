// Walls: each plan wall is cut at the junctions where other walls meet it
// (so each side of a piece faces one room), its ends are extended or cut back
// so corners close without overlapping faces (no z-fighting), and openings
// are cut out of it as quads around them, with reveals.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "tools/scene_generator/mesh_builder.h"
#include "tools/scene_generator/plan.h"

namespace oh::scenegen {

// A run of one plan wall between junctions. Distances are metres along the
// wall from its `from` end; side 0 faces the wall's left (+normal), side 1 the right.
struct WallPiece {
    float start = 0.0f, end = 0.0f;          // on the centre line
    float extendStart = 0.0f, extendEnd = 0.0f;  // > 0 longer (owns the corner), < 0 cut back to a crossing wall's face
    bool capStart = false, capEnd = false;   // end faces where nothing meets the wall
    std::string room[2];                     // room on each side; empty: outside
    float skirtStart[2] = {0, 0}, skirtEnd[2] = {0, 0};  // skirting run on each side, metres along the wall
    std::vector<Opening> openings;           // `at` along the wall, as in the plan
};

struct WallLayout {
    glm::vec2 origin{0.0f}, direction{1.0f, 0.0f}, normal{0.0f, 1.0f};  // plan space
    std::vector<WallPiece> pieces;
};

// Errors name the plan file and opening: one that crosses a junction.
Result<WallLayout> layoutWall(const Plan& plan, size_t wallIndex);

// Placement of the wall's local frame (x along, y up, z along the normal) in the plan.
glm::mat4 wallFrame(const WallLayout& layout);

// Materials a wall needs, as Model indices.
struct WallMaterials {
    uint32_t facade = 0, skirting = 0;
    std::vector<uint32_t> roomWalls;  // by plan room index
};

// The wall's faces, reveals, caps, top and skirting, in plan coordinates.
void buildWall(const Plan& plan, const Wall& wall, const WallLayout& layout, const WallMaterials& materials,
               MeshBuilder& builder);

}  // namespace oh::scenegen
