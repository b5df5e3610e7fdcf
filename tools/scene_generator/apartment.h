// Plan -> the parts of one apartment: meshes appended to a Model plus the
// nodes that place them, named for the viewer ("Floor/<room>",
// "Ceiling/<room>", "Wall/<wall>", "Door/<wall>/<n>", "Window/<wall>/<n>",
// "Furniture/<room>/<type>", "Lamp/<room>"). The block generator places the
// same parts many times, so meshes are shared through a MeshCache.
#pragma once

#include <map>
#include <string>

#include "core/result.h"
#include "tools/scene_generator/model.h"
#include "tools/scene_generator/plan.h"

namespace oh::scenegen {

// Meshes already in a Model, by what they were built from, so identical
// furniture, doors and windows become one mesh referenced by many nodes.
using MeshCache = std::map<std::string, uint32_t>;

// Index of each plan material in the Model, added on first use.
uint32_t modelMaterial(Model& model, const Plan& plan, const std::string& name);

struct ApartmentOptions {
    bool lamps = true;  // point lights for lamps (the block leaves them out: hundreds of unshadowed lights)
};

// Appends the apartment's meshes to `model` (reusing `cache`) and returns the
// root node of the apartment, named `rootName`, with everything under it.
// Errors name the plan file and field (an opening that crosses a wall junction).
Result<uint32_t> buildApartment(const Plan& plan, Model& model, MeshCache& cache, const std::string& rootName,
                                const ApartmentOptions& options = {});

// A whole scene for one plan: the apartment plus the sun.
Result<Model> buildApartmentScene(const Plan& plan);

// Adds a node with the plan's directional sun (none when its intensity is 0).
void addSun(const Plan& plan, Model& model);

}  // namespace oh::scenegen
