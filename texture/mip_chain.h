// Making textures smaller: the mip chain down to 1x1 and the resize that fits
// a texture into the packer's size budget. Filters know what the texels mean
// (sRGB colour, linear data, normals) so averages come out right. Not for
// compression (bc7.h, bc45.h) or for choosing what to do with a texture
// (texture_encode.h).
#pragma once

#include <cstdint>
#include <vector>

#include "core/image.h"

namespace oh::texture {

enum class MipFilter : uint8_t {
    Srgb,    // RGB sRGB-encoded: averaged in linear light; alpha averaged as stored
    Linear,  // data (metallic-roughness, occlusion, masks): plain average of the stored values
    Normal,  // tangent-space normals, RGB = XYZ * 0.5 + 0.5: averaged, then made unit length again
};

// A level's side from the one above: max(1, n / 2), as Vulkan sizes mip levels.
inline constexpr uint32_t nextMipSize(uint32_t n) { return n > 1 ? n / 2 : 1; }

// Levels from width x height down to 1x1, both included (1 for a 1x1 image).
uint32_t mipLevelCount(uint32_t width, uint32_t height);

// Level 0 (a copy of `base`) and every smaller level down to 1x1. Each level
// is the area-weighted average of the one above it (2x2 texels for even
// sides; odd sides weigh the texels they cover partly), computed in floats
// from the level above before rounding, so rounding does not accumulate.
// `base` must be at least 1x1 with width * height * 4 bytes.
std::vector<RgbaImage> buildMipChain(const RgbaImage& base, MipFilter filter);

// `image` shrunk so that neither side exceeds `maxDimension` (>= 1), keeping
// the aspect ratio (sides rounded, at least 1): halved by 2x2 averages while a
// halving still stays at or above the target, then one area-weighted
// resample to the exact size. An image that already fits comes back as is.
RgbaImage resizeToBudget(const RgbaImage& image, uint32_t maxDimension, MipFilter filter);

}  // namespace oh::texture
