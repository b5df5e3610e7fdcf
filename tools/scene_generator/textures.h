// Procedural PBR textures, made at build time (no third-party images): oak
// floorboards, ceramic tiles, painted plaster, fabric weave, brushed metal and
// furniture wood. Each pattern is one tileable texture set; materials tint it
// with their colour and scale it to their tile size. Deterministic: the same
// pattern always gives the same PNG bytes.
#pragma once

#include <cstdint>
#include <vector>

#include "tools/scene_generator/plan.h"

namespace oh::scenegen {

struct TextureSet {
    Pattern pattern = Pattern::Plain;
    std::vector<uint8_t> baseColorPng;          // sRGB; near white where materials tint it
    std::vector<uint8_t> normalPng;             // tangent space, +Y along +v (see mesh_builder.h)
    std::vector<uint8_t> metallicRoughnessPng;  // G: roughness relative to the material's, B: metal
};

// The texture set of `pattern` (not Pattern::Plain, which has no textures).
TextureSet makeTextureSet(Pattern pattern);

// Metres one texture spans as drawn (the default tile size of materials that
// use it; another tile size only scales the relief a little).
float patternMetres(Pattern pattern);

// Side length in pixels of a pattern's textures (oak is the largest: it covers most floors).
uint32_t textureSize(Pattern pattern);

}  // namespace oh::scenegen
