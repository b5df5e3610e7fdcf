// Model -> binary glTF 2.0 (.glb): one buffer holding geometry and the
// procedural textures as PNG, KHR_lights_punctual, KHR_texture_transform (the
// UVs are metres; materials scale them to their texture's tile size) and
// KHR_materials_emissive_strength. Byte-identical output for the same Model.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/result.h"
#include "tools/scene_generator/model.h"

namespace oh::scenegen {

std::vector<uint8_t> encodeGlb(const Model& model);

// encodeGlb + atomic write (no half-written file on failure; exit code 4).
Status writeGlb(const Model& model, const std::filesystem::path& path);

}  // namespace oh::scenegen
