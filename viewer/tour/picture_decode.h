// A picture of a tour bundle (a photo, its thumbnail, a floor plan) decoded
// to RGBA on the CPU, at the mip level a use needs: the gallery's
// thumbnails, the table's card, the minimap.
//
// Not for: pictures on the GPU (tour_media.h uploads them as stored).
#pragma once

#include <cstdint>

#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "core/image.h"
#include "core/result.h"

namespace oh::viewer {

// A listing picture from its bundle as RGBA: the first mip level of `part`
// (of `kind`) no taller than `height`, else its smallest. Errors: a damaged
// or missing part, a format that is no picture's.
Result<RgbaImage> decodePictureAtMost(const bundle::BundleReader& bundle, const bundle::ImagePart& part,
                                      bundle::PartKind kind, uint32_t height);

}  // namespace oh::viewer
