// A synthetic apartment block for scale benchmarks: the plan repeated in
// floors of four (two side by side, mirrored, and two more back to back,
// turned round), with wall paints and floor tones varied per apartment.
// Meshes and textures are shared: every chair in the block is one mesh, every
// variant's walls one mesh per wall, so instanced drawing has work to batch.
#pragma once

#include "core/result.h"
#include "tools/scene_generator/model.h"
#include "tools/scene_generator/plan.h"

namespace oh::scenegen {

// `apartments` apartments (1..1000). Lamps keep their glowing shades but no
// point lights: hundreds of unshadowed lights would swamp the benchmark.
Result<Model> buildBlock(const Plan& plan, int apartments);

}  // namespace oh::scenegen
