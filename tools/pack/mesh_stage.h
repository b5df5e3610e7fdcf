// Packer stage: the model's meshes made ready for the GPU and the walk — each
// primitive's duplicate vertices merged and its triangles and vertices
// reordered for the GPU's vertex cache and fetch (meshoptimizer) — and the
// collision world and start spot computed once here so the viewer builds
// nothing when it opens the tour.
//
// Not for textures (texture_stage.h).
#pragma once

#include "bundle/scene_codec.h"
#include "scene/scene.h"

namespace oh::pack {

struct MeshStats {
    uint64_t verticesBefore = 0;
    uint64_t verticesAfter = 0;
    double acmrBefore = 0.0;  // average cache miss ratio (transformed vertices per triangle), 32-entry cache
    double acmrAfter = 0.0;
};

// Reorders every primitive of `scene` in place. Deterministic; the rendered
// triangles are unchanged (same triangles, same winding).
MeshStats optimizeMeshes(scene::Scene& scene);

// The scene with its collision world and start spot, as the viewer would
// build them (default walker). A scene with nothing to stand on has neither.
bundle::BundledScene prepareWalk(scene::Scene scene);

}  // namespace oh::pack
