// `openhouse-pack export TOUR --gltf DIR`: the way out of a tour bundle, so a
// tour is never locked in. Writes a bundle's scene as plain glTF 2.0 that any
// tool opens:
//
//   DIR/scene.gltf            nodes (local TRS), meshes, materials, textures,
//                             samplers, cameras, KHR_lights_punctual
//   DIR/scene.bin             every vertex attribute and index, one buffer
//   DIR/textures/image-N.png  image N's base level as RGBA8 PNG (block-
//                             compressed images decoded first)
//
// What is not exported: the collision world and the start spot (the viewer
// rebuilds both from the scene), the mip levels below the base (any tool makes
// its own), the listing (manifest.json has it).
#pragma once

#include <filesystem>

#include "bundle/scene_codec.h"
#include "core/result.h"

namespace oh::pack {

struct ExportOptions {
    // false: a folder that holds anything is refused, so an export never
    // mixes with someone's files. true: files of the same names are replaced;
    // other files in the folder are left as they are.
    bool overwrite = false;
};

// Writes `bundled.scene` into `folder` (created with its parents if missing).
// The same scene gives the same bytes. Each file is written atomically and
// scene.gltf last, so a scene.gltf that exists always finds its .bin and PNGs.
// Scene node N is glTF node N; mesh instances, cameras and lights that do not
// sit on their node's transform get extra child nodes after those. Read back
// by gltf::importFile, the scene has the same triangles, materials, bounds,
// cameras (in the same order) and lights, and each image's base level as the
// bundle decodes it.
// Only extensions the scene needs are declared (KHR_texture_transform,
// KHR_materials_emissive_strength, KHR_materials_unlit, KHR_lights_punctual),
// none as required. Errors name the folder: a scene that fails
// scene::checkScene (kExitBadInput; decodeScene's output always passes), a
// folder that exists and is not empty without `overwrite`, or a path that
// cannot be created or written (kExitIo).
Status exportGltf(const bundle::BundledScene& bundled, const std::filesystem::path& folder,
                  const ExportOptions& options = {});

}  // namespace oh::pack
