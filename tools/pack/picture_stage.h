// Packer stage: the listing's pictures made GPU-ready — each photo at display
// size and as a catalog thumbnail, each 360° panorama as a cube map and a
// small preview cube, the floor plan — all BC7 with full mip chains, in
// parallel, named and indexed for the manifest.
//
//   photos/N/display    photo N, long edge at most kDisplayLongEdge
//   photos/N/thumbnail  photo N, long edge at most kThumbnailLongEdge
//   panoramas/N/cube    panorama N's cube (bundle::CubePart's layout)
//   panoramas/N/preview its preview cube
//   floorplan           the floor-plan image
//
// Not for the model's textures (texture_stage.h).
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "bundle/bundle_writer.h"
#include "bundle/manifest.h"
#include "core/result.h"
#include "listing/listing.h"
#include "tools/pack/encode_cache.h"
#include "tools/pack/progress.h"

namespace oh::pack {

struct PictureStageOptions {
    uint32_t maxPanoramaFaceSize = 2048;  // a headset GPU holds four such cubes with room to spare
    uint32_t previewFaceSize = 64;
    uint32_t maxFloorPlanSize = 4096;
    unsigned threads = 0;  // 0: one per core
    EncodeCache* cache = nullptr;  // none: every picture compressed afresh
};

// Seconds summed over the jobs (several run at once), and the wall time.
struct PictureStageStats {
    double decodeSeconds = 0.0;    // libvips: decoding, orientation, colour, shrinking on load; cube projection
    double resizeSeconds = 0.0;    // thumbnails and mip chains
    double compressSeconds = 0.0;  // BC7
    double seconds = 0.0;          // wall
};

struct PictureParts {
    std::vector<bundle::Part> parts;
    std::vector<bundle::PhotoParts> photos;  // one per listing photo
    std::vector<bundle::CubePart> panoramas; // one per listing panorama
    std::optional<bundle::ImagePart> floorPlan;
    PictureStageStats stats;
};

// Decodes and encodes every picture `listing` names, relative to `folder`.
// Errors name the file (a truncated JPEG, a panorama that is not 2:1, ...);
// with several bad files the first in listing order is reported.
Result<PictureParts> packPictures(const listing::Listing& listing, const std::filesystem::path& folder,
                                  const PictureStageOptions& options, ProgressBar& progress);

}  // namespace oh::pack
