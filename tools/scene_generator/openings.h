// What fills wall openings: door casings and linings (the doorways stay open
// for walking through), window frames with glass, an inside window board and
// an outside drip sill. Local frame: origin on the wall's centre line below
// the opening's middle, x along the wall, y up, +z out of the wall's side 0.
#pragma once

#include "tools/scene_generator/mesh_builder.h"
#include "tools/scene_generator/plan.h"

namespace oh::scenegen {

// Lining over the reveals plus casings on both faces.
void buildDoorFrame(const Opening& door, float wallThickness, uint32_t frameMaterial, MeshBuilder& builder);

// `insideSign`: +1 when the room is on +z (side 0), -1 when it is on -z.
void buildWindow(const Opening& window, float wallThickness, float insideSign, uint32_t frameMaterial,
                 uint32_t glassMaterial, uint32_t sillMaterial, MeshBuilder& builder);

}  // namespace oh::scenegen
