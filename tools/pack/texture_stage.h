// Packer stage: every image of the model made GPU-ready — resized to the
// texture budget, its full mip chain made, block-compressed in the format
// its use calls for (texture/texture_encode.h): BC7 for colour and packed
// data, BC5 for a normal map, BC4 for a lone occlusion map. Images are
// encoded in parallel; the result is the same whatever the thread count.
//
// Not for listing photos and panoramas (picture_stage.h).
#pragma once

#include <vector>

#include "core/result.h"
#include "scene/scene.h"
#include "texture/texture_encode.h"
#include "tools/pack/encode_cache.h"
#include "tools/pack/progress.h"

namespace oh::pack {

struct TextureStageOptions {
    uint32_t maxTextureSize = 2048;  // longest side after resizing
    unsigned threads = 0;            // 0: one per core
    EncodeCache* cache = nullptr;    // none: every texture compressed afresh
};

struct TextureStageStats {
    uint32_t images = 0;
    uint64_t rgbaBytes = 0;     // the same images as RGBA8 with full mips: what an unpacked upload takes
    uint64_t encodedBytes = 0;  // as stored and uploaded
    double resizeSeconds = 0.0;    // summed over the jobs: resizing and mip chains
    double compressSeconds = 0.0;  // summed over the jobs: block compression
    double seconds = 0.0;          // wall
};

// How each image of `scene` is used, from the material slots that read it.
// An image read in several ways gets the format that serves them all.
std::vector<texture::TextureUsage> imageUsages(const scene::Scene& scene);

// Replaces every image's RGBA8 pixels with its encoded mip chain.
// Errors name the image.
Result<TextureStageStats> compressTextures(scene::Scene& scene, const TextureStageOptions& options,
                                           ProgressBar& progress);

// The scene's pixel format for an encoded texture.
scene::PixelFormat pixelFormatOf(texture::BlockFormat format);

}  // namespace oh::pack
