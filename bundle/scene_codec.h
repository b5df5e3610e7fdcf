// The scene inside a tour bundle: the model as the viewer draws and walks it,
// stored so that opening a tour copies arrays and builds nothing — meshes
// already optimised, textures already block-compressed with their mips, the
// collision BVH built and the start spot found by the packer.
//
//   scene/structure   nodes, meshes (ranges into the geometry), materials,
//                     images, samplers, textures, cameras, lights
//   scene/geometry    every vertex as the GPU reads it (scene::PackedVertex,
//                     32 bytes, quantised) then every index
//   scene/textures/N  image N's pixels (scene::Image::pixels, as stored)
//   scene/collision   the collision world and the start spot
//
// Decoding checks every index and size (scene::checkScene,
// nav::checkCollisionWorld): a hostile part is refused, never followed.
#pragma once

#include <optional>
#include <vector>

#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "core/result.h"
#include "navigation/collision_world.h"
#include "navigation/start_spot.h"
#include "scene/scene.h"

namespace oh::bundle {

inline constexpr const char* kSceneStructurePart = "scene/structure";
inline constexpr const char* kSceneGeometryPart = "scene/geometry";
inline constexpr const char* kCollisionPart = "scene/collision";

struct BundledScene {
    scene::Scene scene;
    std::optional<nav::CollisionWorld> world;  // none: nothing to walk on
    std::optional<nav::StartSpot> start;       // none: no indoor spot (look from outside)
};

// The parts for `bundled`, to add to a bundle. Images are stored in whatever
// format they are in (the packer compresses them first).
std::vector<Part> encodeScene(const BundledScene& bundled);

// Reads the scene parts back. Errors name the bundle and the part.
Result<BundledScene> decodeScene(const BundleReader& reader);

}  // namespace oh::bundle
