// openhouse-pack's main path: a listing folder (or a bare glTF/GLB model) in,
// one tour bundle out, through the stages in order — read the listing, import
// the model, optimise its meshes, find where to walk and start, compress its
// textures, encode the pictures, resolve the panoramas' hotspots, write the
// manifest and the bundle.
//
// The output is deterministic (same input, same bytes, whatever the core
// count) and atomic: nothing appears under the output's name unless packing
// succeeded.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>

#include "core/result.h"
#include "tools/pack/progress.h"

namespace oh::pack {

struct PackOptions {
    std::filesystem::path input;   // a listing folder (with listing.json), or a .gltf/.glb
    std::filesystem::path output;  // the .tour to write
    std::optional<std::filesystem::path> signingKey;  // a secret key from `openhouse-pack keygen`
    uint32_t maxTextureSize = 2048;
    // Compressed pictures and textures reused by what went in (encode_cache.h); none: all compressed afresh.
    std::optional<std::filesystem::path> cacheFolder;
    unsigned threads = 0;      // 0: one per core
    ProgressBar::Mode progress = ProgressBar::Mode::Lines;
    std::function<bool()> cancelled;  // polled between stages and parts (Ctrl+C)
};

// Where the time went, for the summary line and the benchmarks. Thread-seconds
// are summed over all cores; the rest are wall-clock.
struct PackReport {
    double readSeconds = 0.0;      // listing.json and the model's import (its images decoded)
    double meshSeconds = 0.0;      // mesh optimisation
    double walkSeconds = 0.0;      // collision world and start spot
    double textureSeconds = 0.0;   // model textures: resize, mips, compression
    double pictureSeconds = 0.0;   // photos, panoramas, the listing's floor plan
    double planSeconds = 0.0;      // the floor plan drawn from the model
    // The picture and texture stages' jobs, summed over the threads:
    double decodeThreadSeconds = 0.0;    // photos and panoramas through libvips (and cube projection)
    double resizeThreadSeconds = 0.0;    // resizing to the budget, thumbnails, mip chains
    double compressThreadSeconds = 0.0;  // BC7, BC5, BC4
    double writeSeconds = 0.0;     // hashing, signing, writing
    double totalSeconds = 0.0;
    uint64_t bundleBytes = 0;
    unsigned cacheHits = 0, cacheMisses = 0;  // images taken from --cache, and compressed
};

// Errors: bad input (exit 2) naming the file and the problem; an unwritable
// output (exit 4). Either way no bundle is left at the output path.
Result<PackReport> packTour(const PackOptions& options);

// "openhouse-pack 0.1.0": recorded in every manifest.
const char* packerVersion();

}  // namespace oh::pack
